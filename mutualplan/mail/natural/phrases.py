"""Whole-sentence replies: a note for the plan ("FYI: ..."), "status", "help", a bare "yes", and
a yes unsure of itself ("I think so")."""

from __future__ import annotations

import re

from mutualplan.mail.lexicon import PATTERNS
from mutualplan.mail.natural.findings import Certainty, Finding, as_written
from mutualplan.mail.sentences import Sentence, Text, cue, names_the_step, residue
from mutualplan.models import Intent

_COLON = r"\.?\s*(?::|\uff1a|-+|\u2013|\u2014)\s*"  # "Note:", "Obs.:", "メモ：", "Info -"
_NOTE_OPENING = re.compile(
    rf"\s*(?:{PATTERNS.alternation('note')}){_COLON}|\s*(?:fyi|heads up|ps|p\.s\.|nb)[,\s]+"
    rf"|\s*(?:{PATTERNS.alternation('note_that')})[,\s]+"
)
# "please add a note to this step:", "Apunta esto en el paso, porfa:", "本ステップにメモを追加して
# ください：", "Merci de noter dans le plan que ...": a word asking for a note, then a colon or
# "that" a few words on (the note is what follows it)
_NOTE_REQUEST = re.compile(
    rf"[^:\uff1a\n.!?\u3002]{{0,60}}?(?:{PATTERNS.alternation('note_words')})"
    rf"[^:\uff1a\n.!?\u3002]{{0,60}}?(?:\s*[:\uff1a]|\b(?:{PATTERNS.alternation('note_that_opens')}))\s*"
)
_NOTE_ASKS = PATTERNS.compiled("note_asks")
# "Quick update:", "Pour mémoire, ...", "進捗共有です。": an update opens with a comma or a full
# stop too (what follows it, to the end of its paragraph, is the note)
_UPDATE_OPENING = re.compile(
    rf"\s*(?:{PATTERNS.alternation('updates')})(?:{_COLON}|\s*[,\u3001\u3002\uff0c]\s*)"
)


def read_phrase(text: Text, sentence: Sentence, part: str, intent: Intent) -> Finding | None:
    """A sentence that only asks for `part` ("status", "help"), in whatever words: the words
    that change nothing in such a question ("here", "eigentlich", "con esto") are left out
    first, so "Wat kan ik hier eigenlijk antwoorden?" is "wat kan ik antwoorden"."""
    said = sentence.said
    if not said:
        return None
    start = said[0].start
    asides = PATTERNS.of_language("question_asides", text.language)  # "qui" is Italian's
    asked = " ".join(asides.sub(" ", text.low[start : sentence.end]).split())
    if PATTERNS.compiled(part).search(asked) is None:
        return None
    rest = PATTERNS.compiled(part).sub(" ", asked)  # every time it asks: "..., quelles commandes"
    if PATTERNS.compiled("negations").search(rest):
        return None
    for words in ("apologies", "fillers", "acknowledgements", "thanks", "greetings"):
        rest = PATTERNS.compiled(words).sub(" ", rest)
    if re.sub(r"[^\w\u2705]+", " ", rest).strip():
        return None
    return Finding(intent, Certainty.CERTAIN, start, as_written(text, sentence))


def read_plan_question(text: Text, sentence: Sentence) -> Finding | None:
    """A question that names the plan or its steps and their state ("where does the overall
    rollout plan stand right now?", "Welche Schritte stehen noch aus?", "¿En qué estado está el
    plan en general?"), with no command word: status, however it is put."""
    start = _question_with(text, sentence, _PLAN_STATE)
    if start is None:
        return None
    if PATTERNS.of_language("retracts", text.language).search(text.low, sentence.end):
        return None  # "..., Oups, mauvais destinataire, ignorez ce message."
    return Finding(Intent.STATUS, Certainty.CERTAIN, start, as_written(text, sentence))


def read_how_to_answer(text: Text, sentence: Sentence) -> Finding | None:
    """A question asking what the writer should answer ("What exactly should I reply to this
    email?", "que dois-je répondre exactement", "¿qué tengo que contestar acá?"): help."""
    start = _question_with(text, sentence, _HOW_TO)
    if start is None:
        return None
    # "What can I reply to the auditors besides 'done'?" asks about someone else
    asides = PATTERNS.of_language("question_asides", text.language)
    asked = asides.sub(" ", text.low[start : sentence.end])
    for words in (*_HOW_TO, "fillers", "apologies", "greetings", "thanks"):
        asked = PATTERNS.compiled(words).sub(" ", asked)
    if text.language != "ja" and re.search(r"[^\W\d_]", asked):
        return None  # (Japanese words are not spaced apart to be counted)
    return Finding(Intent.HELP, Certainty.CERTAIN, start, as_written(text, sentence))


def _question_with(text: Text, sentence: Sentence, parts: tuple[str, ...]) -> int | None:
    """Where a question with a word of each of `parts` and no command word starts."""
    said = sentence.said
    if not said or not _asked(text, sentence):
        return None
    start = said[0].start
    if not all(PATTERNS.compiled(p).search(text.low, start, sentence.end) for p in parts):
        return None
    if PATTERNS.combined(_COMMANDS).search(text.low, start, sentence.end):
        return None
    return start


def _asked(text: Text, sentence: Sentence) -> bool:
    """A question: its mark, or a Japanese ending that asks ("いかがでしょうか。")."""
    return sentence.question or bool(
        _ASKS_IN_JAPANESE.search(text.low, sentence.start, sentence.end)
    )


_PLAN_STATE = ("plan_words", "state_words")
_HOW_TO = ("question_words", "reply_verbs", "i_should")
_COMMANDS = ("done", "blocked", "waiting", "reschedule", "proposes", "reassign", "suggests_owner")
_ASKS_IN_JAPANESE = re.compile(r"(?:でしょう|ます|ません|です)か|(?:ください|下さい)(?:ませ)?")


def read_yes(text: Text, sentence: Sentence) -> Finding | None:
    """A bare "yes": an answer to a question the engine asked (the router knows which)."""
    match = PATTERNS.compiled("yes").search(text.low, sentence.start, sentence.end)
    if match is None or sentence.question or sentence.said:
        return None
    if cue(text, "negations", sentence.start, sentence.end, besides=match.span()):
        return None
    return Finding(Intent.YES, Certainty.CERTAIN, match.start(), as_written(text, sentence))


def read_hedged_yes(text: Text, sentence: Sentence) -> Finding | None:
    """A yes unsure of itself, and nothing more ("I think so", "Pretty sure", "Ich glaube
    schon", "Creo que sí", "そう思います"), to an email that asks for "done": a "done" to ask
    about, never to apply."""
    said = sentence.said
    if not said or sentence.question:
        return None
    start = said[0].start
    match = PATTERNS.compiled("hedged_yes").search(text.low, start, sentence.end)
    if match is None or residue(text, start, sentence.end, _HEDGED_YES_WORDS):
        return None
    if any(cue(text, p, start, sentence.end, besides=match.span()) for p in _UNSAID):
        return None  # "I don't think so", "probably not", "probably later"
    return Finding(Intent.DONE, Certainty.PROBABLE, match.start(), as_written(text, sentence))


_HEDGED_YES_WORDS = ("hedged_yes", "hedges", "yes", "fillers", "acknowledgements", "thanks",
                     "greetings")  # fmt: skip
_UNSAID = ("negations", "pending", "partial", "contrast", "conditions")


_POINTER_WORDS = ("pointers", "fillers", "thanks", "acknowledgements")


def unrelated(text: Text, start: int, end: int) -> bool:
    """Between `start` and `end`, words say what is told is not about the step they name."""
    for found in PATTERNS.of_language("unrelated", text.language).finditer(text.low, start, end):
        near = max(start, found.start() - _NEAR), min(end, found.end() + _NEAR)
        if names_the_step(text, *near) or _PLAN.search(text.low, found.end(), near[1]):
            return True  # "... nothing to do with your plan"
    return False


_PLAN = PATTERNS.compiled("plan_words")
_NEAR = 60  # characters: the step named beside the words ("hat mit eurem Review nichts zu tun")


def read_note(
    text: Text, sentence: Sentence, paragraph_end: int, *, update: bool = False
) -> Finding | None:
    """A note: what follows "Note:", "FYI," (or with `update`, "Quick update:"), to the end
    of its paragraph."""
    said = sentence.said
    if not said:
        return None
    match = _opening(text, said[0].start, update=update)
    if match is None or ((update or match.re is _NOTE_REQUEST) and sentence.question):
        return None  # "Quick update: is the kickoff still on for Thursday?" asks
    body = " ".join(text.original[match.end() : paragraph_end].split())
    if not body or not residue(text, match.end(), paragraph_end, _POINTER_WORDS):
        return None  # "FYI, see below": what it points at is no note of its
    if unrelated(text, match.end(), paragraph_end):
        return None  # "FYI ... nothing to do with your security review, just for context"
    return Finding(
        Intent.NOTE, Certainty.CERTAIN, said[0].start, as_written(text, sentence), argument=body
    )


def read_note_asked(
    text: Text, sentence: Sentence, paragraph_end: int, later: tuple[Sentence, ...]
) -> Finding | None:
    """A note asked for in a question ("Can you add a note to this step that our auditors
    will need read-only access?", "¿Podéis añadir una nota a este paso? Nuestros auditores
    ..."): what follows its "that", or else the next sentence, to the end of the paragraph."""
    start = _question_with(text, sentence, ("note_words", "note_asks"))
    if start is None:
        return None
    word = PATTERNS.compiled("note_words").search(text.low, start, sentence.end)
    if word is None:
        return None
    that = PATTERNS.of_language("note_that_opens", text.language).search(
        text.low, word.end(), sentence.end
    )
    if that is not None:
        body_start = that.end()
    elif later and later[0].start < paragraph_end:
        body_start = later[0].start
    else:
        return None
    body = " ".join(text.original[body_start:paragraph_end].split())
    if not body:
        return None
    return Finding(Intent.NOTE, Certainty.CERTAIN, start, as_written(text, sentence), argument=body)


def note_opening_end(text: Text, sentence: Sentence) -> int | None:
    """Where the words after a note's opening ("FYI,", "Note:", "Kindly note that") start."""
    said = sentence.said
    match = _opening(text, said[0].start, update=False) if said else None
    return match.end() if match else None


def _opening(text: Text, start: int, *, update: bool) -> re.Match[str] | None:
    if update:
        return _UPDATE_OPENING.match(text.low, start)
    opening = _NOTE_OPENING.match(text.low, start)
    if opening is not None:
        return opening
    asked = _NOTE_REQUEST.match(text.low, start)
    if asked is None or not _NOTE_ASKS.search(text.low, *asked.span()):
        return None
    word = PATTERNS.compiled("note_words").search(text.low, start, asked.end())
    end = word.start() if word else start
    clause = max(start, *(text.low.rfind(mark, start, end) + 1 for mark in ",;\u3001"))
    if PATTERNS.of_language("negations", text.language).search(text.low, clause, end):
        return None  # "Ich wollte eigentlich nicht im Plan vermerken, dass ..."
    return asked
