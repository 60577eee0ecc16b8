"""The cockpit, the read API and the Monday digest on a real Temporal dev server (its list
calls are what they read), with plans of two sellers and a manager over their domain; the pages
in a real headless Chromium. Screenshots are kept in tests/artifacts/web/ (git-ignored)."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import os
import shlex
import shutil
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import httpx2
import pytest
from click.testing import CliRunner, Result
from playwright.async_api import Browser, Page, async_playwright
from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from mutualplan.business_days import add_business_days, business_day_on_or_before
from mutualplan.cli import main
from mutualplan.client.plan_list import PlanFilter, list_plans, plan_rows
from mutualplan.devstack.ports import free_port as any_free_port
from mutualplan.digest import seller_digest
from mutualplan.languages import wording
from mutualplan.links import CockpitClaims, CockpitLinks
from mutualplan.mail.tokens import plan_id_for
from mutualplan.messages import PlanInput
from mutualplan.models import Plan
from mutualplan.planning import Person, StartRequest, build_plan
from mutualplan.settings import Settings
from mutualplan.template_files import load_template
from mutualplan.web.cockpit import CSV_COLUMNS
from mutualplan.web.server import serve_web
from mutualplan.worker.digests import DigestActivities, TemporalPlans
from mutualplan.worker.run import build_worker
from mutualplan.workflows.plan import PlanWorkflow
from tests.support.mailservers import SmtpSink
from tests.support.temporal import address_of, new_namespace
from tests.support.web import PEOPLE

pytestmark = pytest.mark.e2e
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "web"
DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}
ALEX, BOB, CAROL, MANAGER = (
    "alex@acme.example", "bob@acme.example", "carol@initech.example", "mia@acme.example",
)  # fmt: skip
TOKEN = "api-test-token"


def plan_for(seller: str, deal: str, now: datetime, *, late_days: int = 0, close_in: int = 75,
             amount: int = 100_000, language: str | None = None) -> Plan:  # fmt: skip
    """A short plan started today; its first step `late_days` business days past due (0: on
    time; late counts the plan's business days, so a weekend today adds none); the CRM
    close `close_in` days on (0: the signature step's due date); `language`: the seller's."""
    request = StartRequest(
        message_id=f"{uuid.uuid4()}@{seller.partition('@')[2]}",
        template="short",
        seller=Person(name=seller.split("@")[0].title(), email=seller),
        deal=deal,
        go_live=(now + timedelta(days=60)).date(),
        people=PEOPLE,
        confirm=True,
        amount=Decimal(amount),
        currency="USD",
        close=(now + timedelta(days=close_in)).date(),
    )
    template = load_template("short").model_copy(update={"checkin": None})
    plan = build_plan(template, request, plan_id=plan_id_for(request.message_id), now=now)
    if language:  # as "language of me: de" in a reply of the seller's sets it
        plan.seller.language, plan.seller.language_given = language, True
    if late_days:
        last_worked = business_day_on_or_before(now.date(), plan.holidays.days_off)
        plan.milestones[0].due = add_business_days(last_worked, -late_days, plan.holidays.days_off)
    if not close_in:  # the CRM expects the signature on its planned day
        plan.crm_close = next(m.due for m in plan.milestones if m.signature)
    return plan


class Stack:
    def __init__(self, settings: Settings, client: Client, plans: dict[str, Plan]) -> None:
        self.settings, self.client, self.plans = settings, client, plans

    def cockpit_url(self, address: str, base: str, now: datetime | None = None) -> str:
        links = CockpitLinks(self.settings.secret_bytes(), base_url=base)
        return links.url(address, now or datetime.now(UTC))


@pytest.fixture(scope="module")
async def stack(
    tmp_path_factory: pytest.TempPathFactory, dev_server: WorkflowEnvironment
) -> AsyncIterator[Stack]:
    """Five plans of three sellers on a namespace of this module's own of the session's dev
    server (a list shows every plan of its namespace). Carol reads German."""
    root = tmp_path_factory.mktemp("cockpit")
    sink = SmtpSink(any_free_port())
    await sink.start()
    settings = Settings(
        data_dir=root, secret="cockpit-secret", smtp_port=sink.port,
        temporal_address=address_of(dev_server), temporal_namespace=await new_namespace(dev_server),
        task_queue=f"cockpit-{uuid.uuid4().hex[:6]}", web_enabled=True, web_port=any_free_port(),
        managers={MANAGER: ["@acme.example"]}, api_token=TOKEN,
    )  # fmt: skip
    client = await Client.connect(
        settings.temporal_address,
        namespace=settings.temporal_namespace,
        data_converter=pydantic_data_converter,
    )
    now = datetime.now(UTC)
    plans = {
        "globex": plan_for(ALEX, "Globex rollout", now, late_days=3, close_in=0,
                           amount=120_000),
        "initech": plan_for(ALEX, "Initech pilot", now, amount=50_000),
        "umbrella": plan_for(ALEX, "Umbrella renewal", now, late_days=10, amount=80_000),
        "hooli": plan_for(BOB, "Hooli expansion", now, amount=200_000),
        "soylent": plan_for(CAROL, "Soylent trial", now, amount=10_000, language="de"),
    }  # fmt: skip
    worker: Worker = build_worker(settings, client)
    async with worker:
        for plan in plans.values():
            await client.start_workflow(PlanWorkflow.run, PlanInput(plan=plan), id=plan.id,
                                        task_queue=settings.task_queue)  # fmt: skip
        await _listed(client, len(plans))
        yield Stack(settings, client, plans)
        for plan in plans.values():
            await client.get_workflow_handle(plan.id).terminate()
    await sink.stop()


async def _listed(client: Client, count: int) -> None:
    """Until the list shows every plan with its card and health (visibility lags a little)."""
    for _ in range(200):
        rows = await list_plans(client)
        if len(rows) == count and all(r.steps and r.health for r in rows):
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"the list shows {rows}")


async def test_the_list_rows_carry_the_card(stack: Stack) -> None:
    rows = {r.id: r for r in await list_plans(stack.client)}
    globex = rows[stack.plans["globex"].id]
    assert (globex.health, globex.buyer, globex.seller_name) == ("at risk", "Globex", "Alex")
    assert (globex.amount, globex.currency) == (Decimal(120000), "USD")
    assert globex.steps[0].title == stack.plans["globex"].milestones[0].title
    assert globex.projected_close is not None and globex.crm_close is not None
    assert globex.projected_close > globex.crm_close
    assert rows[stack.plans["umbrella"].id].health == "stalled"
    mine = PlanFilter(sellers=[ALEX])
    assert {r.deal async for r in plan_rows(stack.client, mine)} == {
        "Globex rollout", "Initech pilot", "Umbrella renewal",
    }  # fmt: skip


async def test_the_digest_is_gathered_from_list_calls_alone(stack: Stack) -> None:
    """TemporalPlans reads no plan by query: the same rows with the workflows' queries gone
    (the worker stopped answering would do; here, every plan is read from the list only)."""
    directory = TemporalPlans(stack.client)
    since = datetime.now(UTC) - timedelta(days=7)
    sellers = [rows async for rows in directory.by_seller(since)]
    assert [[r.seller for r in rows] for rows in sellers] == [[ALEX] * 3, [BOB], [CAROL]]
    assert {r.deal for r in sellers[0]} == {"Globex rollout", "Initech pilot", "Umbrella renewal"}
    rows = await directory.plans_of(ALEX, since)
    digest = seller_digest(rows, since, datetime.now(UTC))
    assert digest is not None and digest.seller_email == ALEX
    assert [p.deal for p in digest.plans] == ["Umbrella renewal", "Globex rollout",
                                              "Initech pilot"]  # fmt: skip
    umbrella = digest.plans[0]
    assert umbrella.late and "10 days late" in str(umbrella.late[0])
    activities = DigestActivities(stack.settings, directory, None, None)  # type: ignore[arg-type]
    assert activities.cockpit_url(ALEX, datetime.now(UTC)).startswith(
        f"{stack.settings.web_base_url}/c/"
    )


async def test_the_read_api(stack: Stack) -> None:
    async with (
        serve_web(stack.settings, stack.client) as address,
        httpx2.AsyncClient(base_url=address) as http,
    ):
        assert (await http.get("/api/plans")).status_code == 401
        wrong = await http.get("/api/plans", headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401
        auth = {"Authorization": f"Bearer {TOKEN}"}
        first = (await http.get("/api/plans?limit=2&seller=" + ALEX, headers=auth)).json()
        assert len(first["plans"]) == 2 and first["next_page"]
        rest = await http.get(f"/api/plans?limit=2&seller={ALEX}&page={first['next_page']}",
                              headers=auth)  # fmt: skip
        ids = {p["id"] for p in first["plans"] + rest.json()["plans"]}
        assert len(ids) == 3
        globex = stack.plans["globex"]
        one = (await http.get(f"/api/plans/{globex.id}", headers=auth)).json()
        assert one["deal"] == "Globex rollout" and len(one["milestones"]) == len(globex.milestones)
        assert (await http.get("/api/plans/nosuchplan", headers=auth)).status_code == 404
        spec = (await http.get("/api/openapi.json")).json()
        assert set(spec["paths"]) == {"/api/plans", "/api/plans/{plan_id}"}
        assert "PlanSummary" in spec["components"]["schemas"]


async def test_mutualplan_plans_shows_a_page_at_a_time(stack: Stack) -> None:
    """The command lists a page (no more is read) and says how to see the next one; `--all`
    goes through every page; `--json` is one array."""
    env = {
        "MUTUALPLAN_TEMPORAL_ADDRESS": stack.settings.temporal_address,
        "MUTUALPLAN_TEMPORAL_NAMESPACE": stack.settings.temporal_namespace,
    }

    def plans(*options: str) -> Result:
        return CliRunner().invoke(main, ["plans", *options], env=env)

    first = await asyncio.to_thread(plans, "--limit", "2")
    assert first.exit_code == 0, first.output
    shown = [p.id for p in stack.plans.values() if p.id in first.output]
    assert len(shown) == 2
    more = first.output.strip().splitlines()[-1]
    assert more.startswith("More: mutualplan plans --limit 2 --page ")
    second = await asyncio.to_thread(
        plans, *shlex.split(more.removeprefix("More: mutualplan plans"))
    )
    assert len([p.id for p in stack.plans.values() if p.id in second.output]) == 2
    assert not set(shown) & {p.id for p in stack.plans.values() if p.id in second.output}

    every = await asyncio.to_thread(plans, "--all", "--json", "--limit", "2")
    assert {row["id"] for row in json.loads(every.stdout)} == {p.id for p in stack.plans.values()}
    bob = await asyncio.to_thread(plans, "--seller", BOB)
    assert stack.plans["hooli"].id in bob.output and "More:" not in bob.output
    assert stack.plans["globex"].id not in bob.output
    nobody = await asyncio.to_thread(plans, "--seller", "nobody@elsewhere.example")
    assert nobody.output == "No plans match.\n"  # not "No plans yet": there are, not theirs


async def test_mutualplan_digest_says_every_sellers_digest_in_turn(stack: Stack) -> None:
    env = {
        "MUTUALPLAN_TEMPORAL_ADDRESS": stack.settings.temporal_address,
        "MUTUALPLAN_TEMPORAL_NAMESPACE": stack.settings.temporal_namespace,
    }
    found = await asyncio.to_thread(CliRunner().invoke, main, ["digest"], env=env)
    assert found.exit_code == 0, found.output
    to = [line for line in found.output.splitlines() if line.startswith("To: ")]
    assert to == [f"To: {ALEX}", f"To: {BOB}", f"To: {CAROL}"]
    assert found.output.count("Umbrella renewal") == 1


@pytest.fixture(scope="module")
async def chromium() -> AsyncIterator[Browser]:
    path = shutil.which("chromium")
    if path is None:  # as tests/conftest.py's require_program: CI installs it
        if os.environ.get("CI"):
            pytest.fail("chromium is missing")
        pytest.skip("chromium is not installed")
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=path, args=["--no-sandbox"])
        yield browser
        await browser.close()


async def new_page(browser: Browser, viewport: dict[str, int], problems: list[str]) -> Page:
    context = await browser.new_context(viewport=viewport, is_mobile=viewport is PHONE)  # type: ignore[arg-type]
    page = await context.new_page()
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    return page


async def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


async def deals(page: Page) -> list[str]:
    return [
        d.strip() for d in await page.locator("table.cockpit tbody td.c-deal").all_inner_texts()
    ]


async def test_the_cockpit_in_chromium(stack: Stack, chromium: Browser) -> None:
    problems: list[str] = []
    async with serve_web(stack.settings, stack.client) as address:
        desktop = await new_page(chromium, DESKTOP, problems)
        response = await desktop.goto(stack.cockpit_url(ALEX, address))
        assert response is not None and response.status == 200
        assert await desktop.title() == "Your plans · mutualplan"
        # at risk and stalled first; only Alex's own plans; no seller column for one seller
        assert await deals(desktop) == ["Umbrella renewal", "Globex rollout", "Initech pilot"]
        assert await desktop.locator("th.c-seller").count() == 0
        globex = desktop.locator("tr", has_text="Globex rollout")
        assert "3 days late" in await globex.locator("td.c-step").inner_text()
        risk = desktop.locator("#forecast-risk + p + ul li")
        assert await risk.count() == 1 and "Globex rollout" in await risk.inner_text()
        await shot(desktop, "cockpit-desktop")

        await desktop.get_by_role("link", name="Amount").click()
        assert await deals(desktop) == ["Initech pilot", "Umbrella renewal", "Globex rollout"]
        await desktop.get_by_role("link", name="Amount ▲").click()
        assert await deals(desktop) == ["Globex rollout", "Umbrella renewal", "Initech pilot"]
        await desktop.get_by_role("link", name="At risk").first.click()
        assert await deals(desktop) == ["Globex rollout"]
        assert "health=at-risk" in desktop.url
        await shot(desktop, "cockpit-filtered")

        # the seller's own plan link opens their plan page
        await desktop.get_by_role("link", name="Globex rollout").click()
        await desktop.get_by_role("heading", name="Globex rollout").wait_for()
        assert "/p/" in desktop.url

        csv_url = stack.cockpit_url(ALEX, address).replace("/c/", "/c/", 1) + "/plans.csv"
        async with httpx2.AsyncClient() as http:
            table = list(csv.DictReader(io.StringIO((await http.get(csv_url)).text)))
        assert sorted(t["deal"] for t in table) == ["Globex rollout", "Initech pilot",
                                                    "Umbrella renewal"]  # fmt: skip

        phone = await new_page(chromium, PHONE, problems)
        await phone.goto(stack.cockpit_url(ALEX, address))
        width = await phone.evaluate("document.body.scrollWidth")
        assert width <= PHONE["width"], "the page fits a phone; the table scrolls in its box"
        await shot(phone, "cockpit-phone")

        # a manager of @acme.example sees Alex's and Bob's plans with a seller column, not Carol's
        await desktop.goto(stack.cockpit_url(MANAGER, address))
        assert await desktop.title() == "Your team's plans · mutualplan"
        shown = await deals(desktop)
        assert sorted(shown) == ["Globex rollout", "Hooli expansion", "Initech pilot",
                                 "Umbrella renewal"]  # fmt: skip
        assert await desktop.locator("th.c-seller").count() == 1
        hooli = desktop.locator("tr", has_text="Hooli expansion")
        assert (await hooli.locator("td.c-seller").inner_text()).strip() == "Bob"
        assert await hooli.get_by_role("link").count() == 0, "a manager is not on the plan"
        await shot(desktop, "cockpit-manager")

        # Bob sees only his own
        await desktop.goto(stack.cockpit_url(BOB, address))
        assert await deals(desktop) == ["Hooli expansion"]

        assert problems == [], problems  # no Content-Security-Policy violation, no error

        # forged, altered and expired links are refused, with no plan on the page
        alexs = stack.cockpit_url(ALEX, address)
        token = alexs.rpartition("/")[2]
        forged = CockpitLinks(b"not-the-secret").sign(
            CockpitClaims(person=ALEX, expires=datetime.now(UTC) + timedelta(days=1))
        )
        expired = stack.cockpit_url(ALEX, address, datetime.now(UTC) - timedelta(days=40))
        refusals = [
            (f"{address}/c/{forged}", 403),
            (alexs[:-2] + "xx", 403),
            (f"{address}/c/{token.replace('.', 'x', 1)}", 403),
            (expired, 410),
        ]
        for url, status in refusals:
            refused = await desktop.goto(url)
            assert refused is not None and refused.status == status
            assert "Globex" not in await desktop.content()
        await shot(desktop, "cockpit-expired")


async def text_of(page: Page) -> str:
    return " ".join((await page.inner_text("body")).split())


async def test_the_cockpit_in_the_sellers_language_else_the_browsers(
    stack: Stack, chromium: Browser
) -> None:
    """Carol reads German (given for her on her plan), whatever her browser asks; Alex has no
    language of his own, so his cockpit is in his browser's, and so is a manager's with no
    plans of their own. The CSV's column names stay English for the CRM that imports them."""
    problems: list[str] = []
    german, french = wording("de"), wording("fr")
    today = datetime.now(UTC).date()
    async with serve_web(stack.settings, stack.client) as address:
        english_browser = await chromium.new_context(viewport=DESKTOP, locale="en-US")  # type: ignore[arg-type]
        carol = await english_browser.new_page()
        carol.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        response = await carol.goto(stack.cockpit_url(CAROL, address))
        assert response is not None and response.status == 200
        assert await carol.title() == "Ihre Pläne · mutualplan"
        assert await carol.locator("html").get_attribute("lang") == "de"
        text = await text_of(carol)
        assert f"1 Plan, Stand {german.longdate(today)}." in text
        headers = await carol.locator("table.cockpit th").all_inner_texts()
        assert headers[:7] == ["Deal", "Kunde", "Status", "Fortschritt", "Go-live",
                               "Voraussichtlich", "Laufender Schritt"]  # fmt: skip
        soylent, plan = carol.locator("tr", has_text="Soylent trial"), stack.plans["soylent"]
        assert (await soylent.locator("td.c-health").inner_text()).strip() == "auf Kurs"
        assert german.shortdate(plan.go_live) in await soylent.locator("td.c-go-live").inner_text()
        step = plan.milestones[0]
        assert f"{step.titles['de']}" in await soylent.locator("td.c-step").inner_text()
        assert (
            f"fällig am {german.shortdate(step.due)}"
            in await soylent.locator("td.c-step").inner_text()
        )
        assert (await soylent.locator("td.c-acted").inner_text()).strip() == "nie"
        assert (await soylent.locator("td.c-amount").inner_text()).strip() == "10.000 USD"
        assert german.month(plan.crm_close) in text and "Prognoserisiko" in text
        assert f"gilt bis {german.longdate(today + timedelta(days=35))}" in text
        await shot(carol, "cockpit-german")
        await carol.get_by_role("link", name="Gefährdet").click()
        assert "health=at-risk" in carol.url and "Hier sind keine Pläne." in await text_of(carol)

        # the CSV keeps English column names and values, whatever the page's language
        async with httpx2.AsyncClient() as http:
            got = await http.get(stack.cockpit_url(CAROL, address) + "/plans.csv",
                                 headers={"Accept-Language": "fr-FR"})  # fmt: skip
        header, first = list(csv.reader(io.StringIO(got.text)))[:2]
        assert header == CSV_COLUMNS
        assert header[:6] == ["id", "deal", "buyer", "seller", "health", "progress"]
        assert first[1:5] == ["Soylent trial", "Globex", CAROL, "on track"]

        french_browser = await chromium.new_context(viewport=DESKTOP, locale="fr-FR")  # type: ignore[arg-type]
        alex = await french_browser.new_page()
        alex.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        await alex.goto(stack.cockpit_url(ALEX, address))
        assert await alex.title() == "Vos plans · mutualplan"
        text = await text_of(alex)
        assert f"3 plans au {french.longdate(today)}." in text
        globex = alex.locator("tr", has_text="Globex rollout")
        assert "3 jours de retard" in await globex.locator("td.c-step").inner_text()
        assert (await globex.locator("td.c-health").inner_text()).strip() == "à risque"
        assert "120\u202f000 USD" in await globex.locator("td.c-amount").inner_text()
        risk = alex.locator("#forecast-risk + p + ul li")
        assert (
            "Globex rollout" in await risk.inner_text()
            and "clôture CRM le" in await risk.inner_text()
        )
        await alex.get_by_role("link", name="Montant").click()  # sorting and filters as in English
        assert await deals(alex) == ["Initech pilot", "Umbrella renewal", "Globex rollout"]
        await shot(alex, "cockpit-french")
        await alex.get_by_role("link", name="À risque").first.click()
        assert await deals(alex) == ["Globex rollout"]

        # a manager with no plans of their own: the browser's language
        japanese_browser = await chromium.new_context(viewport=DESKTOP, locale="ja-JP")  # type: ignore[arg-type]
        mia = await japanese_browser.new_page()
        await mia.goto(stack.cockpit_url(MANAGER, address))
        assert await mia.title() == "チームのプラン · mutualplan"
        assert "営業担当" in await mia.locator("th.c-seller").inner_text()

        assert problems == [], problems  # no Content-Security-Policy violation, no error

        # a link refused says so in the browser's language, with no plan on it
        expired = stack.cockpit_url(ALEX, address, datetime.now(UTC) - timedelta(days=40))
        refused = await alex.goto(expired)
        assert refused is not None and refused.status == 410
        text = await text_of(alex)
        assert "Ce lien a expiré" in text and "Globex" not in text
