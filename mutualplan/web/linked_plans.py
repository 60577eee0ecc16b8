"""What a signed page link opens: the link's claims, the plan and the person it was sent to,
in their language, or a Problem page with no plan data."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from starlette.requests import Request
from temporalio.client import Client
from temporalio.service import RPCError

from mutualplan.client.plans import get_plan
from mutualplan.errors import PlanNotFound
from mutualplan.languages import SHIPPED, accepted_language, language_for_plan
from mutualplan.links import LinkAction, LinkClaims, LinkRefused, Links
from mutualplan.models import Plan, Stakeholder, phrase
from mutualplan.settings import Settings
from mutualplan.web.problems import Problem

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]


class LinkedPlans:
    def __init__(self, settings: Settings, client: Client, clock: Clock) -> None:
        self.settings = settings
        self.client = client
        self.now = clock
        self.links = Links(settings.secret_bytes(), days_after_go_live=settings.web_link_days)

    async def open(
        self, request: Request, actions: set[LinkAction]
    ) -> tuple[LinkClaims, Plan, Stakeholder]:
        """The link's claims, the plan, and the person, or a Problem page with no plan data."""
        claims = self._claims(request, actions)
        try:
            plan = await get_plan(self.client, claims.plan_id)
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

    def _claims(self, request: Request, actions: set[LinkAction]) -> LinkClaims:
        try:
            claims = self.links.read(request.path_params["link"], self.now())
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
        return claims

    def page_url(self, claims: LinkClaims) -> str:
        """The plan page of the person a link of any action was sent to."""
        view = claims.model_copy(update={"action": LinkAction.VIEW, "milestone_number": 0})
        return self.links.page_url(view)

    def language(self, request: Request, viewer: Stakeholder, plan: Plan) -> str:
        """The viewer's own language, else the browser's, else the plan's default."""
        if viewer.language in SHIPPED:
            return viewer.language
        asked = accepted_language(request.headers.get("accept-language", ""))
        return asked or language_for_plan(plan, self.settings.language)
