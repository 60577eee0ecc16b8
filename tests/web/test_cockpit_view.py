"""The cockpit as a view of list rows (pure): the order, the filters, the sort links, the CSV,
the cockpit link, which is never a plan link nor the other way round, and the page's words in
each language."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from html import unescape

import pytest

from mutualplan.digest import seller_digest
from mutualplan.languages import wording
from mutualplan.links import (
    BadLink,
    CockpitClaims,
    CockpitLinks,
    ExpiredLink,
    LinkClaims,
    Links,
)
from mutualplan.plan_rows import PlanSummary, StepCard
from mutualplan.web.cockpit import CockpitView, cockpit_csv, cockpit_language, cockpit_view
from mutualplan.web.rendering import PageTemplates

NOW = datetime.now(UTC)
TODAY = NOW.date()


def row(id: str, deal: str, health: str, **more: object) -> PlanSummary:
    fields: dict[str, object] = {
        "id": id, "deal": deal, "health": health, "status": "active",
        "seller": "alex@acme.example", "seller_name": "Alex", "buyer": "Globex",
        "go_live": TODAY + timedelta(days=40), "projected_go_live": TODAY + timedelta(days=40),
    }  # fmt: skip
    return PlanSummary.model_validate(fields | more)


ROWS = [
    row("a1", "Initech pilot", "on track", amount=Decimal(50000), currency="USD"),
    row("a2", "Globex rollout", "at risk", last_buyer_action=NOW - timedelta(days=3),
        steps=[StepCard(number=2, title="Security review", owner="Omar",
                        due=TODAY - timedelta(days=2), blocked="pen test")],
        projected_go_live=TODAY + timedelta(days=47), crm_close=TODAY,
        projected_close=TODAY + timedelta(days=9), amount=Decimal(120000), currency="USD"),
    row("a3", "Umbrella renewal", "stalled", last_buyer_action=NOW - timedelta(days=20)),
    row("a4", "Hooli expansion", "completed", status="completed"),
]  # fmt: skip


def test_at_risk_and_stalled_come_first_then_the_rest() -> None:
    view = cockpit_view(ROWS, person="alex@acme.example", team=False, now=NOW)
    assert [r.deal for r in view.rows] == [
        "Umbrella renewal", "Globex rollout", "Initech pilot", "Hooli expansion",
    ]  # fmt: skip
    globex = view.rows[1]
    assert (globex.slipped_days, globex.acted_days, globex.close_slip_days) == (7, 3, 9)
    assert globex.step is not None and globex.step.days_late == 2
    assert [(k.deal, k.days_late) for k in view.risks] == [("Globex rollout", 9)]
    assert all(s.key != "seller" for s in view.sort_links), "no seller column for one seller"


def test_filters_and_sort_links_are_plain_links_that_keep_each_other() -> None:
    view = cockpit_view(ROWS, person="a", team=True, now=NOW, health="at-risk",
                        sort="deal", base_url="/c/x")  # fmt: skip
    assert [r.deal for r in view.rows] == ["Globex rollout"]
    counts = {f.key: f.count for f in view.filter_links}
    assert counts == {"all": 4, "at-risk": 1, "stalled": 1, "on-track": 1, "draft": 0, "closed": 1}
    deal = next(s for s in view.sort_links if s.key == "deal")
    assert deal.current == "asc" and deal.url == "/c/x?health=at-risk&sort=deal&dir=desc"
    assert any(s.key == "seller" for s in view.sort_links)
    by_amount = cockpit_view(ROWS, person="a", team=False, now=NOW, sort="amount",
                             descending=True)  # fmt: skip
    assert [r.deal for r in by_amount.rows][:2] == ["Globex rollout", "Initech pilot"]


def test_csv_has_the_rows_the_page_shows_and_no_formulas() -> None:
    hostile = row("a5", '=HYPERLINK("http://evil")', "on track")
    rows = [*ROWS, hostile]
    view = cockpit_view(rows, person="a", team=False, now=NOW, health="all", sort="deal")
    table = list(csv.DictReader(io.StringIO(cockpit_csv(view, {r.id: r for r in rows}))))
    assert [t["id"] for t in table] == [r.id for r in view.rows]
    globex = next(t for t in table if t["id"] == "a2")
    assert (globex["amount"], globex["currency"], globex["close_slip_days"]) == (
        "120000",
        "USD",
        "9",
    )
    assert next(t for t in table if t["id"] == "a5")["deal"].startswith("'=")


def test_a_cockpit_link_opens_only_the_cockpit() -> None:
    cockpits = CockpitLinks(b"secret", base_url="http://x")
    url = cockpits.url("alex@acme.example", NOW)
    token = url.rpartition("/")[2]
    assert cockpits.read(token, NOW).person == "alex@acme.example"
    with pytest.raises(ExpiredLink):
        cockpits.read(token, NOW + timedelta(days=36))
    with pytest.raises(BadLink):  # another key
        CockpitLinks(b"other").read(token, NOW)
    forged = CockpitLinks(b"secret").sign(
        CockpitClaims(person="bob@acme.example", expires=NOW + timedelta(days=1))
    )
    body, _, _mac = forged.rpartition(".")
    alexs_mac = token.rpartition(".")[2]
    with pytest.raises(BadLink):  # someone else's address under Alex's MAC
        cockpits.read(f"{body}.{alexs_mac}", NOW)
    plan_link = Links(b"secret").sign(
        LinkClaims(plan_id="p1", stakeholder_id=1, expires=NOW + timedelta(days=1))
    )
    with pytest.raises(BadLink):
        cockpits.read(plan_link, NOW)
    with pytest.raises(BadLink):
        Links(b"secret").read(token, NOW)


def test_the_cockpit_speaks_the_sellers_language_else_the_browsers() -> None:
    """Whose language: the seller's as their own plans know it (their latest plan's), else
    the browser's Accept-Language, else the operator's default; a manager with no plans of
    their own reads the browser's, not their sellers'. The Monday digest agrees."""
    german = [
        row("g1", "Old deal", "on track", seller_language="fr", started=NOW - timedelta(days=30)),
        row("g2", "New deal", "on track", seller_language="de", started=NOW - timedelta(days=1)),
        row("g3", "No word", "on track", started=NOW),
    ]
    assert cockpit_language(german, "Alex@acme.example", "fr-FR,fr;q=0.9", "en") == "de"
    assert cockpit_language(ROWS, "alex@acme.example", "fr-FR,fr;q=0.9", "en") == "fr"
    assert cockpit_language(ROWS, "alex@acme.example", "", "es") == "es"
    assert cockpit_language(ROWS, "alex@acme.example", "zh-CN, *", "en") == "en"
    assert cockpit_language(german, "mia@acme.example", "ja-JP", "en") == "ja"
    # the Monday digest picks the same one
    digest = seller_digest(german, NOW - timedelta(days=7), NOW)
    assert digest is not None and digest.language == "de"


# what the English cockpit says, none of which another language's page may say
ENGLISH_WORDS = (
    "Your team's plans", "as of", "click a column", "Download CSV", "Step in progress",
    "Buyer acted", "days late", "day late", "days ago", "day ago", "never", "due", "Forecast",
    "Month", "CRM amount", "This link is personal", "At risk", "All",
)  # fmt: skip


def page_text(view: CockpitView, language: str) -> str:
    """The page as a reader sees its words (tags and the stylesheet left out)."""
    html = (
        PageTemplates()(language)
        .get_template("cockpit.html.j2")
        .render(view=view, expires=TODAY + timedelta(days=35))
    )
    html = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    # the page's own spaces made one; a language's no-break spaces ("120 000") are kept
    return re.sub(r"[ \n]+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


@pytest.mark.parametrize("language", ["de", "fr", "es", "nl", "pt", "it", "ja"])
def test_every_word_of_the_cockpit_is_in_the_readers_language(language: str) -> None:
    """No English left on the page but the seller's own words (deals, steps, names), the
    command lines it suggests and the currency codes; plurals and dates the language's own."""
    words = wording(language)
    rows = [*ROWS, row("a5", "Soylent trial", "at risk", last_buyer_action=NOW - timedelta(days=1),
                       steps=[StepCard(number=1, title="Kickoff", owner="Omar",
                                       due=TODAY - timedelta(days=1))])]  # fmt: skip
    view = cockpit_view(rows, person="mia@acme.example", team=True, now=NOW)
    text = page_text(view, language)
    english = page_text(view, "en")
    for said in ENGLISH_WORDS:
        english_words = re.compile(rf"(?<!\w){re.escape(said)}(?!\w)")
        assert english_words.search(english), said
        assert not english_words.search(text), f"{language}: {said!r} is English"
    assert words.longdate(TODAY) in text
    assert words.shortdate(TODAY - timedelta(days=2)) in text
    assert words.month(TODAY) in text
    assert words.ngettext("%(num)d day late", "%(num)d days late", 2) % {"num": 2} in text
    assert words.ngettext("%(num)d day late", "%(num)d days late", 1) % {"num": 1} in text
    assert words.ngettext("%(num)d day ago", "%(num)d days ago", 3) % {"num": 3} in text
    assert words.term("at risk")[:1].upper() + words.term("at risk")[1:] in text
    assert words.amount(Decimal(120000), "USD") in text
    empty = page_text(cockpit_view([], person="a", team=False, now=NOW), language)
    assert "No plans here" not in empty and "No open plan" not in empty
    # the lines a seller writes stay the engine's English words
    assert "Amount: 120,000 USD" in empty and "close: ..." in empty


def test_a_german_cockpit_writes_amounts_and_dates_the_german_way() -> None:
    view = cockpit_view(ROWS, person="alex@acme.example", team=False, now=NOW)
    text = page_text(view, "de")
    assert "4 Pläne, Stand " + wording("de").longdate(TODAY) in text
    assert "120.000 USD" in text and "50.000 USD" in text
    assert "2 Tage überfällig" in text and "vor 3 Tagen" in text and "vor 20 Tagen" in text
    assert "Deal Kunde Status Fortschritt Go-live" in text
    assert "Alle 4 Gefährdet 1 Ins Stocken geraten 1 Auf Kurs 1" in text
    assert "Blockiert: pen test" in text
