"""Slips of the thumb in a command word: "dnoe", "erldigt", "blokced", "termine" for "terminé".

People answer from a phone. A word one slip away from a word that says done or blocked, in a
language written with spaces, is read as that word, and only then:

- the slip is one a thumb makes: an accent left out (any word), two neighbouring letters
  swapped or a letter doubled (words of four letters or more: "dnoe", "donne", "fattto"), a
  letter left out, added or mistyped (words of six letters or more: "erldigt", "completd"),
  never the first letter;
- the word is no word of the command's own language ("dome", "none", "gone", "bone", "compete",
  "erledige" stay words; a word with an accent left out may be one: "termine"), nor of the
  language the reply is in ("Doen", "Boa sorte", "I realise"), by the word lists of `wordfreq`;
- a word of another of our languages is asked about, unless the reply's other words are in
  the command's language.

The reader (`mutualplan.mail.natural`) reads the sentence again with the slip mended and keeps
that reading only when it is certain: the rest of the sentence is a short status ("Erldigt,
danke"), so "Je vous donne accès" stays conversation.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from mutualplan.mail.lexicon import LEXICONS, PATTERNS

_NEAR_WORDS = Path(__file__).parent / "lexicon" / "near_words.json"
PARTS = ("done", "blocked")  # the commands people write as one word
_SHORT = 4  # letters: shorter words are other words too often ("don", "fat")
_LONG = 6  # letters: from here a letter left out, added or mistyped is still the word
_RARE = 1.8  # Zipf: below this, a word of the lists may be a typo itself ("hehco" is 1.6)
_MISTYPED = 5  # the rank of a slip that is one letter mistyped
_HELD = 2  # the rank of a letter doubled, or the last held down
_WORD = re.compile(r"[^\W\d_]+")
_HELD_DOWN = re.compile(r"(\w)\1+$")
_ALPHABET = "abcdefghijklmnopqrstuvwxyzßœæø"  # what a word folds to, without its accents
_FRAGMENT = re.compile(r"[^\W\d_]+|\[[^\W\d_]+\]|\(\?:[^()]+\)|\?")


@dataclass(frozen=True)
class Slip:
    """A word as written and the command word it was read as, where it stands."""

    start: int
    end: int
    written: str
    word: str  # the command word, cased as the written one
    language: str  # the command word's
    ask: bool  # a word of another language: asked about, unless the reply's words say not


@dataclass(frozen=True)
class _Form:
    word: str
    language: str
    part: str


def slips(text: str, start: int, end: int, *, language: str = "") -> list[Slip]:
    """The slips among the words of `text[start:end]` (a sentence). `language`: the reply's,
    as detected; the sentence's other words may say better ("C'est termine" is French)."""
    found = []
    for match in _WORD.finditer(text, start, end):
        written = match.group()
        low = written.lower()
        if len(low) < _SHORT - 1 or PATTERNS.compiled("done").fullmatch(low):
            continue
        held = _HELD_DOWN.sub(r"\1", low)  # "doneee": the last letter held down
        held_down = _by_word().get(held) if held != low else None
        found_form = (held_down, _HELD) if held_down else _form_of(low)
        if found_form is None:
            continue
        form, rank = found_form
        if _accent_added(low, form.word):
            continue  # "eseguirò", "finirá": a keyboard drops accents, one that adds them knows
        known = frozenset() if held_down else _languages_of(low, rank)  # "donee" too
        if form.language in known and not _accents_dropped(low, form.word):
            continue  # "dome", "none", "erledige": a word of the command's own language
        said_in = _reply_language(text, start, end, match.span(), form.language, known)
        said_in = said_in or language
        if said_in != form.language and said_in in known:
            continue  # "Doen", "Boa sorte", "I realise": a word of the reply's own language
        ask = bool(known - {form.language}) and said_in != form.language
        word = form.word.capitalize() if written[0].isupper() else form.word
        found.append(Slip(match.start(), match.end(), written, word, form.language, ask))
    return found


def _reply_language(
    text: str, start: int, end: int, word: tuple[int, int], form: str, known: frozenset[str]
) -> str:
    """The language the sentence's other words say the reply is in, if they are all words of
    a short status ("c'est", "merci", "i"): the command word's language if they can be its,
    else one the word is a word of; "" if they say nothing of it."""
    rest = (text[start : word[0]] + " " + text[word[1] : end]).lower()
    if not _WORD.search(rest):
        return ""
    covering = [
        code for code, status in _status_words().items() if not _WORD.search(status.sub(" ", rest))
    ]
    if form in covering:
        return form
    return next((code for code in covering if code in known), "")


def mended(text: str, found: list[Slip]) -> str:
    """`text` with each slip's command word for the word written."""
    for slip in sorted(found, key=lambda s: s.start, reverse=True):
        text = text[: slip.start] + slip.word + text[slip.end :]
    return text


def unmended(said: str, found: list[Slip]) -> str:
    """Words read from the mended text, as the person wrote them."""
    for slip in found:
        said = re.sub(rf"(?<!\w){re.escape(slip.word)}(?!\w)", slip.written, said)
    return said


def shift(at: int, found: list[Slip]) -> int:
    """Where a position in the mended text stands in the text as written."""
    return at - sum(len(s.word) - len(s.written) for s in found if s.start < at)


@cache
def _status_words() -> dict[str, re.Pattern[str]]:
    parts = ("fillers", "thanks", "acknowledgements", "yes", "greetings", *PARTS)
    return {
        lexicon.code: re.compile(PATTERNS.alternation_of(parts, lexicon)) for lexicon in LEXICONS
    }


def _accent_added(word: str, form: str) -> bool:
    """`word` has an accented letter that `form` has nowhere."""
    return any(ch != _fold(ch) and ch not in form for ch in word)


def _form_of(word: str) -> tuple[_Form, int] | None:
    """The command word `word` is a slip of, or None: none, or words of two commands. Of
    several forms of one command ("completd": completed, complete), the likeliest slip."""
    folded = _fold(word)
    ranked = [
        (rank, len(form.word), form.word, form)
        for key in (folded, *_deletes(folded))
        for form in _index().get(key, ())
        if form.word != word and (rank := _slip_rank(folded, _fold(form.word))) is not None
    ]
    if len({form.part for *_, form in ranked}) != 1:
        return None
    best = min(ranked, key=lambda r: r[:3])
    return best[3], best[0]


def _accents_dropped(word: str, form: str) -> bool:
    """`word` is `form` with some of its accents left out ("termine" of "terminé"), no other."""
    return len(word) == len(form) and all(
        w == f or w == _fold(f) for w, f in zip(word, form, strict=True)
    )


def _slip_rank(word: str, form: str) -> int | None:
    """How likely a slip `word` is of `form` (both without their accents), 0 likeliest: an
    accent left out, two letters swapped, one doubled, one left out, one added, one mistyped;
    None if it is none of these."""
    if word == form:
        return 0  # accents left out, or put on other letters: `slips` tells them apart
    if len(form) < _SHORT or word[0] != form[0]:
        return None
    if len(word) == len(form):
        differ = [i for i in range(len(form)) if word[i] != form[i]]
        if (
            len(differ) == 2
            and differ[1] == differ[0] + 1
            and word[differ[0]] == form[differ[1]]
            and word[differ[1]] == form[differ[0]]
        ):
            return 1
        return _MISTYPED if len(form) >= _LONG and len(differ) == 1 else None
    if len(word) == len(form) + 1:
        at = next((i for i in range(len(form)) if word[i] != form[i]), len(form))
        if word[at + 1 :] != form[at:]:
            return None
        if word[at] == word[at - 1] or (at + 1 < len(word) and word[at] == word[at + 1]):
            return _HELD
        return 4 if len(form) >= _LONG else None
    if len(word) == len(form) - 1 and len(form) >= _LONG:
        at = next((i for i in range(len(word)) if word[i] != form[i]), len(word))
        return 3 if word[at:] == form[at + 1 :] else None
    return None


def _fold(word: str) -> str:
    if word.isascii():
        return word
    return "".join(ch for ch in unicodedata.normalize("NFD", word) if not unicodedata.combining(ch))


def _deletes(word: str) -> Iterator[str]:
    return (word[:i] + word[i + 1 :] for i in range(1, len(word)))


@cache
def _forms() -> tuple[_Form, ...]:
    """Every one-word form of the words that say done or blocked, in the languages written with
    spaces: "terminée?s?" is terminé, terminée, terminés and terminées."""
    return tuple(
        _Form(word, lexicon.code, part)
        for lexicon in LEXICONS
        if lexicon.spaced
        for part in PARTS
        for fragment in lexicon.words(part)
        for word in _spelled(fragment)
        if len(word) >= _SHORT
    )


@cache
def _by_word() -> dict[str, _Form]:
    return {form.word: form for form in reversed(_forms())}


@cache
def _index() -> dict[str, tuple[_Form, ...]]:
    """Each form, and each form less one letter, to the forms: a slip shares one of these."""
    index: dict[str, list[_Form]] = {}
    for form in _forms():
        folded = _fold(form.word)
        for key in {folded, *_deletes(folded)}:
            index.setdefault(key, []).append(form)
    return {key: tuple(forms) for key, forms in index.items()}


def _spelled(fragment: str) -> list[str]:
    """The words a fragment made of letters, "[oa]", "(?:a|b)" and "?" spells; none for any
    other pattern (several words, wildcards)."""
    tokens = _FRAGMENT.findall(fragment)
    if "".join(tokens) != fragment:
        return []
    spelled = [""]
    for index, token in enumerate(tokens):
        if token == "?":
            continue
        optional = index + 1 < len(tokens) and tokens[index + 1] == "?"
        if token.startswith("(?:"):
            choices = token[3:-1].split("|")
            if not all(_WORD.fullmatch(choice) for choice in choices):
                return []
        elif token.startswith("["):
            choices = list(token[1:-1])
        else:
            choices = [token[:-1], token[-1]] if optional else [token]
            if optional:  # "terminée?": the "?" is the last letter's
                spelled = [w + choices[0] for w in spelled]
                choices = [choices[1]]
        spelled = [w + choice for w in spelled for choice in choices] + (
            spelled if optional else []
        )
    return spelled


@cache
def known_words() -> dict[str, dict[str, float]]:
    """The words of our languages one slip away from a command word (as written, lowercase),
    and how common each is in each language it is in (Zipf: log10 of its count in a billion
    words): `lexicon/near_words.json`, made from wordfreq's large lists by
    `python -m tests.support.near_words`, which tests/mail/test_understanding.py checks is up
    to date with the lexicon."""
    data: dict[str, dict[str, float]] = json.loads(_NEAR_WORDS.read_text(encoding="utf-8"))
    return data


def _languages_of(word: str, rank: int) -> frozenset[str]:
    """The languages `word` is a word of, for a slip of this rank. The lists hold the commonest
    typos too ("hehco" is 1.6 in Spanish, "fattto" 1.2 in Italian), so a word is one from
    _RARE up; but a mistyped letter is most often another form of the same verb ("finiro",
    "parava"), so for that slip any word in the lists is one."""
    floor = 0.0 if rank == _MISTYPED else _RARE
    return frozenset(code for code, zipf in known_words().get(word, {}).items() if zipf >= floor)


def near_forms() -> set[str]:
    """Every word one edit away from a command word, without accents: a superset of the slips,
    what the word lists are searched for."""
    near = {_fold(form.word) for form in _forms()}
    for form in list(near):
        near.update(_variants(form))
    return near


def _variants(form: str) -> set[str]:
    """Every word one edit away from `form` (a superset of its slips)."""
    found = set(_deletes(form))
    found.update(form[:i] + form[i + 1] + form[i] + form[i + 2 :] for i in range(len(form) - 1))
    for i in range(1, len(form) + 1):
        for letter in _ALPHABET:
            found.add(form[:i] + letter + form[i:])
            if i < len(form):
                found.add(form[:i] + letter + form[i + 1 :])
    return found
