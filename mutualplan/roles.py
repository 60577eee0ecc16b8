"""The roles people play on a plan, how people write them, and which side of the deal each is on."""

from __future__ import annotations

import re

from mutualplan.models import Side

# role key -> (how people write it, which side of the deal it sits on)
ROLES: dict[str, tuple[str, Side]] = {
    "champion": ("Champion", Side.BUYER),
    "economic-buyer": ("Economic Buyer", Side.BUYER),
    "legal": ("Legal", Side.BUYER),
    "security": ("Security", Side.BUYER),
    "procurement": ("Procurement", Side.BUYER),
    "technical-lead": ("Technical Lead", Side.BUYER),
    "seller": ("Seller", Side.SELLER),
    "solutions-engineer": ("Solutions Engineer", Side.SELLER),
    "customer-success": ("Customer Success", Side.SELLER),
}
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
