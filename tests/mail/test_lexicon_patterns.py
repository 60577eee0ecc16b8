"""The lexicons' patterns: several languages' words under one guard of whole words match
exactly what a guard for each language matched, in the same order (it only compiles faster)."""

from __future__ import annotations

import re
from dataclasses import fields

import pytest

from mutualplan.mail.lexicon import LEXICONS, PATTERNS, Lexicon, whole, whole_in
from tests.support.natural_cases import HELD_OUT, load

TEXTS = [
    "done",
    "Done.",
    "undone",
    "can't",
    "I can do it",
    "l'équipe a fini",
    "n'est pas fait",
    "C'est fait",
    "Doneです",
    "完了しました",
    "未完了",
    "done'",
    "'done",
    "done, l'affaire",
]
PARTS = [f.name for f in fields(Lexicon) if str(f.type).startswith("tuple")]


def each_guarded(languages: list[tuple[tuple[str, ...], bool]]) -> str:
    """The alternation as it was built before: a guard per language."""
    return "|".join(whole(f, spaced=spaced) for f, spaced in languages if f) or r"(?!x)x"


def spans(pattern: str, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(pattern, text)]


@pytest.mark.parametrize(
    "languages",
    [
        [(("done", "can"), True), (("fait", "n'", "l'"), True), (("完了",), False)],
        [(("fait", "n'"), True), (("done",), True), (("l'", "fini"), True)],
        [(("完了",), False), (("done",), True), ((), True), (("完了しました",), False)],
        [((), True)],
    ],
)
def test_neighbours_under_one_guard_match_what_each_guard_matched(
    languages: list[tuple[tuple[str, ...], bool]],
) -> None:
    merged, each = whole_in(languages), each_guarded(languages)
    for text in TEXTS + [t.lower() for t in TEXTS]:
        assert spans(merged, text) == spans(each, text), text


def test_every_part_of_every_language_matches_as_before() -> None:
    texts = [case.text for case in load(HELD_OUT)][:300] + TEXTS
    texts += [text.lower() for text in texts]
    for part in PARTS:
        merged = PATTERNS.compiled(part)
        each = re.compile(each_guarded([(x.words(part), x.spaced) for x in LEXICONS]))
        for text in texts:
            assert [m.span() for m in merged.finditer(text)] == [
                m.span() for m in each.finditer(text)
            ], (part, text)


def test_parts_combined_match_as_each_part_did() -> None:
    texts = [case.text for case in load(HELD_OUT)][:300] + TEXTS
    texts += [text.lower() for text in texts]
    parts = ("done", "weak_done", "handed_in", "blocked", "waiting", "reschedule", "thanks")
    combined = PATTERNS.combined(parts)
    each = re.compile(
        "|".join(
            f"(?:{each_guarded([(x.words(part), x.spaced) for x in LEXICONS])})" for part in parts
        )
    )
    for text in texts:
        assert [m.span() for m in combined.finditer(text)] == [
            m.span() for m in each.finditer(text)
        ], text


def test_every_part_of_every_lexicon_is_fragments_that_compile() -> None:
    """A part written `(r"...")` without its comma is a string, read a letter at a time: the
    reader then fails on every reply (and says nothing) instead of failing here."""
    for lexicon in LEXICONS:
        for field in fields(lexicon):
            value = getattr(lexicon, field.name)
            if field.name in ("code", "name") or isinstance(value, bool):
                continue
            parts = value.items() if isinstance(value, dict) else [(field.name, value)]
            for name, fragments in parts:
                assert isinstance(fragments, tuple), (lexicon.code, name)
                for fragment in fragments:
                    assert isinstance(fragment, str), (lexicon.code, name, fragment)
                    re.compile(fragment)
