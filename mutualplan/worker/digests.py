"""The activity behind the Monday digest: find every seller's plans, and email each seller once.

Plans are read from Temporal's list alone (search attributes and memo: no plan is queried, so
no plan's history is replayed), in one pass: each row is put aside by its seller in a file,
then read back one seller at a time, so memory holds a page of the list and then one seller's
plans (a hundred thousand plans' rows would not fit in the worker; a second pass, one list call
per seller, would read every row twice). The directory is injected so a test can name the plans
instead.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import sqlite3
import tempfile
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from temporalio import activity
from temporalio.client import Client

from mutualplan.client.plan_list import PlanFilter, plan_rows
from mutualplan.digest import SellerDigest, seller_digest
from mutualplan.header_text import mailbox
from mutualplan.languages import Wording, wording
from mutualplan.links import CockpitLinks
from mutualplan.mail.compose import OutgoingEmail, Renderer, compose
from mutualplan.mail.send import MailSender
from mutualplan.messages import DigestReport, DigestRequest
from mutualplan.models import plural_phrase
from mutualplan.plan_rows import PlanSummary
from mutualplan.settings import Settings

log = logging.getLogger(__name__)
READ_BACK = 500  # rows read back from the file at a time
HEARTBEAT_SECONDS = 30  # the digest workflow gives the activity two minutes between heartbeats


class PlanDirectory(Protocol):
    def by_seller(self, since: datetime) -> AsyncIterator[list[PlanSummary]]:
        """Each seller's plans open now or closed since `since`, seller after seller in the
        order of their addresses."""
        ...

    async def plans_of(self, seller: str, since: datetime) -> list[PlanSummary]: ...


class TemporalPlans:
    """Plans open now or closed since `since`, by Temporal's list (paginated)."""

    def __init__(self, client: Client) -> None:
        self._client = client

    async def by_seller(self, since: datetime) -> AsyncIterator[list[PlanSummary]]:
        where = PlanFilter(open_or_closed_since=since)
        with tempfile.TemporaryDirectory(prefix="mutualplan-digest-") as folder:
            aside = RowsAside(Path(folder) / "rows.sqlite3")
            try:
                async for row in plan_rows(self._client, where):
                    aside.add(row)
                sellers = aside.by_seller()
                while batch := await asyncio.to_thread(_next_seller, sellers):
                    yield batch
            finally:
                aside.close()

    async def plans_of(self, seller: str, since: datetime) -> list[PlanSummary]:
        where = PlanFilter(sellers=[seller], open_or_closed_since=since)
        return [row async for row in plan_rows(self._client, where)]


class RowsAside:
    """List rows put aside in a SQLite file by seller, to be read back a seller at a time."""

    def __init__(self, path: Path) -> None:
        # read back in a thread (the sort by seller takes a moment at 100,000 rows)
        self._db = sqlite3.connect(path, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=OFF")  # a scratch file: nothing to recover
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.execute("CREATE TABLE rows (seller TEXT NOT NULL, row TEXT NOT NULL)")

    def add(self, row: PlanSummary) -> None:
        self._db.execute("INSERT INTO rows VALUES (?, ?)", (row.seller, row.model_dump_json()))

    def by_seller(self) -> Iterator[list[PlanSummary]]:
        """The rows, one seller's at a time, sellers in address order."""
        self._db.commit()
        cursor = self._db.execute("SELECT seller, row FROM rows ORDER BY seller, rowid")
        theirs: list[PlanSummary] = []
        current = None
        while found := cursor.fetchmany(READ_BACK):
            for seller, row in found:
                if seller != current and theirs:
                    yield theirs
                    theirs = []
                current = seller
                theirs.append(PlanSummary.model_validate_json(row))
        if theirs:
            yield theirs

    def close(self) -> None:
        self._db.close()


async def _heartbeat_meanwhile(done: Callable[[], str]) -> None:
    """Tell Temporal the activity is alive (and how far it got) while it reads the list."""
    while True:
        await asyncio.sleep(HEARTBEAT_SECONDS)
        activity.heartbeat(done())


def _next_seller(sellers: Iterator[list[PlanSummary]]) -> list[PlanSummary] | None:
    return next(sellers, None)


class DigestActivities:
    def __init__(
        self,
        settings: Settings,
        directory: PlanDirectory,
        sender: MailSender,
        renderer: Renderer,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        """`clock`: when the digests go out, if later than the workflow asked (the activity
        retried until the mail server was back); a test's own."""
        self._clock = clock or (lambda: datetime.now(UTC))
        self._settings = settings
        self._directory = directory
        self._sender = sender
        self._renderer = renderer

    @activity.defn
    async def send_seller_digests(self, request: DigestRequest) -> DigestReport:
        # a retried activity skips the sellers it already emailed: those up to the last one
        # its heartbeat names (sellers come in the order of their addresses)
        details = activity.info().heartbeat_details
        done = str(details[0]) if details else ""
        sent = plans = 0
        # a digest sent later than asked (retried for hours) covers, and says, up to now
        now = max(request.now, self._clock())
        # the list is read whole before the first seller: minutes at 100,000 plans
        beating = asyncio.create_task(_heartbeat_meanwhile(lambda: done))
        try:
            async for rows in self._directory.by_seller(request.since):
                seller = rows[0].seller
                if seller <= done:
                    continue
                digest = seller_digest(
                    rows,
                    request.since,
                    now,
                    due=request.due or request.now,
                    timezone=self._settings.timezone,
                )
                if digest is not None:
                    await self._sender.send(compose(self.digest_email(digest, now)))
                    sent, plans = sent + 1, plans + len(digest.plans)
                done = seller
                activity.heartbeat(done)
        finally:
            beating.cancel()
        log.info("sent %d seller digests about %d plans", sent, plans)
        return DigestReport(sellers=sent, plans=plans, sent_at=now)

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
            sender=mailbox("mutualplan", settings.plans_address),
            to=[mailbox(digest.seller_name, digest.seller_email)],
            subject=subject,
            text=self._renderer.text("seller-digest", language=language, **context),
            html=self._renderer.html("seller-digest", language=language, **context),
            message_id=f"digest.{week}.{who}@{settings.domain}",
            sent_at=now,
        )


def digest_subject(digest: SellerDigest, words: Wording) -> str:
    count, risky = len(digest.plans), len(digest.at_risk)
    if digest.since is None:
        plans = plural_phrase(
            "Your plans this week: {count} plan", "Your plans this week: {count} plans", count
        )
    else:
        plans = plural_phrase(
            "Your plans since {since}: {count} plan",
            "Your plans since {since}: {count} plans",
            count,
            since=digest.since,
        )
    risk = plural_phrase("{count} at risk", "{count} at risk", risky)
    return words.listed([words.say(plans), words.say(risk)] if risky else [words.say(plans)])
