"""Read what a person meant from the first sentence they wrote, however they wrote it.

The text is cut into sentences and clauses (`mutualplan.mail.sentences`).
Greetings, thanks and "yes" are passed over; the first sentence with anything else in it is the
one the reply means, unless it only tells what happened or why: then a plain command in the
sentences right after it is ("Legal signed it this morning. Done."), and after "not done", a
plain blocker or new date. In a sentence each intent looks for its own words
(`mutualplan.mail.lexicon`, every language at once), then for what would undo them: a negation
("not done"), a partial ("almost done"), the future ("once it's done"), a question ("done?").
Those never act. A hedge ("I think it's done"), words the reader does not know beside "done", or
two intents in one sentence make a reading `PROBABLE`: asked about, never applied. Only a
sentence with nothing in it but the intent, its argument and words known to change nothing is
`CERTAIN`. A list of where things stand, or good news and bad, is read at the sentence after
the list, or the news, that names the step (or the one item that does); a P.S. line is read as
any other. When the first sentence says nothing, small talk may come before the step named, a
story before a last line that says what it comes to ("Anyway: done."), or a date echoed and
refused before a new one. Nothing acts in a reply meant for another thread.

This module reads the reply: which sentence, which of its intents, a slip mended. Each intent
reads a sentence in its own module (`done`, `blocked`, `reschedule`, `reassign`, `phrases`; the
words kept with "done" in `done_notes`), into a `findings.Finding`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from mutualplan import doubts
from mutualplan.mail.lexicon import PATTERNS
from mutualplan.mail.lexicon.steps import named_alike
from mutualplan.mail.natural.blocked import read_blocked
from mutualplan.mail.natural.done import read_done, read_handed_in
from mutualplan.mail.natural.done_notes import joined, what_happened
from mutualplan.mail.natural.findings import Certainty, Finding, capped
from mutualplan.mail.natural.phrases import (
    note_opening_end,
    read_hedged_yes,
    read_how_to_answer,
    read_note,
    read_note_asked,
    read_phrase,
    read_plan_question,
    read_yes,
    unrelated,
)
from mutualplan.mail.natural.reassign import not_mine, read_reassign
from mutualplan.mail.natural.reschedule import read_reschedule
from mutualplan.mail.sentences import (
    BLANK_LINE,
    Sentence,
    Text,
    names_the_step,
    only_an_apology,
    opens,
    prepare,
    residue,
    sentences,
)
from mutualplan.mail.slips import mended, shift, slips, unmended
from mutualplan.models import Intent

_HINT = 200  # characters whose words hint at the language
_LATER_SENTENCES = 2  # sentences after the first read for a PROBABLE reading
_STATUS_WORDS = 8  # words: a sentence with a slip longer than this is no short status


def read_natural(
    text: str,
    today: date,
    *,
    language: str = "",
    copied: tuple[tuple[str, str], ...] = (),
    step: str = "",
) -> Finding | None:
    """What the first sentence that says something means, or None if it says nothing known.
    `copied`: the people on the reply's To and Cc, (name, address), for a new owner named
    without an address ("Tom is the new owner, cc'ing him"); `step`: the title of the step the
    reply answers about, which it may name ("Maria finished the security review")."""
    prepared = prepare(text, today, language, copied, step_words(step))
    found = sentences(prepared)
    finding = _first_finding(prepared, found)
    if finding is not None and finding.certainty is Certainty.CERTAIN:
        return _unless_misdirected(prepared, finding)
    finding = _read_slipped(prepared, found) or finding
    return None if finding is None else _unless_misdirected(prepared, finding)


def _unless_misdirected(text: Text, finding: Finding) -> Finding:
    """Nothing acts in a reply that says it was meant for another thread ("Sorry, wrong thread!
    That was meant for the offsite planning: new date: Jan 12"), or that what it tells has
    nothing to do with the step or the plan."""
    if finding.intent not in _ACTIONS:
        return finding
    if PATTERNS.of_language("misdirected", text.language).search(text.low) is None and not (
        unrelated(text, 0, len(text.low))  # "..., nothing to do with your plan"
    ):
        return finding
    return capped(finding, Certainty.NONE)


_ACTIONS = (Intent.DONE, Intent.BLOCKED, Intent.RESCHEDULE, Intent.REASSIGN, Intent.NOTE)


def step_words(title: str) -> frozenset[str]:
    """The words of a step's title that name it, lowercase: "Security review complete" ->
    security, review, complete (not the small words: "of", "the"), and the words other
    languages name the same things with ("Sicherheitsprüfung", "revue", "sécurité")."""
    words = frozenset(w for w in re.findall(r"[^\W\d_]+", title.lower()) if len(w) >= _STEP_WORD)
    return named_alike(words)


_STEP_WORD = 4  # letters: shorter words of a title are small words ("the", "and", "of")


def _first_finding(prepared: Text, found: list[Sentence]) -> Finding | None:
    concluded = _after_a_list(prepared, found) or _news(prepared, found)
    if concluded is not None:
        return concluded
    yes = read_yes(prepared, found[0]) if found else None
    head = next((i for i, s in enumerate(found) if s.said), None)
    if head is None:
        return yes
    until, paragraph_end = _context(prepared, found, head)
    later = tuple(found[head + 1 :])
    first = _read_sentence(prepared, found[head], until, paragraph_end, later)
    if first is not None and first.intent is Intent.DONE and first.certainty is Certainty.NONE:
        # "Can't close this out. ... the review is on hold until you ship a patch.": not done,
        # and why, or until when, said plainly after
        update = _progress(prepared, found[head], found[head], paragraph_end)
        return _why_not_done(prepared, found, head) or update or first
    if first is not None and first.intent is Intent.RESCHEDULE and found[head].question:
        first = _after_an_echo(prepared, found, head) or first
    if first is not None or yes is not None:
        return first or yes
    chatted = (
        _after_small_talk(prepared, found, head)
        or _concluded(prepared, found, head)
        or _after_another_topic(prepared, found, head)
    )
    if chatted is not None:
        return chatted
    for index in range(head + 1, min(len(found), head + 1 + _LATER_SENTENCES)):
        finding = _read_sentence(
            prepared, found[index], *_context(prepared, found, index), tuple(found[index + 1 :])
        )
        if finding is not None and finding.certainty is not Certainty.NONE:
            if finding.certainty is Certainty.CERTAIN and all(
                only_an_apology(prepared, s.start, s.end) for s in found[head:index]
            ):
                return finding  # "Mil disculpas, de verdad. Estamos trabados: ..."
            if (
                finding.intent in (Intent.HELP, Intent.STATUS)
                and finding.certainty is Certainty.CERTAIN
                and not any(
                    _COMMAND_WORDS.search(prepared.low, s.start, s.end) for s in found[head:index]
                )
            ):
                return finding  # "My assistant deals with these. What should I reply?": asks
            if (
                finding.intent in (Intent.NOTE, Intent.DONE)
                and finding.certainty is Certainty.CERTAIN
                and all(_DATE_KEPT.search(prepared.low, s.start, s.end) for s in found[head:index])
            ):
                return finding  # "No change to the timeline. Please note on the plan that ..."
            if (
                finding.intent is Intent.BLOCKED
                and finding.certainty is Certainty.CERTAIN
                and all(_NAGGED.search(prepared.low, s.start, s.end) for s in found[head:index])
            ):
                return finding  # "Third reminder this week. We're stuck because ..."
            if finding.intent is Intent.DONE:  # "Legal signed it this morning. Done."
                said = what_happened(prepared, found[head:index])
                finding = replace(
                    finding, argument=joined([w for w in (said, finding.argument) if w])
                )
            if (
                finding.intent is Intent.RESCHEDULE
                and index == head + 1
                and _only_a_reason(prepared, found[head])
            ):
                return finding  # "We need a bit more time. Can we move this to the 18th?"
            if (
                finding.intent is Intent.RESCHEDULE
                and finding.certainty is Certainty.CERTAIN
                and all(_asked_or_refused(prepared, s) for s in found[head:index])
            ):
                return finding  # "Alex, ob Freitag klappt? Leider nein. Trag bitte den 9. ein"
            if finding.intent is Intent.REASSIGN and all(
                _only_context(prepared, [s], _NEWS_DOUBTS[Intent.REASSIGN])
                or not_mine(prepared, s.end)
                for s in found[head:index]
            ):
                return finding  # "Te comento que dejo el proyecto. Asigna este paso a ..."
            if (
                finding.intent in (Intent.DONE, Intent.RESCHEDULE)
                and finding.certainty is Certainty.CERTAIN
                and _only_context(prepared, found[head:index], _NEWS_DOUBTS[finding.intent])
                and (finding.intent is Intent.RESCHEDULE or _nothing_more(prepared, found[index:]))
            ):
                return finding  # "Legal signed it this morning. Done."
            return _progress(prepared, found[head], found[index], paragraph_end) or capped(
                finding, Certainty.PROBABLE, "it is not the first thing the reply says"
            )
    # an update with no command in it: "Quick update: the questionnaire is with our CISO"
    update = read_note(prepared, found[head], paragraph_end, update=True)
    if update is not None:
        return update
    # nothing else said: "Sent.", "Contract signed.", "返送しました" is probably done, asked about
    return read_handed_in(prepared, found[head], until, later)


def _after_an_echo(text: Text, found: list[Sentence], head: int) -> Finding | None:
    """The date asked about, echoed, then a no and the new date ("Alex, se va bene venerdì?
    Purtroppo no. Mettiamo mercoledì 16, per favore."): the new date, if certain."""
    for index in range(head + 1, min(len(found), head + 1 + _LATER_SENTENCES)):
        if not all(_asked_or_refused(text, s) for s in found[head:index]):
            return None
        finding = _read_sentence(text, found[index], *_context(text, found, index))
        if finding is not None:
            certain = finding.certainty is Certainty.CERTAIN
            return finding if certain and finding.intent is Intent.RESCHEDULE else None
    return None


def _asked_or_refused(text: Text, sentence: Sentence) -> bool:
    """The date asked about, echoed ("Alex, vendredi ?": a question with a day in it, not "Do we
    need more time?"), or a plain no to it ("Leider nein.",
    "No, imposible.", "Non, malheureusement, on n'y arrivera pas."): before a new date, its
    context."""
    if _COMMAND_WORDS.search(text.low, sentence.start, sentence.end):
        return False
    if sentence.question:  # "whether" asks: "ob Freitag klappt?", "¿que si llegamos?"
        return bool(_DAY_WORDS.search(text.low, sentence.start, sentence.end))
    said = text.low[sentence.start : sentence.end]
    rest = _NEGATIONS.sub(" ", said)  # Italian "no" is a "but not" too
    return rest != said and not _DOUBTING.search(rest)


def _concluded(text: Text, found: list[Sentence], head: int) -> Finding | None:
    """A story, then a last line saying what it comes to ("We had a rough couple of weeks. ...
    Marta walked the CISO through it yesterday.\nAnyway: done.", "Gestern kam endlich die
    Freigabe.\nAlso: erledigt.", "というわけで、レビューは完了です。"): that line's command,
    if certain."""
    last = next(
        (i for i in range(len(found) - 1, head, -1) if not _signing_off(text, found[i])), None
    )
    if last is None:
        return None
    sentence = found[last]
    opening = _CONCLUDING.match(text.low, sentence.said[0].start)
    # on a line of its own, or with a colon: "... ritardi. Morale: la valutazione è ferma ..."
    if opening is None or not (_own_line(text, sentence) or ":" in opening.group()):
        return None
    told = _from(sentence, opening.end())
    if not told.clauses:
        return None
    finding = _read_sentence(text, told, *_context(text, found, last))
    if finding is None or finding.certainty is not Certainty.CERTAIN:
        return None
    return finding if finding.intent in _ACTIONS else None


def _signing_off(text: Text, sentence: Sentence) -> bool:
    """Only thanks, a sign-off or a name: nothing the reader acts on."""
    return not sentence.said or not residue(
        text, sentence.start, sentence.end, ("sign_offs", "thanks", "greetings")
    )


_CONCLUDING = re.compile(
    rf"\s*(?:{PATTERNS.alternation('concluding')})(?:\s*[:,\u3001\uff1a\u2014-]+)?\s*"
)


def _from(sentence: Sentence, start: int) -> Sentence:
    """The part of a sentence from `start` on, as a sentence of its own."""
    kept = tuple(replace(c, start=max(c.start, start)) for c in sentence.clauses if c.end > start)
    return Sentence(start, sentence.end, kept, sentence.question)


def _after_small_talk(text: Text, found: list[Sentence], head: int) -> Finding | None:
    """Small talk first, then the step named and a plain command ("Hi Alex, hope you had a good
    Thanksgiving! We finally got some snow here. Oh, before I forget, the security review
    wrapped up yesterday", "Com'è andata la fiera a Milano? Spero bene. Sulla revisione ti
    aggiorno: siamo fermi, ..."): what is said of the step, if certain."""
    for index in range(head, min(len(found), head + _SMALL_TALK_SENTENCES + 1)):
        sentence = found[index]
        if names_the_step(text, sentence.start, sentence.end):
            if index == head:
                return None
            finding = _read_sentence(text, sentence, *_context(text, found, index))
            if finding is None or finding.certainty is not Certainty.CERTAIN:
                return None
            return finding if finding.intent in _ACTIONS else None
        if sentence.said and _SMALL_TALK_BREAKERS.search(text.low, sentence.start, sentence.end):
            return None  # (not "Spero bene.": passed over as thanks and greetings are)
    return None


_SMALL_TALK_SENTENCES = 3


def _after_another_topic(text: Text, found: list[Sentence], head: int) -> Finding | None:
    """A paragraph about something else first (the pricing sent, an invitation, a question of
    the day before answered), then a paragraph that opens naming the step with a plain command
    ("Thanks for sending over the revised pricing ...\n\nOn the plan itself: the security
    review is complete."): that command, if certain. No command word may come before it."""
    for index in range(head, min(len(found), head + _LATER_SENTENCES + 1)):
        sentence = found[index]
        opens = index > head and _A_PARAGRAPH_ENDS.search(text.low, 0, sentence.start)
        if opens and names_the_step(text, sentence.start, sentence.end):
            finding = _read_sentence(text, sentence, *_context(text, found, index))
            if finding is None or finding.certainty is not Certainty.CERTAIN:
                return None
            return finding if finding.intent in _ACTIONS else None
        if _COMMAND_WORDS.search(text.low, sentence.start, sentence.end):
            return None
    return None


_A_PARAGRAPH_ENDS = re.compile(r"\n[ \t]*\n[ \t]*\Z")
# a command word: no echoed date; or one that doubts: no plain no
_COMMAND_PARTS = ("done", "weak_done", "handed_in", "blocked", "waiting", "reschedule",
                  "proposes", "reassign", "suggests_owner", "retracts", "misdirected")  # fmt: skip
_DOUBT_PARTS = ("contrast", "partial", "pending", "hedges", "conditions")
_DAY_PARTS = ("weekdays", "months", "relative_days")
_COMMAND_WORDS = PATTERNS.combined(_COMMAND_PARTS)
_DOUBTING = PATTERNS.combined(_DOUBT_PARTS)
_DATE_KEPT = PATTERNS.compiled("date_kept")
_NEGATIONS = PATTERNS.compiled("negations")
_DAY_WORDS = re.compile(rf"\d|{PATTERNS.combined(_DAY_PARTS).pattern}")
# a word of these makes a sentence more than small talk: it may bear on the step
_SMALL_TALK_BREAKERS = PATTERNS.combined((*_COMMAND_PARTS, "negations", *_DOUBT_PARTS, *_DAY_PARTS))


def _progress(text: Text, opening: Sentence, told: Sentence, paragraph_end: int) -> Finding | None:
    """An update (`opening`) that tells progress in `told`, not an end: its note ("Quick update:
    the questionnaire is 70% complete", "進捗共有です。チェックシートは7割ほど記入済み…")."""
    if not _PARTIAL.search(text.low, told.start, told.end):
        return None
    return read_note(text, opening, paragraph_end, update=True)


def _after_a_list(text: Text, found: list[Sentence]) -> Finding | None:
    """A list of where things stand, then what it comes to ("Update:\n- Pentest: done\n-
    Report: attached\n\nSo the security review is complete."): the sentence after the list,
    when it names the step or asks to mark it, says what the reply means."""
    bullets = [i for i, s in enumerate(found) if _BULLET.match(text.low, s.start)]
    if len(bullets) < _LIST:
        return None
    for index in range(bullets[-1] + 1, min(len(found), bullets[-1] + 1 + _LATER_SENTENCES)):
        sentence = found[index]
        if not sentence.said:
            continue
        finding = _read_sentence(text, sentence, *_context(text, found, index))
        named = names_the_step(text, sentence.start, sentence.end) or _MARK.search(
            text.low, sentence.start, sentence.end
        )
        if finding is not None and finding.certainty is Certainty.CERTAIN and named:
            return finding
        return None
    return _the_steps_item(text, found, bullets)


def _the_steps_item(text: Text, found: list[Sentence], bullets: list[int]) -> Finding | None:
    """With nothing after the list, the one item that names the step, or asks for a note, and
    says a command plainly ("- Revisión de seguridad: cerrada, la firmaron ayer.", "- Bitte als
    Notiz zum Security Review aufnehmen: ..."); none if another item commands too."""
    said: list[Finding] = []
    for index in bullets:
        sentence = found[index]
        item = _BULLET.match(text.low, sentence.start)
        start = item.end() if item else sentence.start
        label = _LABEL.match(text.low, start, sentence.end)
        named = names_the_step(text, start, sentence.end)
        if label and names_the_step(text, start, label.end()):
            start = label.end()  # "- valutazione di sicurezza: tenete presente che ..."
        told = _from(sentence, start)
        if not told.clauses:
            continue
        finding = _read_sentence(text, told, *_context(text, found, index))
        if finding is None or finding.intent not in _ACTIONS:
            continue
        if finding.certainty is Certainty.NONE:
            continue
        if finding.intent is not Intent.NOTE and not named:
            if finding.certainty is Certainty.CERTAIN:
                return None  # another item's command: "- Factura: la pagamos la semana que viene"
            continue
        said.append(finding)
    if len(said) == 1 and said[0].certainty is Certainty.CERTAIN:
        return said[0]
    return None


_BULLET = re.compile(r"(?:[-*\u2022\u30fb\u2013\u25cf\u25aa]|\d{1,2}[.)])\s*")  # "- ", "• ", "1)"
_LIST = 2  # lines
_LABEL = re.compile(r"[^:\uff1a\n]{1,40}[:\uff1a]\s*")  # "Revisión de seguridad: "
_MARK = PATTERNS.compiled("mark")


def _news(text: Text, found: list[Sentence]) -> Finding | None:
    """The good news and the bad ("Primero la mala: compras no emite la orden hasta enero. La
    buena: la revisión de seguridad ya está cerrada."): what the one naming the step says, if
    certain."""
    for index, sentence in enumerate(found):
        opening = _NEWS.match(text.low, sentence.start)
        if opening and names_the_step(text, opening.end(), sentence.end):
            finding = _read_sentence(text, sentence, *_context(text, found, index))
            certain = finding is not None and finding.certainty is Certainty.CERTAIN
            return finding if certain else None
    return None


_NEWS = re.compile(
    rf"\W*(?:{PATTERNS.alternation('good_news')}|{PATTERNS.alternation('bad_news')})"
    r"\s*[:,\uff1a\u3001]"
)


def _why_not_done(text: Text, found: list[Sentence], head: int) -> Finding | None:
    """A blocker or a new date said plainly in the sentences after a "not done", or a note."""
    for index in range(head + 1, min(len(found), head + 1 + _LATER_SENTENCES)):
        finding = _read_sentence(
            text, found[index], *_context(text, found, index), tuple(found[index + 1 :])
        )
        if finding is not None and finding.intent in (Intent.BLOCKED, Intent.RESCHEDULE):
            # a state ("on hold", "blocked"), not a wait: "Not done yet, sorry! We're still
            # waiting on the questionnaire" is work in progress
            state = finding.intent is Intent.RESCHEDULE or _STATE.search(
                text.low, found[index].start, found[index].end
            )
            return finding if state and finding.certainty is Certainty.CERTAIN else None
        if finding is not None and finding.intent is Intent.NOTE and _own_line(text, found[index]):
            return finding  # "Not done yet, Friday still holds.\nNote: the review covers ..."
        if finding is not None:
            return None
    return None


def _own_line(text: Text, sentence: Sentence) -> bool:
    """The sentence opens a line ("...\nNote: ..."), not one that goes on ("Not done yet. FYI:
    our year-end closing is on 15-12" tells why, no note)."""
    return not text.low[text.low.rfind("\n", 0, sentence.start) + 1 : sentence.start].strip()


_STATE = PATTERNS.compiled("blocked")
_PARTIAL = PATTERNS.compiled("partial")


def _only_a_reason(text: Text, sentence: Sentence) -> bool:
    """The sentence only gives the reason for a new date ("We need a bit more time", "Wir
    brauchen mehr Zeit", "Our lead is out sick this week, so Friday isn't realistic"): nothing
    in it but its reasons takes back, doubts or asks, so a new date asked for in the next
    sentence is what the reply says first."""
    reasons = [
        m.span()
        for m in _REASONS.finditer(text.low, sentence.start, sentence.end)
        if m.end() > m.start()
    ]
    if not reasons or sentence.question:
        return False
    # the reason's own words may be a cue elsewhere (the French "plus" of "plus de temps"), but
    # a hedge inside it still hedges: "wir brauchen vielleicht mehr Zeit"
    if PATTERNS.compiled("hedges").search(text.low, sentence.start, sentence.end):
        return False
    for part in _TAKES_BACK:
        for found in PATTERNS.compiled(part).finditer(text.low, sentence.start, sentence.end):
            if not any(start <= found.start() and found.end() <= end for start, end in reasons):
                return False
    return True


_REASONS = PATTERNS.combined(("needs_time", "delay_reasons"))
_TAKES_BACK = ("negations", "contrast", "conditions", "question_openers")


_DOUBTS = ("negations", "hedges", "conditions", "contrast", "pending", "partial",
           "question_openers")  # fmt: skip
_NEWS_DOUBTS = {
    # news before "done" may be what was done, unless it is quoted, relayed or another's
    Intent.DONE: (*_DOUBTS, "note", "pointers", "reported", "copies"),
    # a reason before a new date says what cannot be done, and what is still open: "We had
    # the call on Nov 24 but are still waiting on answers", "Con las fiestas no llegamos"
    Intent.RESCHEDULE: ("conditions", "question_openers"),
    # leave before a handover is its reason, future and "not" alike: "Ich bin ab morgen im
    # Urlaub.", "Vou sair de férias amanhã.", "I won't be on this project anymore."
    Intent.REASSIGN: ("conditions", "question_openers", "hedges"),
}


def _only_context(text: Text, before: list[Sentence], doubting: tuple[str, ...] = _DOUBTS) -> bool:
    """The sentences before a handover, a "done" or a new date only tell its context ("I'm
    leaving the project.", "Legal signed it this morning.", "Con el puente vamos con media
    plantilla."): statements with nothing `doubting` (what doubts, takes back, puts off or
    asks), so the certain reading after them is what the reply says first."""
    return all(
        not sentence.question and not any(_doubts(text, sentence, part) for part in doubting)
        for sentence in before
    )


def _doubts(text: Text, sentence: Sentence, part: str) -> bool:
    if part == "question_openers":  # "Won't it ...", not "We won't make Friday."
        return any(opens(text, c.start, c.end, part) for c in sentence.said)
    return bool(
        PATTERNS.of_language(part, text.language).search(text.low, sentence.start, sentence.end)
    )


_NAGGED = PATTERNS.compiled("nagged")


def _nothing_more(text: Text, found: list[Sentence]) -> bool:
    """After a "done" read after news, the sentences that follow name the step no more and
    doubt nothing: "Done. Now the actual review can finally start." is the news's done."""
    after = found[1 : 1 + _LATER_SENTENCES]
    return _only_context(text, after, _NEWS_DOUBTS[Intent.DONE]) and not any(
        names_the_step(text, sentence.start, sentence.end) for sentence in after
    )


def _read_slipped(text: Text, found: list[Sentence]) -> Finding | None:
    """The first sentence read again with a slip in its command word mended ("Erldigt, danke",
    "dnoe"), kept only when that reading is certain: the sentence is a short status."""
    head = next((s for s in found if s.said), found[0] if found else None)
    if head is None:
        return None
    start = head.said[0].start if head.said else head.start  # "Erldigt, danke": no name
    if not PATTERNS.compiled("greetings").search(text.low, head.start, start):
        start = head.start  # "dnoe, sorry for the delay": the word taken for a name is a slip
    if len(text.low[start : head.end].split()) > _STATUS_WORDS:
        return None
    found_slips = slips(text.original, start, head.end, language=text.language)
    if not found_slips:
        return None
    languages = {slip.language for slip in found_slips}
    language = languages.pop() if len(languages) == 1 else text.language
    again = prepare(
        mended(text.original, found_slips), text.today, language, text.copied, text.step_words
    )
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
        finding = capped(finding, Certainty.PROBABLE)
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
    blank = BLANK_LINE.search(text.low, sentence.end)
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
    note = read_note(text, sentence, paragraph_end)
    if note is not None:
        return _done_told_as_a_note(text, sentence, until, later) or note
    asked = read_note_asked(text, sentence, paragraph_end, later)
    if asked is not None:
        return asked
    findings = [
        f
        for f in (
            read_done(text, sentence, until, later),
            read_blocked(text, sentence, until),
            read_reschedule(text, sentence),
            read_reassign(text, sentence),
        )
        if f is not None
    ]
    phrase = (
        read_phrase(text, sentence, "status", Intent.STATUS)
        or read_phrase(text, sentence, "help", Intent.HELP)
        or read_plan_question(text, sentence)
        or read_how_to_answer(text, sentence)
    )
    if findings and (phrase is None or any(f.certainty is not Certainty.NONE for f in findings)):
        # not a question about a command word: "besides 'done'?"
        return _agreed_first(text, _one(findings), (sentence, *later[:_LATER_SENTENCES]))
    return phrase or read_hedged_yes(text, sentence)


def _done_told_as_a_note(
    text: Text, sentence: Sentence, until: int, later: tuple[Sentence, ...]
) -> Finding | None:
    """A note that says the step itself is done ("fyi sec review's finished, our team signed off
    at 8", "Kindly note that the security review has been completed"): its "done", if certain;
    a "done" of another thing ("FYI: the pen test part is done") or an unsure one ("FYI the
    review is being done by our auditor") stays a note."""
    start = note_opening_end(text, sentence)
    if start is None or not names_the_step(text, start, sentence.end):
        return None
    done = read_done(text, _from(sentence, start), until, later)
    return done if done is not None and done.certainty is Certainty.CERTAIN else None


def _agreed_first(text: Text, finding: Finding, sentences: tuple[Sentence, ...]) -> Finding:
    """A new date or owner the writer will set once the other agrees ("Can we move it to
    Friday? Let me know if that works before I change it."): asked about, not made."""
    if finding.intent not in (Intent.RESCHEDULE, Intent.REASSIGN):
        return finding
    waits = PATTERNS.of_language("agreed_first", text.language)
    if any(waits.search(text.low, s.start, s.end) for s in sentences):
        return capped(finding, Certainty.PROBABLE)
    return finding


def _one(findings: list[Finding]) -> Finding:
    """The first intent the sentence names; unsure if it names a second one as surely."""
    findings.sort(key=lambda f: f.start)
    first, others = findings[0], [f for f in findings[1:] if f.intent is not findings[0].intent]
    if first.certainty is Certainty.NONE and not first.doubts:  # "Not done yet - blocked on X"
        later = next((f for f in others if f.certainty is not Certainty.NONE), None)
        if (
            later is not None
            and first.intent in (Intent.BLOCKED, Intent.RESCHEDULE)
            and later.intent is Intent.DONE
            and later.certainty is Certainty.CERTAIN
        ):
            return later  # "Not blocked anymore - ..., so this one's complete"
        return capped(later, Certainty.PROBABLE) if later else first
    if first.certainty is Certainty.CERTAIN and any(
        f.certainty is Certainty.CERTAIN for f in others
    ):
        second = next(f for f in others if f.certainty is Certainty.CERTAIN)
        also = doubts.ALSO_READS.format(intent=second.intent.value)
        return capped(first, Certainty.PROBABLE, also)
    return first
