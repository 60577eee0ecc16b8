"""Which of the reader's languages a person writes in, with lingua (strong on short text).

The detector knows only the languages the reader has words for, and is built once per process,
on the first reply it reads. It runs in lingua's low-accuracy mode: the full models hold about
200 MB in every worker for a gain on texts of a word or two, and there the words the reader
recognised ("Erledigt", "Klaar") already say the language (`detect_language`'s `hint`).
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from mutualplan.mail.lexicon import LANGUAGES

if TYPE_CHECKING:
    from lingua import LanguageDetector

# what says nothing of the language: addresses, and a quote's header the trimmer left
# ("2026年12月1日(火) 8:02 Acme Deals <plans@acme.example>:")
_ADDRESS = re.compile(r"<?[^\s<>@]+@[^\s<>@]+>?")
_QUOTE_HEADER = re.compile(r"^.*<[^<>\s]+@[^<>\s]+>.*:\s*$", re.M)
_SAMPLE = 400  # characters read: the first lines say the language as well as the whole text
_MIN_LETTERS = 2


def detect_language(text: str, *, hint: str = "") -> str:
    """The ISO 639-1 code of the language `text` is written in, or "" when it has no words.

    `hint`: the language of the one word the reader knew in a short reply, which says it better
    than the statistics of a few letters can.
    """
    sample = _ADDRESS.sub(" ", _QUOTE_HEADER.sub(" ", text[: _SAMPLE * 2]))[:_SAMPLE]
    if sum(ch.isalpha() for ch in sample) < _MIN_LETTERS:
        return ""
    if hint and len(sample.split()) <= 3:
        return hint
    found = _detector().detect_language_of(sample)
    if found is None:
        return hint
    return found.iso_code_639_1.name.lower()


@cache
def _detector() -> LanguageDetector:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in LANGUAGES]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_low_accuracy_mode().build()
