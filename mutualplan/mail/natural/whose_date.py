"""Whether the date in a sentence is the new date its reschedule word asks for, by the shape of
the sentence.

A word that also moves things in space ("move", "verlegen", "déplacer", "変更": the lexicons'
`moves`) asks for a new date only when what it moves is the step ("move this", "das
verschieben", "le décaler": `step_objects`) or when the date is attached to it ("to the 18th",
"auf den 18.", "12月18日に": `new_date_to`); "we are moving offices on the 18th" is news. A date
in another clause than the reschedule word ("we'll need to move this, legal comes back
tomorrow"), or behind a word that opens a clause of its own ("because", "weil", "ので":
`reason_clauses`), is that clause's: asked about, never applied.
"""

from __future__ import annotations

import re
from functools import cache

from mutualplan.mail.dates import DateReading
from mutualplan.mail.lexicon import LEXICONS, PATTERNS, whole
from mutualplan.mail.lexicon.steps import GROUPS
from mutualplan.mail.natural.findings import Certainty
from mutualplan.mail.sentences import Clause, Sentence, Text, clause_at, request

_OBJECT_GAP = 1  # words between a reschedule word and its object: "verschieben wir das"
_UNSPACED_OBJECT_GAP = 12  # characters, in Japanese: "期限を来週に延期", "これを延期"
_ATTACHED_GAP = 6  # words between a reschedule word and its date's "to": "push the review to"
_TO_A_DATE = 2  # words between a "to" and the date it leads to: "to first thing Monday"
_AUXILIARY_REACH = 40  # characters before a word in the passive its auxiliary stands in
_SUBJECT_REACH = 80  # characters before the auxiliary its subject stands in
_VERB_AFTER_DATE = 2  # words between a date and the word after it: "auf den 18. zu verschieben"
# the words a clause that only gives the new date may hold besides it: ", to the 18th", ": 12/18"
_DATE_ONLY = ("new_date_to", "articles", "fillers", "acknowledgements", "thanks", "requests",
              "hedges", "approximate")  # fmt: skip


def date_certainty(
    text: Text, sentence: Sentence, match: re.Match[str], dates: list[DateReading]
) -> Certainty:
    """How sure the dates of `sentence` are the new date `match` (a reschedule word) asks for:
    NONE when it moves something else, PROBABLE when the date is another clause's."""
    if not dates:
        return Certainty.CERTAIN
    if _another_object(text, sentence, match, dates):  # "we postponed the team offsite to Friday"
        return Certainty.PROBABLE if request(text, sentence) else Certainty.NONE
    if any(_attached(text, sentence, match, r) for r in dates):
        return Certainty.CERTAIN
    if _moves(text, match) and (
        _to_a_place(text, sentence, match, dates)
        or not _moves_the_step(text, sentence, match, dates)
    ):
        return Certainty.NONE
    if all(_elsewhere(text, sentence, match, r) for r in dates):
        return Certainty.PROBABLE
    return Certainty.CERTAIN


def words_dates(
    text: Text, sentence: Sentence, match: re.Match[str], dates: list[DateReading]
) -> list[DateReading]:
    """The dates of the reschedule word's own clause ("since legal is back on the 18th, can we
    move this to the 21st": the 21st), or all of them if none is."""
    return [r for r in dates if not _elsewhere(text, sentence, match, r)] or dates


def word_clause(text: Text, sentence: Sentence, match: re.Match[str]) -> Clause:
    """The reschedule word's clause; with the clauses before it when it stands alone at the
    end, as a verb may ("könnten wir die Frist auf Freitag, den 18. Dezember, verlegen?")."""
    clause = clause_at(sentence, match.start())
    alone = not text.low[clause.start : match.start()].strip(" ,;:") and not re.search(
        r"\w", text.low[match.end() : clause.end]
    )
    earlier = [c for c in sentence.said if c.end <= clause.start]
    if not alone or not earlier:
        return clause
    return Clause(earlier[0].start, clause.end, skippable=False)


def _moves(text: Text, match: re.Match[str]) -> bool:
    return PATTERNS.compiled("moves").fullmatch(text.low, match.start(), match.end()) is not None


def _attached(text: Text, sentence: Sentence, match: re.Match[str], date: DateReading) -> bool:
    """The date is the reschedule word's by a "to": "push the review to the 18th", "auf den 18.
    verschieben", "12月18日に延期"."""
    if _elsewhere(text, sentence, match, date):
        return False
    if date.start >= match.end():
        return _to_before(
            text.low, match.start(), date.start, after=match.end(), language=text.language
        )
    if date.end > match.start():
        return False
    # the date before the word: its "to" after it ("12月18日に"), or before it ("auf den 18.")
    between = text.low[date.end : match.start()]
    if _CLOSING_TO.fullmatch(between):
        return True
    if len(between.split()) > _VERB_AFTER_DATE:
        return False
    opening = clause_at(sentence, date.start).start
    return _to_before(text.low, opening, date.start, after=date.start, language=text.language)


def _another_object(
    text: Text, sentence: Sentence, match: re.Match[str], dates: list[DateReading]
) -> bool:
    """The word names what it moves, and that is not the step: a noun with its article ("we
    postponed the team offsite to the 18th", "Wir haben die Weihnachtsfeier auf den 18.
    verschoben", "adiamos a festa para sexta"), or marked as the object ("忘年会を金曜日に延期").
    The step ("the deadline", "die Frist"), a pronoun for it ("das", "la") or no object at all
    leave the date the step's; asked about when the sentence asks for it ("can we push the
    security review to Friday?" may name the step)."""
    clause = word_clause(text, sentence, match)
    if _marked_object(text, clause, match):
        return True
    articles = PATTERNS.of_language("articles", text.language)
    rest = text.low[match.end() : clause.end]
    first = match.end() + len(rest) - len(rest.lstrip())  # "postponed the party", not the "a"
    found = [articles.match(text.low, first, clause.end)]  # of "push this back a week"
    lexicon = PATTERNS.by_code.get(text.language)
    if lexicon is not None and lexicon.verb_last:  # "die Feier auf den 18. verschoben"
        reasons = list(_REASONS.finditer(text.low, clause.start, match.start()))
        opening = reasons[-1].end() if reasons else clause.start
        found += articles.finditer(text.low, opening, match.start())
    return any(
        article is not None and _names_another(text, clause, match, article, dates)
        for article in found
    ) or _moved_subject(text, clause, match, dates)


def names_another(text: Text, start: int, end: int) -> bool:
    """An article between `start` and `end` opens a noun that names another step, or something
    else: "the contract step", "die Budgetfreigabe", "la aprobación del presupuesto", "il
    progetto pilota" (the words steps are named with, not this step's title's), "l'autre
    fournisseur" (another). Idioms ("passe la main", "prend le relais") and a noun that names
    nothing of a plan ("le dossier") name nothing else."""
    found = own_articles(text.language).search(text.low, start, end)
    if found is None:
        return False
    step = _STEP_OBJECT.match(text.low, found.start(), end)
    if step is not None and step.end() > found.end():
        return False  # "the review", "la scadenza": the step
    rest = text.low[found.end() : end]
    at = found.end() + len(rest) - len(rest.lstrip())
    words = re.findall(r"[^\W\d_]+", text.low[at:end])[:_NOUN_WORDS]
    if not words or any(w in text.step_words for w in words):
        return False
    if _OTHER.fullmatch(words[0]):
        return True
    return any(
        known in word and known not in text.step_words for word in words for known in _STEP_KINDS
    )


_NOUN_WORDS = 3  # words of a noun phrase after its article: "the contract step"


def another_topic(text: Text, start: int, end: int, *, kinds: bool = True) -> bool:
    """Japanese: the topic before `end` ("Xは") names another thing: another project
    ("別プロジェクトは"), a matter of its own ("スペインの案件は"), or (`kinds`) another kind of
    step ("予算承認は")."""
    if text.language != "ja":
        return False
    topic = _TOPIC.search(text.low, start, end)
    if topic is None:
        return False
    named = topic.group(1)
    if any(w in named for w in text.step_words if not w.isascii()):
        return False
    if _ANOTHER_JA.search(named):
        return True
    return kinds and any(k in named for k in _JA_STEP_KINDS)


_TOPIC = re.compile(r"([^、。\s]{2,20}?)は")
_ANOTHER_JA = re.compile(
    r"別|他の|ほかの|の案件|のプロジェクト|もう一|他社"
)  # "もう一社のベンダー"
_JA_STEP_KINDS = frozenset(w for group in GROUPS for w in group if not w.isascii())
# the words that name kinds of steps (lexicon/steps.py), long enough to be found inside a
# compound ("Budgetfreigabe")
_STEP_KINDS = frozenset(w for group in GROUPS for w in group if len(w) >= 5 and w.isalpha())
_OTHER = re.compile(r"other|another|autre|andere[nmrs]?|otr[oa]s?|outr[oa]s?|altr[oaie]|ander")


@cache
def own_articles(language: str) -> re.Pattern[str]:
    """The articles of the reply's language alone (English's "a" is Spanish's "to")."""
    chosen = tuple(x for x in LEXICONS if x.code == (language or "en"))
    return re.compile(PATTERNS.alternation("articles", chosen))


def _moved_subject(
    text: Text, clause: Clause, match: re.Match[str], dates: list[DateReading]
) -> bool:
    """The word in the passive, what it moves its subject, and that is not the step: "our
    holiday party was moved to the 18th", "notre fête a été reportée au 18", "nossa festa foi
    remarcada para o dia 18". Not when the word has an object of its own after it ("our team
    has moved the review to Friday"), nor when the subject is the step: a pronoun ("it was
    moved"), the step's word ("the deadline has been moved") or a word of its title ("the
    security review was postponed")."""
    near = max(clause.start, match.start() - _AUXILIARY_REACH)  # (a hostile clause is long)
    auxiliary = _PASSIVE_BEFORE.search(text.low, near, match.start())
    if auxiliary is None:
        return False
    ahead = _PARTICLES_AHEAD.match(text.low, match.end(), clause.end)
    at = ahead.end() if ahead else match.end()
    nothing_moved = at >= clause.end or _TO_AHEAD.match(text.low, at, clause.end) is not None
    if not nothing_moved and not any(r.start == at for r in dates):
        return False  # an object of its own: read as the active word it is
    subject_from = max(clause.start, auxiliary.start() - _SUBJECT_REACH)
    reasons = list(_REASONS.finditer(text.low, subject_from, auxiliary.start()))
    opening = reasons[-1].end() if reasons else subject_from
    article = PATTERNS.of_language("articles", text.language).search(
        text.low, opening, auxiliary.start()
    )
    if article is None or not text.low[article.end() : auxiliary.start()].strip():
        return False  # "this was moved", "es wurde verschoben": a pronoun, the step
    subject = text.low[article.start() : auxiliary.start()].rstrip(" ,")
    if any(word in text.step_words for word in re.findall(r"[^\W\d_]+", subject)):
        return False
    step = _STEP_OBJECT.match(text.low, article.start(), auxiliary.start())
    if step is not None and step.end() >= article.start() + len(subject):
        return False
    return not any(article.start() <= r.start < auxiliary.start() for r in dates)


def _names_another(
    text: Text, clause: Clause, match: re.Match[str], found: re.Match[str], dates: list[DateReading]
) -> bool:
    """The article found opens a noun that is not the step: not a date's ("the 18th", "den
    18."), not the step's ("the deadline", "la scadenza"), not a pronoun ("das verschieben")."""
    if any(r.start <= found.start() < r.end for r in dates):
        return False
    step = _STEP_OBJECT.match(text.low, found.start(), clause.end)
    if step is not None and step.end() > found.end():
        return False
    noun = re.match(r"\s*([^\W\d_]+)", text.low[found.end() : clause.end])
    if noun is not None and noun.group(1) in text.step_words:
        return False  # "das Review", "la revue": the step's own name
    return _an_article(text, clause, match, found, dates)


def _marked_object(text: Text, clause: Clause, match: re.Match[str]) -> bool:
    """A particle marks the object before the word, and what it marks is not the step:
    "忘年会を金曜日に延期しました", not "期限を" or "これを"."""
    for mark in _OBJECT_MARKS.finditer(text.low, clause.start, match.start()):
        named = text.low[clause.start : mark.start()]
        if named and not _STEP_OBJECT_ENDS.search(named):
            return True
        owner = named.rpartition("の")[0]  # "請求書の日付": the invoice's date, not the step's
        if owner and not _STEP_OWNER.search(owner):
            return True
    for mark in _SUBJECT_MARKS.finditer(text.low, clause.start, match.start()):
        named = text.low[clause.start : mark.start()]  # "Rajさんの休暇が": someone's leave
        owner = named.rpartition("の")[0]
        if owner and not _STEP_OWNER.search(owner):
            return True
    return False


_SUBJECT_MARKS = re.compile(r"[がは]")


# what may own the step's date in Japanese: "この件の期限", "本件の日付", "レビューの期限"
_STEP_OWNER = re.compile(r"(?:この件|本件|これ|こちら|ステップ|タスク|レビュー|審査|作業)$")


def _to_before(low: str, start: int, end: int, *, after: int, language: str) -> bool:
    """The words from `start` to `end` end with a "to" (and an article), with at most a few
    words between `after` and it, none of them another "to" ("move to the new office on")."""
    tail = _TO_TAIL.search(low, start, end)
    if tail is None:
        return False
    before = low[after : tail.start()] if tail.start() > after else ""
    if len(before.split()) > _ATTACHED_GAP:
        return False
    # ("a week" is no Spanish "a": only the reply's language's words, and English)
    return not PATTERNS.of_language("new_date_to", language).search(before)


def _to_a_place(
    text: Text, sentence: Sentence, match: re.Match[str], dates: list[DateReading]
) -> bool:
    """After the word, a "to" that leads to no date: where things move ("moving everything to
    the new office", "wir verlegen es ins neue Rechenzentrum", "mover a equipe para Lisboa").
    A date a word or two on is where it leads ("to first thing Monday", "to the week of the
    14th"), unless a noun with its article or an "on" stands before it ("to the new office on
    the 18th", "to AWS on the 18th")."""
    clause = word_clause(text, sentence, match)
    for found in PATTERNS.compiled("to_places").finditer(text.low, match.end(), clause.end):
        if any(r.start < found.end() and found.start() < r.end for r in dates):
            continue  # "to" inside a date: "bis zum 18."
        lead = _ARTICLES_AHEAD.match(text.low, found.end(), clause.end)
        at = lead.end() if lead else found.end()
        ahead = next((r for r in dates if r.end > at), None)
        if ahead is None:
            return True
        between = text.low[at : max(at, ahead.start)]
        if len(between.split()) > _TO_A_DATE or _A_PLACE_BEFORE_A_DAY.search(between):
            return True
        if between.strip() and _ON_A_DAY.match(text.low, ahead.start):  # "nach München am 18."
            return True
    return False


def _moves_the_step(
    text: Text, sentence: Sentence, match: re.Match[str], dates: list[DateReading]
) -> bool:
    """What the word moves is the step: "move this", "das verschieben", "le décaler", "期限を"."""
    clause = word_clause(text, sentence, match)
    for found in PATTERNS.compiled("step_objects").finditer(text.low, clause.start, clause.end):
        if (
            _beside(text, match, found)
            and not _before_a_date(text, found, dates)
            and not _an_article(text, clause, match, found, dates)
        ):
            return True
    return False


def _beside(text: Text, match: re.Match[str], found: re.Match[str]) -> bool:
    if PATTERNS.unspaced("step_objects").fullmatch(found.group()):
        return found.end() <= match.start() <= found.end() + _UNSPACED_OBJECT_GAP
    if found.start() >= match.end():
        return len(text.low[match.end() : found.start()].split()) <= _OBJECT_GAP
    if found.end() <= match.start():
        return len(text.low[found.end() : match.start()].split()) <= _OBJECT_GAP
    return False


def _before_a_date(text: Text, found: re.Match[str], dates: list[DateReading]) -> bool:
    """The object is a date's: "this Friday", "ce lundi" (but "push this in a week" moves the
    step)."""
    return any(
        (r.start < found.end() and found.start() < r.end)
        or (
            r.start >= found.end()
            and not text.low[found.end() : r.start].strip()
            and _DAY_NAME.match(text.low, r.start) is not None
        )
        for r in dates
    )


def _an_article(
    text: Text, clause: Clause, match: re.Match[str], found: re.Match[str], dates: list[DateReading]
) -> bool:
    """The object found is an article here, of a noun that is not the step: a pronoun that is
    also an article ("das", "la", "het") is the step only before the reschedule word, the end of
    the clause, a "to", a date or a word that names no thing ("das verschieben", "move this
    because ..."), not before a noun ("das Büro verschieben")."""
    if not PATTERNS.compiled("articles").fullmatch(found.group()):
        return False
    rest = text.low[found.end() : clause.end]
    following = rest.lstrip()
    at = clause.end - len(following)
    if not following.strip(" .!?") or at == match.start():
        return False
    if any(r.start == at for r in dates):
        return False
    return _NO_NOUN.match(text.low, at, clause.end) is None


def _elsewhere(text: Text, sentence: Sentence, match: re.Match[str], date: DateReading) -> bool:
    """The date is another clause's: after a comma and with words of its own ("legal comes back
    tomorrow"), or behind "because" ("weil", "ので")."""
    own = word_clause(text, sentence, match)
    theirs = clause_at(sentence, date.start)
    # "Dienstag, 12. Januar verschieben"; "12/18（金）に変更": the bracket closing the date opens it
    spans = own.start <= date.end and date.start < own.end
    if not spans and not (theirs.start > own.start and _date_only(text, theirs, date)):
        return True
    return _reason_between(text, sentence, match, date)


def _date_only(text: Text, clause: Clause, date: DateReading) -> bool:
    """The clause gives the new date and nothing else: ", to the 18th", ": Dec 18"."""
    left = text.low[clause.start : date.start] + " " + text.low[date.end : clause.end]
    for part in _DATE_ONLY:
        left = PATTERNS.compiled(part).sub(" ", left)
    return not re.sub(r"[^\w]+", " ", left).strip()


def _reason_between(
    text: Text, sentence: Sentence, match: re.Match[str], date: DateReading
) -> bool:
    """A word opening a clause of its own stands between the reschedule word and the date, or
    (where it opens its clause) before a date that comes before the word: "because legal is
    back tomorrow we need to move this"."""
    start = min(match.start(), date.start)
    end = max(match.end(), date.end)
    if _REASONS.search(text.low, start, end) or _CLOSING_REASONS.search(text.low, start, end):
        return True
    if date.start > match.start():
        return False
    opening = clause_at(sentence, date.start).start
    return _REASONS.search(text.low, opening, date.start) is not None


_SPACED = tuple(lexicon for lexicon in LEXICONS if not lexicon.particles_close)
_CLOSING = tuple(lexicon for lexicon in LEXICONS if lexicon.particles_close)
_TO_TAIL = re.compile(
    rf"(?:{PATTERNS.alternation('new_date_to', _SPACED)})\s*"
    rf"(?:(?:{PATTERNS.alternation('articles', _SPACED)})\s+)?"
    rf"(?:(?:{PATTERNS.alternation('approximate', _SPACED)})\s+)?$"
)
_CLOSING_TO = re.compile(rf"\s*(?:{PATTERNS.alternation('new_date_to', _CLOSING)})\s*")
_ARTICLES_AHEAD = re.compile(
    rf"\s*(?:(?:{PATTERNS.alternation('articles')}|{PATTERNS.alternation('approximate')})\s+)*"
)
_A_PLACE_BEFORE_A_DAY = PATTERNS.combined(("articles", "on_days"))
_ON_A_DAY = PATTERNS.compiled("on_days")
_DAY_NAME = PATTERNS.combined(("weekdays", "months"))
_NO_NOUN = PATTERNS.combined(
    ("new_date_to", "reason_clauses", "fillers", "requests", "verb_particles")
)
# every language's, the longest first: "la scadenza" before the pronoun "la"
_STEP_OBJECT = re.compile(whole(tuple(w for x in _SPACED for w in x.step_objects), spaced=True))
_STEP_OBJECT_ENDS = re.compile(rf"(?:{PATTERNS.alternation('step_objects', _CLOSING)})$")
_OBJECT_MARKS = re.compile(PATTERNS.alternation("object_marks", _CLOSING))
_REASONS = re.compile(PATTERNS.alternation("reason_clauses", _SPACED))
_PASSIVE_BEFORE = re.compile(rf"(?:{PATTERNS.alternation('passive', _SPACED)})\s*$")
_PARTICLES_AHEAD = re.compile(rf"\s*(?:(?:{PATTERNS.alternation('verb_particles')})\s+)*")
_TO_AHEAD = re.compile(PATTERNS.alternation("new_date_to", _SPACED))
_CLOSING_REASONS = re.compile(PATTERNS.alternation("reason_clauses", _CLOSING))
