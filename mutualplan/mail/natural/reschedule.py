"""A new date asked for ("move it to the 18th", "can we do Wed the 9th"), read, or named back
when it cannot be read."""

from __future__ import annotations

import re
from dataclasses import replace

from mutualplan import doubts
from mutualplan.mail.amounts import AmountReading, find_amount
from mutualplan.mail.dates import DateReading, find_dates, spoken
from mutualplan.mail.lexicon import PATTERNS
from mutualplan.mail.natural.asking import asked_certainty
from mutualplan.mail.natural.findings import Certainty, Finding, as_written, capped
from mutualplan.mail.natural.whose_date import date_certainty, word_clause, words_dates
from mutualplan.mail.sentences import (
    ASCII_TWINS,
    LEADING,
    Sentence,
    Text,
    cue,
    opens,
    request,
    search,
)
from mutualplan.models import Intent

# what may stand between a proposal and its date: "make it the 18th", "lo pasamos al lunes"
_BEFORE_PROPOSED = re.compile(
    r"[\s,:]*(?:(?:it|this|that|das|es|le|la|lo|dit|het|isso) )?(?:(?:to|until|till|for|on|by"
    r"|auf|zum|am|bis|à|au|pour|a|al|el|para|hasta|naar|op|tot|até|per|il|dia|o) )?(?:the )?"
)
_COLON = re.compile(r"\s*(?::|-+|\u2013|\u2014)\s*")  # "延期：未定", "postpone - tbd"
# "to" after "move": left out of the words named back ("I could not read «whenever suits»")
_TO = re.compile(
    r"\s*(?:(?:it|this|that|das|es|le|la|lo|dit|het|isso|lo) )?(?:to|until|till|for|auf|zum|bis"
    r"|à|au|pour|a|al|para|hasta|naar|tot|até|per|fino al?)\s+"
)


def read_reschedule(text: Text, sentence: Sentence) -> Finding | None:
    match = search(text, "reschedule", sentence.start, sentence.end)
    proposal = search(text, "proposes", sentence.start, sentence.end)
    offered = search(text, "proposed_after", sentence.start, sentence.end)
    if match is None and proposal is None and offered is None:
        return _more_time(text, sentence)
    dates = [
        _shifted(r, sentence.start)
        for r in find_dates(
            text.original[sentence.start : sentence.end].translate(ASCII_TWINS),
            text.today,
            language=text.language,
        )
    ]
    amount = find_amount(text.low, sentence.start, sentence.end)
    if amount is not None:  # "3日間": a span of days, not the 3rd inside it
        dates = [r for r in dates if not _inside(r, amount)]
    # a date offered, to be agreed: "How about the 11th (instead)?", "11日はいかがでしょうか"
    offer = _offer(text, sentence, proposal, offered, dates)
    if offer is not None and (match is None or offer.start() < match.start()):
        match = offer
    elif match is None:  # "can we do Wed the 9th": a new date only with the date right after it
        if proposal is None or not _date_follows(text, proposal, dates):
            return None
        match = proposal
    clause = word_clause(text, sentence, match)
    found = Finding(Intent.RESCHEDULE, Certainty.CERTAIN, match.start(), as_written(text, sentence))
    whose = date_certainty(text, sentence, match, dates)
    if whose is Certainty.NONE:  # "we are moving offices on the 18th": news, no command in it
        return None
    amount = None if dates else amount
    if amount is not None:  # "push this back a week": the plan knows the date it gives
        dated: Finding | None = replace(found, shift=amount.shift)
    else:
        dated = _with_date(text, sentence, match, found, words_dates(text, sentence, match, dates))
    if dated is None:
        return None
    if amount is not None and (
        amount.more or amount.vague or not _asks_for_it(text, sentence, match, amount)
    ):
        # "we need one more week": a need; "legal pushed their review back a week": news
        dated = capped(dated, Certainty.PROBABLE)
    dated = capped(dated, whose)  # "we need to move this, legal is back tomorrow": legal's date?
    if search(text, "date_kept", sentence.start, sentence.end) is not None:
        return capped(dated, Certainty.NONE)  # "Kim suggested the 11th, but let's keep the 4th"
    # the event may stand inside a proposal's words: "passar a reunião para quinta"
    anywhere = (match.start(), match.start())
    if cue(text, "events", clause.start, clause.end, besides=anywhere):
        return capped(dated, Certainty.NONE)  # "move the call to Friday": the call's date
    if cue(text, "events", sentence.start, sentence.end, besides=anywhere):
        dated = capped(dated, Certainty.PROBABLE)  # "Thursday instead, the call is off": whose?
    after = next((r.start for r in dates if r.start >= match.end()), None)
    if match is offer:  # asked about, never applied: "How about the 11th?" wants an answer
        if cue(text, "negations", clause.start, clause.end, besides=match.span()):
            return None
        return capped(dated, Certainty.PROBABLE)
    return asked_certainty(text, sentence, clause, match, dated, answer_at=after)


def _asks_for_it(
    text: Text, sentence: Sentence, match: re.Match[str], amount: AmountReading
) -> bool:
    """The sentence asks for the move ("Can we push this back a week?", "Bitte um eine Woche
    verschieben"), or opens with it, the amount a few words on ("push by 2 weeks please", not
    "push notifications are delayed by 2 days"): an amount has no date that tells news from a
    request (a date in the past is refused; "pushed back a week" is not)."""
    said = sentence.said
    opening = bool(said) and match.start() - said[0].start <= 1
    near = len(text.low[match.end() : amount.start].split()) <= _IMPERATIVE_WORDS
    return (opening and near) or request(text, sentence)


_DE_PLUS = re.compile(r"\s*de plus\b")
_IMPERATIVE_WORDS = 3  # between the word that moves and its amount: "postpone it by"


def _more_time(text: Text, sentence: Sentence) -> Finding | None:
    """More time by an amount, without a word that moves: needed ("we need one more week",
    "wir brauchen noch zwei Tage"), asked for ("Could we get one more week?", "¿Nos das una
    semana más?") or named ("einen Monat später?"): probably a new date that much later, asked
    about first."""
    needs = search(text, "needs_time", sentence.start, sentence.end) or search(
        text, "needs", sentence.start, sentence.end
    )
    amount = find_amount(text.low, sentence.start, sentence.end)
    if amount is None or amount.shift.count < 0:
        return None
    asked = _asks_for_time if needs is None else _needed
    if not asked(text, sentence, amount):
        return None
    at = needs.start() if needs is not None else amount.start
    found = Finding(
        Intent.RESCHEDULE, Certainty.PROBABLE, at, as_written(text, sentence), shift=amount.shift
    )
    return capped(found, Certainty.PROBABLE)


def _needed(text: Text, sentence: Sentence, amount: AmountReading) -> bool:
    """The time is needed: not "do you need one more week?", not "we don't need one more week"
    (the "plus" of "une semaine de plus" is no "ne ... plus")."""
    if sentence.question and not request(text, sentence):
        return False
    plus = _DE_PLUS.match(text.low, amount.end, sentence.end)
    own = (amount.start, plus.end() if plus else amount.end)
    return not cue(text, "negations", sentence.start, sentence.end, besides=own)


def _asks_for_time(text: Text, sentence: Sentence, amount: AmountReading) -> bool:
    """More time asked for with an amount: a request for more ("Can we have another week?",
    "Können wir noch eine Woche bekommen?", "Another week, please?"), or the amount that much
    later ("Einen Monat später?", "een maand later"). Not news ("Legal got another week"), nor a
    question about it ("Did legal get another week?"), nor an event's ("the call a week later")."""
    if search(text, "events", sentence.start, sentence.end):
        return False
    rest = text.low[sentence.start : amount.start] + " " + text.low[amount.end : sentence.end]
    alone = len(_WORD.findall(PATTERNS.combined(_BESIDE_AMOUNT).sub(" ", rest))) <= 1
    if amount.later:
        return alone or request(text, sentence)
    if not amount.more:
        return False
    if alone:
        return sentence.question or request(text, sentence)
    given = search(text, "given", sentence.start, sentence.end)
    return given is not None and request(text, sentence)


# what may stand beside an amount asked for alone: "Another week, please?", "Noch zwei Tage?"
_BESIDE_AMOUNT = ("requests", "thanks", "more", "later", "possible")
_WORD = re.compile(r"[\w']+")  # "c'est": one word


def _offer(
    text: Text,
    sentence: Sentence,
    proposal: re.Match[str] | None,
    offered: re.Match[str] | None,
    dates: list[DateReading],
) -> re.Match[str] | None:
    """The words that offer a date, the date next to them: a question ("How about the 11th?",
    "Wie wäre es mit Freitag?", "¿Qué tal el 11?", "11日はいかがでしょうか？"; not a request such
    as "Can we do the 11th?", which asks for the move) or a preference ("the 18th works better
    for us")."""
    if offered is not None and _date_before(text, offered, dates):
        return offered
    if (
        proposal is not None
        and sentence.question
        and not request(text, sentence)
        and opens(text, proposal.start(), proposal.end(), "question_openers")
        and _date_follows(text, proposal, dates)
    ):
        return proposal
    return None


def _date_before(text: Text, offer: re.Match[str], dates: list[DateReading]) -> bool:
    """The date right before the words that offer it: "11日はいかがでしょうか", "the 18th works
    better for us", not "the call on the 18th works better"."""
    before = next((r for r in reversed(dates) if r.end <= offer.start()), None)
    return before is not None and not text.low[before.end : offer.start()].strip(" ,")


def _date_follows(text: Text, proposal: re.Match[str], dates: list[DateReading]) -> bool:
    """The date is what is proposed: "let's do Friday", not "let's do the call on Friday"."""
    after = next((r for r in dates if r.end > proposal.end()), None)
    if after is None:
        return False
    between = text.low[proposal.end() : max(after.start, proposal.end())]
    return _BEFORE_PROPOSED.fullmatch(between) is not None


def _inside(reading: DateReading, amount: AmountReading) -> bool:
    """The date is part of the amount, and shorter: "3日" in "3日間"."""
    within = amount.start <= reading.start and reading.end <= amount.end
    return within and reading.end - reading.start < amount.end - amount.start


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
            return capped(found, Certainty.NONE, cannot)
        return None
    days = {r.when for r in dates if r.when and not r.doubt}
    doubtful = [r for r in dates if r.doubt or r.vague]
    if len(days) == 1 and not doubtful:
        day = next(iter(days))
        return replace(found, argument=day.isoformat(), when=day)
    if any("past" in r.doubt for r in dates) and not days:
        return capped(found, Certainty.NONE, next(r.doubt for r in dates if r.doubt))
    options = sorted({d for r in dates for d in (r.options or ((r.when,) if r.when else ()))})
    doubt = next((r.doubt for r in doubtful if r.doubt), "")
    if not doubt:
        said_days = " or ".join(spoken(d) for d in options)
        written = f"\u00ab{text.cut(dates[0].start, dates[-1].end)}\u00bb"
        doubt = doubts.WHICH_DAY.format(written=written, said=said_days)
    return capped(
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
