"""The roles people play on a plan (`models.Role`) by the keys templates and commands name them
with, and the other words people write for them."""

from __future__ import annotations

import re

from mutualplan.models import Role

ROLES: dict[str, Role] = {role.key: role for role in Role}  # 'economic-buyer' -> ECONOMIC_BUYER
ROLE_ALIASES = {
    "eb": "economic-buyer",
    "decision-maker": "economic-buyer",
    "ae": "seller",
    "account-executive": "seller",
    "se": "solutions-engineer",
    "csm": "customer-success",
    "it": "technical-lead",
    "infosec": "security",
}


def role_key(text: str) -> str | None:
    """'Economic Buyer', 'economic-buyer' and 'EB' all name the role 'economic-buyer'."""
    key = re.sub(r"[\s_]+", "-", text.strip().lower())
    key = ROLE_ALIASES.get(key, key)
    return key if key in ROLES else None
