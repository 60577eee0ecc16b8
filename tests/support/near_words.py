"""The words of our languages one slip away from a command word, from wordfreq's word lists.

`python -m tests.support.near_words` writes them to mutualplan/mail/lexicon/near_words.json,
which the reader ships (it reads no word list at run time: a large list takes some 30 MB and a
second to read); tests/mail/test_understanding.py checks the file is up to date with the lexicon.
"""

from __future__ import annotations

import json

import wordfreq

from mutualplan.mail.lexicon import LEXICONS
from mutualplan.mail.slips import _NEAR_WORDS, _fold, near_forms


def near_words() -> dict[str, dict[str, float]]:
    """Each word (lowercase, as written) of a language written with spaces whose letters
    without accents are one edit from a command word's, and its Zipf frequency (log10 of its
    count in a billion words) in each language it is in. wordfreq's lists come in bands of a
    hundredth of a Zipf unit, the likeliest first."""
    near = near_forms()
    known: dict[str, set[str]] = {}
    for lexicon in LEXICONS:
        if not lexicon.spaced:
            continue
        try:
            for band, words in enumerate(wordfreq.get_frequency_list(lexicon.code, "large")):
                for word in words:
                    if _fold(word) in near:
                        known.setdefault(word, {})[lexicon.code] = round(9 - band / 100, 2)
        finally:
            wordfreq.get_frequency_list.cache_clear()
    return {word: dict(sorted(zipf.items())) for word, zipf in sorted(known.items())}


def written() -> str:
    """The file's text: one word a line, so that a change to the lexicon shows as lines."""
    lines = [
        f"{json.dumps(w, ensure_ascii=False)}: {json.dumps(c)}" for w, c in near_words().items()
    ]
    return "{\n" + ",\n".join(lines) + "\n}\n"


if __name__ == "__main__":
    _NEAR_WORDS.write_text(written(), encoding="utf-8")
