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
from html import unescape
from html.parser import HTMLParser

_BLOCK_TAGS = {
    "p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "table",
    "blockquote", "ul", "ol", "pre", "dl", "dt", "dd", "td", "th", "section", "article",
    "header", "footer", "address", "center",
}  # fmt: skip
_SKIP_TAGS = {"script", "style", "head", "title"}
_QUOTE_CLASSES = {
    "gmail_quote", "moz-cite-prefix", "gmail_extra", "yahoo_quoted", "protonmail_quote",
    "tutanota_quote", "zmail_extra", "front-blockquote",
}  # fmt: skip
# Outlook (desktop, web, mobile; Outlook for Mac's OLK_SRC_BODY_SECTION) and Zimbra's
# `<hr id="zwchr">` before the quoted message.
_QUOTE_IDS = {
    "divrplyfwdmsg", "appendonsend", "mail-editor-reference-message-container", "zwchr",
    "olk_src_body_section",
}  # fmt: skip
_OUTLOOK_SEPARATOR = re.compile(r"border-top:\s*solid\s+#?[a-z0-9]+\s+1(\.0)?pt", re.I)
_VOID_TAGS = {"br", "hr", "img", "meta", "link", "input", "col", "area", "base", "wbr"}
# The text of a part longer than this many lines is read by its first and last lines only (the
# rest as one blank line): each line costs microseconds in Python, and a megabyte holds a million
# of them. The reply trimmer then reads fewer still (`trimming._HEAD`, `_TAIL`).
_HEAD_LINES = 15_000
_TAIL_LINES = 5_000


# HTML is fed to the parser in chunks, and no more once it reached the quoted history, or this
# many tags, comments and declarations, or more lines of text than a plain part is read by (a
# reply's own words come before that, and each costs the parser microseconds: a megabyte of
# "&amp;" lines took half a second to unescape), or once a tag, comment or declaration has run
# on unclosed for this long (the parser reads it again with every chunk).
_HTML_CHUNK = 65_536
_MAX_MARKUP = 20_000
_MAX_PENDING = 131_072
_TAG_NAME = re.compile(r"<([a-zA-Z][^\t\n\r\f />\x00]*)")
# The attributes that mark quoted history, found with one scan of the tag: the parser's own
# reading of a tag's attributes, a Python loop over each, took seconds on a tag of a million.
_MARKER_ATTRIBUTE = re.compile(
    r"""[\s"'/](class|id|type|style)\s*=\s*("[^"]*"|'[^']*'|[^\s>"']*)""", re.IGNORECASE
)
# The `hidden` attribute, outside quoted values (`title="a hidden gem"` is no such attribute).
_HIDDEN_ATTRIBUTE = re.compile(r"""("[^"]*"|'[^']*')|[\s/](hidden)(?=[\s/>=])""", re.IGNORECASE)
# Styles that keep an element's text from the reader's eyes. Text nobody sees is not what the
# person wrote to us: a "done" in a `display:none` block under a visible "not yet" must not count.
_HIDING_STYLE = re.compile(
    r"(?:^|[;\s{])(?:display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all"
    r"|(?:font-size|max-height|opacity)\s*:\s*0*(?:\.0*)?(?:px|pt|em|rem|%)?\s*(?:!important\s*)?(?:[;}]|$))",
    re.IGNORECASE,
)
# A <style> block can hide the elements of a class (`.x{display:none}`): this much of a
# message's style text is read for such rules.
_MAX_STYLE_CHARS = 65_536
_CLASS_SELECTOR = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")


class _TextFromHtml(HTMLParser):
    """HTML to plain text, stopping at the first block a mail client marks as quoted history."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stopped = False
        self._lines = 0  # line breaks in `parts`
        self._skip_depth = 0
        self._markup = 0
        # the element whose text is hidden (its tag), and how many of that tag are open in it
        self._hidden_tag = ""
        self._hidden_depth = 0
        self._style: list[str] = []  # the text of <style> blocks, while one is open
        self._in_style = False
        self._hidden_classes: set[str] = set()

    def parse_starttag(self, i: int) -> int:
        """As the parser's own, but the tag's attributes are only those `_is_quote_marker`
        reads (class, id, type, style)."""
        end = self.check_for_whole_start_tag(i)
        if end < 0:
            return end
        text = self.rawdata[i:end]
        name = _TAG_NAME.match(text)
        if name is None or not text.endswith(">"):  # as the parser does with a broken tag
            self.handle_data(text)
            return end
        self.lasttag = tag = name.group(1).lower()
        attrs: list[tuple[str, str | None]] = [
            (found.group(1).lower(), unescape(_unquoted(found.group(2))))
            for found in _MARKER_ATTRIBUTE.finditer(text, name.end() - 1)
        ]
        if "hidden" in text.lower() and _has_hidden_attribute(text[name.end() - 1 :]):
            attrs.append(("hidden", ""))
        if text.endswith("/>"):
            self.handle_startendtag(tag, attrs)
        else:
            self.handle_starttag(tag, attrs)
            if tag in self.CDATA_CONTENT_ELEMENTS:
                self.set_cdata_mode(tag)
        return end

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.stopped or self._counted():
            return
        if _is_quote_marker(tag, dict(attrs)):
            self.stopped = True
            return
        if self._hidden_tag == tag:
            self._hidden_depth += 1
        elif not self._hidden_tag and tag not in _VOID_TAGS and self._hides(dict(attrs)):
            self._hidden_tag, self._hidden_depth = tag, 1
        self._in_style = self._in_style or tag == "style"
        if tag in _SKIP_TAGS:
            self._skip_depth += 1
        if tag in _BLOCK_TAGS:
            self._append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # "<br/>" is one line break as "<br>" is (the parser's own handler also ends the tag,
        # which made it two: GMX's quoted header block read as lines apart).
        self.handle_starttag(tag, attrs)
        if tag not in _VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.stopped or self._counted():
            return
        if tag in _SKIP_TAGS and self._skip_depth:
            self._skip_depth -= 1
        if tag == self._hidden_tag:
            self._hidden_depth -= 1
            self._hidden_tag = self._hidden_tag if self._hidden_depth else ""
        if tag == "style" and self._in_style:
            self._in_style = False
            self._hidden_classes |= _hiding_classes("".join(self._style))
            self._style = []
        if tag in _BLOCK_TAGS:
            self._append("\n")

    def handle_comment(self, data: str) -> None:
        self._counted()

    def handle_decl(self, decl: str) -> None:
        self._counted()

    def handle_pi(self, data: str) -> None:
        self._counted()

    def unknown_decl(self, data: str) -> None:
        self._counted()

    def _counted(self) -> bool:
        self._markup += 1
        self.stopped = self.stopped or self._markup > _MAX_MARKUP
        return self.stopped

    def _hides(self, attrs: dict[str, str | None]) -> bool:
        classes = (attrs.get("class") or "").lower().split()
        return _is_hidden(attrs) or any(c in self._hidden_classes for c in classes)

    def handle_data(self, data: str) -> None:
        if self._in_style and sum(map(len, self._style)) < _MAX_STYLE_CHARS:
            self._style.append(data[:_MAX_STYLE_CHARS])
        if not self.stopped and not self._skip_depth and not self._hidden_tag:
            self._append(data)

    def _append(self, text: str) -> None:
        self.parts.append(text)
        self._lines += text.count("\n")
        self.stopped = self._lines > _HEAD_LINES + _TAIL_LINES

    def text(self) -> str:
        joined = _head_and_tail("".join(self.parts)).replace("\xa0", " ")
        lines = [re.sub(r"[ \t]+", " ", line).strip() for line in joined.split("\n")]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _unquoted(value: str) -> str:
    return value[1:-1] if len(value) > 1 and value[0] == value[-1] and value[0] in "'\"" else value


def _is_quote_marker(tag: str, attrs: dict[str, str | None]) -> bool:
    classes = set((attrs.get("class") or "").lower().split())
    if classes & _QUOTE_CLASSES:
        return True
    if (attrs.get("id") or "").lower() in _QUOTE_IDS:
        return True
    if tag == "blockquote" and (attrs.get("type") or "").lower() == "cite":
        return True
    return tag == "div" and bool(_OUTLOOK_SEPARATOR.search(attrs.get("style") or ""))


def _has_hidden_attribute(attributes: str) -> bool:
    return any(found.group(2) for found in _HIDDEN_ATTRIBUTE.finditer(attributes))


def _is_hidden(attrs: dict[str, str | None]) -> bool:
    return "hidden" in attrs or bool(_HIDING_STYLE.search(attrs.get("style") or ""))


def _hiding_classes(style: str) -> set[str]:
    """The classes whose rules in `style` hide their elements (`.preheader{display:none}`);
    read rule by rule, by splitting at braces (no pattern that could backtrack)."""
    found: set[str] = set()
    for rule in style[:_MAX_STYLE_CHARS].split("}"):
        selectors, _, declarations = rule.rpartition("{")
        if _HIDING_STYLE.search(declarations + ";"):
            found.update(c.lower() for c in _CLASS_SELECTOR.findall(selectors))
    return found


def html_to_text(html: str) -> str:
    parser = _TextFromHtml()
    try:
        for start in range(0, len(html), _HTML_CHUNK):
            parser.feed(html[start : start + _HTML_CHUNK])
            if parser.stopped or len(parser.rawdata) > _MAX_PENDING:
                break
        else:
            # What is left is a comment, tag or declaration never closed: the parser would read
            # it again at every later "<" (quadratic); Python 3.13.4 drops it, and so do we.
            if not parser.rawdata.startswith("<"):
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
    except (LookupError, UnicodeError, KeyError, ValueError, AssertionError, TypeError):
        pass
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    try:
        return payload.decode(part.get_content_charset() or "utf-8", "replace")
    except (LookupError, UnicodeError, ValueError):
        # no such codec, or one that refuses to replace what it cannot read (`idna`,
        # `undefined`, a name with a NUL in it): the person's words are still theirs to read
        return payload.decode("utf-8", "replace")


def body_text(msg: Message) -> tuple[str, bool]:
    """The message's own text and whether it came from HTML (so quotes are already gone)."""
    plain = _first_part(msg, "text/plain")
    if plain is not None:
        text = _head_and_tail(part_text(plain).replace("\r\n", "\n"))
        if _param(plain, "format") == "flowed":
            text = unflow(text, delsp=_param(plain, "delsp") == "yes")
        return text, False
    html = _first_part(msg, "text/html")
    if html is not None:
        return html_to_text(part_text(html)), True
    return "", False


def html_body_text(msg: Message) -> str:
    """The text of the message's HTML part, "" if it has none: some clients send a plain part with
    nothing of the reply in it (empty, or only the quote), the answer being in the HTML alone."""
    html = _first_part(msg, "text/html")
    return "" if html is None else html_to_text(part_text(html))


def _head_and_tail(text: str) -> str:
    if text.count("\n") < _HEAD_LINES + _TAIL_LINES:
        return text
    lines = text.split("\n")
    return "\n".join([*lines[:_HEAD_LINES], "", *lines[-_TAIL_LINES:]])


def unflow(text: str, *, delsp: bool = False) -> str:
    """RFC 3676: join each line that ends in a space (a soft break) with the next one."""
    lines: list[list[str]] = []  # each line as its parts, joined once at the end (not with +=)
    joining = False
    depth_before = 0
    for line in text.split("\n"):
        depth = len(line) - len(line.lstrip(">"))
        content = line[depth:]
        content = content[1:] if content.startswith(" ") else content  # space-stuffing
        if joining and depth == depth_before and content:
            lines[-1].append(content)
        else:
            lines.append([">" * depth + (" " if depth and content else "") + content])
        # The signature separator "-- " is the one line whose trailing space is no soft break.
        joining = content.endswith(" ") and content != "-- "
        if joining and delsp:
            lines[-1][-1] = lines[-1][-1][:-1]
        depth_before = depth
    return "\n".join("".join(parts) for parts in lines)


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
