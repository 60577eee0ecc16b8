"""The plan page app (Starlette): signed links in, server-rendered pages out.

    GET  /p/<link>            the plan, for the person the link was sent to (records the open)
    GET  /p/<link>/plan.ics   the check-in series, the same event as the emailed invite
    GET  /p/<link>/plan.md    the plan as markdown text
    GET  /c/<link>            a seller's cockpit: all their plans (`cockpit_pages.py`)
    GET  /api/...             the read API, with a bearer token (`api.py`)
    GET  /a/<link>            confirm a one-click answer (mark done, I'm blocked, yes to a
                              question the engine asked): changes nothing
    POST /a/<link>            do it, through the workflow's `apply_reply` update, as email does
    GET  /f/<link>            a file someone sent about the plan (`web.files`)

Only POST acts, because mail scanners open every link in an email. A POST must carry the same
signed per-person, per-action link in its form (a cross-site form cannot know it), and is refused
when the browser says it comes from another site. Every response is no-store, no-referrer, and
under a Content-Security-Policy that allows no script at all.
"""

from __future__ import annotations

import hmac
import logging
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp
from temporalio.client import Client
from temporalio.service import RPCError

from mutualplan import conversation, questions
from mutualplan.client.plans import get_plan, update_plan
from mutualplan.edits import editing
from mutualplan.engagement import record_view
from mutualplan.errors import PlanNotFound, Refused, TemporalUnavailable
from mutualplan.languages import (
    SHIPPED,
    accepted_language,
    language_for_plan,
    plan_in,
    wording,
)
from mutualplan.links import LinkAction, LinkClaims, LinkRefused, Links
from mutualplan.mail.plan_emails import checkin_invite
from mutualplan.mail.tokens import TokenClaims, make_token
from mutualplan.messages import ReplyCommand, ViewRecord
from mutualplan.models import (
    Instruction,
    Intent,
    Milestone,
    Phrase,
    Plan,
    Question,
    Stakeholder,
    phrase,
)
from mutualplan.settings import Settings
from mutualplan.web.api import ReadApi
from mutualplan.web.cockpit_pages import CockpitPages, CockpitRefused
from mutualplan.web.files import (
    FileUnavailable,
    PlansMailbox,
    ProcessedMessages,
    disposition,
    read_file,
    served_type,
)
from mutualplan.web.page import plan_page
from mutualplan.web.rendering import SecurityHeaders, page_templates
from mutualplan.workflows.plan import PlanWorkflow

log = logging.getLogger(__name__)
MAX_FORM_BYTES = 16_384
MAX_REASON = 500
NOT_FROM_PAGE = phrase("This answer did not come from the plan's own page, so nothing changed.")
Clock = Callable[[], datetime]


class Problem(Exception):
    """A page that says what went wrong, with no plan data."""

    def __init__(
        self,
        status: int,
        title: Phrase | str,
        message: Phrase | str,
        hint: Phrase | str = "",
        **page: str,
    ) -> None:
        super().__init__(str(message))
        self.status, self.title, self.message, self.hint = status, title, message, hint
        self.page = page  # page_url (back to the plan) and deal, where the person may see them


def build_app(
    settings: Settings,
    client: Client,
    *,
    clock: Clock | None = None,
    messages: ProcessedMessages | None = None,
) -> ASGIApp:
    """`messages`: where files are read from (the plans mailbox's processed folder)."""
    clock = clock or (lambda: datetime.now(UTC))
    web = PlanPages(settings, client, clock, messages or PlansMailbox(settings))
    cockpit = CockpitPages(settings, client, clock, web.page_templates)
    api = ReadApi(settings, client)
    app = Starlette(
        routes=[
            Route("/", web.index),
            Route("/c/{link}", cockpit.page),
            Route("/c/{link}/plans.csv", cockpit.csv),
            Route("/api/plans", api.plans),
            Route("/api/plans/{plan_id}", api.plan),
            Route("/api/openapi.json", api.openapi),
            Route("/p/{link}", web.page),
            Route("/p/{link}/plan.ics", web.ics),
            Route("/p/{link}/plan.md", web.markdown),
            Route("/a/{link}", web.confirm, methods=["GET"]),
            Route("/a/{link}", web.act, methods=["POST"]),
            Route("/f/{link}", web.file),
        ],
        exception_handlers={
            Problem: web.problem,
            CockpitRefused: web.cockpit_refused,
            HTTPException: web.http_error,
        },
    )
    return SecurityHeaders(app, css_hash=web.css_hash)


ANSWERS = {LinkAction.DONE, LinkAction.BLOCKED, LinkAction.YES}


class PlanPages:
    def __init__(
        self, settings: Settings, client: Client, clock: Clock, messages: ProcessedMessages
    ) -> None:
        self._settings = settings
        self._client = client
        self._now = clock
        self._messages = messages
        self._links = Links(settings.secret_bytes(), days_after_go_live=settings.web_link_days)
        self._templates, self.css_hash = page_templates()
        self.page_templates = self._templates  # the cockpit's pages too, in each language

    # --- pages ----------------------------------------------------------------------------

    async def index(self, request: Request) -> Response:
        return self._message(
            request,
            200,
            phrase("Your plan"),
            phrase("Open the plan from the link in any plan email: each person has their own."),
        )

    async def page(self, request: Request) -> Response:
        claims, plan, viewer = await self._open(request, {LinkAction.VIEW})
        now = self._now()
        if record_view(plan, viewer.id, now):  # here, as the workflow will: the page shows it
            await self._record_view(plan.id, viewer.id)
        words = wording(self._language(request, viewer, plan))
        page = plan_page(plan, viewer, self._links, now, words)
        link = request.path_params["link"]
        return self._templates(words.code).TemplateResponse(
            request,
            "plan.html.j2",
            {
                "page": page,
                "expires": claims.expires.date(),
                "ics_url": f"/p/{link}/plan.ics",
                "md_url": f"/p/{link}/plan.md",
            },
        )

    async def ics(self, request: Request) -> Response:
        _, plan, viewer = await self._open(request, {LinkAction.VIEW})
        if plan.checkin is None:
            raise Problem(
                404, phrase("No check-in call"), phrase("This plan has no check-in call.")
            )
        token = make_token(
            self._settings.secret_bytes(),
            TokenClaims(plan_id=plan.id, milestone_number=0, stakeholder_id=viewer.id),
        )
        series = plan.checkin
        # dated when SEQUENCE last went up, so one SEQUENCE always reads the same
        ics = checkin_invite(
            plan,
            series,
            token,
            self._settings,
            method="REQUEST",
            dtstamp=series.revised_at or plan.created_at,
            attendees=plan.stakeholders,
            words=wording(self._language(request, viewer, plan)),
        )
        disposition = f'attachment; filename="checkin-{plan.id}.ics"'
        return Response(
            ics,
            media_type="text/calendar; charset=utf-8",
            headers={"Content-Disposition": disposition},
        )

    async def markdown(self, request: Request) -> Response:
        _, plan, viewer = await self._open(request, {LinkAction.VIEW})
        words = wording(self._language(request, viewer, plan))
        page = plan_page(plan, viewer, self._links, self._now(), words)
        templates = self._templates(words.code)
        text = templates.get_template("plan.md.j2").render(page=page, plan=page.plan)
        disposition = f'inline; filename="plan-{plan.id}.md"'
        return Response(
            text,
            media_type="text/markdown; charset=utf-8",
            headers={"Content-Disposition": disposition},
        )

    async def confirm(self, request: Request) -> Response:
        claims, plan, viewer = await self._open(request, ANSWERS)
        if claims.action is LinkAction.YES:
            return self._confirm_yes(request, claims, plan, viewer)
        milestone = self._milestone(plan, claims)
        try:
            editing.check(plan, self._command(claims, viewer, ""), self._now().date())
        except Refused as refused:
            raise self._refusal(plan, claims, refused.said or str(refused)) from None
        link = request.path_params["link"]
        language = self._language(request, viewer, plan)
        plan = plan_in(plan, language)
        milestone = self._milestone(plan, claims)
        return self._templates(language).TemplateResponse(
            request,
            "confirm.html.j2",
            {
                "plan": plan,
                "milestone": milestone,
                "owner": plan.owner(milestone),
                "viewer": viewer,
                "blocked": claims.action is LinkAction.BLOCKED,
                "token": link,
                "action_url": f"/a/{link}",
                "max_reason": MAX_REASON,
                "page_url": self._page_url(claims),
                "title": milestone.title,
            },
        )

    async def act(self, request: Request) -> Response:
        if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
            raise Problem(403, phrase("Not sent from this page"), NOT_FROM_PAGE)
        form = await _read_form(request)
        link = request.path_params["link"]
        if not hmac.compare_digest(form.get("token", "").encode(), link.encode()):
            raise Problem(403, phrase("Not sent from this page"), NOT_FROM_PAGE)
        claims, plan, viewer = await self._open(request, ANSWERS)
        if claims.action is LinkAction.YES:
            return await self._say_yes(request, claims, plan, viewer)
        milestone = self._milestone(plan, claims)
        reason = " ".join(form.get("reason", "").split())[:MAX_REASON]
        if claims.action is LinkAction.BLOCKED and not reason:
            raise Problem(
                400,
                phrase("Say what is in the way"),
                phrase("Write what is in the way, then send it again."),
            )
        command = self._command(claims, viewer, reason)
        summary = await self._apply(plan, claims, command)
        page_url = self._page_url(claims)
        language = self._language(request, viewer, plan)
        told = wording(language).say(summary)
        message = told if told.endswith(".") else told + "."
        title = plan_in(plan, language).milestone_by_number(milestone.number) or milestone
        return self._message(
            request,
            200,
            title.title,
            message,
            page_url=page_url,
            deal=plan.deal,
            tone="ok",
            language=language,
        )

    async def file(self, request: Request) -> Response:
        claims, plan, _ = await self._open(request, {LinkAction.FILE})
        listed = conversation.attachment(plan, claims.ref)
        try:
            if listed is None:
                gone = phrase("It is no longer listed on the plan.")
                raise FileUnavailable(404, phrase("No such file"), gone)
            content = await read_file(listed, self._messages)
        except FileUnavailable as gone:
            raise Problem(gone.status, gone.title, gone.said) from None
        assert listed is not None
        return Response(
            content.data,
            media_type=served_type(content),
            headers={"Content-Disposition": disposition(listed.name)},
        )

    # --- saying yes to a question ---------------------------------------------------------

    def _confirm_yes(
        self, request: Request, claims: LinkClaims, plan: Plan, viewer: Stakeholder
    ) -> Response:
        question, option = self._question(plan, claims)
        try:
            editing.check_reply(plan, self._yes(claims, viewer), self._now())
        except Refused as refused:
            raise self._refusal(plan, claims, refused.said or str(refused)) from None
        link = request.path_params["link"]
        language = self._language(request, viewer, plan)
        plan = plan_in(plan, language)
        return self._templates(language).TemplateResponse(
            request,
            "question.html.j2",
            {
                "plan": plan,
                "viewer": viewer,
                "asked": wording(language).say(questions.described(plan, option)),
                "read_from": question.read_from,
                "token": link,
                "action_url": f"/a/{link}",
                "page_url": self._page_url(claims),
                "title": phrase("Did you mean this?"),
            },
        )

    async def _say_yes(
        self, request: Request, claims: LinkClaims, plan: Plan, viewer: Stakeholder
    ) -> Response:
        self._question(plan, claims)
        summary = await self._apply(plan, claims, self._yes(claims, viewer))
        language = self._language(request, viewer, plan)
        told = wording(language).say(summary)
        return self._message(
            request,
            200,
            phrase("Done"),
            told if told.endswith(".") else told + ".",
            page_url=self._page_url(claims),
            deal=plan.deal,
            tone="ok",
            language=language,
        )

    def _question(self, plan: Plan, claims: LinkClaims) -> tuple[Question, Instruction]:
        question = questions.open_question(plan, claims.ref, self._now())
        if question is None or question.person_id != claims.stakeholder_id:
            raise Problem(
                410,
                phrase("Already answered"),
                phrase("This question was answered already, or it expired; nothing changed."),
                page_url=self._page_url(claims),
                deal=plan.deal,
            )
        if claims.milestone_number >= len(question.options):
            raise Problem(
                403, phrase("This link does not work"), phrase("This link is not for this page.")
            )
        return question, question.options[claims.milestone_number]

    def _yes(self, claims: LinkClaims, viewer: Stakeholder) -> ReplyCommand:
        return ReplyCommand(
            message_id=f"web-{uuid.uuid4()}",
            sender=viewer.email,
            token_stakeholder_id=viewer.id,
            intent=Intent.YES,
            details=questions.yes_to([claims.ref], claims.milestone_number),
            received_at=self._now(),
        )

    # --- helpers --------------------------------------------------------------------------

    async def _open(
        self, request: Request, actions: set[LinkAction]
    ) -> tuple[LinkClaims, Plan, Stakeholder]:
        """The link's claims, the plan, and the person, or a Problem page with no plan data."""
        try:
            claims = self._links.read(request.path_params["link"], self._now())
        except LinkRefused as refused:
            expired = refused.status == 410
            title = (
                phrase("This link has expired") if expired else phrase("This link does not work")
            )
            hint = phrase("Any recent email about the plan has a fresh link.")
            message = str(refused)[:1].upper() + str(refused)[1:] + "."
            raise Problem(refused.status, title, message, hint) from None
        if claims.action not in actions:
            raise Problem(
                403, phrase("This link does not work"), phrase("This link is not for this page.")
            )
        try:
            plan = await get_plan(self._client, claims.plan_id)
        except PlanNotFound:
            raise Problem(
                404, phrase("No such plan"), phrase("This plan no longer exists.")
            ) from None
        except RPCError as exc:
            log.warning("plan page: cannot read plan %s: %s", claims.plan_id, exc.message)
            raise Problem(
                503, phrase("Try again in a minute"), phrase("The plan cannot be read just now.")
            ) from None
        viewer = plan.stakeholder(claims.stakeholder_id)
        if viewer is None:
            raise Problem(
                403,
                phrase("This link no longer works"),
                phrase("It was sent to someone who is no longer on the plan."),
            )
        return claims, plan, viewer

    def _milestone(self, plan: Plan, claims: LinkClaims) -> Milestone:
        milestone = plan.milestone_by_number(claims.milestone_number)
        if milestone is None:
            raise Problem(
                410,
                phrase("No longer on the plan"),
                phrase("This milestone was taken off the plan."),
            )
        return milestone

    def _command(self, claims: LinkClaims, viewer: Stakeholder, reason: str) -> ReplyCommand:
        intent = Intent.DONE if claims.action is LinkAction.DONE else Intent.BLOCKED
        return ReplyCommand(
            message_id=f"web-{uuid.uuid4()}",
            sender=viewer.email,
            milestone_number=claims.milestone_number,
            token_stakeholder_id=viewer.id,
            intent=intent,
            argument=reason,
            received_at=self._now(),
        )

    async def _apply(self, plan: Plan, claims: LinkClaims, command: ReplyCommand) -> str | Phrase:
        """The change's summary, as email applies it (`update_plan`), or a Problem page."""
        try:
            done = await update_plan(
                self._client,
                plan.id,
                PlanWorkflow.apply_reply,
                command,
                update_id=command.message_id,
            )
        except TemporalUnavailable as exc:
            log.warning("plan page: cannot update plan %s: %s", plan.id, exc)
            message = phrase("The plan could not be changed just now; nothing changed.")
            raise Problem(503, phrase("Try again in a minute"), message) from None
        if not done.applied:
            raise self._refusal(plan, claims, done.said or done.reason)
        return done.said or done.reason

    def _refusal(self, plan: Plan, claims: LinkClaims, reason: str | Phrase) -> Problem:
        message = phrase("Nothing changed: {reason}.", reason=reason)
        return Problem(
            409, phrase("Nothing changed"), message, page_url=self._page_url(claims), deal=plan.deal
        )

    def _page_url(self, claims: LinkClaims) -> str:
        view = claims.model_copy(update={"action": LinkAction.VIEW, "milestone_number": 0})
        return self._links.page_url(view)

    async def _record_view(self, plan_id: str, stakeholder_id: int) -> None:
        try:
            handle = self._client.get_workflow_handle(plan_id)
            await handle.signal(PlanWorkflow.record_view, ViewRecord(stakeholder_id=stakeholder_id))
        except RPCError as exc:  # a finished plan takes no signals; the page is shown all the same
            log.info("plan %s: open not recorded: %s", plan_id, exc.message)

    def _language(self, request: Request, viewer: Stakeholder, plan: Plan) -> str:
        """The viewer's own language, else the browser's, else the plan's default."""
        if viewer.language in SHIPPED:
            return viewer.language
        asked = accepted_language(request.headers.get("accept-language", ""))
        return asked or language_for_plan(plan, self._settings.language)

    def _message(
        self,
        request: Request,
        status: int,
        title: Phrase | str,
        message: Phrase | str,
        *,
        language: str | None = None,
        **extra: Any,
    ) -> Response:
        if language is None:
            asked = accepted_language(request.headers.get("accept-language", ""))
            language = asked or self._settings.language
        context = {
            "title": title,
            "message": message,
            "hint": "",
            "page_url": "",
            "deal": "",
            "tone": "",
            **extra,
        }
        return self._templates(language).TemplateResponse(
            request, "message.html.j2", context, status_code=status
        )

    async def problem(self, request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Problem)
        return self._message(
            request, exc.status, exc.title, exc.message, hint=exc.hint, tone="problem", **exc.page
        )

    async def cockpit_refused(self, request: Request, exc: Exception) -> Response:
        assert isinstance(exc, CockpitRefused)
        hint = phrase("The Monday digest and every email about your plans carry a fresh link.")
        return self._message(  # whose link it is is not known: the browser's language
            request, exc.status, exc.title, exc.message, hint=hint, tone="problem"
        )

    async def http_error(self, request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        title = phrase("Not found") if exc.status_code == 404 else phrase("Not allowed")
        return self._message(
            request, exc.status_code, title, phrase("There is no page here."), tone="problem"
        )


async def _read_form(request: Request) -> dict[str, str]:
    """An urlencoded form of at most MAX_FORM_BYTES; the first value of each field."""
    if request.headers.get("content-type", "").split(";")[0].strip() != (
        "application/x-www-form-urlencoded"
    ):
        raise Problem(415, phrase("Not a form"), phrase("Send the answer from the page's form."))
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            raise Problem(413, phrase("Too long"), phrase("The answer is too long; keep it short."))
    fields = parse_qs(body.decode("utf-8", "replace"), max_num_fields=10)
    return {name: values[0] for name, values in fields.items()}
