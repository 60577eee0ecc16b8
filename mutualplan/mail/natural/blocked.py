"""A step said to be blocked ("blocked by the security questionnaire", "waiting on legal"), and
its reason."""

from __future__ import annotations

import re

from mutualplan.mail.lexicon import PATTERNS
from mutualplan.mail.lexicon.steps import GROUPS
from mutualplan.mail.natural.findings import Certainty, Finding, as_written, capped
from mutualplan.mail.natural.whose_date import another_topic, names_another, own_articles
from mutualplan.mail.sentences import (
    LEADING,
    Clause,
    Sentence,
    Text,
    asks,
    clause_at,
    cue,
    names_the_step,
    only_an_apology,
    residue,
    search,
)
from mutualplan.models import Intent

_FOLLOWERS = PATTERNS.combined(("reasons", "fillers", "articles", "waiting", "conditions"))


def read_blocked(text: Text, sentence: Sentence, paragraph_end: int) -> Finding | None:
    state = search(text, "blocked", sentence.start, sentence.end)
    waiting = search(text, "waiting", sentence.start, sentence.end)
    match = min((m for m in (state, waiting) if m), key=lambda m: m.start(), default=None)
    if match is None:
        return None
    for own_wait in PATTERNS.compiled("own_wait").finditer(text.low, sentence.start, sentence.end):
        if own_wait.start() <= match.start() < own_wait.end():
            return None  # "on hold with the helpdesk", "Wir warten auf den Zug": their own wait
    clause = clause_at(sentence, match.start())
    if match is waiting and _waits_for_its_own_end(text, sentence, match, clause):
        return None  # "still waiting for the security review to be approved by the CISO"
    if (
        _moves_held_back(text, sentence)
        or (match is state and _object_after(text, match, clause))
        or another_topic(text, clause.start, match.start(), kinds=False)
    ):
        return None  # "Ne décalez pas encore, j'attends Raj"; "we paused the pilot in Spain"
    reason = (
        _state_reason(text, sentence, match, paragraph_end)
        if match is state
        else text.cut(clause.start, sentence.end)
    )
    found = Finding(
        Intent.BLOCKED,
        Certainty.CERTAIN,
        match.start(),
        as_written(text, sentence),
        argument=reason,
    )
    own, before = match.span(), (clause.start, match.start())
    if PATTERNS.of_language("answer_later", text.language).search(
        text.low, sentence.start, sentence.end
    ):
        return capped(found, Certainty.NONE)  # "Estoy atascada en el tráfico, te contesto luego"
    if PATTERNS.compiled("not_blocking").search(
        text.low, sentence.end, min(paragraph_end, sentence.end + _NEXT_SENTENCE)
    ):  # "Procurement is stuck on legal. That doesn't affect the review, which is on track."
        return None
    if _resolved_after(text, sentence, clause, match.end()) or (
        match is state and _RESOLVED.match(text.low, _particle_end(text, match.end()))
    ):  # "ブロックは解消しました", "the block is resolved"
        # "We were blocked last week, but it's sorted now": no blocker, nor a "not" to what else
        # the reply says ("..., and the review is now complete")
        return None
    if (
        cue(text, "negations", *before, besides=own)
        or (match is state and _not_after(text, match.end()))
        or asks(text, sentence, clause)
        or (match is state and sentence.question and _alone(text, clause, match))
    ):
        hedged = cue(text, "hedges", clause.start, clause.end, besides=own)
        return capped(found, Certainty.PROBABLE if hedged and sentence.question else Certainty.NONE)
    if any(cue(text, part, clause.start, clause.end, besides=own) for part in ("hedges",)):
        found = capped(found, Certainty.PROBABLE)
    # the condition may stand in a clause of its own before: "Falls der Lieferant ... nicht
    # schickt, hängen wir fest", "アクセス権をいただけない場合は、作業が止まってしまいます"
    opening = (sentence.said or (clause,))[0].start
    conditional = PATTERNS.of_language("conditions", text.language).search(
        text.low, min(opening, clause.start), match.start()
    )
    if conditional or cue(text, "pending", *before, besides=own):
        found = capped(found, Certainty.PROBABLE)
    if _unknown_before(text, _after_apology(text, sentence, clause), match.start()):
        found = capped(found, Certainty.PROBABLE)  # "the blocked account", "I read stuck"
    if match is state and not _reason_follows(text, match.end(), sentence.end):
        found = capped(found, Certainty.PROBABLE)  # "stuck in traffic", "on hold music"
    return found


# characters after the blocked sentence where a "does not affect" is about what it said
_NEXT_SENTENCE = 160


def _particle_end(text: Text, at: int) -> int:
    """Past the words that join a state to what is said of it: "は", "is", "ist", "est"."""
    joined = _JOINS.match(text.low, at)
    return joined.end() if joined else at


_RESOLVED = PATTERNS.compiled("resolved")
_JOINS = re.compile(r"\s*(?:は|が|も|is (?:now )?|ist (?:jetzt )?|est |está |is nu |è |é )?\s*")


def _alone(text: Text, clause: Clause, match: re.Match[str]) -> bool:
    """The state is its clause's only word, in a question: echoed back ("Bloqué, le
    questionnaire ? Pas du tout"), not said."""
    return not residue(text, clause.start, match.start(), ("fillers",)) and not residue(
        text, match.end(), clause.end, ("fillers",)
    )


def _not_after(text: Text, at: int) -> bool:
    """The words right after the state say it is not ("Blockiert sind wir nicht")."""
    start = at + len(text.low[at:]) - len(text.low[at:].lstrip(" "))
    return PATTERNS.of_language("not_after", text.language).match(text.low, start) is not None


def _waits_for_its_own_end(
    text: Text, sentence: Sentence, match: re.Match[str], clause: Clause
) -> bool:
    """What the step waits for is its own approval or end, not a blocker: "We're still waiting
    for the security review to be approved", "aguardando a aprovação da revisão de segurança",
    "ほぼ終わってます、あとRajの承認待ちです" (almost done: the last sign-off)."""
    if cue(text, "partial", sentence.start, match.start(), besides=match.span()):
        return True
    ends = _APPROVAL.search(text.low, match.end(), clause.end) or PATTERNS.compiled("done").search(
        text.low, match.end(), clause.end
    )
    return ends is not None and names_the_step(text, match.end(), clause.end)


# the verb in each language, in any form: "apruebe", "approuve", "genehmigt", "goedkeurt"
_APPROVING = r"\b(?:approv|aprue?b|aprov|approuv|genehmig|freigeb|goedkeur|valid)\w*"
_APPROVAL = re.compile(
    "|".join(
        [PATTERNS.alternation("approved"), _APPROVING]
        + [re.escape(w) for group in GROUPS if "approval" in group for w in sorted(group)]
    )
)


def _resolved_after(text: Text, sentence: Sentence, clause: Clause, at: int) -> bool:
    """What follows the blocked clause, or a "but" in it, says the blocker is over ("..., but
    that's sorted now", "..., mais c'est réglé"), not what it waits for ("blocked until the DPA
    is sorted out")."""
    regions = [(c.start, c.end) for c in sentence.clauses if c.start >= clause.end]
    but = PATTERNS.of_language("contrast", text.language).search(text.low, at, clause.end)
    if but is not None:
        regions.insert(0, (but.end(), clause.end))
    resolved = PATTERNS.of_language("resolved", text.language)
    for start, end in regions:
        found = resolved.search(text.low, start, end)
        if found and not any(
            PATTERNS.of_language(part, text.language).search(text.low, start, found.start())
            for part in _NOT_OVER
        ):
            return True
    return False


# before the word, these make it what the blocker waits for: "until", "once", "not yet", "should"
_NOT_OVER = ("pending", "conditions", "negations", "hedges", "reasons", "waiting")


def _moves_held_back(text: Text, sentence: Sentence) -> bool:
    """The sentence says not to move the date yet ("Ne décalez pas encore, j'attends le retour de
    Raj", "Nog niet verschuiven, ik wacht op Raj"): what it waits for is the decision's."""
    for move in PATTERNS.compiled("reschedule").finditer(text.low, sentence.start, sentence.end):
        clause = clause_at(sentence, move.start())
        if cue(text, "negations", clause.start, clause.end, besides=move.span()) and _YET.search(
            text.low, clause.start, clause.end
        ):
            return True
    return False


# "not yet", in each language: "Don't move it yet", "Nog niet verschuiven", "まだ変更しないで"
_YET = re.compile(r"\b(?:yet|noch|encore|todav[ií]a|a[uú]n|nog|ainda|ancora)\b|まだ")


def _object_after(text: Text, match: re.Match[str], clause: Clause) -> bool:
    """The word is a verb with an object right after it that is not the step: "we paused the
    pilot", "nous avons suspendu l'autre fournisseur", "abbiamo sospeso il progetto pilota"."""
    last = match.group().split()[-1]
    if PATTERNS.of_language("reasons", text.language).fullmatch(last):
        return False  # "hängen an der Freigabe": the word ends with what opens its reason
    after = text.low[match.end() : clause.end]
    gap = len(after) - len(after.lstrip(" "))
    at = match.end() + gap
    return (
        bool(gap)
        and names_another(text, at, min(clause.end, at + _OBJECT_REACH))
        and own_articles(text.language).match(text.low, at) is not None
    )


_OBJECT_REACH = 40  # characters: an article and its noun


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


def _after_apology(text: Text, sentence: Sentence, clause: Clause) -> int:
    """Where the clause's own words start: after its "but" when only an apology stands before
    it ("Really sorry, but we're stuck", "Es tut mir leid, aber wir hängen fest")."""
    but = _CONTRAST.match(text.low, clause.start, clause.end)
    if but is None or not only_an_apology(text, sentence.start, clause.start):
        return clause.start
    return but.end()


_CONTRAST = re.compile(rf"\W*(?:{PATTERNS.alternation('contrast')})")


def _unknown_before(text: Text, start: int, at: int) -> bool:
    """Words the reader does not know before a state ("the blocked account"): in a language
    written with spaces, where words can be told apart."""
    if not re.search(r"[a-z\u00c0-\u024f]", text.low[at : at + 1]):
        return False
    unknown = residue(text, start, at, ("fillers", "acknowledgements", "thanks", "yes"))
    # "The security review is stuck": the step's own name is no unknown word
    unknown = " ".join(w for w in unknown.split() if w not in text.step_words)
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
