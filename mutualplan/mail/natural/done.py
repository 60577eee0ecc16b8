"""A "done" in a sentence, and the words that undo it or put it in doubt: a negation ("not
done"), a partial ("almost done"), the future ("once it's done"), a question ("done?"), a hedge
("I think it's done"), words the reader does not know beside it, a "but" after it."""

from __future__ import annotations

import re

from mutualplan.mail.lexicon import PATTERNS
from mutualplan.mail.lexicon.steps import GROUPS
from mutualplan.mail.natural.done_notes import DONE_WORDS, note_with_done, only_hedges, said_before
from mutualplan.mail.natural.findings import Certainty, Finding, as_written, capped
from mutualplan.mail.sentences import (
    Clause,
    Sentence,
    Text,
    asks,
    clause_at,
    cue,
    cue_beside_hedges,
    names_any,
    names_the_step,
    opens,
    request,
    residue,
    search,
)
from mutualplan.models import Intent


def read_done(
    text: Text, sentence: Sentence, paragraph_end: int, later: tuple[Sentence, ...] = ()
) -> Finding | None:
    # "We were blocked, but that got sorted, and the review is complete": a blocker's end is
    # no "done" ("sorted", "geregeld"), what follows it may be
    over = _blocker_ends(text, sentence.start, sentence.end)
    start = over[-1] if over else sentence.start
    match = search(text, "done", start, sentence.end)
    if match is not None and match.group() == "\u2705":  # "✅ Done": the word, if there is one
        match = search(text, "done", match.end(), sentence.end) or match
    weak = match is None
    if weak:
        match = _weak_done(text, sentence, start)
        weak = match is not None
    if match is None:
        match = _step_approved(text, sentence)
    if match is None:
        return None
    before = said_before(text, sentence, match.start())
    note = note_with_done(text, sentence, match.end(), later, before=before)
    found = Finding(
        Intent.DONE, Certainty.CERTAIN, match.start(), as_written(text, sentence), argument=note
    )
    found = _done_certainty(text, sentence, match, found, weak, paragraph_end, later)
    if _then_another_errand(text, sentence, match, later):
        found = capped(found, Certainty.PROBABLE)  # "Fatto! Ho inviato l'ordine d'acquisto ..."
    return found


def _then_another_errand(
    text: Text, sentence: Sentence, match: re.Match[str], later: tuple[Sentence, ...]
) -> bool:
    """A bare "done", then a sentence about an order or an invoice, not the step: "Fatto! Ho
    finalmente inviato l'ordine d'acquisto per le licenze" may be that errand's done."""
    if not later or residue(text, match.end(), sentence.end, DONE_WORDS):
        return False
    told = later[0]
    errand = names_any(text, told.start, told.end, _ERRANDS)
    return errand and not names_the_step(text, told.start, told.end)


# orders and invoices: what a buyer sends that is never a security review's or a contract's
_ERRANDS = frozenset(w for group in GROUPS if {"order", "invoice"} & group for w in group)


def read_handed_in(
    text: Text, sentence: Sentence, paragraph_end: int, later: tuple[Sentence, ...] = ()
) -> Finding | None:
    """A word saying the step's thing went out ("Sent.", "Security questionnaire submitted.",
    "返送しました"), read only when the reply says nothing else: probably done, asked about. Not
    in a sentence of more than a few words ("I sent the contract to legal yesterday, they will
    review it" is news of the step, not its end), nor after thanks ("Thanks for the deck you
    sent" is small talk). The person's words are the note, unless they only say it went out."""
    match = search(text, "handed_in", sentence.start, sentence.end)
    if match is None:
        return None
    thanks = search(text, "thanks", sentence.start, match.start())
    if thanks and residue(text, thanks.end(), match.start(), DONE_WORDS):
        return None  # "Thanks for the deck you sent", not "Thanks, sent"
    left = residue(text, sentence.start, sentence.end, (*DONE_WORDS, "handed_in"))
    unspaced = text.language == "ja"  # counted in characters, not words
    size, most = (len(left), _UNSPACED_LEFT) if unspaced else (len(left.split()), _LEFT)
    if size > most:
        return None
    note = text.original[sentence.start : sentence.end].strip() if left else ""
    found = Finding(
        Intent.DONE, Certainty.PROBABLE, match.start(), as_written(text, sentence), argument=note
    )
    return _done_certainty(text, sentence, match, found, False, paragraph_end, later)


_LEFT = 4  # words besides "sent" and its fillers: "Uploaded the documents to the portal"
_UNSPACED_LEFT = 12  # characters, in a language written without spaces


_APPROVED = PATTERNS.compiled("approved")
_RESOLVED = PATTERNS.compiled("resolved")
_BLOCKER = PATTERNS.combined(("blocked", "waiting"))
_BY_THE_WAY = PATTERNS.compiled("by_the_way")
_ASKED_AFTER = re.compile(r"[^.!?\u3002\uff01\uff1f]*[?\uff1f]")


def _step_approved(text: Text, sentence: Sentence) -> re.Match[str] | None:
    """ "Approved" after the step's name in its clause: "Security review approved", "Revisão de
    segurança aprovada, sem ressalvas", "セキュリティレビュー、承認済みです"."""
    for match in _APPROVED.finditer(text.low, sentence.start, sentence.end):  # "review approvata"
        before = text.low[sentence.start : match.start()]
        if _names_the_step_as_subject(text, before) or _approved_by_the_step(text, match):
            return match
    return None


def _approved_by_the_step(text: Text, match: re.Match[str]) -> bool:
    """ "Approved by security 👍", "aprobada por seguridad", "approvato dalla security": the
    reply opens with the approval, and the step's own words say who approved."""
    by = _BY.match(text.low, match.end())
    if by is None or text.low[: match.start()].strip(" \t\n\u2705"):  # emoji are blank
        return False
    words = re.findall(r"[^\W\d_]+", text.low[by.end() : by.end() + _BY_REACH])
    return bool(words) and words[0] in text.step_words


_BY = re.compile(r"\s+(?:by(?: the)?|por(?: la| el)?|pel[oa]|dall[ao]?|dal|door(?: de| het)?|"
                 r"par(?: la| le| l')?|von(?: der| dem)?|durch(?: die| das)?)\s*")  # fmt: skip
_BY_REACH = 30  # characters: "security", "la sécu", "the infosec team"


def _names_the_step_as_subject(text: Text, before: str) -> bool:
    """The words before "approved" end with the step's name, and only small words stand
    between them ("Security review approved", "La revue de sécurité a été approuvée"), and it is
    not the complement of another noun ("the plan of the security review", "Security review
    plan got approved")."""
    if not before.isascii() and any(not w.isascii() and w in before for w in text.step_words):
        last = max(before.rfind(w) + len(w) for w in text.step_words if w in before)
        return not before[last:].strip(_PARTICLES + " \t\n、。:：-")  # "レビュー、承認済み"
    words = re.findall(r"[^\W\d_]+", before)
    named = [i for i, w in enumerate(words) if w in text.step_words]
    if not named:
        return False
    first, last = named[0], named[-1]
    links = _LINKS.get(text.language, _ALL_LINKS) | _LINKS["en"]  # English words mixed in
    if first > 0 and words[first - 1] in links:
        return False  # "the plan of the security review"
    return all(w in _AUXILIARIES for w in words[last + 1 :])


# a noun before these makes the step its complement: "O plano da revisão de segurança"
_LINKS = {
    "en": frozenset(("of", "for")),
    "de": frozenset(("von", "für", "der")),  # "das" is an article here, not "of the"
    "fr": frozenset(("de", "du", "des", "pour")),
    "es": frozenset(("de", "del", "para")),
    "nl": frozenset(("van", "voor")),
    "pt": frozenset(("de", "da", "do", "das", "dos", "para")),
    "it": frozenset(("di", "della", "dello", "del", "per")),
}
_ALL_LINKS = frozenset().union(*_LINKS.values())
# may stand between the step and "approved": "has now been", "ist jetzt", "a été", "è stata"
_AUXILIARIES = frozenset((
    "is", "was", "got", "has", "have", "been", "now", "just", "fully", "officially", "formally",
    "finally", "ist", "wurde", "wurden", "jetzt", "nun", "offiziell", "endlich", "est", "a",
    "été", "maintenant", "officiellement", "enfin", "fue", "ha", "sido", "está", "queda", "quedó",
    "ya", "foi", "ficou", "já", "è", "stata", "stato", "ora", "finalmente", "werd", "nu",
    "officieel", "inmiddels", "eindelijk", "ufficialmente",
    # who and when, in an object-first sentence: "Das Review haben wir gestern final abgenommen"
    "haben", "wir", "gestern", "heute", "final", "hebben", "we", "gisteren", "vandaag",
))  # fmt: skip


def _weak_done(text: Text, sentence: Sentence, start: int) -> re.Match[str] | None:
    for pattern in PATTERNS.weak.values():
        match = pattern.search(text.low, start, sentence.end)
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
    later: tuple[Sentence, ...],
) -> Finding:
    own = match.span()
    clause = clause_at(sentence, match.start())
    said = _past_a_command_denied(text, sentence.said, clause) or (clause,)
    scope = (said[0].start, clause.end)
    if cue(text, "negations", *scope, besides=own):
        return capped(found, Certainty.NONE)
    if _pending(text, scope, own) or _on_condition(text, sentence, clause):
        return capped(found, Certainty.NONE)
    if _quoted(text, match):
        return capped(found, Certainty.NONE)  # "c'est « terminé »… comme d'habitude 🙃"
    sarcasm = PATTERNS.of_language("sarcasm", text.language)
    # in its sentence, the next, or the words kept as its note: "Sure, done... Irony."
    if sarcasm.search(text.low, sentence.start, paragraph_end) or sarcasm.search(
        found.argument.lower()
    ):
        found = capped(found, Certainty.PROBABLE)  # "Oh sure, it's totally done. Just like ..."
    if PATTERNS.of_language("retracts", text.language).search(text.low, match.end()):
        return capped(found, Certainty.NONE)  # "完了！…ごめん、間違えた。まだ終わってない。"
    if PATTERNS.of_language("stop_mail", text.language).search(text.low):
        found = capped(found, Certainty.PROBABLE)  # "I'm done. Stop sending me reminders."
    if cue_beside_hedges(text, "partial", sentence.start, sentence.end, besides=own):
        return capped(found, Certainty.NONE)
    if asks(text, sentence, said[0]) or asks(text, sentence, clause):
        if sentence.question and cue(text, "question_words", *scope, besides=own):
            return capped(found, Certainty.NONE)
        if not (request(text, sentence) and cue(text, "mark", *scope, besides=own)):
            hedged = cue(text, "hedges", *scope, besides=own)
            return capped(found, Certainty.PROBABLE if hedged else Certainty.NONE)
    elif sentence.question:  # "Done, right?": a question after it
        last = sentence.clauses[-1]
        if not opens(text, last.start, last.end, "question_words"):
            found = capped(found, Certainty.PROBABLE)
    if cue(text, "hedges", *scope, besides=own):
        found = capped(found, Certainty.PROBABLE)
    # "Please complete this" asks someone else; "You can tick this one off", "Pode dar como
    # encerrado" open with the words of a request, and say it is done
    idiom = own[0] <= said[0].start
    if request(text, sentence) and not idiom and not cue(text, "mark", *scope, besides=own):
        found = capped(found, Certainty.PROBABLE)
    said_end = _what_was_done(text, match, clause)  # "done sent the report": the note
    # "We were blocked on VPN access but that got sorted, and the review is now complete": the
    # clauses before one that says a blocker is over are what happened before, not the done's
    over = (
        _blocker_ends(text, said[0].start, match.start())
        or _led_to(text, said[0].start, match)
        or _after_it_took_long(text, said[0].start, match)
    )
    left = residue(text, over[-1] if over else scope[0], said_end, DONE_WORDS).split()
    if (
        left
        and not (over and all(w in text.step_words for w in left))
        and not _the_step_and_who(text, sentence, clause)
    ):
        found = capped(found, Certainty.PROBABLE)
    if match.group() == "\u2705" or (weak and not _weak_in(text.language, match.group())):
        found = capped(found, Certainty.PROBABLE)
    if _taken_back(text, clause.end, paragraph_end):
        found = capped(found, Certainty.PROBABLE)
    if _hedged_after(text, sentence, clause, paragraph_end, later):
        found = capped(found, Certainty.PROBABLE)  # "Done, I think", "Erledigt, glaube ich"
    return found


def _past_a_command_denied(
    text: Text, said: tuple[Clause, ...], clause: Clause
) -> tuple[Clause, ...]:
    """The clauses from the one after a first that denies another command ("Not blocked
    anymore - ..., so this one's complete", "Nicht mehr blockiert: ...", "Pas besoin de décaler
    quoi que ce soit : tout est terminé"): its "not" is the blocker's, not the done's."""
    if len(said) < 2 or said[0] is clause or clause not in said:
        return said
    first = said[0]
    negation = PATTERNS.compiled("negations").search(text.low, first.start, first.end)
    if negation is None:
        return said
    if not _DENIED.search(text.low, first.start, first.end) and residue(
        text, first.start, first.end, ("negations",)
    ):
        return said  # (a plain "Para nada:", "Not at all:" after a question denies it too)
    return said[1:]


_DENIED = PATTERNS.combined(("blocked", "reschedule", "proposes"))


def _blocker_ends(text: Text, start: int, end: int) -> list[int]:
    """Where words saying a blocker is over end ("blocked on VPN access, but that got sorted"):
    only after a blocker is told, as "All sorted now" says the step is done."""
    blocker = _BLOCKER.search(text.low, start, end)
    if blocker is None:
        return []
    return [m.end() for m in _RESOLVED.finditer(text.low, blocker.end(), end)]


def _led_to(text: Text, start: int, match: re.Match[str]) -> list[int]:
    """Where what happened ends, when it leads to "done" ("Legal signed it this morning, so:
    done", "Les réserves ont été levées, donc c'est fait"), and nothing in it doubts, takes back
    or asks: the words before are the news, not the done's."""
    # the last before "done" that follows a comma: "ist unterschrieben, also erledigt", "...
    # this morning, so this one's complete" (not "this one's": no comma before it)
    leads = sorted(_LEADS_TO_DONE.finditer(text.low, start, match.start()), key=_end)
    for lead in reversed(leads):
        if residue(text, lead.end(), match.start(), (*DONE_WORDS, "leads_to")):
            return []  # "..., so you can mark it complete": only words of done between
        before = text.low[start : lead.start()].rstrip()
        if not before:
            return []
        if before[-1] not in ",;:\u3001" and not _UNSPACED_LEAD.fullmatch(lead.group()):
            continue  # "so" after a comma, or Japanese "ので": not the "is" of "the audit is done"
        doubts = (
            PATTERNS.compiled(part).search(text.low, start, lead.start()) for part in _NEWS_DOUBT
        )
        return [] if any(doubts) else [lead.end()]
    return []


_LEADS_TO_DONE = PATTERNS.compiled("leads_to")


def _after_it_took_long(text: Text, start: int, match: re.Match[str]) -> list[int]:
    """Where words saying the step took long or was hard end, with their "but" ("Honestly it
    took forever and two rounds with the CISO, but it's finally done", "Ça a pris une éternité,
    mais c'est enfin terminé"), and nothing before them doubts: they tell what happened."""
    took = PATTERNS.of_language("took_long", text.language).search(text.low, start, match.start())
    if took is None:
        return []
    if any(PATTERNS.compiled(part).search(text.low, start, took.start()) for part in _NEWS_DOUBT):
        return []
    return [took.end()]


def _end(found: re.Match[str]) -> int:
    return found.end()


_UNSPACED_LEAD = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]+")  # "ので", "から": joined to the news
_NEWS_DOUBT = ("negations", "hedges", "conditions", "contrast", "pending", "partial", "waiting")


def _quoted(text: Text, match: re.Match[str]) -> bool:
    """The word is in quotation marks: named, not said ("Sure, it's "done"", "c'est « terminé
    »", "「完了」"), as sarcasm and reported words are."""
    before = text.original[max(0, match.start() - 3) : match.start()].rstrip()
    after = text.original[match.end() : match.end() + 3].lstrip()
    return (
        bool(before)
        and bool(after)
        and before[-1] in _OPENING_QUOTES
        and after[0] in _CLOSING_QUOTES
    )


# quotation marks, by code point (some look like commas and accents)
_OPENING_QUOTES = "\"'\u00ab\u201c\u201e\u2018\u201a\u300c\u300e\u2039"
_CLOSING_QUOTES = "\"'\u00bb\u201d\u201c\u2019\u2018\u300d\u300f\u203a"


def _on_condition(text: Text, sentence: Sentence, clause: Clause) -> bool:
    """The clause after "done" makes it a condition: "Ist fertig, sobald die Rechtsabteilung
    unterschrieben hat", "Done once legal signs", "Klaar zodra legal tekent"."""
    after = [c for c in sentence.clauses if c.start >= clause.end]
    at = after[0].start if after else clause.end
    ahead = _CLAUSE_OPENING.match(text.low, at, sentence.end)
    opening = ahead.end() if ahead else at
    if PATTERNS.compiled("hedges").match(text.low, opening, sentence.end):
        return False  # "Klaar, als het goed is": a hedge, asked about
    conditions = PATTERNS.of_language("conditions", text.language)
    return conditions.match(text.low, opening, sentence.end) is not None


_CLAUSE_OPENING = re.compile(r"[\s,;:\u2013\u2014-]*")


def _what_was_done(text: Text, match: re.Match[str], clause: Clause) -> int:
    """Where the words that say "done" end: before a past tense right after it ("done sent
    the report to legal", typed with no stop), else at the end of its clause."""
    past = _PAST_AFTER.get(text.language, _PAST_AFTER[""])  # "met": English's, Dutch "with"
    after = past.match(text.low, match.end(), clause.end)
    return after.start(1) if after else clause.end


def _the_step_and_who(text: Text, sentence: Sentence, clause: Clause) -> bool:
    """The words the reader does not know in the clause with "done" are the step's title, and
    at most the one who did it, opening the clause with a capital: "Maria finished the security
    review yesterday", "Das Review ist done", "Jane is away, so I'm replying for her: the
    security review is complete" (a title's words name the step, not a part of it; the clauses
    before say who writes, their negations, hedges and conditions still count)."""
    scope = (clause.start, clause.end)
    words = residue(text, *scope, DONE_WORDS).split()
    if words and all(_made_of_step_words(text, w) for w in words):
        return True  # "セキュリティレビューは完了です"
    if not any(w in text.step_words for w in words):
        return _a_label(text, sentence, clause) and not words
    return _named_with_who(text, scope, words) or _both(text, scope, words)


def _both(text: Text, scope: tuple[int, int], words: list[str]) -> bool:
    """The step and another thing, both done: "Security review and pen test are both done"
    (the other's words before "both", nothing after it but "done")."""
    both = _BOTH.search(text.low, *scope)
    if both is None:
        return False
    after = residue(text, both.end(), scope[1], DONE_WORDS)
    others = residue(text, scope[0], both.start(), ("both", *DONE_WORDS)).split()
    return not after and any(w in text.step_words for w in others)


def _a_label(text: Text, sentence: Sentence, clause: Clause) -> bool:
    """The clause before is the step's title and nothing else: "Security review: done"."""
    before = [c for c in sentence.clauses if c.end <= clause.start]
    if not before or not text.step_words:
        return False
    words = residue(text, before[-1].start, before[-1].end, DONE_WORDS).split()
    return bool(words) and all(w in text.step_words or _made_of_step_words(text, w) for w in words)


def _made_of_step_words(text: Text, word: str) -> bool:
    """An unspaced word written of the title's words and particles ("セキュリティレビューは"), or
    a compound of them ("securityreview", "security-review")."""
    if word.isascii():
        left = word
        for step_word in sorted(text.step_words, key=len, reverse=True):
            left = left.replace(step_word, " ") if step_word.isascii() else left
        return left != word and not left.strip(" -")
    for step_word in sorted(text.step_words, key=len, reverse=True):
        if not step_word.isascii():
            word = word.replace(step_word, "")
    return not word.strip(_PARTICLES)


_PARTICLES = "はのがもを、"


def _named_with_who(text: Text, scope: tuple[int, int], words: list[str]) -> bool:
    """Besides the title's words, at most the one who did it, opening the clause."""
    # ("the review of security": the small words of a title in another language)
    rest = [w for w in words if w not in text.step_words and len(w) >= _TITLE_WORD]
    if not rest:
        return True
    first = _FIRST_WORD.match(text.original, *scope)
    who = first is not None and first.group(1)[0].isupper()
    return who and rest == [first.group(1).lower()]  # type: ignore[union-attr]


_TITLE_WORD = 4  # letters: shorter words beside a title's are its small words ("de", "di")
_BOTH = PATTERNS.compiled("both")
_PAST_AFTER = {
    code: re.compile(rf"\s+({PATTERNS.alternation('past_tense', chosen)})\s")
    for code, chosen in [("", None), *((x.code, (x,)) for x in PATTERNS.lexicons)]
}
_FIRST_WORD = re.compile(r"\W*([^\W\d_]+)")


def _pending(text: Text, scope: tuple[int, int], own: tuple[int, int]) -> bool:
    """The future or a condition beside "done" ("will be done", "once it's done"), not a word of
    a hedge ("zou klaar moeten zijn") nor inside a filler of another language's ("ieri sera",
    last night, is no French "sera")."""
    around = [
        m.span()
        for part in ("fillers", "hedges")
        for m in PATTERNS.compiled(part).finditer(text.low, *scope)
    ]
    for match in PATTERNS.of_language("pending", text.language).finditer(text.low, *scope):
        mine = match.end() > own[0] and match.start() < own[1]
        inside = any(s <= match.start() and match.end() <= e for s, e in around)
        if not mine and not inside:
            return True
    return False


def _hedged_after(
    text: Text, sentence: Sentence, clause: Clause, until: int, later: tuple[Sentence, ...]
) -> bool:
    """After the clause with "done", a clause that only hedges it ("Done, I think", "Klaar,
    als het goed is"), in its sentence or as the next one ("Done. Pretty sure.")."""
    after = [c for c in sentence.clauses if c.start >= clause.end]
    if later and later[0].end <= until:
        after += later[0].clauses
    return any(only_hedges(text, c.start, c.end) for c in after)


def _weak_in(language: str, word: str) -> bool:
    pattern = PATTERNS.weak.get(language)
    return pattern is not None and pattern.fullmatch(word) is not None


def _taken_back(text: Text, start: int, end: int) -> bool:
    """After "done", words that may take it back: "but", "not", "almost", "still" (not after
    "by the way": "Done. Btw, are we still on for Thursday?", nor in a sentence that says what
    is still open does not hold the step up)."""
    other = _BY_THE_WAY.search(text.low, start, end)
    if other and _ASKED_AFTER.match(text.low, other.end(), end):
        end = other.start()  # asks about another thing: "Btw, is the demo still on?"
    parts = ("contrast", "negations", "partial")
    for sentence in _SENTENCE_STOP.finditer(text.low, start, end):
        at, stop = sentence.span()
        if PATTERNS.compiled("not_blocking").search(text.low, at, stop):
            continue  # "One minor finding is still open, but it's not blocking": a caveat
        sorry = [m.span() for m in _APOLOGIES.finditer(text.low, at, stop)]
        for part in parts:
            for cue_found in PATTERNS.compiled(part).finditer(text.low, at, stop):
                # not the "ません" of "すみません", nor the "non" of "non-stop"
                if any(a <= cue_found.start() < b for a, b in sorry):
                    continue
                if text.low[cue_found.end() : cue_found.end() + 1] == "-":
                    continue
                return True
    return False


_APOLOGIES = PATTERNS.compiled("apologies")
_SENTENCE_STOP = re.compile(r"[^.!?\u3002\uff01\uff1f]+[.!?\u3002\uff01\uff1f]*")
