"""The pages that say something and show no plan: what went wrong (`Problem`), a refused
cockpit link, a path with no page, and the short message after a one-click answer."""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from mutualplan.languages import accepted_language
from mutualplan.models import Phrase, phrase
from mutualplan.web.cockpit_pages import CockpitRefused
from mutualplan.web.rendering import PageTemplates


class Problem(Exception):
    """A page that says what went wrong, with no plan data."""

    def __init__(
        self,
        status: int,
        title: Phrase | str,
        message: Phrase | str,
        hint: Phrase | str = "",
        **page: str,
    ) -> None:
        super().__init__(str(message))
        self.status, self.title, self.message, self.hint = status, title, message, hint
        self.page = page  # page_url (back to the plan) and deal, where the person may see them


class MessagePages:
    """`default_language`: the operator's, when neither the person nor the browser gives one."""

    def __init__(self, templates: PageTemplates, default_language: str) -> None:
        self._templates = templates
        self._default_language = default_language

    def message(
        self,
        request: Request,
        status: int,
        title: Phrase | str,
        message: Phrase | str,
        *,
        language: str | None = None,
        **extra: Any,
    ) -> Response:
        if language is None:
            asked = accepted_language(request.headers.get("accept-language", ""))
            language = asked or self._default_language
        context = {
            "title": title,
            "message": message,
            "hint": "",
            "page_url": "",
            "deal": "",
            "tone": "",
            **extra,
        }
        return self._templates(language).TemplateResponse(
            request, "message.html.j2", context, status_code=status
        )

    async def problem(self, request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Problem)
        return self.message(
            request, exc.status, exc.title, exc.message, hint=exc.hint, tone="problem", **exc.page
        )

    async def cockpit_refused(self, request: Request, exc: Exception) -> Response:
        assert isinstance(exc, CockpitRefused)
        hint = phrase("The Monday digest and every email about your plans carry a fresh link.")
        return self.message(  # whose link it is is not known: the browser's language
            request, exc.status, exc.title, exc.message, hint=hint, tone="problem"
        )

    async def http_error(self, request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        title = phrase("Not found") if exc.status_code == 404 else phrase("Not allowed")
        return self.message(
            request, exc.status_code, title, phrase("There is no page here."), tone="problem"
        )
