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

from mutualplan.mail.lexicon import LANGUAGES, LEXICONS

if TYPE_CHECKING:
    from lingua import LanguageDetector

# what says nothing of the language: addresses, and a quote's header the trimmer left
# ("2026年12月1日(火) 8:02 Acme Deals <plans@acme.example>:")
# ASCII: Japanese has no spaces ("担当します(maria@globex.example)" is a sentence, then an address)
_ADDRESS = re.compile(r"<?[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+>?")
_QUOTE_HEADER = re.compile(r"^.*<[^<>\s]+@[^<>\s]+>.*:\s*$", re.M)
_SAMPLE = 400  # characters read: the first lines say the language as well as the whole text
_MIN_LETTERS = 2
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_SHORT_TEXT = 15  # words: longer texts give lingua enough to go on
_VOTES = 3  # words of the language's, at least, to overrule lingua
_MARGIN = 3  # times as many as the language lingua picked
_PLAIN = re.compile(r"[^\W\d_]+(?:['\s][^\W\d_]+)*")
# the parts whose words are the language's own small words and phrases
_PARTS = ("done", "fillers", "articles", "acknowledgements", "negations", "hedges", "partial",
          "pending", "conditions", "contrast", "question_openers", "question_words", "requests",
          "reschedule", "reassign", "blocked", "status", "help", "greetings", "thanks",
          "sign_offs", "yes", "weekdays", "new_date_to", "copulas", "apologies")  # fmt: skip


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
    code = found.iso_code_639_1.name.lower()
    return _second_opinion(sample, code)


def _second_opinion(sample: str, code: str) -> str:
    """In a short text, the language most of whose words are the reader's words of it, when
    the detector picked one with far fewer: lingua reads "Can we change the due date to
    12/15? Thx" as French, a handful of letters of statistics against seven English words."""
    words = _WORD.findall(sample.lower())
    if len(words) > _SHORT_TEXT:
        return code
    votes = {language: sum(w in known for w in words) for language, known in _known().items()}
    best = max(votes, key=lambda language: votes[language])
    if best != code and votes[best] >= _VOTES and votes[best] >= _MARGIN * votes.get(code, 0):
        return best
    return code


@cache
def _known() -> dict[str, frozenset[str]]:
    """Per language written with spaces, the words of its lexicon (its fragments that are
    plain words: "can we", "the", "erledigt", not patterns such as "häng(?:e|en)")."""
    known = {}
    for lexicon in LEXICONS:
        if not lexicon.spaced:
            continue
        words: set[str] = set()
        for name in _PARTS:
            for fragment in lexicon.words(name):
                if _PLAIN.fullmatch(fragment):
                    words.update(fragment.split())
        known[lexicon.code] = frozenset(words)
    return known


@cache
def _detector() -> LanguageDetector:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in LANGUAGES]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_low_accuracy_mode().build()
