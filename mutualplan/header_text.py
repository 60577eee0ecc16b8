"""Text people wrote, made fit for one line of a header: an email's Subject or a name in its
From, an iCalendar SUMMARY, CN or UID. Pure.

Line breaks (CR, LF, tabs, the Unicode line and paragraph separators) become spaces, so nothing
written can start a header of its own; other control characters and the bidirectional
overrides and isolates go, so a name cannot show its letters in another order than they are.
"""

from __future__ import annotations

import re

_BREAKS = re.compile(r"[\r\n\t\v\f\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def one_line(text: str) -> str:
    """`text` on one line, with single spaces and no control or bidi-override characters."""
    return " ".join(_CONTROL.sub("", _BREAKS.sub(" ", text)).split())
