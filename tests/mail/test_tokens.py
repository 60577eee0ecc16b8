"""Tests for `mutualplan.mail.tokens`: signed reply tokens that ride in the Reply-To address."""

from __future__ import annotations

import string

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from mutualplan.mail.tokens import TokenClaims, make_token, plan_id_for, read_token
from mutualplan.settings import Settings

SECRET = b"test-secret"
PLAN_ID = plan_id_for("CAFk3x9=start@mail.gmail.com")
CLAIMS = TokenClaims(plan_id=PLAN_ID, milestone_number=3, stakeholder_id=2)
TOKEN = make_token(SECRET, CLAIMS)
BASE32 = string.ascii_lowercase + "234567"


def test_round_trip() -> None:
    assert read_token(SECRET, TOKEN) == CLAIMS


def test_the_whole_plan_is_milestone_zero() -> None:
    claims = TokenClaims(plan_id=PLAN_ID, milestone_number=0, stakeholder_id=1)
    assert read_token(SECRET, make_token(SECRET, claims)) == claims


def test_token_is_lowercase_and_address_safe() -> None:
    assert TOKEN.lower() == TOKEN
    assert set(TOKEN) <= set(BASE32 + string.digits + "-")


def test_plan_ids_are_stable_and_token_shaped() -> None:
    assert plan_id_for("a@b") == plan_id_for("a@b")
    assert plan_id_for("a@b") != plan_id_for("a@c")
    assert len(PLAN_ID) == 10
    assert set(PLAN_ID) <= set(BASE32)


@pytest.mark.parametrize(("milestone", "stakeholder"), [(12, 99), (999, 9999)])
def test_local_part_fits_64_characters_for_large_ids(milestone: int, stakeholder: int) -> None:
    claims = TokenClaims(plan_id=PLAN_ID, milestone_number=milestone, stakeholder_id=stakeholder)
    token = make_token(SECRET, claims)
    address = Settings(secret="test-secret").reply_address(token)
    local, _, domain = address.partition("@")
    assert local == f"plans+{token}"
    assert len(local) <= 64
    assert domain == "mutualplan.localhost"
    assert read_token(SECRET, token) == claims


def _one_character_changes(token: str) -> list[str]:
    """Every token that differs from `token` in exactly one character but keeps its shape."""
    changed = []
    start = 0
    for n, part in enumerate(token.split("-")):
        alphabet = string.digits if n in (1, 2) else BASE32
        for i, char in enumerate(part, start=start):
            changed += [token[:i] + other + token[i + 1 :] for other in alphabet if other != char]
        start += len(part) + 1
    return changed


def test_a_token_changed_in_any_one_character_reads_as_none() -> None:
    changes = _one_character_changes(TOKEN)
    assert len(changes) > 400
    assert [c for c in changes if read_token(SECRET, c) is not None] == []


def test_a_token_moved_to_another_plan_reads_as_none() -> None:
    other_plan = plan_id_for("another-start@mail.gmail.com")
    moved = TOKEN.replace(PLAN_ID, other_plan)
    assert moved != TOKEN
    assert read_token(SECRET, moved) is None


@pytest.mark.parametrize("part", ["milestone", "stakeholder"])
def test_a_token_moved_to_another_milestone_or_stakeholder_reads_as_none(part: str) -> None:
    plan_id, milestone, stakeholder, mac = TOKEN.split("-")
    if part == "milestone":
        moved = f"{plan_id}-4-{stakeholder}-{mac}"
    else:
        moved = f"{plan_id}-{milestone}-7-{mac}"
    assert read_token(SECRET, moved) is None


def test_padding_a_number_with_zeros_reads_as_none() -> None:
    plan_id, milestone, stakeholder, mac = TOKEN.split("-")
    assert read_token(SECRET, f"{plan_id}-0{milestone}-{stakeholder}-{mac}") is None


def test_a_token_signed_with_another_secret_reads_as_none() -> None:
    assert read_token(b"another-secret", TOKEN) is None
    assert read_token(SECRET, make_token(b"another-secret", CLAIMS)) is None


def test_uppercase_still_reads_because_servers_lose_case() -> None:
    assert read_token(SECRET, TOKEN.upper()) == CLAIMS
    assert read_token(SECRET, f"  {TOKEN.title()}\r\n") == CLAIMS


@pytest.mark.parametrize(
    "text",
    ["", "enterprise", "short", "-", "a-1-2-b", TOKEN + "x", "x" + TOKEN, TOKEN.replace("-", "_")],
)
def test_malformed_tokens_read_as_none(text: str) -> None:
    assert read_token(SECRET, text) is None


@given(st.text())
@example(f"{PLAN_ID}-\u0663-2-{'a' * 16}")  # ARABIC-INDIC DIGIT THREE
@example(f"{PLAN_ID}-3-\uff12-{'a' * 16}")  # FULLWIDTH DIGIT TWO
@example(TOKEN + "\n")
def test_read_token_never_raises_on_arbitrary_text(text: str) -> None:
    result = read_token(SECRET, text)
    assert result is None or result == CLAIMS


@given(
    st.text(st.characters(categories=["Nd"]), min_size=1, max_size=3),
    st.text(st.characters(categories=["Nd"]), min_size=1, max_size=4),
)
def test_read_token_never_raises_on_digits_of_any_script(milestone: str, stakeholder: str) -> None:
    read_token(SECRET, f"{PLAN_ID}-{milestone}-{stakeholder}-{'a' * 16}")
