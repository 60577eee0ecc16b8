"""One-click answers from a plan email or page: mark a step done, say what blocks it, or say
yes to a question the engine asked.

GET confirms and changes nothing, because mail scanners open every link in an email; POST
(from the page's own form, `web.forms`) applies the answer through the workflow's
`apply_reply` update, as an emailed reply is applied.
"""

from __future__ import annotations

import logging
import uuid

from starlette.requests import Request
from starlette.responses import Response

from mutualplan import questions
from mutualplan.client.plans import update_plan
from mutualplan.edits import editing
from mutualplan.errors import Refused, TemporalUnavailable
from mutualplan.languages import plan_in, wording
from mutualplan.links import LinkAction, LinkClaims
from mutualplan.messages import ReplyCommand
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
from mutualplan.web.forms import read_form_from_page
from mutualplan.web.linked_plans import LinkedPlans
from mutualplan.web.problems import MessagePages, Problem
from mutualplan.web.rendering import PageTemplates
from mutualplan.workflows.plan import PlanWorkflow

log = logging.getLogger(__name__)
MAX_REASON = 500
ANSWERS = {LinkAction.DONE, LinkAction.BLOCKED, LinkAction.YES}


class OneClickAnswers:
    def __init__(self, plans: LinkedPlans, templates: PageTemplates, pages: MessagePages) -> None:
        self._plans = plans
        self._templates = templates
        self._pages = pages

    async def confirm(self, request: Request) -> Response:
        claims, plan, viewer = await self._plans.open(request, ANSWERS)
        if claims.action is LinkAction.YES:
            return self._confirm_yes(request, claims, plan, viewer)
        milestone = self._milestone(plan, claims)
        try:
            editing.check(plan, self._command(claims, viewer, ""), self._plans.now().date())
        except Refused as refused:
            raise self._refusal(plan, claims, refused.said or str(refused)) from None
        link = request.path_params["link"]
        language = self._plans.language(request, viewer, plan)
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
                "page_url": self._plans.page_url(claims),
                "title": milestone.title,
            },
        )

    async def act(self, request: Request) -> Response:
        form = await read_form_from_page(request)
        claims, plan, viewer = await self._plans.open(request, ANSWERS)
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
        page_url = self._plans.page_url(claims)
        language = self._plans.language(request, viewer, plan)
        told = wording(language).say(summary)
        message = told if told.endswith(".") else told + "."
        title = plan_in(plan, language).milestone_by_number(milestone.number) or milestone
        return self._pages.message(
            request,
            200,
            title.title,
            message,
            page_url=page_url,
            deal=plan.deal,
            tone="ok",
            language=language,
        )

    # --- saying yes to a question ---------------------------------------------------------

    def _confirm_yes(
        self, request: Request, claims: LinkClaims, plan: Plan, viewer: Stakeholder
    ) -> Response:
        question, option = self._question(plan, claims)
        try:
            editing.check_reply(plan, self._yes(claims, viewer), self._plans.now())
        except Refused as refused:
            raise self._refusal(plan, claims, refused.said or str(refused)) from None
        link = request.path_params["link"]
        language = self._plans.language(request, viewer, plan)
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
                "page_url": self._plans.page_url(claims),
                "title": phrase("Did you mean this?"),
            },
        )

    async def _say_yes(
        self, request: Request, claims: LinkClaims, plan: Plan, viewer: Stakeholder
    ) -> Response:
        self._question(plan, claims)
        summary = await self._apply(plan, claims, self._yes(claims, viewer))
        language = self._plans.language(request, viewer, plan)
        told = wording(language).say(summary)
        return self._pages.message(
            request,
            200,
            phrase("Done"),
            told if told.endswith(".") else told + ".",
            page_url=self._plans.page_url(claims),
            deal=plan.deal,
            tone="ok",
            language=language,
        )

    def _question(self, plan: Plan, claims: LinkClaims) -> tuple[Question, Instruction]:
        question = questions.open_question(plan, claims.ref, self._plans.now())
        if question is None or question.person_id != claims.stakeholder_id:
            raise Problem(
                410,
                phrase("Already answered"),
                phrase("This question was answered already, or it expired; nothing changed."),
                page_url=self._plans.page_url(claims),
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
            received_at=self._plans.now(),
        )

    # --- marking a step done or blocked ---------------------------------------------------

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
            received_at=self._plans.now(),
        )

    # --- applying an answer ---------------------------------------------------------------

    async def _apply(self, plan: Plan, claims: LinkClaims, command: ReplyCommand) -> str | Phrase:
        """The change's summary, as email applies it (`update_plan`), or a Problem page."""
        try:
            done = await update_plan(
                self._plans.client,
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
            409,
            phrase("Nothing changed"),
            message,
            page_url=self._plans.page_url(claims),
            deal=plan.deal,
        )
