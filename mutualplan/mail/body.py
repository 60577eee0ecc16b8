"""Get the words a person wrote out of a MIME message: text part, or HTML turned into text.

HTML-only replies are common (Outlook, phones). The quoted history in them is marked by each
client in its own way, so those blocks are dropped here, before any text-level trimming:
Gmail `div.gmail_quote`, Thunderbird `div.moz-cite-prefix` + `blockquote[type=cite]`,
Apple Mail `blockquote[type=cite]`, Outlook `div#divRplyFwdMsg` / `div#appendonsend` and the
`border-top` separator before its From:/Sent: block.

Plain text sent as `format=flowed` (RFC 3676, Thunderbird's default) is unwrapped here, so that a
long line the client broke softly reads as the one line the person typed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from email.message import EmailMessage, Message
from html.parser import HTMLParser

_BLOCK_TAGS = {
    "p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "table",
    "blockquote", "ul", "ol", "pre", "dl", "dt", "dd", "td", "th", "section", "article",
    "header", "footer", "address", "center",
}  # fmt: skip
_SKIP_TAGS = {"script", "style", "head", "title"}
_QUOTE_CLASSES = {
    "gmail_quote", "moz-cite-prefix", "gmail_extra", "yahoo_quoted", "protonmail_quote",
}  # fmt: skip
# Outlook (desktop, web, mobile) and Zimbra's `<hr id="zwchr">` before the quoted message.
_QUOTE_IDS = {"divrplyfwdmsg", "appendonsend", "mail-editor-reference-message-container", "zwchr"}
_OUTLOOK_SEPARATOR = re.compile(r"border-top:\s*solid\s+#?[a-z0-9]+\s+1(\.0)?pt", re.I)
_VOID_TAGS = {"br", "hr", "img", "meta", "link", "input", "col", "area", "base", "wbr"}


class _TextFromHtml(HTMLParser):
    """HTML to plain text, stopping at the first block a mail client marks as quoted history."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stopped = False
        self._skip_depth = 0
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.stopped:
            return
        if _is_quote_marker(tag, dict(attrs)):
            self.stopped = True
            return
        if tag in _SKIP_TAGS:
            self._skip_depth += 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS and self._skip_depth:
            self._skip_depth -= 1
        if tag in _BLOCK_TAGS and not self.stopped:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.stopped and not self._skip_depth:
            self.parts.append(data)

    def text(self) -> str:
        joined = "".join(self.parts).replace("\xa0", " ")
        lines = [re.sub(r"[ \t]+", " ", line).strip() for line in joined.split("\n")]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _is_quote_marker(tag: str, attrs: dict[str, str | None]) -> bool:
    classes = set((attrs.get("class") or "").lower().split())
    if classes & _QUOTE_CLASSES:
        return True
    if (attrs.get("id") or "").lower() in _QUOTE_IDS:
        return True
    if tag == "blockquote" and (attrs.get("type") or "").lower() == "cite":
        return True
    return tag == "div" and bool(_OUTLOOK_SEPARATOR.search(attrs.get("style") or ""))


def html_to_text(html: str) -> str:
    parser = _TextFromHtml()
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError):  # html.parser gives up on some broken markup
        pass
    return parser.text()


def part_text(part: Message) -> str:
    """Decode one text part, whatever its charset claims; never raises."""
    try:
        if isinstance(part, EmailMessage):
            content = part.get_content()
            if isinstance(content, str):
                return content
    except (LookupError, UnicodeError, KeyError, ValueError, AssertionError):
        pass
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, "replace")
    except LookupError:
        return payload.decode("utf-8", "replace")


def body_text(msg: Message) -> tuple[str, bool]:
    """The message's own text and whether it came from HTML (so quotes are already gone)."""
    plain = _first_part(msg, "text/plain")
    if plain is not None:
        text = part_text(plain).replace("\r\n", "\n")
        if _param(plain, "format") == "flowed":
            text = unflow(text, delsp=_param(plain, "delsp") == "yes")
        return text, False
    html = _first_part(msg, "text/html")
    if html is not None:
        return html_to_text(part_text(html)), True
    return "", False


def unflow(text: str, *, delsp: bool = False) -> str:
    """RFC 3676: join each line that ends in a space (a soft break) with the next one."""
    lines: list[str] = []
    joining = False
    depth_before = 0
    for line in text.split("\n"):
        depth = len(line) - len(line.lstrip(">"))
        content = line[depth:]
        content = content[1:] if content.startswith(" ") else content  # space-stuffing
        if joining and depth == depth_before and content:
            lines[-1] += content
        else:
            lines.append(">" * depth + (" " if depth and content else "") + content)
        # The signature separator "-- " is the one line whose trailing space is no soft break.
        joining = content.endswith(" ") and content != "-- "
        if joining and delsp:
            lines[-1] = lines[-1][:-1]
        depth_before = depth
    return "\n".join(lines)


def _param(part: Message, name: str) -> str:
    value = part.get_param(name)
    return value.strip().lower() if isinstance(value, str) else ""


def _first_part(msg: Message, content_type: str) -> Message | None:
    for part in _own_parts(msg):
        if part.get_content_type() != content_type or part.get_filename() is not None:
            continue
        if (part.get_content_disposition() or "inline") == "inline":
            return part
    return None


def _own_parts(msg: Message) -> Iterator[Message]:
    """The leaf parts of the message in order, without entering attached messages.

    An attached or forwarded message (message/rfc822) was written by someone else, so its
    text must never be read as the sender's; an explicit stack keeps deep nesting cheap.
    """
    stack = [msg]
    while stack:
        part = stack.pop()
        if part.get_content_maintype() != "multipart":
            yield part
            continue
        children = part.get_payload()
        if isinstance(children, list):
            stack.extend(reversed([c for c in children if isinstance(c, Message)]))
