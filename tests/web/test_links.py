"""Plan page links: signed per person and per action, expiring, and never a reply token. Pure."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from mutualplan.engagement import OPENED, record_view, viewed_today
from mutualplan.links import BadLink, ExpiredLink, LinkAction, LinkClaims, Links
from mutualplan.mail.compose import Renderer
from mutualplan.mail.plan_emails import plan_email
from mutualplan.mail.tokens import TokenClaims, make_token, read_token
from mutualplan.messages import EmailRequest
from mutualplan.models import EmailKind
from mutualplan.settings import Settings
from tests.support.web import web_plan

SECRET = b"link-test-secret"
NOW = datetime(2027, 1, 10, 12, tzinfo=UTC)
LATER = NOW + timedelta(days=30)


def claims(**changes: object) -> LinkClaims:
    base = LinkClaims(
        plan_id="abcdefghij",
        stakeholder_id=2,
        action=LinkAction.DONE,
        milestone_number=3,
        expires=LATER,
    )
    return base.model_copy(update=changes)


def test_a_signed_link_reads_back() -> None:
    links = Links(SECRET)
    assert links.read(links.sign(claims()), NOW) == claims()


@pytest.mark.parametrize(
    "part, value",
    [(0, "abcdefghik"), (1, "3"), (2, "view"), (2, "blocked"), (3, "4"), (4, "1999999999")],
)
def test_changing_any_part_is_refused(part: int, value: str) -> None:
    links = Links(SECRET)
    parts = links.sign(claims()).split(".")
    parts[part] = value
    with pytest.raises(BadLink):
        links.read(".".join(parts), NOW)


def test_forged_truncated_and_foreign_links_are_refused() -> None:
    links = Links(SECRET)
    token = links.sign(claims())
    body, _, mac = token.rpartition(".")
    flipped = mac[:-1] + ("A" if mac[-1] != "A" else "B")
    for bad in (f"{body}.{flipped}", token[:-1], token + "x", "", "../../etc/passwd", body):
        with pytest.raises(BadLink):
            links.read(bad, NOW)
    with pytest.raises(BadLink):  # signed under another secret
        links.read(Links(b"another-secret").sign(claims()), NOW)


def test_an_expired_link_says_so_but_only_when_genuine() -> None:
    links = Links(SECRET)
    token = links.sign(claims(expires=NOW))
    with pytest.raises(ExpiredLink) as expired:
        links.read(token, NOW)
    assert expired.value.status == 410
    assert links.read(token, NOW - timedelta(seconds=1)).plan_id == "abcdefghij"
    body, _, mac = token.rpartition(".")
    with pytest.raises(BadLink):  # a forged expired link is forged first
        links.read(f"{body}.{'A' * len(mac)}", NOW)


def test_links_and_reply_tokens_are_not_interchangeable() -> None:
    links = Links(SECRET)
    reply = make_token(
        SECRET, TokenClaims(plan_id="abcdefghij", milestone_number=3, stakeholder_id=2)
    )
    with pytest.raises(BadLink):
        links.read(reply, NOW)
    assert read_token(SECRET, links.sign(claims())) is None
    # the same fields as a reply token, MAC'd with the secret itself: still no link
    assert read_token(SECRET, reply) is not None


def test_links_last_until_some_days_after_go_live() -> None:
    links = Links(SECRET, days_after_go_live=30)
    assert links.expiry(date(2027, 3, 1), NOW) == datetime(2027, 3, 31, tzinfo=UTC)
    # after go-live, from the email's own day
    assert links.expiry(date(2026, 12, 1), NOW) == datetime(2027, 2, 9, tzinfo=UTC)


def test_emails_carry_absolute_links_of_their_own_recipient() -> None:
    plan = web_plan()
    settings = Settings(secret="s", web_public_url="https://plans.acme.example/")
    first = plan.milestones[0]
    owner = plan.owner(first)
    request = EmailRequest(
        kind=EmailKind.MILESTONE_STARTED,
        plan=plan,
        recipient_id=owner.id,
        milestone_key=first.key,
        key="k",
    )
    email = plan_email(request, settings=settings, renderer=Renderer(), now=NOW)
    links = Links(b"s")
    found = {}
    for line in email.text.splitlines() + (email.html or "").split('"'):
        if "https://plans.acme.example/" in line:
            url = line.split()[-1]
            found[url.split("/")[3]] = found.get(url.split("/")[3], set()) | {url}
    for url in found["a"] | found["p"]:
        read = links.read(url.rsplit("/", 1)[1], NOW)
        assert (read.plan_id, read.stakeholder_id) == (plan.id, owner.id)
    actions = {links.read(u.rsplit("/", 1)[1], NOW).action for u in found["a"]}
    assert actions == {LinkAction.DONE, LinkAction.BLOCKED}
    assert "Mark done" in (email.html or "") and "See the whole plan" in (email.html or "")


def test_others_get_only_their_page_link_and_no_links_without_pages() -> None:
    plan = web_plan()
    first = plan.milestones[0]
    someone_else = next(
        s for s in plan.stakeholders if s.id not in (first.owner_id, plan.seller_id)
    )
    request = EmailRequest(
        kind=EmailKind.MILESTONE_LATE,
        plan=plan,
        recipient_id=someone_else.id,
        milestone_key=first.key,
        key="k",
    )
    served = Settings(secret="s", web_enabled=True, web_port=8123)
    text = plan_email(request, settings=served, renderer=Renderer(), now=NOW).text
    assert "http://127.0.0.1:8123/p/" in text and "/a/" not in text
    quiet = plan_email(request, settings=Settings(secret="s"), renderer=Renderer(), now=NOW).text
    assert "http" not in quiet


def test_an_open_is_recorded_once_a_day_per_person() -> None:
    plan = web_plan()
    jane = plan.stakeholder_by_email("jane@globex.example")
    assert jane is not None
    assert record_view(plan, jane.id, NOW)
    assert not record_view(plan, jane.id, NOW + timedelta(hours=3))
    assert viewed_today(plan, jane.email, NOW)
    assert record_view(plan, jane.id, NOW + timedelta(days=1))
    assert not record_view(plan, 999, NOW)  # not on the plan: nothing
    assert [e.by for e in plan.history if e.what == OPENED] == [jane.email, jane.email]
