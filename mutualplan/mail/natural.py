"""Read what a person meant from the first sentence they wrote, however they wrote it.

The text is cut into sentences and clauses (`mutualplan.mail.sentences`).
Greetings, thanks and "yes" are passed over; the first sentence with anything else in it is the
one the reply means. In it each intent looks for its own words (`mutualplan.mail.lexicon`, every
language at once), then for what would undo them: a negation ("not done"), a partial ("almost
done"), the future ("once it's done"), a question ("done?"). Those never act. A hedge ("I think
it's done"), words the reader does not know beside "done", or two intents in one sentence make
a reading `PROBABLE`: asked about, never applied. Only a sentence with nothing in it but the
intent, its argument and words known to change nothing is `CERTAIN`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from mutualplan import doubts
from mutualplan.mail.addresses import WRITTEN_ADDRESS
from mutualplan.mail.client_lines import APP_SIGNATURE, WRAPPABLE_MARKERS
from mutualplan.mail.commands import read_command
from mutualplan.mail.dates import DateReading, find_dates, spoken
from mutualplan.mail.lexicon import PATTERNS
from mutualplan.mail.sentences import (
    ASCII_TWINS,
    LEADING,
    Clause,
    Sentence,
    Text,
    asks,
    clause_at,
    cue,
    opens,
    prepare,
    request,
    residue,
    search,
    sentences,
)
from mutualplan.mail.slips import mended, shift, slips, unmended
from mutualplan.models import Intent


class Certainty(StrEnum):
    CERTAIN = "certain"  # act on it
    PROBABLE = "probable"  # ask first: "Did you mean ...?"
    NONE = "none"  # not a command: conversation, or (with doubts) an attempt that failed


@dataclass(frozen=True)
class Finding:
    """One intent as read from one sentence."""

    intent: Intent
    certainty: Certainty
    start: int  # where its words stand: the first of two intents in a sentence is the one meant
    read_from: str = ""
    argument: str = ""
    when: date | None = None
    options: tuple[str, ...] = ()  # what an ambiguous argument may be (ISO dates)
    doubts: tuple[str, ...] = ()  # what could not be read, said to the person
    language: str = ""  # the language of a command word read from a slip ("Erldigt": de)


_HINT = 200  # characters whose words hint at the language
_LATER_SENTENCES = 2  # sentences after the first read for a PROBABLE reading
_STATUS_WORDS = 8  # words: a sentence with a slip longer than this is no short status
_NOTE_OPENING = re.compile(
    rf"\s*(?:{PATTERNS.alternation('note')})\s*(?::|-+|\u2013|\u2014)\s*"
    r"|\s*(?:fyi|heads up|ps|p\.s\.|nb)[,\s]+"
)
# what may stand between a proposal and its date: "make it the 18th", "lo pasamos al lunes"
_BEFORE_PROPOSED = re.compile(
    r"[\s,:]*(?:(?:it|this|that|das|es|le|la|lo|dit|het|isso) )?(?:(?:to|until|till|for|on|by"
    r"|auf|zum|am|bis|à|au|pour|a|al|el|para|hasta|naar|op|tot|até|per|il|dia|o) )?(?:the )?"
)
_COLON = re.compile(r"\s*(?::|-+|\u2013|\u2014)\s*")  # "延期：未定", "postpone - tbd"
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_FOLLOWERS = PATTERNS.combined(("reasons", "fillers", "articles", "waiting", "conditions"))
# "to" after "move": left out of the words named back ("I could not read «whenever suits»")
_TO = re.compile(
    r"\s*(?:(?:it|this|that|das|es|le|la|lo|dit|het|isso|lo) )?(?:to|until|till|for|auf|zum|bis"
    r"|à|au|pour|a|al|para|hasta|naar|tot|até|per|fino al?)\s+"
)


def _cap(finding: Finding, certainty: Certainty, doubt: str = "") -> Finding:
    order = [Certainty.NONE, Certainty.PROBABLE, Certainty.CERTAIN]
    lower = min(finding.certainty, certainty, key=order.index)
    doubts = finding.doubts + ((doubt,) if doubt and doubt not in finding.doubts else ())
    return replace(finding, certainty=lower, doubts=doubts)


# --- done --------------------------------------------------------------------------------------


def _done(
    text: Text, sentence: Sentence, paragraph_end: int, later: tuple[Sentence, ...] = ()
) -> Finding | None:
    match = search(text, "done", sentence.start, sentence.end)
    if match is not None and match.group() == "\u2705":  # "✅ Done": the word, if there is one
        match = search(text, "done", match.end(), sentence.end) or match
    weak = match is None
    if weak:
        match = _weak_done(text, sentence)
    if match is None:
        return None
    before = _said_before(text, sentence, match.start())
    note = _done_note(text, sentence, match.end(), later, before=before)
    found = Finding(
        Intent.DONE, Certainty.CERTAIN, match.start(), _read(text, sentence), argument=note
    )
    return _done_certainty(text, sentence, match, found, weak, paragraph_end)


def _weak_done(text: Text, sentence: Sentence) -> re.Match[str] | None:
    for pattern in PATTERNS.weak.values():
        match = pattern.search(text.low, sentence.start, sentence.end)
        if match is not None:
            return match
    return None


def _done_certainty(
    text: Text,
    sentence: Sentence,
    match: re.Match[str],
    found: Finding,
    weak: bool,
    paragraph_end: int,
) -> Finding:
    own = match.span()
    clause = clause_at(sentence, match.start())
    said = sentence.said or (clause,)
    scope = (said[0].start, clause.end)
    if any(cue(text, part, *scope, besides=own) for part in ("negations", "pending")):
        return _cap(found, Certainty.NONE)
    if cue(text, "partial", sentence.start, sentence.end, besides=own):
        return _cap(found, Certainty.NONE)
    if asks(text, sentence, said[0]) or asks(text, sentence, clause):
        if sentence.question and cue(text, "question_words", *scope, besides=own):
            return _cap(found, Certainty.NONE)
        if not (request(text, sentence) and cue(text, "mark", *scope, besides=own)):
            hedged = cue(text, "hedges", *scope, besides=own)
            return _cap(found, Certainty.PROBABLE if hedged else Certainty.NONE)
    elif sentence.question:  # "Done, right?": a question after it
        last = sentence.clauses[-1]
        if not opens(text, last.start, last.end, "question_words"):
            found = _cap(found, Certainty.PROBABLE)
    if cue(text, "hedges", *scope, besides=own):
        found = _cap(found, Certainty.PROBABLE)
    if request(text, sentence) and not cue(text, "mark", *scope, besides=own):
        found = _cap(found, Certainty.PROBABLE)  # "Please complete this" asks someone else
    if residue(text, *scope, _DONE_WORDS):
        found = _cap(found, Certainty.PROBABLE)
    if match.group() == "\u2705" or (weak and not _weak_in(text.language, match.group())):
        found = _cap(found, Certainty.PROBABLE)
    if _taken_back(text, clause.end, paragraph_end):
        found = _cap(found, Certainty.PROBABLE)
    return found


# "mark" before "fillers": "にして" of "完了にしてください" is one word, not the filler "に"
_DONE_WORDS = ("idioms", "done", "weak_done", "mark", "fillers", "acknowledgements", "thanks",
               "yes", "greetings")  # fmt: skip


def _weak_in(language: str, word: str) -> bool:
    pattern = PATTERNS.weak.get(language)
    return pattern is not None and pattern.fullmatch(word) is not None


def _taken_back(text: Text, start: int, end: int) -> bool:
    """After "done", words that may take it back: "but", "not", "almost", "still"."""
    parts = ("contrast", "negations", "partial")
    return any(PATTERNS.compiled(part).search(text.low, start, end) for part in parts)


# --- what a person writes with "done" -------------------------------------------------------

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
    """What a person wrote after a "done" command line: a sentence or two, as `_done_note`
    reads them ("Done" on its own line, then "agreed with Sam this morning")."""
    prepared = prepare(text, today, language)
    return _done_note(prepared, None, 0, tuple(sentences(prepared)))


def _done_note(
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
    the words before "done" that say what happened (`_said_before`), kept first."""
    words = [_first_words(text, sentence, at, before)] if sentence is not None else []
    closing = False  # after "Thanks!", a short line is a name
    taken, read_to = 0, sentence.end if sentence is not None else 0
    for following in later[:_NOTE_LINES]:
        if taken == _NOTE_SENTENCES or _own_words_end(text, read_to, following.end):
            break
        read_to = following.end
        if _is_command(text, following):
            break
        sign_off = _sign_off(text, following.start, following.end)
        if sign_off:
            break
        if sign_off is not None or not following.said:
            closing = closing or sign_off is not None
            continue
        if _signature_line(text, following, short=closing):
            break
        said = _said_in(text, following, following.start)
        words.append(said)
        if said[-1:] in _TERMINAL or _BLANK_LINE.match(text.original, following.end):
            taken += 1  # a line that ends no sentence is wrapped: the next one goes on with it
    return _joined([w for w in words if w])


def _said_before(text: Text, sentence: Sentence, at: int) -> tuple[int, int] | None:
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
_NOT_WHAT_HAPPENED = (*_DONE_WORDS, "apologies", "pleasantries", "leads_to")
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
    return not residue(text, start, end, _DONE_WORDS)


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
        # not thanks ("thanks so much"), nor done words again ("all good", "c'est fait")
        if not clause.skippable and residue(text, start, clause.end, _DONE_WORDS):
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


def _joined(words: list[str]) -> str:
    """Sentences joined as written: with a space, or none after a Japanese full stop."""
    joined = ""
    for said in words:
        space = "" if not joined or joined[-1] in "\u3002\uff01\uff1f" else " "
        joined += space + said
    return joined


# --- blocked -----------------------------------------------------------------------------------


def _blocked(text: Text, sentence: Sentence, paragraph_end: int) -> Finding | None:
    state = search(text, "blocked", sentence.start, sentence.end)
    waiting = search(text, "waiting", sentence.start, sentence.end)
    match = min((m for m in (state, waiting) if m), key=lambda m: m.start(), default=None)
    if match is None:
        return None
    clause = clause_at(sentence, match.start())
    reason = (
        _state_reason(text, sentence, match, paragraph_end)
        if match is state
        else text.cut(clause.start, sentence.end)
    )
    found = Finding(
        Intent.BLOCKED, Certainty.CERTAIN, match.start(), _read(text, sentence), argument=reason
    )
    own, before = match.span(), (clause.start, match.start())
    if cue(text, "negations", *before, besides=own) or asks(text, sentence, clause):
        hedged = cue(text, "hedges", clause.start, clause.end, besides=own)
        return _cap(found, Certainty.PROBABLE if hedged and sentence.question else Certainty.NONE)
    if any(cue(text, part, clause.start, clause.end, besides=own) for part in ("hedges",)):
        found = _cap(found, Certainty.PROBABLE)
    conditional = PATTERNS.of_language("conditions", text.language).search(text.low, *before)
    if conditional or cue(text, "pending", *before, besides=own):
        found = _cap(found, Certainty.PROBABLE)
    if _unknown_before(text, clause.start, match.start()):
        found = _cap(found, Certainty.PROBABLE)  # "the blocked account", "I read stuck"
    if match is state and not _reason_follows(text, match.end(), sentence.end):
        found = _cap(found, Certainty.PROBABLE)  # "stuck in traffic", "on hold music"
    return found


def _reason_follows(text: Text, at: int, end: int) -> bool:
    """After a state, its end, or a word that opens its reason ("by", "until", "waiting"),
    or one that changes nothing ("again")."""
    rest = text.low[at:end]
    if (
        not rest.strip()
        or rest.lstrip()[:1] in tuple(LEADING + "(")
        or text.low[at - 1 : at] >= "\u2e80"  # Japanese: its words are not spaced apart
    ):
        return True
    opener = _FOLLOWERS.match(text.low, at + len(rest) - len(rest.lstrip()), end)
    return opener is not None


def _unknown_before(text: Text, start: int, at: int) -> bool:
    """Words the reader does not know before a state ("the blocked account"): in a language
    written with spaces, where words can be told apart."""
    if not re.search(r"[a-z\u00c0-\u024f]", text.low[at : at + 1]):
        return False
    unknown = residue(text, start, at, ("fillers", "acknowledgements", "thanks", "yes"))
    return bool(unknown) or _article_before(text, at)


def _article_before(text: Text, at: int) -> bool:
    word = re.search(r"(\S+)\s*$", text.low[:at])
    return word is not None and PATTERNS.compiled("articles").fullmatch(word.group(1)) is not None


def _state_reason(text: Text, sentence: Sentence, match: re.Match[str], paragraph_end: int) -> str:
    """'Blocked by the security questionnaire': the words after the state, without 'by'."""
    rest = text.original[match.end() : sentence.end]
    low = text.low[match.end() : sentence.end]
    skip = len(low) - len(low.lstrip(LEADING))
    lead = PATTERNS.compiled("reasons").match(low, skip)
    if lead is not None and low[lead.end() : lead.end() + 1] in (" ", ""):
        skip = lead.end()
    reason = rest[skip:].strip().lstrip(LEADING).strip()
    if reason and residue(text, match.end() + skip, sentence.end, _NO_REASON):
        return reason
    later = " ".join(text.original[sentence.end : paragraph_end].split())
    if later and residue(text, sentence.end, paragraph_end, _NO_REASON):
        return later
    return "no reason given"


# words after a state that give no reason: "ブロック中です", "Blocked, thanks", "保留でお願いします"
_NO_REASON = ("fillers", "acknowledgements", "thanks", "yes", "greetings")


# --- reschedule --------------------------------------------------------------------------------


def _reschedule(text: Text, sentence: Sentence) -> Finding | None:
    match = search(text, "reschedule", sentence.start, sentence.end)
    proposal = search(text, "proposes", sentence.start, sentence.end)
    if match is None and proposal is None:
        return None
    dates = [
        _shifted(r, sentence.start)
        for r in find_dates(
            text.original[sentence.start : sentence.end].translate(ASCII_TWINS),
            text.today,
            language=text.language,
        )
    ]
    if match is None:  # "can we do Wed the 9th": a new date only with the date right after it
        if proposal is None or not _date_follows(text, proposal, dates):
            return None
        match = proposal
    clause = clause_at(sentence, match.start())
    found = Finding(Intent.RESCHEDULE, Certainty.CERTAIN, match.start(), _read(text, sentence))
    dated = _with_date(text, sentence, match, found, dates)
    if dated is None:
        return None
    # the event may stand inside a proposal's words: "passar a reunião para quinta"
    anywhere = (match.start(), match.start())
    if cue(text, "events", clause.start, clause.end, besides=anywhere):
        return _cap(dated, Certainty.NONE)  # "move the call to Friday": the call's date
    if cue(text, "events", sentence.start, sentence.end, besides=anywhere):
        dated = _cap(dated, Certainty.PROBABLE)  # "Thursday instead, the call is off": whose?
    after = next((r.start for r in dates if r.start >= match.end()), None)
    return _asked_certainty(text, sentence, clause, match, dated, answer_at=after)


def _date_follows(text: Text, proposal: re.Match[str], dates: list[DateReading]) -> bool:
    """The date is what is proposed: "let's do Friday", not "let's do the call on Friday"."""
    after = next((r for r in dates if r.end > proposal.end()), None)
    if after is None:
        return False
    between = text.low[proposal.end() : max(after.start, proposal.end())]
    return _BEFORE_PROPOSED.fullmatch(between) is not None


def _shifted(reading: DateReading, by: int) -> DateReading:
    return replace(reading, start=reading.start + by, end=reading.end + by)


def _with_date(
    text: Text,
    sentence: Sentence,
    match: re.Match[str],
    found: Finding,
    dates: list[DateReading],
) -> Finding | None:
    if not dates:
        written = _tried_date(text, sentence, match)
        if written:  # "Move to whenever suits": a new date was asked for, and could not be read
            cannot = doubts.NO_DATE_IN.format(written=f"\u00ab{written}\u00bb")
            return _cap(found, Certainty.NONE, cannot)
        return None
    days = {r.when for r in dates if r.when and not r.doubt}
    doubtful = [r for r in dates if r.doubt or r.vague]
    if len(days) == 1 and not doubtful:
        day = next(iter(days))
        return replace(found, argument=day.isoformat(), when=day)
    if any("past" in r.doubt for r in dates) and not days:
        return _cap(found, Certainty.NONE, next(r.doubt for r in dates if r.doubt))
    options = sorted({d for r in dates for d in (r.options or ((r.when,) if r.when else ()))})
    doubt = next((r.doubt for r in doubtful if r.doubt), "")
    if not doubt:
        said_days = " or ".join(spoken(d) for d in options)
        written = f"\u00ab{text.cut(dates[0].start, dates[-1].end)}\u00bb"
        doubt = doubts.WHICH_DAY.format(written=written, said=said_days)
    return _cap(
        replace(found, options=tuple(d.isoformat() for d in options)), Certainty.PROBABLE, doubt
    )


def _tried_date(text: Text, sentence: Sentence, match: re.Match[str]) -> str:
    """The words a sentence that opens with a reschedule word and has no date gives as its new
    date ("Move to whenever suits", "延期：未定"), or "" if it gives none: the word then
    opens conversation ("push notifications are annoying", "Need until", "Postpone?")."""
    said = sentence.said
    if not said or match.start() - said[0].start > 1 or sentence.question:
        return ""
    to = _TO.match(text.low, match.end(), sentence.end) or _COLON.match(
        text.low, match.end(), sentence.end
    )
    if to is None:
        return ""
    rest = text.low[to.end() : sentence.end]
    start = to.end() + len(rest) - len(rest.lstrip(LEADING))
    return text.cut(start, sentence.end)


def _asked_certainty(
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
        return _cap(found, Certainty.NONE)
    said = sentence.said or (clause,)
    asking = opens(text, said[0].start, said[0].end, "question_openers") and not _answered(
        text, sentence, match, answer_at
    )
    if (sentence.question or asking) and not request(text, sentence):
        return _cap(found, Certainty.NONE if asking else Certainty.PROBABLE)
    if cue(text, "hedges", sentence.start, sentence.end, besides=own):
        found = _cap(found, Certainty.PROBABLE)
    if PATTERNS.of_language("conditions", text.language).search(
        text.low, clause.start, match.start()
    ):
        found = _cap(found, Certainty.PROBABLE)
    return found


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


# --- reassign ----------------------------------------------------------------------------------


def _reassign(text: Text, sentence: Sentence) -> Finding | None:
    match = search(text, "reassign", sentence.start, sentence.end)
    if match is None:
        return None
    addresses = [
        (m.start(), m.group())
        for m in WRITTEN_ADDRESS.finditer(text.low, sentence.start, sentence.end)
    ] or _named_and_copied(text, clause_at(sentence, match.start()))
    if not addresses:
        return None
    clause = clause_at(sentence, match.start())
    found = Finding(Intent.REASSIGN, Certainty.CERTAIN, match.start(), _read(text, sentence))
    if cue(text, "stand_in", sentence.start, sentence.end, besides=match.span()):
        return _cap(found, Certainty.NONE)  # "out of office, tom@ will handle it": a stand-in
    if cue(text, "keeps_owner", sentence.start, sentence.end, besides=match.span()):
        return _cap(found, Certainty.NONE)  # "passing this to tom@ for a second opinion"
    if PATTERNS.of_language("purpose", text.language).search(text.low, match.end(), sentence.end):
        found = _cap(found, Certainty.PROBABLE)  # "handing this to tom@ for the rollout": ask
    copy = search(text, "copies", sentence.start, sentence.end)
    if copy is not None and not _copies_the_owner(text, sentence, copy):
        found = _cap(found, Certainty.PROBABLE)  # "handing this to tom@, cc'ing legal": whose?
    distinct = list(dict.fromkeys(a for _, a in addresses))
    after = [(at, a) for at, a in addresses if at >= match.end()]
    if len(distinct) == 1 or after:
        found = replace(found, argument=distinct[0] if len(distinct) == 1 else after[0][1])
    else:
        found = _cap(
            replace(found, options=tuple(distinct)), Certainty.PROBABLE, "which of the addresses?"
        )
    answer_at = after[0][0] if after else None
    return _asked_certainty(text, sentence, clause, match, found, answer_at=answer_at)


def _named_and_copied(text: Text, clause: Clause) -> list[tuple[int, str]]:
    """A person the clause of the handover names by name ("Tom is the new owner") who is on
    the reply's To or Cc: their address, where the name stands; only if the name is one
    person's."""
    found: dict[str, int] = {}
    for word in re.finditer(r"[^\W\d_][\w'-]+", text.original[clause.start : clause.end]):
        if not word.group()[0].isupper():
            continue
        for name, address in text.copied:
            if _fold(word.group()) in _name_keys(name, address):
                found.setdefault(address.lower(), clause.start + word.start())
    if len(found) != 1:
        return []
    return [(at, address) for address, at in found.items()]


def _name_keys(name: str, address: str) -> set[str]:
    """How a person is called in a reply: their first name, their whole name, or the first part
    of their address ("tom" of tom.berg@globex.example)."""
    keys = {_fold(name.split()[0])} if name.split() else set()
    keys.add(_fold(re.split(r"[._+-]", address.partition("@")[0])[0]))
    return {key for key in keys if len(key) >= 2}


def _fold(word: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFD", word.lower()) if not unicodedata.combining(c)
    )


def _copies_the_owner(text: Text, sentence: Sentence, copy: re.Match[str]) -> bool:
    """The one copied in is the one just named ("Tom is the new owner, cc'ing him", "Tom
    übernimmt, ich setze ihn in CC"): a pronoun in the clause that copies."""
    clause = clause_at(sentence, copy.start())
    pronoun = PATTERNS.of_language("owner_pronouns", text.language)
    return pronoun.search(text.low, clause.start, clause.end) is not None


# --- whole-sentence phrases: status, help, yes ---------------------------------------------------


def _phrase(text: Text, sentence: Sentence, part: str, intent: Intent) -> Finding | None:
    said = sentence.said
    if not said:
        return None
    start = said[0].start
    match = PATTERNS.compiled(part).search(text.low, start, sentence.end)
    if match is None or cue(text, "negations", start, sentence.end, besides=match.span()):
        return None
    if residue(
        text, start, sentence.end, (part, "fillers", "acknowledgements", "thanks", "greetings")
    ):
        return None
    return Finding(intent, Certainty.CERTAIN, match.start(), _read(text, sentence))


def _yes(text: Text, sentence: Sentence) -> Finding | None:
    """A bare "yes": an answer to a question the engine asked (the router knows which)."""
    match = PATTERNS.compiled("yes").search(text.low, sentence.start, sentence.end)
    if match is None or sentence.question or sentence.said:
        return None
    if cue(text, "negations", sentence.start, sentence.end, besides=match.span()):
        return None
    return Finding(Intent.YES, Certainty.CERTAIN, match.start(), _read(text, sentence))


def _note(text: Text, sentence: Sentence, paragraph_end: int) -> Finding | None:
    said = sentence.said
    if not said:
        return None
    match = _NOTE_OPENING.match(text.low, said[0].start)
    if match is None:
        return None
    body = " ".join(text.original[match.end() : paragraph_end].split())
    if not body:
        return None
    return Finding(
        Intent.NOTE, Certainty.CERTAIN, said[0].start, _read(text, sentence), argument=body
    )


def _read(text: Text, sentence: Sentence) -> str:
    return " ".join(text.cut(sentence.start, sentence.end).split())


# --- the reply ---------------------------------------------------------------------------------


def read_natural(
    text: str, today: date, *, language: str = "", copied: tuple[tuple[str, str], ...] = ()
) -> Finding | None:
    """What the first sentence that says something means, or None if it says nothing known.
    `copied`: the people on the reply's To and Cc, (name, address), for a new owner named
    without an address ("Tom is the new owner, cc'ing him")."""
    prepared = prepare(text, today, language, copied)
    found = sentences(prepared)
    finding = _first_finding(prepared, found)
    if finding is not None and finding.certainty is Certainty.CERTAIN:
        return finding
    return _read_slipped(prepared, found) or finding


def _first_finding(prepared: Text, found: list[Sentence]) -> Finding | None:
    yes = _yes(prepared, found[0]) if found else None
    head = next((i for i, s in enumerate(found) if s.said), None)
    if head is None:
        return yes
    first = _read_sentence(
        prepared, found[head], *_context(prepared, found, head), tuple(found[head + 1 :])
    )
    if first is not None or yes is not None:
        return first or yes
    for index in range(head + 1, min(len(found), head + 1 + _LATER_SENTENCES)):
        finding = _read_sentence(
            prepared, found[index], *_context(prepared, found, index), tuple(found[index + 1 :])
        )
        if finding is not None and finding.certainty is not Certainty.NONE:
            if finding.intent is Intent.DONE:  # "Legal signed it this morning. Done."
                said = _what_happened(prepared, found[head:index])
                finding = replace(
                    finding, argument=_joined([w for w in (said, finding.argument) if w])
                )
            return _cap(finding, Certainty.PROBABLE, "it is not the first thing the reply says")
    return None


def _what_happened(text: Text, before: list[Sentence]) -> str:
    """The sentences before the one with "done" as a note of what happened, if each one
    reports it: no question, doubt or request, and not small talk ("Hope you are well.")."""
    for sentence in before:
        start = sentence.said[0].start if sentence.said else sentence.end
        if sentence.question or _small_talk(text, start, sentence.end):
            return ""
        doubted = PATTERNS.combined(_NOT_SAID_AS_DONE).search(text.low, start, sentence.end)
        if doubted or any(opens(text, start, sentence.end, p) for p in _ASKING):
            return ""
    return _joined([_said(text, (s.said[0].start, s.end)) for s in before if s.said])


def _read_slipped(text: Text, found: list[Sentence]) -> Finding | None:
    """The first sentence read again with a slip in its command word mended ("Erldigt, danke",
    "dnoe"), kept only when that reading is certain: the sentence is a short status."""
    head = next((s for s in found if s.said), found[0] if found else None)
    if head is None:
        return None
    start = head.said[0].start if head.said else head.start  # "Erldigt, danke": no name
    if len(text.low[start : head.end].split()) > _STATUS_WORDS:
        return None
    found_slips = slips(text.original, start, head.end, language=text.language)
    if not found_slips:
        return None
    languages = {slip.language for slip in found_slips}
    language = languages.pop() if len(languages) == 1 else text.language
    again = prepare(mended(text.original, found_slips), text.today, language, text.copied)
    finding = _first_finding(again, sentences(again))
    if finding is None or finding.certainty is not Certainty.CERTAIN:
        return None
    if finding.intent not in (Intent.DONE, Intent.BLOCKED):
        return None
    finding = replace(
        finding,
        start=shift(finding.start, found_slips),
        read_from=unmended(finding.read_from, found_slips),
        argument=unmended(finding.argument, found_slips),
        language=language,
    )
    if any(slip.ask for slip in found_slips):  # a word of another language: "did you mean"
        finding = _cap(finding, Certainty.PROBABLE)
    return finding


def language_hint(text: str) -> str:
    """The language of the reader's words in a short reply ("Erledigt" is German), or ""."""
    return PATTERNS.language_of(prepare(text[:_HINT], date.min, "").low)


def says_nothing(line: str) -> bool:
    """A greeting, thanks or "ok" line ("Hi Sam,"): the command, if any, follows it."""
    prepared = prepare(line, date.min, "")
    return all(not s.said for s in sentences(prepared, limit=2))


def _context(text: Text, found: list[Sentence], index: int) -> tuple[int, int]:
    """Where what follows a sentence stops bearing on it (the end of the next sentence, or of
    the paragraph if that comes first), and where its paragraph ends."""
    sentence = found[index]
    blank = _BLANK_LINE.search(text.low, sentence.end)
    paragraph_end = blank.start() if blank else len(text.low)
    following = found[index + 1].end if index + 1 < len(found) else paragraph_end
    return min(paragraph_end, following), paragraph_end


def _read_sentence(
    text: Text,
    sentence: Sentence,
    until: int,
    paragraph_end: int,
    later: tuple[Sentence, ...] = (),
) -> Finding | None:
    note = _note(text, sentence, paragraph_end)
    if note is not None:
        return note
    findings = [
        f
        for f in (
            _done(text, sentence, until, later),
            _blocked(text, sentence, until),
            _reschedule(text, sentence),
            _reassign(text, sentence),
        )
        if f is not None
    ]
    if findings:
        return _one(findings)
    return _phrase(text, sentence, "status", Intent.STATUS) or _phrase(
        text, sentence, "help", Intent.HELP
    )


def _one(findings: list[Finding]) -> Finding:
    """The first intent the sentence names; unsure if it names a second one as surely."""
    findings.sort(key=lambda f: f.start)
    first, others = findings[0], [f for f in findings[1:] if f.intent is not findings[0].intent]
    if first.certainty is Certainty.NONE and not first.doubts:  # "Not done yet - blocked on X"
        later = next((f for f in others if f.certainty is not Certainty.NONE), None)
        return _cap(later, Certainty.PROBABLE) if later else first
    if first.certainty is Certainty.CERTAIN and any(
        f.certainty is Certainty.CERTAIN for f in others
    ):
        second = next(f for f in others if f.certainty is Certainty.CERTAIN)
        also = doubts.ALSO_READS.format(intent=second.intent.value)
        return _cap(first, Certainty.PROBABLE, also)
    return first
