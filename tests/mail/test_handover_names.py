"""A step handed over in a sentence keeps the new owner's name when it is written with the
address, as "new owner: Name <address>" does: the plan then greets them by name.

Today is Tuesday 1 December 2026 for every reading here.
"""

from __future__ import annotations

from datetime import date

import pytest

from mutualplan.mail.understanding import understand
from mutualplan.models import Intent

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        (
            "Jörg takes this over: Jörg Müller <joerg.mueller@globex.example>",
            "Jörg Müller <joerg.mueller@globex.example>",
        ),
        (
            "Das übernimmt ab sofort Jörg: Jörg Müller <joerg.mueller@globex.example>",
            "Jörg Müller <joerg.mueller@globex.example>",
        ),
        (
            "Marie reprend le dossier : Marie Dubois <marie.dubois@globex.example>",
            "Marie Dubois <marie.dubois@globex.example>",
        ),
        (
            "Raj Patel (raj.patel@globex.example) owns this step from now on",
            "Raj Patel <raj.patel@globex.example>",
        ),
        ("Passing this to Kim (kim.lee@globex.example)", "Kim <kim.lee@globex.example>"),
        (
            "A partir de ahora se encarga Ana María O'Neil <ana.oneil@globex.example>",
            "Ana María O'Neil <ana.oneil@globex.example>",
        ),
    ],
)
def test_a_name_written_with_the_address_is_kept(text: str, owner: str) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.argument, found.acts) == (Intent.REASSIGN, owner, True), found


@pytest.mark.parametrize(
    "text",
    [
        "Kim will handle this: kim.lee@globex.example",
        "kim.lee@globex.example owns this now",
        "please reassign to <kim.lee@globex.example>",
        "Kim from procurement takes this over (kim.lee@globex.example)",
    ],
)
def test_without_a_name_beside_it_the_address_alone(text: str) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.argument, found.acts) == (
        Intent.REASSIGN,
        "kim.lee@globex.example",
        True,
    ), found
