"""The pages a person's signed link shows: the plan (recording the open), its check-in series
as .ics, the plan as markdown, and the files people sent about it."""

from __future__ import annotations

import logging

from starlette.requests import Request
from starlette.responses import Response
from temporalio.service import RPCError

from mutualplan import conversation
from mutualplan.engagement import record_view
from mutualplan.languages import wording
from mutualplan.links import LinkAction
from mutualplan.mail.plan_emails import checkin_invite
from mutualplan.mail.tokens import TokenClaims, make_token
from mutualplan.messages import ViewRecord
from mutualplan.models import phrase
from mutualplan.web.files import (
    FileUnavailable,
    ProcessedMessages,
    disposition,
    read_file,
    served_type,
)
from mutualplan.web.linked_plans import LinkedPlans
from mutualplan.web.page import plan_page
from mutualplan.web.problems import MessagePages, Problem
from mutualplan.web.rendering import PageTemplates
from mutualplan.workflows.plan import PlanWorkflow

log = logging.getLogger(__name__)


class PlanPages:
    """`messages`: where files are read from (the plans mailbox's processed folder)."""

    def __init__(
        self,
        plans: LinkedPlans,
        templates: PageTemplates,
        pages: MessagePages,
        messages: ProcessedMessages,
    ) -> None:
        self._plans = plans
        self._templates = templates
        self._pages = pages
        self._messages = messages

    async def index(self, request: Request) -> Response:
        return self._pages.message(
            request,
            200,
            phrase("Your plan"),
            phrase("Open the plan from the link in any plan email: each person has their own."),
        )

    async def page(self, request: Request) -> Response:
        claims, plan, viewer = await self._plans.open(request, {LinkAction.VIEW})
        now = self._plans.now()
        if record_view(plan, viewer.id, now):  # here, as the workflow will: the page shows it
            await self._record_view(plan.id, viewer.id)
        words = wording(self._plans.language(request, viewer, plan))
        page = plan_page(plan, viewer, self._plans.links, now, words)
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
        _, plan, viewer = await self._plans.open(request, {LinkAction.VIEW})
        if plan.checkin is None:
            raise Problem(
                404, phrase("No check-in call"), phrase("This plan has no check-in call.")
            )
        settings = self._plans.settings
        token = make_token(
            settings.secret_bytes(),
            TokenClaims(plan_id=plan.id, milestone_number=0, stakeholder_id=viewer.id),
        )
        series = plan.checkin
        # dated when SEQUENCE last went up, so one SEQUENCE always reads the same
        ics = checkin_invite(
            plan,
            series,
            token,
            settings,
            method="REQUEST",
            dtstamp=series.revised_at or plan.created_at,
            attendees=plan.stakeholders,
            words=wording(self._plans.language(request, viewer, plan)),
        )
        disposition = f'attachment; filename="checkin-{plan.id}.ics"'
        return Response(
            ics,
            media_type="text/calendar; charset=utf-8",
            headers={"Content-Disposition": disposition},
        )

    async def markdown(self, request: Request) -> Response:
        _, plan, viewer = await self._plans.open(request, {LinkAction.VIEW})
        words = wording(self._plans.language(request, viewer, plan))
        page = plan_page(plan, viewer, self._plans.links, self._plans.now(), words)
        templates = self._templates(words.code)
        text = templates.get_template("plan.md.j2").render(page=page, plan=page.plan)
        disposition = f'inline; filename="plan-{plan.id}.md"'
        return Response(
            text,
            media_type="text/markdown; charset=utf-8",
            headers={"Content-Disposition": disposition},
        )

    async def file(self, request: Request) -> Response:
        claims, plan, _ = await self._plans.open(request, {LinkAction.FILE})
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

    async def _record_view(self, plan_id: str, stakeholder_id: int) -> None:
        try:
            handle = self._plans.client.get_workflow_handle(plan_id)
            await handle.signal(PlanWorkflow.record_view, ViewRecord(stakeholder_id=stakeholder_id))
        except RPCError as exc:  # a finished plan takes no signals; the page is shown all the same
            log.info("plan %s: open not recorded: %s", plan_id, exc.message)
