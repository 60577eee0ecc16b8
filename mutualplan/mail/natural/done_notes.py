"""What a person writes with "done": the note kept with the step ("Done - agreed with Sam this
morning", "Legal signed it, so done"), without thanks, greetings, sign-offs, signatures and
quoted text."""

from __future__ import annotations

import re
from datetime import date

from mutualplan.mail.client_lines import APP_SIGNATURE, WRAPPABLE_MARKERS
from mutualplan.mail.commands import read_command
from mutualplan.mail.lexicon import PATTERNS
from mutualplan.mail.sentences import (
    BLANK_LINE,
    LEADING,
    Sentence,
    Text,
    clause_at,
    opens,
    prepare,
    residue,
    sentences,
)
from mutualplan.models import Intent

# "mark" before "fillers": "にして" of "完了にしてください" is one word, not the filler "に"
# "approved" before "done": the "済み" of "承認済み"; fillers name who approved without it
DONE_WORDS = ("idioms", "approved", "done", "weak_done", "mark", "gone_days", "good_news",
              "bad_news", "fillers", "acknowledgements", "thanks", "yes", "greetings")  # fmt: skip

# nor an apology after it: "Done, sorry for the delay"
_NOT_SAID_WITH_DONE = ("apologies", *DONE_WORDS)  # before the fillers: their "sorry"
_NOTE_SENTENCES = 2  # sentences after the one with "done" that may still be about the step
_NOTE_LINES = 6  # and lines, however they are wrapped
# where a person's own words end: a signature's "--", a quoted line
_WORDS_END = re.compile(r"[ \t]*(?:>|(?:--|__+|\u2014)[ \t]*$)")
_CONTACT = re.compile(r"@|https?://|www\.|\+?\d[\d ()./-]{6,}\d|\|")
_TERMINAL = ".!?\u3002\uff01\uff1f"
# the small words of a name or a job title: "Head of Legal", "Ana de la Cruz"
_NAME_LINKS = frozenset(("of", "and", "&", "de", "la", "le", "van", "von", "der", "den", "du",
                         "da", "di", "del", "dos", "y", "e", "-"))  # fmt: skip
_HIRAGANA = re.compile("[\u3041-\u309f]")
_SIGNATURE_WORDS = 6  # a name, a title and a company at most
_CONTACT_WORDS = 10  # a line with a phone number or an address: "Jane Doe | VP | +1 555 ..."
_SHORT_LINE = 3  # words: a line this short after "Thanks!" is its writer's name
_MARKER_LINE = 600  # characters of a line read for a marker: real ones are short


def done_note(text: str, today: date, language: str) -> str:
    """What a person wrote after a "done" command line: a sentence or two, as `note_with_done`
    reads them ("Done" on its own line, then "agreed with Sam this morning")."""
    prepared = prepare(text, today, language)
    return note_with_done(prepared, None, 0, tuple(sentences(prepared)))


def note_with_done(
    text: Text,
    sentence: Sentence | None,
    at: int,
    later: tuple[Sentence, ...],
    *,
    before: tuple[int, int] | None = None,
) -> str:
    """The person's own words with "done" ("Done - agreed with Sam this morning"): the rest of
    its sentence after `at`, and a sentence or two after it, without thanks, greetings,
    sign-offs, signatures and quoted text; "" when there is nothing but the command. `before`:
    the words before "done" that say what happened (`said_before`), kept first."""
    words = [_first_words(text, sentence, at, before)] if sentence is not None else []
    closing = False  # after "Thanks!", a short line is a name
    taken, read_to = 0, sentence.end if sentence is not None else 0
    for following in later[:_NOTE_LINES]:
        if taken == _NOTE_SENTENCES or _own_words_end(text, read_to, following.end):
            break
        read_to = following.end
        if _is_command(text, following) or (
            following.question and opens(text, following.start, following.end, "by_the_way")
        ):
            break  # "Done. Btw, are we still on for Thursday?": another topic
        sign_off = _sign_off(text, following.start, following.end)
        if sign_off:
            break
        if only_hedges(text, following.start, following.end):
            continue  # "Done. Pretty sure.": asked about, and no note
        if sign_off is not None or not following.said:
            closing = closing or sign_off is not None
            continue
        if _signature_line(text, following, short=closing):
            break
        said = _said_in(text, following, following.start)
        words.append(said)
        if said[-1:] in _TERMINAL or BLANK_LINE.match(text.original, following.end):
            taken += 1  # a line that ends no sentence is wrapped: the next one goes on with it
    return joined([w for w in words if w])


def only_hedges(text: Text, start: int, end: int) -> bool:
    """Words that only hedge what stands beside them: "I think", "glaube ich", "pretty sure",
    "als het goed is"."""
    if PATTERNS.compiled("hedges").search(text.low, start, end) is None:
        return False
    return not residue(text, start, end, ("hedges", *DONE_WORDS))


def said_before(text: Text, sentence: Sentence, at: int) -> tuple[int, int] | None:
    """Where the words before "done" in its sentence say what happened ("Legal signed it, so
    done", "Sent the PO this morning - done"): back from "done" to a clause of small talk,
    without the words that lead to "done" ("so", "also", "donc", "ので"). None when only
    greetings, thanks, an apology or fillers stand before it ("Sorry for the delay, done"), a
    name of what is done ("Security review: done"), or words that make it no statement of what
    happened ("I think", "should I mark this", a question)."""
    clause = clause_at(sentence, at)
    start = clause.start
    for earlier in reversed([c for c in sentence.said if c.end <= clause.start]):
        if _small_talk(text, earlier.start, earlier.end):
            break
        start = earlier.start
    while start < at and (text.low[start].isspace() or text.low[start] in LEADING + "\u2705"):
        start += 1
    end = _lead_in_start(text, start, at)
    if ":" in text.low[end:at] or "\uff1a" in text.low[end:at]:
        return None  # a label: "Status: done"
    doubted = PATTERNS.combined(_NOT_SAID_AS_DONE).search(text.low, start, sentence.end)
    asking = any(opens(text, start, at, part) for part in _ASKING)
    if sentence.question or doubted or asking:  # "pretty sure it's done but let me check"
        return None
    if not residue(text, start, end, _NOT_WHAT_HAPPENED).replace("\u2705", "").strip():
        return None
    return start, end


# words that say nothing about what happened: before "done", they leave no note
_NOT_WHAT_HAPPENED = (*DONE_WORDS, "apologies", "pleasantries", "leads_to")
# words that make what stands before "done" a doubt or a request, not a report (as do a
# question's and a request's first words)
_NOT_SAID_AS_DONE = ("hedges", "mark", "negations", "pending", "conditions", "partial", "contrast")
_ASKING = ("question_openers", "requests")
_LEAD_IN = re.compile(rf"(?:{PATTERNS.alternation('leads_to')})[\s{re.escape(LEADING)}]*$")


def _small_talk(text: Text, start: int, end: int) -> bool:
    """A clause that greets, thanks, apologises or makes small talk, or has only fillers."""
    parts = ("greetings", "thanks", "apologies", "pleasantries")
    if any(opens(text, start, end, part) for part in parts):
        return True
    return not residue(text, start, end, DONE_WORDS)


def _lead_in_start(text: Text, start: int, end: int) -> int:
    """Where the words that lead to "done" begin ("so", "so it's", "also", "donc c'est"):
    `end` moved back over them and the punctuation around them."""
    while True:
        end = start + len(text.low[start:end].rstrip(LEADING + "\u2705"))
        lead_in = _LEAD_IN.search(text.low, start, end)
        if lead_in is None or lead_in.start() == start:
            return end
        end = lead_in.start()


def _first_words(text: Text, sentence: Sentence, at: int, before: tuple[int, int] | None) -> str:
    """The note's words in the sentence with "done": those after it (`_said_in`); with words
    before it that say what happened, those, or the sentence from them on as it was written
    when words follow "done" too ("legal signed off this morning so you can tick it off")."""
    after = _said_span(text, sentence, at)
    if before is None:
        return _said(text, after) if after else ""
    start, end = before if after is None else (before[0], after[1])
    return _said(text, (start, end))


def _said_in(text: Text, sentence: Sentence, at: int) -> str:
    """The words of `sentence` after `at` that say more than "done", thanks or a greeting:
    from the first clause that does to the last, up to a sign-off ("thanks, Jane")."""
    span = _said_span(text, sentence, at)
    return _said(text, span) if span else ""


def _said_span(text: Text, sentence: Sentence, at: int) -> tuple[int, int] | None:
    """Where `_said_in` finds its words."""
    kept: list[tuple[int, int]] = []
    for clause in sentence.clauses:
        if clause.end <= at:
            continue
        start = max(clause.start, at)
        if _sign_off(text, start, sentence.end):
            break
        # not thanks ("thanks so much"), nor done words again ("all good", "c'est fait"), nor
        # a hedge ("Done, I think": it is asked about, and no note)
        if only_hedges(text, start, clause.end):
            continue
        if not clause.skippable and residue(text, start, clause.end, _NOT_SAID_WITH_DONE):
            kept.append((start, clause.end))
    if not kept:
        return None
    start, end = kept[0][0], kept[-1][1]
    while start < end and (text.low[start].isspace() or text.low[start] in LEADING + "\u2705"):
        start += 1  # an emoticon or an emoji is blank in `low`: "Done :) signed"
    return start, end


def _said(text: Text, span: tuple[int, int]) -> str:
    said = " ".join(text.original[span[0] : span[1]].split())
    return said.rstrip(" ,;:-\u2013\u2014\u3001")


def _sign_off(text: Text, start: int, end: int) -> bool | None:
    """None unless the words from `start` open with a sign-off or thanks; True if they close
    the reply ("Best,", "Thanks, Jane", "Viele Grüße"), False if they are thanks with more to
    come ("Thanks!")."""
    low = text.low[start:end]
    skip = len(low) - len(low.lstrip(LEADING))
    match = PATTERNS.compiled("sign_offs").match(text.low, start + skip, end)
    if match is None:
        return None
    rest = text.original[match.end() : end].strip()
    if not rest or rest[0] in ",:;\u3001" or not rest.strip(_TERMINAL + " "):
        return not rest or rest[0] not in _TERMINAL
    return _name_like(rest.strip(" ,")) or None


def _signature_line(text: Text, sentence: Sentence, *, short: bool) -> bool:
    """A line of a signature: a name, a title, a company, a phone number; or, after "Thanks!",
    any short line without a full stop ("Jane")."""
    line_start = text.original.rfind("\n", 0, sentence.start) + 1
    line_end = text.original.find("\n", sentence.end)
    line = text.original[line_start : len(text.original) if line_end < 0 else line_end].strip()
    if line != text.cut(sentence.start, sentence.end):
        return False  # a sentence within a line is no signature
    if line[-1:] in _TERMINAL:
        return False  # a sentence: "Sent the PO to ap@globex.example."
    if _CONTACT.search(line) and len(_words(line)) <= _CONTACT_WORDS:
        return True
    return _name_like(line) or (short and len(line.split()) <= _SHORT_LINE)


def _name_like(words: str) -> bool:
    """A name or a title: a few words, each capitalized ("Jane Doe", "Head of Legal"); in
    Japanese, a short line without kana endings ("山田太郎")."""
    parts = words.replace(",", " ").split()
    if not parts or len(_words(words)) > _SIGNATURE_WORDS:
        return False
    if not re.search(r"[a-zA-Z\u00c0-\u024f]", words):
        return len(words) <= 2 * _SIGNATURE_WORDS and not _HIRAGANA.search(words)
    return all(p[0].isupper() or p.lower() in _NAME_LINKS or not p[0].isalpha() for p in parts)


def _words(line: str) -> list[str]:
    """The words of a line, not its "|" or "-"."""
    return [part for part in line.split() if re.search(r"\w", part)]


def _own_words_end(text: Text, start: int, end: int) -> bool:
    """Whether a line that opens between `start` and `end` ends the person's own words: a
    signature's "--", a quoted line, an "On ... wrote:" line, "Sent from my iPhone"."""
    at = text.original.rfind("\n", 0, start) + 1
    while at < end:
        line = text.original[at : at + _MARKER_LINE].split("\n", 1)[0]
        if (
            _WORDS_END.match(line)
            or APP_SIGNATURE.match(line)
            or any(marker.match(line) for marker in WRAPPABLE_MARKERS)
        ):
            return True
        at += len(line) + 1
        if len(line) == _MARKER_LINE:  # a long line: no marker starts in the rest of it
            next_line = text.original.find("\n", at)
            at = len(text.original) if next_line < 0 else next_line + 1
    return False


def _is_command(text: Text, sentence: Sentence) -> bool:
    """A command line of its own after "done" ("#3 new date: ..."): the engine applies it (its
    further command lines, `understanding._more`); it is no part of the note."""
    line_start = text.original.rfind("\n", 0, sentence.start) + 1
    if text.original[line_start : sentence.start].strip():
        return False  # within a line: the engine reads command lines, not sentences
    line = text.original[line_start:].split("\n", 1)[0]
    return read_command(line, text.today).intent not in (Intent.UNKNOWN, Intent.IGNORED)


def joined(words: list[str]) -> str:
    """Sentences joined as written: with a space, or none after a Japanese full stop."""
    joined = ""
    for said in words:
        space = "" if not joined or joined[-1] in "\u3002\uff01\uff1f" else " "
        joined += space + said
    return joined


def what_happened(text: Text, before: list[Sentence]) -> str:
    """The sentences before the one with "done" as a note of what happened, if each one
    reports it: no question, doubt or request, and not small talk ("Hope you are well.")."""
    for sentence in before:
        start = sentence.said[0].start if sentence.said else sentence.end
        if sentence.question or _small_talk(text, start, sentence.end):
            return ""
        doubted = PATTERNS.combined(_NOT_SAID_AS_DONE).search(text.low, start, sentence.end)
        if doubted or any(opens(text, start, sentence.end, p) for p in _ASKING):
            return ""
    return joined([_said(text, (s.said[0].start, s.end)) for s in before if s.said])
