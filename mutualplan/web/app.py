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

The pages are served by `plan_pages` (/p, /f), `answers` (/a, with `forms`), `cockpit_pages`
(/c) and `api` (/api); `linked_plans` opens what a signed link names, and `problems` says
what went wrong.
"""

from __future__ import annotations

from datetime import UTC, datetime

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.routing import Route
from starlette.types import ASGIApp
from temporalio.client import Client

from mutualplan.settings import Settings
from mutualplan.web.answers import OneClickAnswers
from mutualplan.web.api import ReadApi
from mutualplan.web.cockpit_pages import CockpitPages, CockpitRefused
from mutualplan.web.files import PlansMailbox, ProcessedMessages
from mutualplan.web.linked_plans import Clock, LinkedPlans
from mutualplan.web.plan_pages import PlanPages
from mutualplan.web.problems import MessagePages, Problem
from mutualplan.web.rendering import SecurityHeaders, page_templates


def build_app(
    settings: Settings,
    client: Client,
    *,
    clock: Clock | None = None,
    messages: ProcessedMessages | None = None,
) -> ASGIApp:
    """`messages`: where files are read from (the plans mailbox's processed folder)."""
    clock = clock or (lambda: datetime.now(UTC))
    templates, css_hash = page_templates()  # every page's, in each language
    plans = LinkedPlans(settings, client, clock)
    pages = MessagePages(templates, settings.language)
    web = PlanPages(plans, templates, pages, messages or PlansMailbox(settings))
    answers = OneClickAnswers(plans, templates, pages)
    cockpit = CockpitPages(settings, client, clock, templates)
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
            Route("/a/{link}", answers.confirm, methods=["GET"]),
            Route("/a/{link}", answers.act, methods=["POST"]),
            Route("/f/{link}", web.file),
        ],
        exception_handlers={
            Problem: pages.problem,
            CockpitRefused: pages.cockpit_refused,
            HTTPException: pages.http_error,
        },
    )
    return SecurityHeaders(app, css_hash=css_hash)
