"""How the plan pages look and what every response carries: templates, stylesheet, headers.

The stylesheet is inlined in each page and allowed by its SHA-256 in the Content-Security-Policy,
which allows nothing else: no script, no frame, no other origin.
"""

from __future__ import annotations

import base64
import hashlib
import re
from importlib.resources import files
from typing import Any

import jinja2
from markupsafe import Markup
from starlette.datastructures import MutableHeaders
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mutualplan.header_text import one_line
from mutualplan.languages import Wording, wording
from mutualplan.mail.compose import speak


class PageTemplates:
    """The page templates (HTML autoescaped) in each language, built when first asked for, and
    the base64 SHA-256 of the inlined stylesheet."""

    def __init__(self) -> None:
        css = files("mutualplan").joinpath("templates/web/page.css").read_text("utf-8")
        self.css = Markup(css)
        self.css_hash = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode()
        self._by_language: dict[str, Jinja2Templates] = {}

    def __call__(self, language: str) -> Jinja2Templates:
        templates = self._by_language.get(language)
        if templates is None:
            templates = Jinja2Templates(env=_environment(self.css, wording(language)))
            self._by_language[language] = templates
        return templates


def page_templates() -> tuple[PageTemplates, str]:
    templates = PageTemplates()
    return templates, templates.css_hash


def _environment(css: Markup, words: Wording) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("mutualplan", "templates/web"),
        autoescape=jinja2.select_autoescape(["html.j2"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # package files: never re-checked on disk per render
        extensions=["jinja2.ext.i18n"],
    )
    speak(env, words)
    env.globals["css"] = css
    env.globals["language"] = words.code
    env.filters["css"] = lambda text: "-".join(str(text).lower().split())
    # a capital for a word said in lower case mid-sentence ("at risk") that starts a label;
    # Jinja's `capitalize` would also lower the rest ("ins Stocken geraten")
    env.filters["capfirst"] = lambda text: str(text)[:1].upper() + str(text)[1:]
    env.filters["month"] = words.month
    env.filters["money"] = words.amount
    env.filters["amounts"] = words.amounts
    env.filters["md"] = markdown_text
    env.filters["md_url"] = markdown_url
    env.filters["cell"] = lambda text: markdown_text(str(text).replace("|", "/"))
    return env


# In the markdown export, what a person wrote must read as their words wherever the file is
# rendered (a wiki, a repository, an editor's preview), never as markup: raw HTML and autolinks
# (<...>), links and images ([...](...)), code spans, and a backslash that would undo an escape;
# and at the start of the text, whatever would open a block (a heading, a quote, a list).
_MARKDOWN_INLINE = re.compile(r"([\\`<>\[\]])")
_BLOCK_MARK = re.compile(r"^(?=[#>+\-=*_~|])")
_LIST_NUMBER = re.compile(r"^(\d+)(?=[.)])")
_URL_BREAKERS = {ord(c): f"%{ord(c):02X}" for c in "()<> \"'"}


def markdown_text(text: Any) -> str:
    """A person's words (a name, a deal, a note) for the markdown export: on one line, shown
    as written (CommonMark backslash escapes), never as markup."""
    escaped = _MARKDOWN_INLINE.sub(r"\\\1", one_line(str(text)))
    return _LIST_NUMBER.sub(r"\1\\", _BLOCK_MARK.sub("\\\\", escaped))


def markdown_url(url: Any) -> str:
    """A link's address as a markdown link's destination: nothing in it can end the link."""
    return one_line(str(url)).translate(_URL_BREAKERS)


class SecurityHeaders:
    """Headers on every response: no script, no framing, no referrer, no caching."""

    def __init__(self, app: ASGIApp, *, css_hash: str) -> None:
        self.app = app
        csp = (
            f"default-src 'none'; style-src 'sha256-{css_hash}'; form-action 'self'; "
            "frame-ancestors 'none'; base-uri 'none'"
        )
        self.headers = {
            "Content-Security-Policy": csp,
            "X-Frame-Options": "DENY",
            "Referrer-Policy": "no-referrer",
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
            "Cross-Origin-Opener-Policy": "same-origin",
            "X-Robots-Tag": "noindex, nofollow",
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.headers.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)
