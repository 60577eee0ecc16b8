"""The people on a plan: their side of the deal, the role they play, and each as a plan keeps
them (`Stakeholder`)."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field

from mutualplan.header_text import mailbox
from mutualplan.models.phrases import OneLine


class Side(StrEnum):
    BUYER = "buyer"
    SELLER = "seller"


class Role(StrEnum):
    """The part someone plays in the deal, as people write it and a plan keeps it; templates
    and commands name it by its `key` ('economic-buyer', see `roles.role_key`)."""

    CHAMPION = "Champion"
    ECONOMIC_BUYER = "Economic Buyer"
    LEGAL = "Legal"
    SECURITY = "Security"
    PROCUREMENT = "Procurement"
    TECHNICAL_LEAD = "Technical Lead"
    SELLER = "Seller"
    SOLUTIONS_ENGINEER = "Solutions Engineer"
    CUSTOMER_SUCCESS = "Customer Success"

    @property
    def key(self) -> str:
        return self.value.lower().replace(" ", "-")

    @property
    def side(self) -> Side:
        return Side.SELLER if self in SELLER_ROLES else Side.BUYER


SELLER_ROLES = frozenset({Role.SELLER, Role.SOLUTIONS_ENGINEER, Role.CUSTOMER_SUCCESS})
# the buyers whose absence from the check-in calls puts the plan at risk
KEY_ROLES = frozenset({Role.CHAMPION, Role.ECONOMIC_BUYER})


class Stakeholder(BaseModel):
    """A person on the plan. `id` is stable for the life of the plan and never given to anyone
    else (someone taken off and added again gets theirs back)."""

    id: int
    name: OneLine
    email: str
    role: Role | Literal[""] = ""
    side: Side
    language: str = Field(
        default="", description="the language they read (a code: de); empty: the plan's default"
    )
    language_given: bool = Field(
        default=False,
        description="given in the start email or by the seller: their replies do not change it",
    )

    @property
    def address(self) -> str:
        return mailbox(self.name, self.email)

    @property
    def display(self) -> str:
        return self.name or self.email
