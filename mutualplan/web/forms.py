"""The one form the pages post (a one-click answer): sent from the plan's own page, urlencoded,
and small.

A cross-site form cannot know the signed link, so the form must carry the same link as the
address it is posted to; and a browser that says the post comes from another site is refused
before the body is read.
"""

from __future__ import annotations

import hmac
from urllib.parse import parse_qs

from starlette.requests import Request

from mutualplan.models import phrase
from mutualplan.web.problems import Problem

MAX_FORM_BYTES = 16_384
NOT_FROM_PAGE = phrase("This answer did not come from the plan's own page, so nothing changed.")


async def read_form_from_page(request: Request) -> dict[str, str]:
    """The posted form's fields, or a Problem page when it did not come from the plan's page."""
    if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        raise Problem(403, phrase("Not sent from this page"), NOT_FROM_PAGE)
    form = await _read_form(request)
    link = request.path_params["link"]
    if not hmac.compare_digest(form.get("token", "").encode(), link.encode()):
        raise Problem(403, phrase("Not sent from this page"), NOT_FROM_PAGE)
    return form


async def _read_form(request: Request) -> dict[str, str]:
    """An urlencoded form of at most MAX_FORM_BYTES; the first value of each field."""
    if request.headers.get("content-type", "").split(";")[0].strip() != (
        "application/x-www-form-urlencoded"
    ):
        raise Problem(415, phrase("Not a form"), phrase("Send the answer from the page's form."))
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            raise Problem(413, phrase("Too long"), phrase("The answer is too long; keep it short."))
    fields = parse_qs(body.decode("utf-8", "replace"), max_num_fields=10)
    return {name: values[0] for name, values in fields.items()}
