"""How sure a new date or a new owner is when it may be asked for as a question ("Can we move
this to ...?", "Quem vai cuidar disso é a Priya")."""

from __future__ import annotations

import re

from mutualplan.mail.lexicon import PATTERNS
from mutualplan.mail.natural.findings import Certainty, Finding, capped
from mutualplan.mail.sentences import Clause, Sentence, Text, cue, opens, request


def asked_certainty(
    text: Text,
    sentence: Sentence,
    clause: Clause,
    match: re.Match[str],
    found: Finding,
    *,
    answer_at: int | None,
) -> Finding:
    """Reschedule and reassign are often asked for as questions: "Can we move this to ...?".
    `answer_at`: where the new date or owner is written."""
    own = match.span()
    if cue(text, "negations", clause.start, clause.end, besides=own):
        return capped(found, Certainty.NONE)
    reported = PATTERNS.of_language("reported", text.language)
    # Japanese says it after the request: "Rajさんから12月11日に延ばす案が出ましたが"
    reported_by = sentence.end if text.language == "ja" else own[0]
    if reported.search(text.low, sentence.start, reported_by):  # "Tom asked whether we ..."
        return capped(found, Certainty.NONE)
    said = sentence.said or (clause,)
    asking = opens(text, said[0].start, said[0].end, "question_openers") and not _answered(
        text, sentence, match, answer_at
    )
    if (sentence.question or asking) and not request(text, sentence):
        return capped(found, Certainty.NONE if asking else Certainty.PROBABLE)
    asked = _requests(text, sentence)
    if any(
        not _inside(m, asked)
        for m in PATTERNS.compiled("hedges").finditer(text.low, sentence.start, sentence.end)
        if m.end() <= own[0] or m.start() >= own[1]
    ):
        found = capped(found, Certainty.PROBABLE)
    conditions = PATTERNS.of_language("conditions", text.language)
    # "Se legale firma, possiamo spostarlo al 18": the condition may open the sentence
    opening = min(said[0].start, clause.start)
    if any(not _inside(m, asked) for m in conditions.finditer(text.low, opening, own[0])):
        found = capped(found, Certainty.PROBABLE)
    return found


def _requests(text: Text, sentence: Sentence) -> list[tuple[int, int]]:
    """Where the sentence asks politely, with words that are hedges or conditions elsewhere:
    the "zou" of "Zou u ... willen verplaatsen?", the "se" of "Le sarei grata se potesse"."""
    found = PATTERNS.compiled("requests").finditer(text.low, sentence.start, sentence.end)
    return [m.span() for m in found]


def _inside(match: re.Match[str], spans: list[tuple[int, int]]) -> bool:
    return any(start <= match.start() and match.end() <= end for start, end in spans)


def _answered(text: Text, sentence: Sentence, match: re.Match[str], answer_at: int | None) -> bool:
    """A question word that opens a statement, not a question: "Quem vai cuidar disso é a
    Priya", "Chi se ne occupa ora è Tom" (no question mark; after the intent's words, "is"
    and then the answer)."""
    if sentence.question or answer_at is None or answer_at <= match.end():
        return False
    copula = PATTERNS.of_language("copulas", text.language).search(text.low, match.end(), answer_at)
    if copula is None:
        return False
    # between "is" and the answer, a name and its article at most ("é a Priya:"), not
    # "is up to tom@"
    between = text.original[copula.end() : answer_at]
    names = [w for w in re.findall(r"\w+", between) if not w[0].isupper()]
    return not [w for w in names if not PATTERNS.compiled("articles").fullmatch(w.lower())]
