"""Signed, expiring links to the plan page, one per recipient (and per action). Pure.

A link token names the plan, the person it was sent to, what it does (`view` the page, mark a
milestone `done`, say it is `blocked`, say `yes` to a question the engine asked, download a
`file`), the milestone (for `yes`: which of the question's options), and when it stops working:

    <plan>.<person>.<action>.<milestone>.<expires, unix seconds>[.<ref>].<MAC>

`ref` names the question or the file (`yes`, `file`); the other links have none.

The MAC is HMAC-SHA256 under a key derived from MUTUALPLAN_SECRET for this purpose only, so a
reply token (signed with the secret itself, over another layout) can never be used as a link,
nor a link as a reply token. Links last until some days after go-live (or after the email, if
that is later): long enough for the whole plan, not forever.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

import re2
from pydantic import AwareDatetime, BaseModel, Field

from mutualplan.errors import MutualPlanError

_PURPOSE = b"mutualplan/web-link/v1"
_MAC_CHARS = 22  # 132 bits of HMAC-SHA256, base64url
_TOKEN = re.compile(
    r"^([a-z0-9]{1,40})\.([0-9]{1,6})\.(view|done|blocked|yes|file)\.([0-9]{1,4})\.([0-9]{1,12})"
    r"(?:\.([a-z0-9]{1,24}))?\.([A-Za-z0-9_-]{22})$"
)
_REFERS = {"yes", "file"}  # the actions whose links name a question or a file


class LinkAction(StrEnum):
    VIEW = "view"
    DONE = "done"
    BLOCKED = "blocked"
    YES = "yes"  # say yes to a question the engine asked ("Did you mean ...?")
    FILE = "file"  # download a file someone sent about the plan


class LinkClaims(BaseModel):
    plan_id: str
    stakeholder_id: int
    action: LinkAction = LinkAction.VIEW
    milestone_number: int = 0  # 0: the plan as a whole; `yes`: the option said yes to
    expires: AwareDatetime
    ref: str = Field(default="", pattern=r"^[a-z0-9]{0,24}$", description="question or file")


class PersonLinks(BaseModel):
    page: str
    done: str = ""
    blocked: str = ""
    cockpit: str = Field(default="", description="the seller's own: all their plans")


class LinkRefused(MutualPlanError):
    """A link that does not open the page; `status` is the HTTP status the page answers with."""

    status = 403


class BadLink(LinkRefused):
    """Forged, altered, truncated or malformed."""


class ExpiredLink(LinkRefused):
    """Genuine, but past its expiry (`expires`: when it did, for a page to say)."""

    status = 410

    def __init__(self, expires: datetime) -> None:
        super().__init__(f"this link expired on {expires:%a %d %b %Y}")
        self.expires = expires


class Links:
    """Signs and reads link tokens; builds absolute URLs when given the public base URL."""

    def __init__(self, secret: bytes, *, base_url: str = "", days_after_go_live: int = 30) -> None:
        self._key = hmac.new(secret, _PURPOSE, hashlib.sha256).digest()
        self.base_url = base_url.rstrip("/")
        self._days = days_after_go_live

    def sign(self, claims: LinkClaims) -> str:
        body = _body(claims)
        return f"{body}.{self._mac(body)}"

    def read(self, token: str, now: datetime) -> LinkClaims:
        """The claims of a genuine, unexpired token; BadLink or ExpiredLink otherwise."""
        match = _TOKEN.match(token)
        if match is None:
            raise BadLink("this link is not valid: it may have been cut short or changed")
        plan_id, person, action, milestone, expires, ref, mac = match.groups()
        body = ".".join((plan_id, person, action, milestone, expires, *([ref] if ref else [])))
        if not hmac.compare_digest(mac, self._mac(body)) or bool(ref) != (action in _REFERS):
            raise BadLink("this link is not valid: it may have been cut short or changed")
        claims = LinkClaims(
            plan_id=plan_id,
            stakeholder_id=int(person),
            action=LinkAction(action),
            milestone_number=int(milestone),
            expires=datetime.fromtimestamp(int(expires), UTC),
            ref=ref or "",
        )
        if claims.expires <= now:
            raise ExpiredLink(claims.expires)
        return claims

    def expiry(self, go_live: date, now: datetime) -> datetime:
        """Midnight UTC, some days after go-live or after now, whichever is later."""
        last = max(go_live, now.astimezone(UTC).date()) + timedelta(days=self._days)
        return datetime.combine(last, time(), tzinfo=UTC)

    def page_url(self, claims: LinkClaims) -> str:
        prefix = _PREFIXES.get(claims.action, "a")
        return f"{self.base_url}/{prefix}/{self.sign(claims)}"

    def for_person(
        self, plan_id: str, go_live: date, person_id: int, now: datetime, milestone: int = 0
    ) -> PersonLinks:
        """A person's page link, and with a milestone their done and blocked links for it."""
        expires = self.expiry(go_live, now)

        def url(action: LinkAction, number: int) -> str:
            claims = LinkClaims(
                plan_id=plan_id,
                stakeholder_id=person_id,
                action=action,
                milestone_number=number,
                expires=expires,
            )
            return self.page_url(claims)

        if not milestone:
            return PersonLinks(page=url(LinkAction.VIEW, 0))
        return PersonLinks(
            page=url(LinkAction.VIEW, 0),
            done=url(LinkAction.DONE, milestone),
            blocked=url(LinkAction.BLOCKED, milestone),
        )

    def yes_url(
        self, plan_id: str, go_live: date, person_id: int, now: datetime, key: str, option: int
    ) -> str:
        """The link that says yes to one option of the question `key`."""
        return self.page_url(
            LinkClaims(plan_id=plan_id, stakeholder_id=person_id, action=LinkAction.YES,
                       milestone_number=option, expires=self.expiry(go_live, now), ref=key)
        )  # fmt: skip

    def file_url(self, plan_id: str, go_live: date, person_id: int, now: datetime, key: str) -> str:
        """A person's own link to download the file `key` (a file the plan lists)."""
        return self.page_url(
            LinkClaims(plan_id=plan_id, stakeholder_id=person_id, action=LinkAction.FILE,
                       expires=self.expiry(go_live, now), ref=key)
        )  # fmt: skip

    def _mac(self, body: str) -> str:
        digest = hmac.new(self._key, body.encode("ascii"), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode("ascii")[:_MAC_CHARS]


_PREFIXES = {LinkAction.VIEW: "p", LinkAction.FILE: "f"}  # the rest confirm, then act: /a/


def _body(claims: LinkClaims) -> str:
    expires = int(claims.expires.timestamp())
    ref = f".{claims.ref}" if claims.action.value in _REFERS else ""
    return (
        f"{claims.plan_id}.{claims.stakeholder_id}.{claims.action.value}."
        f"{claims.milestone_number}.{expires}{ref}"
    )


# --- the seller's cockpit --------------------------------------------------------------------

_COCKPIT_PURPOSE = b"mutualplan/cockpit-link/v1"
_COCKPIT_TOKEN = re.compile(r"^([A-Za-z0-9_-]{4,400})\.([0-9]{1,12})\.([A-Za-z0-9_-]{22})$")


class CockpitClaims(BaseModel):
    person: str = Field(description="the seller's (or manager's) address")
    expires: AwareDatetime


class CockpitLinks:
    """Signs and reads a person's cockpit link: <address, base64url>.<expires>.<MAC>

    Its MAC is under a key of its own purpose, and its layout is not a plan link's, so neither
    kind of link ever opens the other's page. The link names a person, not a list of plans: whose
    plans it shows is read from the settings (`managers`) each time it is opened.
    """

    def __init__(self, secret: bytes, *, base_url: str = "", days: int = 35) -> None:
        self._key = hmac.new(secret, _COCKPIT_PURPOSE, hashlib.sha256).digest()
        self.base_url = base_url.rstrip("/")
        self._days = days

    def url(self, person: str, now: datetime) -> str:
        expires = datetime.combine(
            now.astimezone(UTC).date() + timedelta(days=self._days), time(), tzinfo=UTC
        )
        return f"{self.base_url}/c/{self.sign(CockpitClaims(person=person, expires=expires))}"

    def sign(self, claims: CockpitClaims) -> str:
        who = base64.urlsafe_b64encode(claims.person.lower().encode()).decode().rstrip("=")
        body = f"{who}.{int(claims.expires.timestamp())}"
        return f"{body}.{_mac(self._key, body)}"

    def read(self, token: str, now: datetime) -> CockpitClaims:
        """The claims of a genuine, unexpired token; BadLink or ExpiredLink otherwise."""
        match = _COCKPIT_TOKEN.match(token)
        if match is None or not hmac.compare_digest(
            match.group(3), _mac(self._key, f"{match.group(1)}.{match.group(2)}")
        ):
            raise BadLink("this link is not valid: it may have been cut short or changed")
        who = match.group(1)
        try:
            person = base64.urlsafe_b64decode(who + "=" * (-len(who) % 4)).decode()
        except (ValueError, UnicodeDecodeError):
            raise BadLink("this link is not valid") from None
        claims = CockpitClaims(
            person=person, expires=datetime.fromtimestamp(int(match.group(2)), UTC)
        )
        if claims.expires <= now:
            raise ExpiredLink(claims.expires)
        return claims


def _mac(key: bytes, body: str) -> str:
    digest = hmac.new(key, body.encode("ascii"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii")[:_MAC_CHARS]


# A signed link of ours as it stands in what someone wrote: a page, action, file or cockpit path,
# then a token of dotted parts that ends in its MAC. RE2: linear whatever the text.
_SIGNED_LINK = re2.compile(
    r"https?://[^\s<>\"'()\[\]]+?/[pafc]/[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+){1,6}"
    rf"\.[A-Za-z0-9_-]{{{_MAC_CHARS}}}"
)
LINK_LEFT_OUT = "[link]"


def without_signed_links(text: str) -> str:
    """`text` without links shaped like ours: a reply that quotes an email of the engine (the
    quote not cut, or pasted) would keep the writer's signed links in a comment, a note or a
    reason that others see, and each acts as the person it was made for."""
    if "/" not in text:
        return text
    kept: str = _SIGNED_LINK.sub(LINK_LEFT_OUT, text)
    return kept
