"""The inbound router: read a message once, decide what it does, then do it.

    handle(raw) -> Disposition

Reading (`routing.facts`) and deciding (`routing.decision`) are pure; this module is the shell
that looks up what a decision asks for on Temporal, starts plans, runs updates and sends answers.

Every message ends in exactly one place. An APPLIED disposition means its effect is durable in
Temporal (the workflow started, the update completed) or the answer asked for was sent, so the
listener may file it as processed; any other outcome sets it aside with the reason. Errors that a
later attempt may not hit (Temporal unreachable) raise `TryLater`, and the message stays in the
inbox.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from temporalio.client import Client
from temporalio.common import WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode

from mutualplan.business_days import example_dates
from mutualplan.client.plans import TRANSIENT, update_plan
from mutualplan.errors import (
    BrokenTemplate,
    MailError,
    MutualPlanError,
    StartEmailError,
    TemporalUnavailable,
    UnknownTemplate,
)
from mutualplan.header_text import mailbox
from mutualplan.languages import SHIPPED, Wording, language_for, language_for_plan, plan_in, wording
from mutualplan.mail.compose import OutgoingEmail, Renderer, compose
from mutualplan.mail.plan_emails import page_links
from mutualplan.mail.reading_pool import TooLongToRead
from mutualplan.mail.send import MailSender
from mutualplan.mail.tokens import plan_id_for
from mutualplan.messages import PlanInput
from mutualplan.models import Phrase, Plan, phrase
from mutualplan.planning import build_plan
from mutualplan.questions import question_key
from mutualplan.report import format_plan
from mutualplan.routing.answering import REPLIES, ReplyWriter
from mutualplan.routing.answers import AnswerBudget, AnswerKind
from mutualplan.routing.decision import (
    Action,
    Answer,
    ApplyReply,
    AskFirst,
    Holder,
    LookUp,
    Lookups,
    RecordComment,
    RecordRsvp,
    RoutingRules,
    SetAside,
    StartPlan,
    decide,
    keep_as_comment,
    keep_instead_of_asking,
)
from mutualplan.routing.facts import InboundFacts, ReadingRules, read_inbound
from mutualplan.routing.outcomes import Disposition, Outcome
from mutualplan.settings import Settings
from mutualplan.template_files import TemplateLibrary, name_to_echo
from mutualplan.webhooks import types_wanted
from mutualplan.workflows.plan import ALREADY_APPLIED, PlanWorkflow

log = logging.getLogger(__name__)
Reader = Callable[[bytes, ReadingRules], Awaitable[InboundFacts]]

__all__ = ["Disposition", "InboundRouter", "Outcome", "TryLater"]


class TryLater(MutualPlanError):
    """A dependency is down; leave the message where it is and try again later."""


async def read_on_the_loop(raw: bytes, rules: ReadingRules) -> InboundFacts:
    return read_inbound(raw, rules)


class InboundRouter:
    """Routes one raw message at a time (`handle`). `read` is how a message is read: by default
    `read_inbound` on the event loop; a reader that runs it in another process within a time
    budget fits the same signature (its arguments and result are picklable)."""

    def __init__(
        self,
        settings: Settings,
        client: Client,
        sender: MailSender,
        renderer: Renderer,
        *,
        read: Reader = read_on_the_loop,
    ) -> None:
        self._settings = settings
        self._client = client
        self._sender = sender
        self._renderer = renderer
        self._read = read
        self._reading = ReadingRules.of(settings)
        self._rules = RoutingRules.of(settings)
        self._budget = AnswerBudget(settings.max_answers_per_hour)
        self._library = TemplateLibrary(settings.templates_dir)  # read anew for every start
        self._writer = ReplyWriter(settings, renderer)

    async def handle(self, raw: bytes) -> Disposition:
        try:
            facts = await self._read(raw, self._reading)
        except TooLongToRead as exc:  # the reading pool stopped it at its budget
            return Disposition(outcome=Outcome.TOO_LONG_TO_READ, reason=str(exc))
        now = datetime.now(UTC)
        action = decide(facts, self._rules, Lookups(), now)
        if isinstance(action, LookUp):
            action = decide(facts, self._rules, await self._look_up(action), now)
        return await self._act(action, facts)

    async def _act(self, action: Action, facts: InboundFacts) -> Disposition:
        match action:
            case StartPlan():
                return await self._start(action, facts)
            case ApplyReply():
                return await self._apply(action, facts)
            case RecordRsvp() | RecordComment():
                return await self._update(action)
            case AskFirst():
                return await self._ask(action, facts)
            case Answer():
                return await self._answer(action, facts)
            case SetAside():
                return Disposition(outcome=action.outcome, reason=action.reason)
        raise AssertionError(f"a second look-up: {action}")

    # --- looking up what a decision asks for -------------------------------------------------

    async def _look_up(self, ask: LookUp) -> Lookups:
        holder = await self._holder(ask) if ask.holder_of is not None else None
        found = await asyncio.gather(*(self._exists(p) for p in ask.thread_plans))
        threads = [plan_id for plan_id, yes in zip(ask.thread_plans, found, strict=True) if yes]
        return Lookups(holder=holder, thread_plans=threads if ask.thread_plans else None)

    async def _holder(self, ask: LookUp) -> Holder:
        assert ask.holder_of is not None
        plan = await self._plan(ask.holder_of.plan_id)
        person = plan.stakeholder(ask.holder_of.stakeholder_id) if plan else None
        return Holder(email=person.email if person else None)

    async def _plan(self, plan_id: str) -> Plan | None:
        try:
            return await self._client.get_workflow_handle(plan_id).query(PlanWorkflow.current_plan)
        except RPCError as exc:
            if exc.status in TRANSIENT:
                raise _try_later(exc) from None
            return None

    async def _exists(self, plan_id: str) -> bool:
        try:
            await self._client.get_workflow_handle(plan_id).describe()
        except RPCError as exc:
            if exc.status is RPCStatusCode.NOT_FOUND:
                return False
            raise _try_later(exc) from None
        return True

    # --- starting plans ---------------------------------------------------------------------

    async def _start(self, action: StartPlan, facts: InboundFacts) -> Disposition:
        try:
            plan = build_plan(
                self._library.get(action.template),
                action.request,
                plan_id=plan_id_for(action.request.message_id),
                now=datetime.now(UTC),
                timezone=self._settings.timezone,
                holidays=self._settings.holidays,
                horizon_years=self._settings.date_horizon_years,
                stall_after_weeks=self._settings.stall_after_weeks,
                max_stakeholders=self._settings.max_stakeholders,
            )
        except BrokenTemplate as exc:
            log.error("%s", exc)  # the operator fixes it; the seller only hears it is broken
            await self._send(facts, AnswerKind.BROKEN_TEMPLATE, name=exc.name)
            reason = f"plan template {exc.name!r} is broken"
            return Disposition(outcome=Outcome.BROKEN_TEMPLATE, reason=reason)
        except UnknownTemplate as exc:
            name = name_to_echo(exc.name)  # else the answer says no template was named
            meant = [self._settings.plus_address(n) for n in exc.closest] if name else []
            await self._send(facts, AnswerKind.UNKNOWN_TEMPLATE, name=name, meant=meant)
            return Disposition(outcome=Outcome.UNKNOWN_TEMPLATE, reason=str(exc))
        except StartEmailError as exc:
            await self._send(facts, AnswerKind.START_FAILED, reason=exc.said or str(exc))
            return Disposition(outcome=Outcome.START_FAILED, reason=str(exc))
        try:
            await self._client.start_workflow(
                PlanWorkflow.run,
                # the endpoints as this worker has them: the plan's first task asks no one
                PlanInput(plan=plan, webhook_types=types_wanted(self._settings.webhooks)),
                id=plan.id,
                task_queue=self._settings.task_queue,
                id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
            )
        except WorkflowAlreadyStartedError:
            reason = f"plan {plan.id} was already started"
            return Disposition(outcome=Outcome.APPLIED, reason=reason)
        except RPCError as exc:
            if exc.status is not RPCStatusCode.INVALID_ARGUMENT:
                raise _try_later(exc) from None
            # refused for good (a plan larger than Temporal takes): no later round will start it
            reason = f"Temporal refused the plan: {exc.message}"
            await self._send(facts, AnswerKind.START_FAILED, reason=reason)
            return Disposition(outcome=Outcome.START_FAILED, reason=reason)
        log.info("started plan %s (%s) for %s", plan.id, plan.deal, plan.seller.email)
        return Disposition(outcome=Outcome.APPLIED, reason=f"started plan {plan.id}")

    # --- changing plans -----------------------------------------------------------------------

    async def _apply(self, action: ApplyReply, facts: InboundFacts) -> Disposition:
        """Apply a reply; its sender is told why nothing changed, or, for a reply in their own
        words, what did (one confirmation, threaded on their message)."""
        disposition = await self._update(action)
        # a one-line command is confirmed too when there is more to know (a date on a day off)
        told = action.confirm or disposition.tell_sender
        if told or disposition.outcome is Outcome.REFUSED:
            await self._answer_update(action.plan_id, disposition, facts)
        if disposition.outcome is Outcome.REFUSED and facts.files:
            # the change was refused, the files are not lost: the reply is kept as a comment
            # (its sender still hears why nothing changed), and so it is filed with its files
            kept = await self._update(keep_as_comment(facts, action.plan_id, action.command))
            return kept if kept.applied else disposition
        return disposition

    async def _ask(self, action: AskFirst, facts: InboundFacts) -> Disposition:
        """A probable command: the plan keeps the question, then the sender is asked it. The
        question is the only way their words reach anyone: one that could not be sent (the SMTP
        server down) leaves the message in the inbox, and it is asked when the message is read
        again, "already applied" or not (once: its Message-ID is the question's own). When the
        sender's questions for the hour are spent, the reply is kept as a comment instead, which
        the seller gets."""
        to = facts.sender.address
        if not self._budget.fits(to, AnswerKind.ASKED, time.monotonic()):
            log.info("answers: no more questions to %s this hour: kept as a comment", to)
            return await self._update(keep_instead_of_asking(facts, action))
        disposition = await self._update(action)
        if not disposition.applied:
            await self._answer_update(action.plan_id, disposition, facts)
            return disposition
        key = question_key(facts.message_id)
        await self._reply(facts, AnswerKind.ASKED, action.plan_id, required=True, key=key)
        return disposition

    async def _answer_update(self, plan_id: str, done: Disposition, facts: InboundFacts) -> None:
        """Why nothing changed, or what did (CONFIRMED); a redelivery was answered before."""
        # a refusal (not NotTheirs) comes after the token holder was checked: it is theirs
        if done.outcome is Outcome.REFUSED:
            await self._reply(facts, AnswerKind.REFUSED, plan_id, reason=done.said or done.reason)
        elif done.applied and done.reason != ALREADY_APPLIED:
            await self._reply(
                facts, AnswerKind.CONFIRMED, plan_id, summary=done.said or done.reason
            )

    async def _update(
        self, action: ApplyReply | RecordRsvp | RecordComment | AskFirst
    ) -> Disposition:
        """One update; its id comes from the Message-ID, so a retry is applied once."""
        client, plan_id = self._client, action.plan_id
        kind = "comment" if isinstance(action, RecordComment) else "mail"
        key = f"{kind}-{plan_id_for(action.command.message_id)}"
        try:
            match action:
                case ApplyReply():
                    update = PlanWorkflow.apply_reply
                    return await update_plan(client, plan_id, update, action.command, update_id=key)
                case RecordRsvp():
                    rsvp = PlanWorkflow.record_rsvp
                    return await update_plan(client, plan_id, rsvp, action.command, update_id=key)
                case RecordComment():
                    comment = PlanWorkflow.add_comment
                    return await update_plan(
                        client, plan_id, comment, action.command, update_id=key
                    )
                case AskFirst():
                    ask = PlanWorkflow.ask
                    return await update_plan(client, plan_id, ask, action.command, update_id=key)
        except TemporalUnavailable as exc:
            raise TryLater(str(exc)) from None

    # --- answers ------------------------------------------------------------------------------

    async def _answer(self, action: Answer, facts: InboundFacts) -> Disposition:
        if action.kind in REPLIES:
            await self._reply(facts, action.kind, action.plan_id)
        elif action.kind is AnswerKind.STATUS:
            assert action.plan_id is not None
            plan = await self._plan(action.plan_id)
            if plan is None:
                reason = f"plan {action.plan_id}: not found"
                return Disposition(outcome=Outcome.UNMATCHED, reason=reason)
            await self._send(facts, AnswerKind.STATUS, plan=plan)
        else:
            await self._send(facts, action.kind)
        return Disposition(outcome=action.outcome, reason=action.reason)

    async def _reply(
        self,
        facts: InboundFacts,
        kind: AnswerKind,
        plan_id: str | None,
        *,
        required: bool = False,
        **more: str | Phrase,
    ) -> None:
        """An answer about a plan, threaded on the sender's message (`routing.answering`), in
        the sender's language; counted against the hour's budget once it is sent."""
        to = facts.sender.address
        if not self._budget.fits(to, kind, time.monotonic()):
            log.info("answers: not sending %s to %s (the hour's budget is spent)", kind, to)
            return
        plan = await self._plan(plan_id) if plan_id else None
        words = wording(await self._language_of(facts, {"plan": plan}))
        answer = self._writer.write(facts, kind, plan, datetime.now(UTC), words, **more)
        if await self._deliver(answer, required=required):
            self._budget.count(to, kind, time.monotonic())

    async def _deliver(self, outgoing: OutgoingEmail, *, required: bool = False) -> bool:
        """Send an answer (True once sent); one that could not be sent is logged, or, if
        `required`, keeps its message in the inbox (TryLater)."""
        try:
            await self._sender.send(compose(outgoing))
        except MailError as exc:
            if required:
                raise TryLater(f"could not answer {outgoing.to[0]}: {exc}") from None
            log.warning("could not answer %s: %s", outgoing.to[0], exc)
            return False
        return True

    async def _send(self, facts: InboundFacts, kind: AnswerKind, **context: object) -> None:
        """One short answer to the sender, if the budget allows it (the decision has found the
        sender trustworthy: a person, verified where DMARC is checked, the token's holder or a
        seller)."""
        to = facts.sender.address
        if not self._budget.allow(to, kind, time.monotonic()):
            log.info("answers: not sending %s to %s (the hour's budget is spent)", kind, to)
            return
        words = wording(await self._language_of(facts, context))
        subject, text = self._answer_text(facts, kind, context, words)
        outgoing = OutgoingEmail(
            sender=mailbox("mutualplan", self._settings.plans_address),  # as the digest
            to=[to],
            subject=subject[:200],
            text=text,
            message_id=f"answer.{plan_id_for(facts.message_id + subject)}@{self._settings.domain}",
            in_reply_to=facts.message_id,
            references=[facts.message_id],
            sent_at=datetime.now(UTC),
        )
        await self._deliver(outgoing)

    async def _language_of(self, facts: InboundFacts, context: dict[str, object]) -> str:
        """The language the sender reads: theirs on the plan the answer is about (asked of the
        plan: answers go out a few an hour at most), else the one their email was read in,
        else the default."""
        heard = facts.understood.language
        given = context.get("plan")
        plan = given if isinstance(given, Plan) else None
        if plan is None and facts.claims is not None:
            plan = await self._plan(facts.claims.plan_id)
        person = plan.stakeholder_by_email(facts.sender.address) if plan else None
        if plan is not None and person is not None and (person.language_given or not heard):
            return language_for(person, plan, self._settings.language)
        if heard is not None and heard in SHIPPED:
            return heard
        return language_for_plan(plan, self._settings.language) if plan else self._settings.language

    def _answer_text(
        self, facts: InboundFacts, kind: AnswerKind, context: dict[str, object], words: Wording
    ) -> tuple[str, str]:
        examples = example_dates(datetime.now(UTC).date())  # a start email's go-live to come

        def text(template: str, **more: object) -> str:
            return self._renderer.text(template, language=words.code, examples=examples, **more)

        subject = facts.subject
        match kind:
            case AnswerKind.START_FAILED:
                body = text("start-failed", subject=subject, **context)
                return words.say(phrase("No plan was started: {subject}", subject=subject)), body
            case AnswerKind.BROKEN_TEMPLATE:
                body = text("broken-template", templates=self._template_list(), **context)
                return words.say(phrase("No plan was started: {subject}", subject=subject)), body
            case AnswerKind.UNKNOWN_TEMPLATE:
                body = text("unknown-template", templates=self._template_list(), **context)
                return words.say(phrase("No such plan template: {subject}", subject=subject)), body
            case AnswerKind.TEMPLATES:
                body = text("unknown-template", name="", templates=self._template_list())
                return words.say(phrase("Which plan template? {subject}", subject=subject)), body
            case AnswerKind.STATUS:
                plan = context["plan"]
                assert isinstance(plan, Plan)
                status = words.say(phrase("Status"))
                return f"[{plan.deal}] {status}", self._status_text(plan, facts, words)
        raise AssertionError(kind)

    def _status_text(self, plan: Plan, facts: InboundFacts, words: Wording) -> str:
        person = plan.stakeholder_by_email(facts.sender.address)
        now = datetime.now(UTC)
        links = page_links(plan, person, None, self._settings, now) if person else None
        plan = plan_in(plan, words.code)
        return self._renderer.text(
            "status",
            language=words.code,
            deal=plan.deal,
            plan=format_plan(plan, now, words),
            page=links.page if links is not None else None,
        )

    def _template_list(self) -> list[dict[str, object]]:
        """The templates that work, with their addresses."""
        templates: list[dict[str, object]] = []
        for file in self._library.files():
            if file.template is None:
                continue
            t = file.template
            address = self._settings.plus_address(t.name)
            templates.append({"address": address, "title": t.title, "count": len(t.milestones)})
        return templates


def _try_later(exc: RPCError) -> TryLater:
    return TryLater(f"Temporal: {exc.status.name if exc.status else ''} {exc.message}")
