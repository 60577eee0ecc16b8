"""The words the reply reader knows, one module per language, and the patterns made of them.

Each language is a `Lexicon`: lists of regular-expression fragments (lowercase) by the part they
play in a reply: words that say "done", words that may stand beside them without changing what
they say ("it's", "thanks", "on our side"), and the cues that make a sentence something other
than a command (a negation, a hedge, a partial "almost", a future "once", a question). The reader
matches every language's words at once: people mix languages, and a one-word reply is too short
to know its language for sure. The few words that mean something else in another language (the
Portuguese "pronto" is Spanish for "soon") are `weak`: read only in a reply of their language.

To teach the reader a new phrasing, add it to the list it belongs to, in its language's module;
to add a language, add a module and list it in `LEXICONS`. Nothing else changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property


@dataclass(frozen=True)
class Lexicon:
    """One language's words, as regular-expression fragments matched as whole words (or, for a
    language written without spaces, anywhere: `spaced=False`)."""

    code: str  # ISO 639-1
    name: str
    spaced: bool = True
    done: tuple[str, ...] = ()  # says by itself that the step is done: "done", "erledigt"
    weak_done: tuple[str, ...] = ()  # "done" only in a reply written in this language
    # the step's thing went out: "sent", "submitted", "unterschrieben", "返送しました"; done
    # only in a short reply, and asked about
    handed_in: tuple[str, ...] = ()
    idioms: tuple[str, ...] = ()  # phrases whose "done" word means something else: "en fait"
    mark: tuple[str, ...] = ()  # "mark (it as) done": asking for it is saying it
    fillers: tuple[str, ...] = ()  # may stand beside "done" without changing what it says
    articles: tuple[str, ...] = ()  # "the blocked account" is no blocked step
    acknowledgements: tuple[str, ...] = ()  # "ok", "got it": a reply that says nothing more
    negations: tuple[str, ...] = ()  # "not", "nicht": "not done" is not done
    hedges: tuple[str, ...] = ()  # "I think", "probably": asked about, never acted on
    # a yes unsure of itself, a reply by itself: "I think so", "pretty sure", "glaube schon"
    hedged_yes: tuple[str, ...] = ()
    partial: tuple[str, ...] = ()  # "almost", "half", "except": not all of it
    pending: tuple[str, ...] = ()  # the future or a condition: "will", "once", "sobald"
    conditions: tuple[str, ...] = ()  # "if": what follows may not happen
    contrast: tuple[str, ...] = ()  # "but", "still": after "done", it may take it back
    question_openers: tuple[str, ...] = ()  # a clause opening with one asks: "is it", "did"
    question_words: tuple[str, ...] = ()  # "what", "why": a question with one asks for words
    requests: tuple[str, ...] = ()  # a question opening with one asks for an action
    tag_questions: tuple[str, ...] = ()  # "..., right?": asks to agree
    blocked: tuple[str, ...] = ()  # a state: "blocked", "on hold"; the reason follows
    waiting: tuple[str, ...] = ()  # "waiting on", "can't ... until": the sentence is the reason
    # a person's own wait, not the step's: "on hold with the helpdesk", "stuck in traffic",
    # "warten auf den Zug"
    own_wait: tuple[str, ...] = ()
    # a blocker said to be over: "that's sorted now", "c'est réglé", "解消しています"; a blocked
    # beside it is the past ("we were blocked last week but it's sorted now")
    resolved: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()  # opens a reason and may be left out of it: "by", "on"
    reschedule: tuple[str, ...] = ()  # asks for another date: "move", "push", "verschieben"
    proposes: tuple[str, ...] = ()  # asks for another date only with one after it: "can we do"
    # asks for another date only right after one: "11日はいかがでしょうか", "the 18th works better"
    proposed_after: tuple[str, ...] = ()
    events: tuple[str, ...] = ()  # have dates of their own: "move the call to Friday" is no step's
    # reschedule words that also move things in space or change anything ("move", "verlegen",
    # "déplacer", "変更"): a new date only when what they move is the step ("move this") or the
    # date is attached to them (`new_date_to`); "we are moving offices on the 18th" is news
    moves: tuple[str, ...] = ()
    # an auxiliary of the passive right before a reschedule word ("was", "a été", "foi"): what
    # it moves stands before it, as the subject ("our holiday party was moved to the 18th")
    passive: tuple[str, ...] = ()
    # what names the step as the object of a reschedule word: "this", "the deadline", "das"
    step_objects: tuple[str, ...] = ()
    # stand between a word that moves and its date, and name nothing: "push this back a week"
    verb_particles: tuple[str, ...] = ()
    # the verb may close its clause, after its object: "wir haben die Feier verschoben"
    verb_last: bool = False
    # marks the object of the word after it: "忘年会を延期" (the party's date, not the step's)
    object_marks: tuple[str, ...] = ()
    # attaches a date to a reschedule word as its new date: "to", "until", "auf", "au", "に"
    new_date_to: tuple[str, ...] = ()
    # leads to where things move: after a word that moves and with no date after it, "to the
    # new office", "nach München", "nella nuova sede" say the move is in space
    to_places: tuple[str, ...] = ()
    # puts a thing on a day: "to Berlin on the 18th" is a place, then a day
    on_days: tuple[str, ...] = ()
    # opens a clause of its own (a reason or a result), whose date is that clause's: "because",
    # "so", "weil", "parce que"
    reason_clauses: tuple[str, ...] = ()
    # a particle closes the clause or the date it belongs to ("戻るので", "12月18日に"), rather
    # than opening it ("because legal ...", "to the 18th")
    particles_close: bool = False
    # gives only the reason for a new date: "we need a bit more time", "wir brauchen mehr Zeit"
    needs_time: tuple[str, ...] = ()
    stand_in: tuple[str, ...] = ()  # away, urgent: "out of office, tom@ will handle" is no owner
    keeps_owner: tuple[str, ...] = ()  # handed over only for this: "for a second opinion"
    # for good, not while someone is away: "from now on", "ab sofort" (a handover that says so
    # stands, even beside "I'm on parental leave from next week")
    for_good: tuple[str, ...] = ()
    # copying someone in ("cc'ing", "in CC") is asked about, unless the one copied is the new
    # owner, named by a pronoun in the clause that copies ("cc'ing him", "setze ihn in CC")
    copies: tuple[str, ...] = ()
    owner_pronouns: tuple[str, ...] = ()  # "him", "ihn", "le": the person just named
    purpose: tuple[str, ...] = ()  # opens what something is handed over for: "for", "pour"
    copulas: tuple[str, ...] = ()  # "Quem vai cuidar disso é a Priya": an answer, not a question
    asides: tuple[str, ...] = ()  # change nothing, even opening with "wie": "wie besprochen"
    # a negation that confirms a result ("no findings", "keine Befunde", "sin observaciones"):
    # beside "done" it takes nothing back
    no_findings: tuple[str, ...] = ()
    # a reason a date cannot be kept, with no word for time in it ("our lead is out sick this
    # week", "con el puente de diciembre"): a new date asked for after it is what the reply says
    delay_reasons: tuple[str, ...] = ()
    # lead from what happened to "done": "Legal signed it, so done", "unterschrieben, also
    # erledigt"; left out of the note, which is what happened
    leads_to: tuple[str, ...] = ()
    # two things done together, the step one of them: "the review and the pen test are both done"
    both: tuple[str, ...] = ()
    # a past tense right after "done", with no stop between, opens what was done (typed on a
    # phone): "done sent the report to legal"
    past_tense: tuple[str, ...] = ()
    # opens an update before a colon ("Quick update:", "Kurzes Update:"): a note, unless what
    # follows says a command ("Quick update: done")
    updates: tuple[str, ...] = ()
    # the step approved, when the reply names the step before it ("Security review approved",
    # "Revisión de seguridad aprobada"): done; alone, on a draft, it approves the plan
    approved: tuple[str, ...] = ()
    # hands the step, named as the verb's object, to someone: "I'm handing the security review
    # to", "Passo la revisione di sicurezza a" (`hands`, then the step, then `hands_to`)
    hands: tuple[str, ...] = ()
    hands_to: tuple[str, ...] = ()
    # the step as such an object when it is not named: "this task", "diese Aufgabe", "esta tarefa"
    this_step: tuple[str, ...] = ()
    # the date stays ("No change to the timeline", "La fecha se mantiene"): what follows is the
    # reply's point ("... Please note on the plan that ...")
    date_kept: tuple[str, ...] = ()
    # opens another topic after the command ("Done. Btw, are we still on for Thursday?"): what
    # follows it neither takes the command back nor is its note
    by_the_way: tuple[str, ...] = ()
    # takes back what was just said ("Done! ...sorry, my mistake, not yet"): a "done" before
    # it is not applied
    retracts: tuple[str, ...] = ()
    # a day gone, beside "done" ("done since Friday", "seit Freitag erledigt", "先週金曜に完了"):
    # when it was done, no other thing said; not beside "blocked" ("blocked last week, fine now")
    gone_days: tuple[str, ...] = ()
    # complains of the reminders ("third reminder this week", "Ça fait trois relances",
    # "毎日リマインド"): said before a blocker, it is the blocker's context
    nagged: tuple[str, ...] = ()
    # says the step is no longer the writer's ("This is no longer mine", "Ce n'est plus moi qui
    # gère ce dossier", "もう担当ではありません"): a handover or contact after it is the new owner
    not_mine: tuple[str, ...] = ()
    # opens the good news or the bad ("The bad news first: ... The good: ...", "La buena:",
    # "A má notícia:"): of the news, the one that names the step is what the reply says of it
    good_news: tuple[str, ...] = ()
    bad_news: tuple[str, ...] = ()
    # says a point left open does not hold the step up ("one minor finding, not blocking", "ne
    # bloque pas la validation", "承認には影響ありません"): beside "done", it takes nothing back
    not_blocking: tuple[str, ...] = ()
    # right after a state ("blocked"), says it is not: "Blockiert sind wir nicht", "Geblokkeerd
    # zijn we niet", "ブロックされてるわけじゃなくて" (the "not" of a language that puts it after)
    not_after: tuple[str, ...] = ()
    # says what it tells is not about the step it names ("nothing to do with your security
    # review", "hat mit dem Review nichts zu tun", "レビューとは関係ありません"): no note
    unrelated: tuple[str, ...] = ()
    # the step took long or was hard, then "but" ("took forever, but it's finally done", "hat
    # ewig gedauert, aber", "時間がかかりましたが"): before "done", what happened, no doubt
    took_long: tuple[str, ...] = ()
    # says the reply was not meant for this thread ("Sorry, wrong thread! That was meant for the
    # offsite planning", "mauvais destinataire", "宛先を間違えました"): nothing in it acts
    misdirected: tuple[str, ...] = ()
    # opens the last line, which says what the story above comes to ("Anyway: done.", "Also:
    # erledigt.", "Donc c'est bouclé", "というわけで、レビューは完了です。")
    concluding: tuple[str, ...] = ()
    # the writer will make the change once the other agrees ("let me know if that works before
    # I change it", "dann trage ich es ein", "ご確認いただいてから変更します"): a new date or
    # owner beside it is asked for, not yet made
    agreed_first: tuple[str, ...] = ()
    # asks the engine to stop mailing ("stop sending me reminders", "smettetela"): an "I'm done"
    # beside it may be exasperation, asked about
    stop_mail: tuple[str, ...] = ()
    apologies: tuple[str, ...] = ()  # "sorry for the delay, done": small talk, no note
    reassign: tuple[str, ...] = ()  # gives the step to someone: "will take this", "übergeben"
    # names someone else as the right person ("Priya is the right person for this"): asked
    suggests_owner: tuple[str, ...] = ()
    # the person will answer later ("stuck in traffic, will reply later"): what they say now is
    # about themselves, not the step
    answer_later: tuple[str, ...] = ()
    # says the opposite of its words ("Oh sure, it's totally done", "Na klar, erledigt"): a
    # "done" beside it is asked about
    sarcasm: tuple[str, ...] = ()
    # reports what someone else asked ("Tom asked whether we could move it to the 18th"): the
    # request inside it is theirs, told, not made
    reported: tuple[str, ...] = ()
    status: tuple[str, ...] = ()  # asks where the plan stands
    help: tuple[str, ...] = ()  # asks how to answer
    # the plan or its steps, and a word of their state: a question with both asks where the plan
    # stands, however it is put ("Which milestones are still open?", "計画全体の進捗状況は")
    plan_words: tuple[str, ...] = ()
    state_words: tuple[str, ...] = ()
    # answering this email, and the writer's own "should": a question with both asks how to
    # answer ("What exactly should I reply to this email?", "que dois-je répondre exactement")
    reply_verbs: tuple[str, ...] = ()
    i_should: tuple[str, ...] = ()
    # may stand in a status or help question and change nothing: "here", "actually", "quick
    # question", "con esto"
    question_asides: tuple[str, ...] = ()
    note: tuple[str, ...] = ()  # opens a note for the plan: "note", "fyi"
    # asks for a note a few words before a colon ("please add a note to this step:", "Bitte als
    # Notiz am Schritt vermerken:", "Apunta esto en el paso:", "メモとして残してください："):
    # what follows the colon is the note
    note_words: tuple[str, ...] = ()
    # ...with a word that asks to keep it, or names where ("add", "vermerken", "for the plan",
    # "sur l'étape"): "una nota amministrativa dalla contabilità:" is someone's note, no request
    note_asks: tuple[str, ...] = ()
    # opens what a note asked for says: "Can you add a note to this step that ...", "dass"
    note_that_opens: tuple[str, ...] = ()
    # asks for what follows to be noted: "please note that", "merci de noter que"
    note_that: tuple[str, ...] = ()
    # points at what comes below or with the reply ("see below", "siehe Anhang"): a note of
    # nothing else is no note ("FYI, see below" over a forwarded thread)
    pointers: tuple[str, ...] = ()
    greetings: tuple[str, ...] = ()
    # a line that addresses the reader and nothing more ("Acme Deals ご担当者様"): passed over
    # like a greeting even where a word of it says a command elsewhere (担当, "in charge")
    addressees: tuple[str, ...] = ()
    # opens a sentence of small talk ("hope you had a great weekend"): with no command word,
    # no negation and no "but" in it, the sentence is passed over like a greeting
    pleasantries: tuple[str, ...] = ()
    thanks: tuple[str, ...] = ()
    # closes a reply ("Best,", "Viele Grüße"): what follows is a name and a signature
    sign_offs: tuple[str, ...] = ()
    yes: tuple[str, ...] = ()
    months: tuple[str, ...] = ()  # twelve fragments, January first, each with its short forms
    weekdays: tuple[str, ...] = ()  # seven fragments, Monday first
    next_weekday: tuple[str, ...] = ()  # "next": "next Friday" reads two ways
    next_week: tuple[str, ...] = ()  # "next week": "Wednesday next week" is one day
    # beside a weekday, that day in the week after next: "the Monday after next",
    # "übernächsten Montag", "lundi en quinze", "再来週の月曜日"
    after_next: tuple[str, ...] = ()
    day_only: tuple[str, ...] = ()  # a day of the month alone, its number in the fragment
    # a day of the month in words, 31 fragments, the first's first: "the eighteenth"; a
    # fragment may be empty where the word says too many other things ("the first draft")
    day_words: tuple[str, ...] = ()
    relative_days: tuple[str, ...] = ()  # "tomorrow": one day, read by dateparser
    vague_days: tuple[str, ...] = ()  # "next week": a date, but which day is a guess
    slash_month_first: bool = False  # "12/11" may be month first (American English)
    slash_day_first: bool = True  # "12/11" may be day first (not in Japanese: "12/15")
    week_end: tuple[str, ...] = ()  # "end of", before "next week": that week's Friday
    # one to four in words, "one" first: the {n} of `weeks_from_today`
    numbers: tuple[str, ...] = ()
    # "in two weeks", "heute in zwei Wochen", "2週間後": that many weeks from the day written
    # ({n}: a number, in digits or words)
    weeks_from_today: tuple[str, ...] = ()
    # "the end of the month", "Monatsende", "月末": this month's last working day
    month_end: tuple[str, ...] = ()
    # "KW 3", "week 3" ({n}: its number in digits): a week, so a guess of a day, unless it
    # follows "end of" (`week_end`): its Friday
    week_numbers: tuple[str, ...] = ()
    # beside a date, make it a guess of a day: "around the 18th", "in a week or two", "月末頃"
    approximate: tuple[str, ...] = ()
    # an amount a date moves by, from the step's own date (mail/amounts.py): "push it back a
    # week", "um 2 Tage verschieben", "1週間延期"
    # how many, in words, one to six: each fragment the words for its number ("a|an|one")
    counts: tuple[str, ...] = ()
    week_units: tuple[str, ...] = ()  # "week", "Wochen", "週間": calendar weeks
    day_units: tuple[str, ...] = ()  # "days", "Werktage", "営業日": business days
    month_units: tuple[str, ...] = ()  # "month", "Monate", "か月": the same day of the month
    # beside an amount, asks for more time: "one more week", "noch", "a two-week extension"
    more: tuple[str, ...] = ()
    # asked for with more time, what gets or gives it: "Could we get one more week?", "have"
    given: tuple[str, ...] = ()
    # beside an amount of more time alone, asks for it: "Is one more week possible?", "möglich"
    possible: tuple[str, ...] = ()
    later: tuple[str, ...] = ()  # right after an amount, a date that much later: "a month later"
    earlier: tuple[str, ...] = ()  # beside an amount, moves the date earlier: "forward", "früher"
    needs: tuple[str, ...] = ()  # with an amount, a need for the time: "we need", "il nous faut"
    since_today: tuple[str, ...] = ()  # before an amount, counts it from today: "in", "dans"
    since_today_after: tuple[str, ...] = ()  # after an amount, the same: "from now", "後"
    ranges: tuple[str, ...] = ()  # joins two amounts into a guess: "a week or two", "bis"
    extra: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def words(self, part: str) -> tuple[str, ...]:
        value: tuple[str, ...] = getattr(self, part)
        return value


# a letter of a script written with spaces: kana and kanji end a word ("Doneです")
_LETTER = r"[^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]"


def whole(fragments: tuple[str, ...], *, spaced: bool) -> str:
    """One alternation of `fragments`, each matched as whole words where words are spaced
    ("can" is not in "can't"; "n'" of "n'est" and "l'" of "l'équipe" end where they end)."""
    return whole_in([(fragments, spaced)])


def whole_in(languages: Iterable[tuple[tuple[str, ...], bool]]) -> str:
    """Several languages' fragments, each (fragments, whether its words are spaced), as one
    alternation matching what `whole` of each would, tried in the same order. Neighbours
    matched alike share one guard: each guard's class of letters costs `re` about 1.5 ms to
    compile, and a part of eight languages had sixteen."""
    merged: list[tuple[str, str]] = []
    for fragments, spaced in languages:
        for how, alternation in _groups(fragments, spaced=spaced) if fragments else ():
            if merged and merged[-1][0] == how:
                merged[-1] = (how, f"{merged[-1][1]}|{alternation}")
            else:
                merged.append((how, alternation))
    guarded = (_GUARDS[how][0] + alternation + _GUARDS[how][1] for how, alternation in merged)
    return "|".join(guarded) or r"(?!x)x"


def _groups(fragments: tuple[str, ...], *, spaced: bool) -> list[tuple[str, str]]:
    """`fragments` as (how they are matched, their alternation): "words", "elided" or
    "anywhere" (a script written without spaces), longest first."""
    if not spaced:
        return [("anywhere", "|".join(sorted(fragments, key=len, reverse=True)))]
    elided = [f for f in fragments if f.endswith("'")]
    words = [f for f in fragments if not f.endswith("'")]
    groups = []
    if words:
        groups.append(("words", "|".join(sorted(words, key=len, reverse=True))))
    if elided:
        groups.append(("elided", "|".join(elided)))
    return groups


_GUARDS = {
    "words": (rf"(?<!{_LETTER})(?<!')(?:", rf")(?!{_LETTER})(?!')"),
    "elided": (rf"(?<!{_LETTER})(?<!')(?:", ")"),
    "anywhere": ("(?:", ")"),
}


class Patterns:
    """Every language's fragments of each part, compiled into one pattern per part."""

    def __init__(self, lexicons: tuple[Lexicon, ...]) -> None:
        self.lexicons = lexicons
        self.by_code = {lexicon.code: lexicon for lexicon in lexicons}
        self._compiled: dict[str, re.Pattern[str]] = {}
        self._by_language: list[tuple[str, re.Pattern[str]]] = []

    def alternation(self, part: str, lexicons: tuple[Lexicon, ...] | None = None) -> str:
        chosen = self.lexicons if lexicons is None else lexicons
        return whole_in((lexicon.words(part), lexicon.spaced) for lexicon in chosen)

    def compiled(self, part: str) -> re.Pattern[str]:
        """All languages' `part` as one pattern, compiled the first time it is asked for."""
        found = self._compiled.get(part)
        if found is None:
            found = self._compiled[part] = re.compile(self.alternation(part))
        return found

    def combined(self, parts: tuple[str, ...]) -> re.Pattern[str]:
        """Several parts as one pattern: to ask whether any of them is there, in one pass."""
        key = " ".join(parts)
        found = self._compiled.get(key)
        if found is None:
            each = (
                (lexicon.words(part), lexicon.spaced) for part in parts for lexicon in self.lexicons
            )
            found = self._compiled[key] = re.compile(whole_in(each))
        return found

    def of_language(self, part: str, code: str) -> re.Pattern[str]:
        """`part` of one language and of English (people mix it in): for the words that mean
        something else in a neighbour ("se" is "if" in Portuguese, "itself" in Spanish)."""
        key = f"{code} {part}"
        found = self._compiled.get(key)
        if found is None:
            chosen = tuple(x for x in self.lexicons if x.code in (code, "en"))
            found = self._compiled[key] = re.compile(self.alternation(part, chosen))
        return found

    def unspaced(self, part: str) -> re.Pattern[str]:
        """`part` of the languages written without spaces, whose words stand anywhere (a
        Japanese question or request ends its sentence: "...できますか")."""
        key = f"unspaced {part}"
        found = self._compiled.get(key)
        if found is None:
            chosen = tuple(lexicon for lexicon in self.lexicons if not lexicon.spaced)
            found = self._compiled[key] = re.compile(self.alternation(part, chosen))
        return found

    def language_of(self, text: str) -> str:
        """The one language whose words for the intents `text` (lowercase) uses, or "" (none,
        or several: "status" is a word in five of them)."""
        if not self._by_language:
            self._by_language = [
                (lexicon.code, re.compile(self.alternation_of(_TELLING, lexicon)))
                for lexicon in self.lexicons
            ]
        text = text.replace("\u2705", " ")  # the check mark is no language's
        found = [code for code, pattern in self._by_language if pattern.search(text)]
        return found[0] if len(found) == 1 else ""

    def alternation_of(self, parts: tuple[str, ...], lexicon: Lexicon) -> str:
        """`parts` of one language as one alternation, in their order."""
        return whole_in((lexicon.words(part), lexicon.spaced) for part in parts)

    @cached_property
    def weak(self) -> dict[str, re.Pattern[str]]:
        """Per language, its weak "done" words."""
        return {
            lexicon.code: re.compile(whole(lexicon.weak_done, spaced=lexicon.spaced))
            for lexicon in self.lexicons
            if lexicon.weak_done
        }


# the parts whose words say the language of a one-word reply ("Erledigt", "Klaar", "Hecho")
_TELLING = ("done", "weak_done", "handed_in", "blocked", "waiting", "reschedule", "reassign",
            "status", "help", "note", "negations", "partial", "thanks", "yes",
            "greetings")  # fmt: skip


def _lexicons() -> tuple[Lexicon, ...]:
    from mutualplan.mail.lexicon import de, en, es, fr, it, ja, nl, pt

    return (en.LEXICON, de.LEXICON, fr.LEXICON, es.LEXICON, nl.LEXICON, pt.LEXICON,
            it.LEXICON, ja.LEXICON)  # fmt: skip


LEXICONS: tuple[Lexicon, ...] = _lexicons()
PATTERNS = Patterns(LEXICONS)
LANGUAGES: tuple[str, ...] = tuple(lexicon.code for lexicon in LEXICONS)
