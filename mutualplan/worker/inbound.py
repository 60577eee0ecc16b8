"""Decide what one inbound message does: start a plan, apply a reply, or be set aside (and why).

Every message ends in exactly one place. `Disposition.applied` means its effect is durable in
Temporal (the workflow started, or the update completed), so the listener may file it as
processed; otherwise it is set aside with the reason. Errors that a later attempt may not hit
(Temporal or SMTP unreachable) raise `TryLater`, and the message stays in the inbox.
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime
from email.message import EmailMessage, Message

from pydantic import BaseModel, Field
from temporalio.client import Client, WorkflowQueryFailedError, WorkflowUpdateFailedError
from temporalio.common import WorkflowIDReusePolicy
from temporalio.exceptions import ApplicationError, WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode

from mutualplan.calendar.rsvp import Rsvp, read_rsvp
from mutualplan.changes import refusal_said
from mutualplan.errors import MailError, MutualPlanError, StartEmailError, UnknownTemplate
from mutualplan.languages import SHIPPED, language_for, language_for_plan, plan_in, wording
from mutualplan.mail.compose import OutgoingEmail, Renderer, compose
from mutualplan.mail.plan_emails import page_links
from mutualplan.mail.reading import (
    Reply,
    dmarc_result,
    parse_message,
    read_parsed_reply,
    read_parsed_start_email,
)
from mutualplan.mail.send import SmtpSender
from mutualplan.mail.tokens import TokenClaims, plan_id_for, read_token
from mutualplan.models import (
    Intent,
    Phrase,
    PlanInput,
    ReplyCommand,
    ReplyOutcome,
    RsvpCommand,
    phrase,
)
from mutualplan.planning import build_plan, load_template, template_names
from mutualplan.report import format_plan
from mutualplan.settings import Settings
from mutualplan.workflows.plan import PlanWorkflow

log = logging.getLogger(__name__)
HELP_INTERVAL = 3600.0
_TRANSIENT = {RPCStatusCode.UNAVAILABLE, RPCStatusCode.DEADLINE_EXCEEDED, RPCStatusCode.CANCELLED}


class Disposition(BaseModel):
    applied: bool
    reason: str
    refused: bool = Field(default=False, description="the plan said no: tell the sender why")
    said: Phrase | None = Field(default=None, description="the refusal, to say in their language")


class TryLater(MutualPlanError):
    """A dependency is down; leave the message where it is and try again later."""


class InboundRouter:
    def __init__(
        self, settings: Settings, client: Client, sender: SmtpSender, renderer: Renderer
    ) -> None:
        self._settings = settings
        self._client = client
        self._sender = sender
        self._renderer = renderer
        self._secret = settings.secret_bytes()
        self._helped: dict[str, float] = {}

    async def handle(self, raw: bytes) -> Disposition:
        msg = parse_message(raw)  # once: the RSVP check below reads the same message
        reply = read_parsed_reply(msg, raw)
        if not reply.sender:
            why = f"automated mail ({reply.automated_reason})" if reply.automated else ""
            return Disposition(applied=False, reason=why or "no readable sender")
        if len(msg.get_all("from") or []) > 1:  # RFC 5322: one From; a second one is a forgery
            return Disposition(applied=False, reason="more than one From header")
        if self._is_own(reply.sender):
            return Disposition(applied=False, reason="sent by the engine itself")
        rsvp = read_rsvp(msg)
        if rsvp is not None:
            return await self._record_rsvp(reply, rsvp)
        if reply.automated:
            return Disposition(applied=False, reason=f"automated mail ({reply.automated_reason})")
        authserv = self._settings.trusted_authserv_id
        if authserv and dmarc_result(reply.authentication_results, authserv) == "fail":
            return Disposition(applied=False, reason="held: DMARC failed for the sender's domain")
        tag = self._plans_tag(reply)
        claims = self._claims(tag, reply)
        if claims is not None:
            return await self._apply(reply, claims)
        if tag:
            return await self._start(msg, raw, reply, tag)
        return Disposition(applied=False, reason="not a reply to a plan email nor a start email")

    # --- starting plans ---------------------------------------------------------------------

    async def _start(self, msg: Message, raw: bytes, reply: Reply, tag: str) -> Disposition:
        if not self._settings.may_start_plans(reply.sender):
            return Disposition(applied=False, reason=f"{reply.sender} may not start plans")
        try:
            template = load_template(tag)
            request = read_parsed_start_email(
                msg, raw, template=tag, own_addresses=self._own_addresses(), text=reply.text
            )
            plan = build_plan(
                template,
                request,
                plan_id=plan_id_for(request.message_id),
                now=datetime.now(UTC),
                timezone=self._settings.timezone,
            )
        except UnknownTemplate as exc:
            words = wording(self._settings.language)
            subject = words.say(phrase("No such plan template: {subject}", subject=reply.subject))
            await self._answer(reply, subject, self._unknown_template(exc.name, words.code))
            return Disposition(applied=False, reason=str(exc))
        except StartEmailError as exc:
            language = self._settings.language
            text = self._renderer.text(
                "start-failed", language=language, subject=reply.subject, reason=str(exc)
            )
            failed = phrase("No plan was started: {subject}", subject=reply.subject)
            await self._answer(reply, wording(language).say(failed), text)
            return Disposition(applied=False, reason=str(exc))
        try:
            await self._client.start_workflow(
                PlanWorkflow.run,
                PlanInput(plan=plan),
                id=plan.id,
                task_queue=self._settings.task_queue,
                id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
            )
        except WorkflowAlreadyStartedError:
            return Disposition(applied=True, reason=f"plan {plan.id} was already started")
        except RPCError as exc:
            raise self._rpc(exc) from None
        log.info("started plan %s (%s) for %s", plan.id, plan.deal, plan.seller.email)
        return Disposition(applied=True, reason=f"started plan {plan.id}")

    def _unknown_template(self, name: str, language: str) -> str:
        templates = []
        for available in template_names():
            t = load_template(available)
            address = f"{self._settings.plans_mailbox}+{t.name}@{self._settings.domain}"
            templates.append({"address": address, "title": t.title, "count": len(t.milestones)})
        return self._renderer.text(
            "unknown-template", language=language, name=name, templates=templates
        )

    # --- replies ----------------------------------------------------------------------------

    async def _apply(self, reply: Reply, claims: TokenClaims) -> Disposition:
        if reply.intent is Intent.STATUS:
            return await self._answer_status(reply, claims)
        if reply.intent in (Intent.HELP, Intent.UNKNOWN):
            understood = reply.intent is Intent.HELP
            await self._answer_help(reply, claims, not_understood=not understood)
            if understood:
                return Disposition(applied=True, reason="sent help")
            first_line = reply.text.strip().split("\n", 1)[0][:80]
            return Disposition(applied=False, reason=f"not understood: {first_line!r}")
        command = ReplyCommand(
            message_id=reply.message_id,
            sender=reply.sender,
            milestone_number=reply.step or claims.milestone_number or None,
            token_stakeholder_id=claims.stakeholder_id,
            intent=reply.intent,
            argument=reply.argument,
            received_at=datetime.now(UTC),
            more=reply.more,
            # the language reply reading heard, once it records one (a field of its Reply)
            language=getattr(reply, "language", None),
        )
        disposition = await self._update(claims.plan_id, "apply_reply", command)
        if disposition.refused:
            language = await self._language_of(reply, claims)
            await self._answer_once_an_hour(
                reply,
                wording(language).say(phrase("Your answer did not change the plan")),
                self._renderer.text(
                    "refused",
                    language=language,
                    reason=disposition.said or disposition.reason,
                    text=reply.text,
                ),
            )
        return disposition

    async def _update(
        self,
        plan_id: str,
        update: str,
        command: ReplyCommand | RsvpCommand,
    ) -> Disposition:
        """Send one update; its id comes from the Message-ID, so a retry is applied once."""
        handle = self._client.get_workflow_handle(plan_id)
        try:
            outcome = await handle.execute_update(
                update,
                command,
                id=f"mail-{plan_id_for(command.message_id)}",
                result_type=ReplyOutcome,
            )
        except WorkflowUpdateFailedError as exc:
            cause = exc.cause
            if isinstance(cause, ApplicationError):
                refused = cause.type == "Refused"
                return Disposition(
                    applied=False,
                    reason=cause.message,
                    refused=refused,
                    said=refusal_said(cause.details),
                )
            return Disposition(applied=False, reason=str(cause))
        except RPCError as exc:
            if exc.status in _TRANSIENT:
                raise self._rpc(exc) from None
            return Disposition(applied=False, reason=f"plan {plan_id}: {exc.message}")
        return Disposition(applied=True, reason=outcome.summary)

    async def _record_rsvp(self, reply: Reply, rsvp: Rsvp) -> Disposition:
        """An Accept/Decline from a calendar: matched by the token in the organizer's address."""
        organizer_tag = self._tag_of(rsvp.organizer or "")
        claims = self._claims(organizer_tag or self._plans_tag(reply), reply)
        if claims is None:
            return Disposition(applied=False, reason="a calendar answer to no plan of ours")
        command = RsvpCommand(
            message_id=reply.message_id,
            sender=reply.sender,
            token_stakeholder_id=claims.stakeholder_id,
            uid=rsvp.uid,
            sequence=rsvp.sequence,
            attendee=rsvp.attendee,
            partstat=rsvp.partstat.value,
            recurrence_id=rsvp.call,
            dtstamp=rsvp.dtstamp,
        )
        return await self._update(claims.plan_id, "record_rsvp", command)

    async def _answer_status(self, reply: Reply, claims: TokenClaims) -> Disposition:
        handle = self._client.get_workflow_handle(claims.plan_id)
        try:
            plan = await handle.query(PlanWorkflow.current_plan)
        except RPCError as exc:
            if exc.status in _TRANSIENT:
                raise self._rpc(exc) from None
            return Disposition(applied=False, reason=f"plan {claims.plan_id}: {exc.message}")
        person = plan.stakeholder_by_email(reply.sender)
        if person is None:
            return Disposition(applied=False, reason=f"{reply.sender} is not on the plan")
        words = wording(language_for(person, plan, self._settings.language))
        plan = plan_in(plan, words.code)
        text = words.say(phrase("Hi,\n\nHere is where {deal} stands.", deal=plan.deal))
        text += f"\n\n{format_plan(plan, datetime.now(UTC), words)}\n"
        links = page_links(plan, person, None, self._settings, datetime.now(UTC))
        if links is not None:
            text += "\n" + words.say(phrase("The whole plan, always up to date (your own link):"))
            text += f"\n  {links.page}\n"
        await self._answer(reply, f"[{plan.deal}] {words.say(phrase('Status'))}", text)
        return Disposition(applied=True, reason="sent the plan's status")

    async def _answer_help(
        self, reply: Reply, claims: TokenClaims, *, not_understood: bool
    ) -> None:
        language = await self._language_of(reply, claims)
        text = self._renderer.text("help", language=language, not_understood=not_understood)
        subject = wording(language).say(phrase("How to answer a plan email"))
        await self._answer_once_an_hour(reply, subject, text)

    async def _language_of(self, reply: Reply, claims: TokenClaims) -> str:
        """The language the sender reads on their plan (asked of the plan; an answer goes out
        at most once an hour), else the one their reply was read in, else the default."""
        heard = getattr(reply, "language", None)  # once reply reading records it
        try:
            plan = await self._client.get_workflow_handle(claims.plan_id).query(
                PlanWorkflow.current_plan
            )
        except (RPCError, WorkflowQueryFailedError) as exc:
            log.info("plan %s: language not known: %s", claims.plan_id, exc)
            return heard if heard in SHIPPED else self._settings.language
        person = plan.stakeholder_by_email(reply.sender)
        if person is not None and (person.language_given or not heard):
            return language_for(person, plan, self._settings.language)
        return heard if heard in SHIPPED else language_for_plan(plan, self._settings.language)

    async def _answer_once_an_hour(self, reply: Reply, subject: str, text: str) -> None:
        """At most one such answer per sender an hour, so two engines can never ping-pong."""
        now = time.monotonic()
        if now - self._helped.get(reply.sender, -HELP_INTERVAL) < HELP_INTERVAL:
            log.info("not answering %s again within the hour", reply.sender)
            return
        self._helped[reply.sender] = now
        await self._answer(reply, subject, text)

    def _claims(self, tag: str | None, reply: Reply) -> TokenClaims | None:
        """From the reply address, or, where plus-addressing was lost, from In-Reply-To."""
        if tag and (claims := read_token(self._secret, tag)):
            return claims
        for reference in reply.references:
            local, _, domain = reference.partition("@")
            if domain == self._settings.domain:
                claims = read_token(self._secret, local.split(".", 1)[0])
                if claims:
                    return claims
        return None

    # --- helpers ----------------------------------------------------------------------------

    def _plans_tag(self, reply: Reply) -> str | None:
        return next((tag for a in reply.recipients if (tag := self._tag_of(a))), None)

    def _tag_of(self, address: str) -> str | None:
        """`token` of plans+token@domain (also from a mailto: URI), else None."""
        address = address.lower().removeprefix("mailto:")
        local, _, domain = address.partition("@")
        base, _, tag = local.partition("+")
        if domain == self._settings.domain.lower() and base == self._settings.plans_mailbox:
            return tag or None
        return None

    def _own_addresses(self) -> set[str]:
        return {self._settings.plans_address.lower()}

    def _is_own(self, sender: str) -> bool:
        local, _, domain = sender.partition("@")
        return (
            domain == self._settings.domain and local.split("+")[0] == self._settings.plans_mailbox
        )

    async def _answer(self, reply: Reply, subject: str, text: str) -> None:
        """One short answer to a person (never to automated mail: the caller checked)."""
        outgoing = OutgoingEmail(
            sender=self._settings.plans_address,
            to=[reply.sender],
            subject=subject[:200],
            text=text,
            message_id=f"answer.{plan_id_for(reply.message_id + subject)}@{self._settings.domain}",
            in_reply_to=reply.message_id,
            references=[reply.message_id],
            sent_at=datetime.now(UTC),
        )
        message: EmailMessage = compose(outgoing)
        try:
            await self._sender.send(message)
        except MailError as exc:
            log.warning("could not answer %s: %s", reply.sender, exc)

    @staticmethod
    def _rpc(exc: RPCError) -> TryLater:
        return TryLater(f"Temporal: {exc.status.name if exc.status else ''} {exc.message}")
