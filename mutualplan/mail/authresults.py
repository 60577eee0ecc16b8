"""The DMARC verdict of our own receiving server, read from its Authentication-Results headers.

    dmarc_verdict(message, authserv_id, sender_domain) -> DmarcVerdict

Anybody can put an Authentication-Results header (RFC 8601) in a message; only our receiving
server writes one with its own authserv-id (`MUTUALPLAN_TRUSTED_AUTHSERV_ID`). So only headers
with that id count, each parsed per RFC 8601 by the `authres` package: the `dmarc` *method's*
result, never a `dmarc=` that happens to stand in a property value
(`smtp.mailfrom=dmarc=pass@evil.example`) or a comment.

Where in the header block: every header carrying the trusted id counts, wherever it stands, and
they must agree. Receiving servers differ in where they put theirs (Gmail below its own Received
lines, a milter that appends at the bottom of the header), so "the topmost one" would sometimes
be the sender's forgery; and setups with one verifier per method (SPF, DKIM, DMARC) write several
with the same id. A forged header can then only add a second, different DMARC result, which is a
conflict, and a conflict is held like a failure: it never removes our server's own verdict.
Nor can fields in bulk push it out of what is read: a message with more header fields than the
reader keeps (`policy.MAX_FIELDS`) is a conflict, as its last ones, where a server that appends
writes its verdict, were not read.
What this cannot catch is a receiving server that writes no DMARC result at all for a message,
so the server must check every message (and should remove incoming headers with its id).

Only `dmarc=pass` for a `header.from` equal to the sender's domain is a pass. `none` (the domain
publishes no policy), `temperror`, `permerror`, a pass for another domain, or no result at all
are "not verified", held like `fail`. Pure; never raises.
"""

from __future__ import annotations

from email.message import Message
from enum import StrEnum

from authres import AuthenticationResultsHeader
from pydantic import BaseModel

# RFC 8601 headers from real servers are well under 2,000 characters; the `authres` parser is
# quadratic in a header's length, so a longer one is not parsed (it counts as unreadable)
MAX_HEADER_CHARS = 4_000
# more headers with our id than any setup writes: a forgery, read as a conflict
MAX_TRUSTED_HEADERS = 10
# ... and more characters in them than that: `authres` parses about 10 µs a character
MAX_TRUSTED_CHARS = 8_000


class Dmarc(StrEnum):
    UNCHECKED = "unchecked"  # no trusted authserv-id is configured
    PASS = "pass"
    FAIL = "fail"
    NOT_VERIFIED = "not verified"
    CONFLICT = "conflict"


class DmarcVerdict(BaseModel):
    result: Dmarc
    detail: str = ""  # what our server wrote, for the reason a message is held


def dmarc_verdict(message: Message, authserv_id: str | None, sender_domain: str) -> DmarcVerdict:
    if not authserv_id:
        return DmarcVerdict(result=Dmarc.UNCHECKED)
    if getattr(message, "fields_cut", False):  # our server's verdict may be among those cut
        return DmarcVerdict(result=Dmarc.CONFLICT, detail="too many header fields to read")
    ours = [v for v in _values(message) if _authserv_id(v) == authserv_id.lower()]
    if len(ours) > MAX_TRUSTED_HEADERS:
        return DmarcVerdict(result=Dmarc.CONFLICT, detail=f"{len(ours)} headers of {authserv_id}")
    if (chars := sum(len(value) for value in ours)) > MAX_TRUSTED_CHARS:
        return DmarcVerdict(result=Dmarc.CONFLICT, detail=f"{chars} characters of {authserv_id}")
    found: set[tuple[str, str]] = set()
    for value in ours:
        results = _dmarc_results(value, authserv_id)
        if results is None:
            return DmarcVerdict(result=Dmarc.CONFLICT, detail=f"unreadable header of {authserv_id}")
        found |= results
    return _verdict(found, authserv_id, _domain(sender_domain))


def _verdict(found: set[tuple[str, str]], authserv_id: str, sender_domain: str) -> DmarcVerdict:
    if not found:
        return DmarcVerdict(result=Dmarc.NOT_VERIFIED, detail=f"no DMARC result of {authserv_id}")
    if len(found) > 1:
        written = ", ".join(f"dmarc={r} for {d or '?'}" for r, d in sorted(found))
        return DmarcVerdict(result=Dmarc.CONFLICT, detail=written)
    [(result, domain)] = found
    detail = f"dmarc={result} for {domain or 'no header.from'}"
    if result == "pass" and domain == sender_domain:
        return DmarcVerdict(result=Dmarc.PASS, detail=detail)
    if result == "fail":
        return DmarcVerdict(result=Dmarc.FAIL, detail=detail)
    return DmarcVerdict(result=Dmarc.NOT_VERIFIED, detail=detail)


def _dmarc_results(value: str, authserv_id: str) -> set[tuple[str, str]] | None:
    """(result, header.from) of each dmarc method in one header; None if it is unreadable."""
    if len(value) > MAX_HEADER_CHARS:
        return None
    try:
        header = AuthenticationResultsHeader.parse_value(value)
    except Exception:  # authres raises its own SyntaxError, and RecursionError on deep comments
        return None
    if str(header.authserv_id).lower() != authserv_id.lower():
        return None
    return {
        (str(result.result).lower(), _header_from(result))
        for result in header.results
        if str(result.method).lower() == "dmarc"
    }


def _header_from(result: object) -> str:
    for prop in getattr(result, "properties", []):
        if str(prop.type).lower() == "header" and str(prop.name).lower() == "from":
            return _domain(str(prop.value))
    return ""


def _domain(domain: str) -> str:
    """A domain as compared: lowercase, no quotes or final dot, IDNA A-labels as U-labels."""
    domain = domain.strip().strip('"').rstrip(".").lower()
    try:
        return domain.encode("ascii").decode("idna") if "xn--" in domain else domain
    except UnicodeError:
        return domain


def _authserv_id(value: str) -> str:
    """The authserv-id a header names (its first word), cheaply, before it is parsed."""
    words = value.split(";", 1)[0].split()
    return words[0].lower() if words else ""


def _values(message: Message) -> list[str]:
    """The raw values (not decoded: an encoded word is no part of RFC 8601), unfolded."""
    try:
        raw = [v for k, v in message.raw_items() if k.lower() == "authentication-results"]
    except Exception:  # never raise on inbound mail
        return []
    return [" ".join(str(v).split()) for v in raw]
