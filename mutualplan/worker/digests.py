"""The activity behind the Monday digest: find every seller's plans, and email each seller once.

Plans are found by Temporal's visibility (open ones, and those closed since the last digest)
and read by their query; the directory is injected so a test can name the plans instead.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from datetime import datetime
from typing import Any, Protocol

from temporalio import activity
from temporalio.client import Client, WorkflowQueryFailedError
from temporalio.service import RPCError

from mutualplan.digest import DigestReport, DigestRequest, SellerDigest, seller_digests
from mutualplan.errors import MutualPlanError
from mutualplan.languages import Wording, wording
from mutualplan.mail.compose import OutgoingEmail, Renderer, address, compose
from mutualplan.mail.send import SmtpSender
from mutualplan.models import Plan, plural_phrase
from mutualplan.settings import Settings
from mutualplan.worker.control import get_plan

log = logging.getLogger(__name__)
READ_AT_ONCE = 20  # plan queries in flight while a digest is gathered


class PlanDirectory(Protocol):
    async def plans(self, since: datetime) -> list[Plan]: ...


class TemporalPlans:
    """Every plan open now or closed since `since`, by one visibility list and a query each."""

    def __init__(self, client: Client) -> None:
        self._client = client

    async def plans(self, since: datetime) -> list[Plan]:
        query = (  # a plan's earlier runs (it continues as new) are not plans of their own
            "WorkflowType = 'PlanWorkflow' AND ExecutionStatus != 'ContinuedAsNew' AND "
            f"(ExecutionStatus = 'Running' OR CloseTime >= '{since.isoformat()}')"
        )
        ids = [execution.id async for execution in self._client.list_workflows(query)]
        return await read_plans(self._client, ids)


async def read_plans(client: Client, ids: list[str]) -> list[Plan]:
    gate = asyncio.Semaphore(READ_AT_ONCE)

    async def read(plan_id: str) -> Plan | None:
        async with gate:
            try:
                return await get_plan(client, plan_id)
            except (MutualPlanError, RPCError, WorkflowQueryFailedError) as exc:
                # one plan that cannot be read spoils no digest
                log.warning("digest: cannot read plan %s: %s", plan_id, exc)
                return None

    return [plan for plan in await asyncio.gather(*map(read, ids)) if plan is not None]


class DigestActivities:
    def __init__(
        self,
        settings: Settings,
        directory: PlanDirectory,
        sender: SmtpSender,
        renderer: Renderer,
    ) -> None:
        self._settings = settings
        self._directory = directory
        self._sender = sender
        self._renderer = renderer

    @activity.defn
    async def send_seller_digests(self, request: DigestRequest) -> DigestReport:
        plans = await self._directory.plans(request.since)
        digests = seller_digests(plans, request.since, request.now)
        # a retried activity skips the sellers it already emailed (its last heartbeat says)
        details = activity.info().heartbeat_details
        done = int(details[0]) if details else 0
        for number, digest in enumerate(digests[done:], start=done + 1):
            await self._sender.send(compose(self.digest_email(digest, request.now)))
            activity.heartbeat(number)
        log.info("sent %d seller digests about %d plans", len(digests), len(plans))
        return DigestReport(sellers=len(digests), plans=sum(len(d.plans) for d in digests))

    def digest_email(self, digest: SellerDigest, now: datetime) -> OutgoingEmail:
        settings = self._settings
        week = digest.week_of.isoformat()
        who = hashlib.sha256(digest.seller_email.encode()).hexdigest()[:16]
        language = digest.language or settings.language
        subject = digest_subject(digest, wording(language))
        context: dict[str, Any] = {"digest": digest, "subject": subject}
        return OutgoingEmail(
            sender=address("mutualplan", settings.plans_address),
            to=[address(digest.seller_name, digest.seller_email)],
            subject=subject,
            text=self._renderer.text("seller-digest", language=language, **context),
            html=self._renderer.html("seller-digest", language=language, **context),
            message_id=f"digest.{week}.{who}@{settings.domain}",
            sent_at=now,
        )


def digest_subject(digest: SellerDigest, words: Wording) -> str:
    count, risky = len(digest.plans), len(digest.at_risk)
    plans = plural_phrase(
        "Your plans this week: {count} plan", "Your plans this week: {count} plans", count
    )
    risk = plural_phrase("{count} at risk", "{count} at risk", risky)
    return words.say(plans) + (", " + words.say(risk) if risky else "")
