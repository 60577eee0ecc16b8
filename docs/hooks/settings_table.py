"""MkDocs hook: the configuration page's settings table, generated from the settings model."""

from __future__ import annotations

from typing import Any

from mutualplan.settings import settings_reference

MARKER = "<!-- settings-table -->"


def on_page_markdown(markdown: str, **_: Any) -> str:
    return markdown.replace(MARKER, settings_reference()) if MARKER in markdown else markdown
