"""Reply tokens: who an engine email was sent to, about which plan and milestone, signed.

A token rides in the Reply-To address (`plans+<token>@domain`), so a reply says by itself which
step it answers. It is lowercase because some servers lose case, fits a 64-character local part,
and carries an HMAC so nobody can forge one or move it to another plan or person.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re

from pydantic import BaseModel

_MAC_CHARS = 16  # 80 bits of HMAC-SHA256, base32
# The token grammar: plan id, milestone, stakeholder, MAC (the plan id is the first group).
# [0-9], not \d: \d also matches other scripts' digits, which the ASCII MAC input cannot hold.
TOKEN_PATTERN = r"([a-z2-7]{10})-([0-9]{1,3})-([0-9]{1,4})-([a-z2-7]{16})"
_TOKEN = re.compile(f"^{TOKEN_PATTERN}$")


class TokenClaims(BaseModel):
    plan_id: str
    milestone_number: int  # 0: the plan as a whole
    stakeholder_id: int


def plan_id_for(seed: str) -> str:
    """A short plan id derived from the start email, so the same email always names one plan."""
    digest = hashlib.sha256(seed.encode("utf-8", "surrogateescape")).digest()
    return base64.b32encode(digest).decode("ascii")[:10].lower()


def make_token(secret: bytes, claims: TokenClaims) -> str:
    body = f"{claims.plan_id}-{claims.milestone_number}-{claims.stakeholder_id}"
    return f"{body}-{_mac(secret, body)}"


def read_token(secret: bytes, token: str) -> TokenClaims | None:
    """The claims of a genuine token, or None for anything forged, altered or malformed."""
    match = _TOKEN.match(token.strip().lower())
    if match is None:
        return None
    plan_id, milestone, stakeholder, mac = match.groups()
    body = f"{plan_id}-{milestone}-{stakeholder}"
    if not hmac.compare_digest(mac, _mac(secret, body)):
        return None
    return TokenClaims(
        plan_id=plan_id, milestone_number=int(milestone), stakeholder_id=int(stakeholder)
    )


def looks_like_token(text: str) -> bool:
    """Written like a token, genuine or not: such a plus-tag is never a template's name."""
    return _TOKEN.match(text.strip().lower()) is not None


def _mac(secret: bytes, body: str) -> str:
    digest = hmac.new(secret, body.encode("ascii"), hashlib.sha256).digest()
    return base64.b32encode(digest).decode("ascii")[:_MAC_CHARS].lower()
