"""The deal's terms in a seller's words: its amount and the CRM's close date. Pure.

In the start email, lines of their own:

    Amount: 120,000 USD
    Close: 2027-01-22

In a reply, the same words change them (the seller only; `none` clears one):

    amount: 95k EUR          -> AMOUNT, '95000 EUR'
    close: Jan 22            -> CLOSE, '2027-01-22'
"""

from __future__ import annotations

import re
from datetime import date

from mutualplan.forecast import read_amount
from mutualplan.mail.dates import parse_date
from mutualplan.models import Intent

AMOUNT_KEYS = {"amount", "deal amount", "deal size", "deal value", "acv", "arr"}
CLOSE_KEYS = {"close", "close date", "closing date", "crm close", "expected close"}
_LINE = re.compile(
    r"^(amount|deal amount|deal size|deal value|acv|arr|close|close date|closing date|crm close"
    r"|expected close)\s*:\s*(\S.*)$",
    re.I,
)
_NONE = {"none", "-", "n/a", "clear", "unknown"}


def start_line(key: str, value: str, today: date) -> dict[str, object]:
    """What an `Amount:` or `Close:` line of the start email sets ({} if it cannot be read)."""
    if key in AMOUNT_KEYS and (amount := read_amount(value)) is not None:
        return {"amount": amount[0], "currency": amount[1]}
    if key in CLOSE_KEYS and (close := parse_date(value, today)) is not None:
        return {"close": close}
    return {}


def read_deal_command(line: str, today: date) -> tuple[Intent, str] | None:
    """An `amount: ...` or `close: ...` reply line, or None if the line is not one."""
    match = _LINE.match(line.strip())
    if match is None:
        return None
    key, value = match.group(1).lower(), match.group(2).strip().rstrip(".")
    intent = Intent.AMOUNT if key in AMOUNT_KEYS else Intent.CLOSE
    if value.lower() in _NONE:
        return intent, ""
    if intent is Intent.AMOUNT:
        amount = read_amount(value)
        return (intent, f"{amount[0]} {amount[1]}".strip()) if amount else None
    close = parse_date(value, today)
    return (intent, close.isoformat()) if close else None
