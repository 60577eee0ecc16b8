"""The cockpit pages: a seller's (or manager's) signed link in, their plans out.

    GET /c/<link>              every plan of theirs (a manager: of their team), sorted and
                               filtered by the query (?health=at-risk&sort=acted&dir=desc)
    GET /c/<link>/plans.csv    the same table as CSV

The rows come from one paginated list call (search attributes and memo), never from a query
per plan. Whose plans a link shows is read from the settings each time: a link names a person.
The page is in that person's language as their own plans know it (as their Monday digest is),
else the browser's Accept-Language, else the operator's default; the CSV's column names stay
English, for the CRM imports that read them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from starlette.requests import Request
from starlette.responses import Response
from temporalio.client import Client
from temporalio.service import RPCError

from mutualplan.client.plan_list import PlanFilter, plan_rows
from mutualplan.links import CockpitClaims, CockpitLinks, ExpiredLink, LinkRefused, Links
from mutualplan.models import Phrase, full_date, phrase
from mutualplan.plan_rows import PlanSummary
from mutualplan.settings import Settings
from mutualplan.web.cockpit import (
    HEALTH_FILTERS,
    SORTS,
    CockpitView,
    cockpit_csv,
    cockpit_language,
    cockpit_view,
    collector_paused,
)
from mutualplan.web.rendering import PageTemplates

log = logging.getLogger(__name__)
CLOSED_SHOWN = timedelta(days=90)  # closed plans stay on the cockpit this long


class CockpitRefused(Exception):
    """A page that says why the cockpit cannot be shown (in the browser's language: whose
    link it is is not known), with no plan data."""

    def __init__(self, status: int, title: Phrase, message: Phrase) -> None:
        super().__init__(message.text)
        self.status, self.title, self.message = status, title, message


class CockpitPages:
    def __init__(
        self,
        settings: Settings,
        client: Client,
        clock: Callable[[], datetime],
        templates: PageTemplates,
    ) -> None:
        self._settings = settings
        self._client = client
        self._now = clock
        self._templates = templates
        secret = settings.secret_bytes()
        self._cockpits = CockpitLinks(secret, days=settings.cockpit_link_days)
        self._links = Links(secret, days_after_go_live=settings.web_link_days)

    async def page(self, request: Request) -> Response:
        claims, rows = await self._rows_for(request)
        with collector_paused():
            view = self._view(request, claims, rows)
            asked = request.headers.get("accept-language", "")
            language = cockpit_language(
                rows.values(), claims.person, asked, self._settings.language
            )
            return self._templates(language).TemplateResponse(
                request, "cockpit.html.j2", {"view": view, "expires": claims.expires.date()}
            )

    async def csv(self, request: Request) -> Response:
        claims, rows = await self._rows_for(request)
        with collector_paused():
            text = cockpit_csv(self._view(request, claims, rows), rows)
        disposition = 'attachment; filename="plans.csv"'
        return Response(
            text, media_type="text/csv; charset=utf-8", headers={"Content-Disposition": disposition}
        )

    async def _rows_for(self, request: Request) -> tuple[CockpitClaims, dict[str, PlanSummary]]:
        """The link's claims and the rows of every plan its person may see."""
        now = self._now()
        try:
            claims = self._cockpits.read(request.path_params["link"], now)
        except ExpiredLink as expired:
            said = phrase("This link expired on {date}.", date=full_date(expired.expires.date()))
            raise CockpitRefused(410, phrase("This link has expired"), said) from None
        except LinkRefused as refused:
            said = phrase("This link is not valid: it may have been cut short or changed.")
            raise CockpitRefused(refused.status, phrase("This link does not work"), said) from None
        sellers, domains = self._settings.team_of(claims.person)
        return claims, await self._rows(sellers, domains, now)

    def _view(
        self, request: Request, claims: CockpitClaims, rows: dict[str, PlanSummary]
    ) -> CockpitView:
        now = self._now()
        link = request.path_params["link"]
        sellers, domains = self._settings.team_of(claims.person)
        query = request.query_params
        health = query.get("health", "all")
        sort = query.get("sort", "")
        return cockpit_view(
            rows.values(),
            person=claims.person,
            team=len(sellers) > 1 or bool(domains),
            now=now,
            health=health if health in HEALTH_FILTERS else "all",
            sort=sort if sort in SORTS else "",
            descending=query.get("dir") == "desc",
            plan_url=lambda row: self._plan_url(row, claims.person, now),
            base_url=f"/c/{link}",
        )

    async def _rows(
        self, sellers: list[str], domains: list[str], now: datetime
    ) -> dict[str, PlanSummary]:
        where = PlanFilter(
            sellers=sellers, domains=domains, open_or_closed_since=now - CLOSED_SHOWN
        )
        try:
            found = [row async for row in plan_rows(self._client, where)]
        except RPCError as exc:
            log.warning("cockpit: cannot list plans: %s", exc.message)
            raise CockpitRefused(
                503, phrase("Try again in a minute"), phrase("The plans cannot be read just now.")
            ) from None
        # the list filter already says this; a row of anyone else's never reaches the page
        return {r.id: r for r in found if _in_team(r.seller, sellers, domains)}

    def _plan_url(self, row: PlanSummary, person: str, now: datetime) -> str:
        """The seller's own link to the plan page; a manager is not on the plan: no link."""
        if row.seller != person or row.go_live is None:
            return ""
        return self._links.for_person(row.id, row.go_live, row.seller_id, now).page


def _in_team(seller: str, sellers: list[str], domains: list[str]) -> bool:
    seller = seller.lower()
    return seller in sellers or "@" + seller.rpartition("@")[2] in domains
