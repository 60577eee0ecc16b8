"""The activity behind the Monday digest: find every seller's plans, and email each seller once.

Plans are read from Temporal's list alone (search attributes and memo: no plan is queried, so
no plan's history is replayed), seller by seller: one list call finds the sellers, then one per
seller reads their plans, so memory holds one seller's plans at a time. The directory is
injected so a test can name the plans instead.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import datetime
from typing import Any, Protocol

from temporalio import activity
from temporalio.client import Client

from mutualplan.digest import DigestReport, DigestRequest, SellerDigest, seller_digest
from mutualplan.languages import Wording, wording
from mutualplan.mail.compose import OutgoingEmail, Renderer, address, compose
from mutualplan.mail.send import SmtpSender
from mutualplan.models import plural_phrase
from mutualplan.plan_rows import PlanSummary
from mutualplan.settings import Settings
from mutualplan.web.links import CockpitLinks
from mutualplan.worker.plan_list import PlanFilter, plan_rows

log = logging.getLogger(__name__)


class PlanDirectory(Protocol):
    async def sellers(self, since: datetime) -> list[str]: ...

    async def plans_of(self, seller: str, since: datetime) -> list[PlanSummary]: ...


class TemporalPlans:
    """Plans open now or closed since `since`, by Temporal's list (paginated)."""

    def __init__(self, client: Client) -> None:
        self._client = client

    async def sellers(self, since: datetime) -> list[str]:
        where = PlanFilter(open_or_closed_since=since)
        found = {row.seller async for row in plan_rows(self._client, where)}
        return sorted(found)

    async def plans_of(self, seller: str, since: datetime) -> list[PlanSummary]:
        where = PlanFilter(sellers=[seller], open_or_closed_since=since)
        return [row async for row in plan_rows(self._client, where)]


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
        sellers = await self._directory.sellers(request.since)
        # a retried activity skips the sellers it already emailed (its last heartbeat says)
        details = activity.info().heartbeat_details
        done = int(details[0]) if details else 0
        sent = plans = 0
        for number, seller in enumerate(sellers[done:], start=done + 1):
            rows = await self._directory.plans_of(seller, request.since)
            digest = seller_digest(rows, request.since, request.now)
            if digest is not None:
                await self._sender.send(compose(self.digest_email(digest, request.now)))
                sent, plans = sent + 1, plans + len(digest.plans)
            activity.heartbeat(number)
        log.info("sent %d seller digests about %d plans", sent, plans)
        return DigestReport(sellers=sent, plans=plans)

    def cockpit_url(self, seller: str, now: datetime) -> str:
        base = self._settings.web_base_url
        if base is None:
            return ""
        links = CockpitLinks(
            self._settings.secret_bytes(), base_url=base, days=self._settings.cockpit_link_days
        )
        return links.url(seller, now)

    def digest_email(self, digest: SellerDigest, now: datetime) -> OutgoingEmail:
        settings = self._settings
        digest = digest.model_copy(update={"cockpit_url": self.cockpit_url(digest.seller_email,
                                                                            now)})  # fmt: skip
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
