"""The plan pages in a real headless Chromium (Debian's `chromium`, driven by Playwright), served
by uvicorn as the worker serves them, for a plan on Temporal's time-skipping server whose emails
arrive at a loopback SMTP sink. Screenshots are kept in tests/artifacts/web/ (git-ignored).
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import Browser, Page, async_playwright
from temporalio.testing import WorkflowEnvironment

from mutualplan.languages import wording
from mutualplan.links import LinkClaims, Links
from mutualplan.models import MilestoneStatus, Plan
from mutualplan.settings import Settings
from mutualplan.web.server import serve_web
from mutualplan.workflows.plan import PlanWorkflow
from tests.support.web import (
    ALEX,
    JANE,
    PEOPLE,
    SAM,
    SECRET,
    link_in,
    start_plan,
    web_plan,
    your_turn,
)

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "web"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def settings(smtp_sink: Any, free_port: Callable[[], int]) -> Settings:
    """Served like the worker serves it: emails link to the served loopback address."""
    return Settings(
        secret=SECRET,
        smtp_port=smtp_sink.port,
        task_queue=f"browser-{uuid.uuid4().hex[:8]}",
        web_enabled=True,
        web_port=free_port(),
    )


@pytest.fixture
async def chromium(require_program: Callable[[str], str]) -> AsyncIterator[Browser]:
    path = require_program("chromium")
    async with async_playwright() as playwright:
        # root (CI) cannot use Chromium's sandbox; the pages are our own, on loopback
        browser = await playwright.chromium.launch(executable_path=path, args=["--no-sandbox"])
        yield browser
        await browser.close()


async def new_page(browser: Browser, viewport: dict[str, int], problems: list[str]) -> Page:
    context = await browser.new_context(
        viewport=viewport,  # type: ignore[arg-type]
        is_mobile=viewport is PHONE,
        device_scale_factor=2 if viewport is PHONE else 1,
    )
    page = await context.new_page()
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    return page


async def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    await page.screenshot(path=str(path), full_page=True)
    print(f"screenshot: {path}")


async def current(env: WorkflowEnvironment, plan_id: str) -> Plan:
    return await env.client.get_workflow_handle(plan_id).query(PlanWorkflow.current_plan)


async def test_confirm_then_done_in_chromium_moves_the_plan_on(  # type: ignore[no-untyped-def]
    chromium, time_skipping_env, settings, smtp_sink, worker
) -> None:
    problems: list[str] = []
    async with serve_web(settings, time_skipping_env.client) as address:
        assert address == settings.web_base_url
        plan = web_plan()
        await start_plan(time_skipping_env, settings, plan)
        turn = await smtp_sink.wait_for(your_turn(JANE))
        page_url = link_in(turn, "no password needed):")
        assert page_url.startswith(f"{address}/p/")

        desktop = await new_page(chromium, DESKTOP, problems)
        response = await desktop.goto(page_url)
        assert response is not None and response.status == 200
        assert await desktop.title() == "Globex rollout · mutualplan"
        # the inline stylesheet is allowed by its CSP hash, so it applies
        assert (
            await desktop.locator("main").evaluate("e => getComputedStyle(e).maxWidth") == "880px"
        )
        await shot(desktop, "plan-desktop")

        phone = await new_page(chromium, PHONE, problems)
        await phone.goto(page_url)
        width = await phone.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], "the page fits a phone's width"
        await shot(phone, "plan-phone")

        await desktop.get_by_role("link", name="Mark done").first.click()
        await desktop.get_by_role("heading", name="Mark it done?").wait_for()
        await shot(desktop, "confirm-done")
        assert (await current(time_skipping_env, plan.id)).milestones[0].status.value == "active"
        await desktop.get_by_role("button", name="Yes, mark it done").click()
        await desktop.get_by_text("Jane Doe marked done").wait_for()
        await shot(desktop, "done")

        first = (await current(time_skipping_env, plan.id)).milestones[0]
        assert first.status is MilestoneStatus.DONE and first.history[-1].by == JANE
        sams_turn = await smtp_sink.wait_for(your_turn(SAM))
        await smtp_sink.wait_for(lambda m: ALEX in str(m["To"]) and "Done:" in str(m["Subject"]))

        # Sam, on a phone, is blocked: the form asks why, and the plan shows it
        await phone.goto(link_in(sams_turn, "I'm blocked:"))
        await phone.get_by_label("What is in the way?").fill("Waiting for the budget committee")
        await shot(phone, "confirm-blocked-phone")
        await phone.get_by_role("button", name="Say it is blocked").click()
        await phone.get_by_text("blocked: Waiting for the budget committee").wait_for()
        second = (await current(time_skipping_env, plan.id)).milestones[1]
        assert second.blocked == "Waiting for the budget committee"
        await phone.goto(page_url)
        await shot(phone, "plan-phone-after")
        await desktop.goto(page_url)
        await shot(desktop, "plan-desktop-after")
    assert problems == [], problems  # no Content-Security-Policy violation, no error


async def test_forged_and_expired_links_in_chromium(  # type: ignore[no-untyped-def]
    chromium, time_skipping_env, settings, smtp_sink, worker
) -> None:
    problems: list[str] = []
    async with serve_web(settings, time_skipping_env.client) as address:
        plan = web_plan()
        await start_plan(time_skipping_env, settings, plan)
        turn = await smtp_sink.wait_for(your_turn(JANE))
        page_url = link_in(turn, "no password needed):")
        forged = page_url[:-3] + ("abc" if not page_url.endswith("abc") else "xyz")
        jane = plan.stakeholder_by_email(JANE)
        assert jane is not None
        expired = Links(SECRET.encode(), base_url=address).page_url(
            LinkClaims(
                plan_id=plan.id,
                stakeholder_id=jane.id,
                expires=datetime.now(UTC) - timedelta(days=1),
            )
        )
        page = await new_page(chromium, PHONE, problems)
        for name, url, status, heading in (
            ("forged", forged, 403, "This link does not work"),
            ("expired", expired, 410, "This link has expired"),
        ):
            response = await page.goto(url)
            assert response is not None and response.status == status
            await page.get_by_role("heading", name=heading).wait_for()
            text = await page.inner_text("body")
            assert "Globex" not in text and "Jane" not in text
            await shot(page, f"link-{name}")
    # the browser logs the 403 and 410 themselves as errors; nothing else
    assert all("status of 4" in p for p in problems), problems


async def test_the_french_page_in_chromium_and_the_browsers_language(  # type: ignore[no-untyped-def]
    chromium, time_skipping_env, settings, smtp_sink, worker
) -> None:
    """Jane reads French (given in the start email), whatever her browser says; Sam and Priya
    have no language of their own, so their pages are in their browsers' Accept-Language
    (Spanish, Japanese)."""
    problems: list[str] = []
    people = [p.model_copy(update={"language": "fr"}) if p.email == JANE else p for p in PEOPLE]
    async with serve_web(settings, time_skipping_env.client) as address:
        plan = web_plan(people=people)
        await start_plan(time_skipping_env, settings, plan)
        turn = await smtp_sink.wait_for(
            lambda m: JANE in str(m["To"]) and "À vous" in str(m["Subject"])
        )
        french = wording("fr")
        context = await chromium.new_context(viewport=DESKTOP, locale="en-US")  # type: ignore[arg-type]
        page = await context.new_page()
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        await page.goto(link_in(turn, "sans mot de passe)\u00a0:"))
        assert await page.get_attribute("html", "lang") == "fr"
        await page.get_by_role("heading", name="Jalons").wait_for()
        text = await page.inner_text("main")
        assert "Bonjour Jane Doe (Champion), cette page est la vôtre" in text
        assert f"Mise en production\n{french.longdate(plan.go_live)}" in text or (
            french.longdate(plan.go_live) in text
        )
        assert f"Échéance le {french.longdate(plan.milestones[0].due)}" in text
        assert "le mardi, de 10:00 à 10:30 (Europe/Berlin)" in text
        assert "Marquer comme terminé" in text and "Milestones" not in text
        await shot(page, "plan-french")

        sam = plan.stakeholder_by_email(SAM)
        assert sam is not None and sam.language == ""
        sams_link = Links(SECRET.encode(), base_url=address).page_url(
            LinkClaims(
                plan_id=plan.id,
                stakeholder_id=sam.id,
                expires=datetime.now(UTC) + timedelta(days=30),
            )
        )
        spanish = await chromium.new_context(viewport=PHONE, locale="es-ES")  # type: ignore[arg-type]
        phone = await spanish.new_page()
        await phone.goto(sams_link)
        assert await phone.get_attribute("html", "lang") == "es"
        await phone.get_by_role("heading", name="Hitos").wait_for()
        assert "Hola, Sam Lee (Responsable de presupuesto)" in await phone.inner_text("main")
        await shot(phone, "plan-spanish-phone")

        priya = plan.stakeholder_by_email("priya@globex.example")
        assert priya is not None and priya.language == ""
        priyas_link = Links(SECRET.encode(), base_url=address).page_url(
            LinkClaims(
                plan_id=plan.id,
                stakeholder_id=priya.id,
                expires=datetime.now(UTC) + timedelta(days=30),
            )
        )
        japanese = await chromium.new_context(viewport=DESKTOP, locale="ja-JP")  # type: ignore[arg-type]
        desk = await japanese.new_page()
        await desk.goto(priyas_link)
        assert await desk.get_attribute("html", "lang") == "ja"
        await desk.get_by_role("heading", name="ステップ").wait_for()
        text = await desk.inner_text("main")
        assert "Priya Patel 様（法務）：ご本人専用のページです。" in text
        assert f"期日 {wording('ja').longdate(plan.milestones[0].due)}" in text
        assert "毎週火曜日 10:00〜10:30（Europe/Berlin）" in text and "Milestones" not in text
        await shot(desk, "plan-japanese")
        await context.close()
        await spanish.close()
        await japanese.close()
    assert problems == [], problems
