"""A reply's first sentences, cut into clauses, and the words of each part found in them.

The text is kept twice: as written, and lowercased with the same length (quotes, full-width
forms, emoji and emoticons evened out, asides such as "as agreed" blanked), so that what is
found in one is cut from the other. Sentences end at a line, a question or exclamation mark,
or a full stop that ends no abbreviation ("Dec. 11"); clauses at commas, colons and dashes. A
clause is `skippable` when it only greets, thanks or says "ok": the first one that is not is
where a reply starts saying something.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from mutualplan.mail.lexicon import PATTERNS


@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    skippable: bool  # a greeting, thanks, "yes", "ok": it says nothing the reader acts on


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    clauses: tuple[Clause, ...]
    question: bool

    @property
    def said(self) -> tuple[Clause, ...]:
        """The clauses from the first one that is not a greeting or thanks."""
        for index, clause in enumerate(self.clauses):
            if not clause.skippable:
                return self.clauses[index:]
        return ()


@dataclass(frozen=True)
class Text:
    """The text as written, and the same text lowercased with the same length, so that what is
    found in one is cut from the other."""

    original: str
    low: str
    today: date
    language: str
    # the people the reply is copied to, (name, address): "Tom is the new owner, cc'ing him"
    copied: tuple[tuple[str, str], ...] = ()
    # the words of the step's title, lowercase: "the security review is done" names the step
    step_words: frozenset[str] = frozenset()

    def cut(self, start: int, end: int) -> str:
        return self.original[start:end].strip()


_HEAD = 1500  # characters read: a command is at the top
_SENTENCES = 8  # sentences read: greetings, the one that says something, and what follows it
_SAME_LENGTH = str.maketrans(
    {
        "\u2019": "'", "\u2018": "'", "\u00b4": "'", "`": "'", "\u00a0": " ", "\u202f": " ",
        "\u2009": " ", "\u200b": " ", "\ufe0f": " ", "\u2714": "\u2705", "\u2611": "\u2705",
        "\u2713": "\u2705", "\u2717": "\u274c", "\u2716": "\u274c", "\U0001f44e": "\u274c",
        "\U0001f6ab": "\u274c", "*": " ", "_": " ",
    }
)  # fmt: skip
# Full-width forms (what Japanese and Chinese input methods write for ":", "(", "12", "@") are
# the ASCII characters they look like, one for one, so positions in the text stay where they are.
ASCII_TWINS = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
# "P.S." opening a line: what follows is read as any other line ("P.S. our CISO approved the
# review on Monday, so you can mark it complete" is done)
_POSTSCRIPT = re.compile(
    r"(?m)^[ \t]*(?:p\.?\s?s|p\.?\s?d|\u8ffd\u4f38)\.?"  # "P.S.", Spanish "PD", "追伸"
    r"(?=[\s:,\-\u2013\u2014\uff1a])[ \t]*[:,\-\u2013\u2014\uff1a]?"
)
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u2704\u2706-\u274b\u274d-\u27bf\u2b00-\u2bff]")
_EMOTICON = re.compile(r"(?<!\S)(?:[:;=8][-'^o]?[)(\]\[dp/\\|*3]+|\^\^|<3|xd)(?!\w)")
_BREAK = re.compile(r"\n|[!?\u3002]+|(?<=[^\d\s.])\.+(?=\s|$)|(?<=\d)\.{2,}(?=\s)|\u2026")
_NUMBER_SIGNS = {"no", "nr"}
_ABBREVIATIONS = {"e.g", "i.e", "z.b", "bzw", "ca", "approx", "st", "dr", "mr", "mrs",
                  "ms", "vs", "sr", "sra", "sig", "jr", "d.h", "u.a", "p.s", "n.b",
                  # titles before a name: "Gentile Dott. Rossi", "Geachte dhr. De Vries"
                  "dott", "dott.ssa", "prof", "ing", "avv", "dra", "srta", "mme", "mlle", "dhr",
                  "mevr", "hr", "d", "dña", "eng", "lic", "sres", "exmo", "exma", "exmos", "ud",
                  "uds"}  # fmt: skip
_CLAUSE_BREAK = re.compile(r"[,;\u3001\uff1b]|:(?!\d)|\s[-\u2013\u2014]+\s|[\u2013\u2014()]")
LEADING = " \t:;,.-\u2013\u2014!\u3001\u3002"  # and the Japanese comma and full stop
BLANK_LINE = re.compile(r"\n[ \t]*\n")  # where a paragraph ends


def _confirming(match: re.Match[str]) -> str:
    """A negation that confirms a result ("no findings", "keine Befunde") is blanked, as an aside
    is; not when it opens what it bears on: "no issues with moving it to the 18th" consents to a
    move, asked about as before."""
    if _BEARS_ON.match(match.string, match.end()):
        return match.group()
    return " " * len(match.group())


_BEARS_ON = re.compile(
    r"\s+(?:with|to|about|for|against|mit|gegen|zu|für|pour|à|avec|contre|con|para|a|com|met|"
    r"tegen|voor|per|contro)\b"
)


def prepare(
    text: str,
    today: date,
    language: str,
    copied: tuple[tuple[str, str], ...] = (),
    step_words: frozenset[str] = frozenset(),
) -> Text:
    head = text[:_HEAD]
    low = head.lower()
    if len(low) != len(head):  # a letter whose lowercase is two letters ("İ")
        low = "".join(ch.lower()[:1] or ch for ch in head)
    low = low.translate(_SAME_LENGTH).translate(ASCII_TWINS)
    low = _EMOJI.sub(" ", low)
    low = _EMOTICON.sub(lambda m: " " * len(m.group()), low)
    low = _POSTSCRIPT.sub(lambda m: " " * len(m.group()), low)
    low = PATTERNS.compiled("asides").sub(lambda m: " " * len(m.group()), low)
    low = PATTERNS.compiled("no_findings").sub(_confirming, low)
    return Text(
        original=head,
        low=low,
        today=today,
        language=language,
        copied=copied,
        step_words=step_words,
    )


# --- sentences and clauses ---------------------------------------------------------------------


def sentences(text: Text, *, limit: int = _SENTENCES) -> list[Sentence]:
    """The first `limit` sentences: a reply's command is in its first few."""
    found: list[Sentence] = []
    start = 0
    breaks = [*_BREAK.finditer(text.low), *_after_a_number(text), *_after_emoji(text)]
    for match in sorted(breaks, key=_at):
        if match.group().startswith(".") and _abbreviation(text.low, match.start()):
            continue
        if match.group() == "\n" and _WRAPPED.match(text.low, match.start() - 1):
            continue
        found.extend(_sentence(text, start, match.end()))
        start = match.end()
        if len(found) >= limit:
            return found
    found.extend(_sentence(text, start, len(text.low)))
    return found


def _at(match: re.Match[str]) -> int:
    return match.start()


def _after_a_number(text: Text) -> list[re.Match[str]]:
    """Full stops after a number that end a sentence: the next word opens with a capital and
    is no month ("le comité se réunit le 17. Nouvelle échéance : 18/12", "bis 14.12. Bitte
    ..."; not "am 17. Dezember")."""
    found = []
    for stop in _NUMBER_STOP.finditer(text.low):
        line = text.low[text.low.rfind("\n", 0, stop.start()) + 1 : stop.start()]
        if _LIST_NUMBER.fullmatch(line):
            continue  # "1. Fragebogen ausgefüllt": a list's number
        word = _NEXT_WORD.match(text.original, stop.end())
        if word is None or not word.group(1)[:1].isupper():
            continue
        if not PATTERNS.compiled("months").fullmatch(word.group(1).lower()):
            found.append(stop)
    return found


def _after_emoji(text: Text) -> list[re.Match[str]]:
    """Emoji that end a sentence: a capital follows ("Security review is DONE 🎉🎉 Huge thanks
    to everyone ..."): chat writes them where a full stop would stand."""
    if not _EMOJI.search(text.original):
        return []
    return [m for m in _EMOJI_THEN.finditer(text.original) if m.group(1)[:1].isupper()]


_EMOJI_THEN = re.compile(rf"(?<=\S )(?:{_EMOJI.pattern}\s*)+(?=[ \t]+([^\W\d_]+))")
_NUMBER_STOP = re.compile(r"(?<=\d)\.(?=[ \t]+\S)")
_LIST_NUMBER = re.compile(r"[ \t]*\d{1,2}")
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_]+)")


def _abbreviation(low: str, dot: int) -> bool:
    word = re.search(r"[\w.]+$", low[:dot])
    if word is None:
        return False
    if word.group() in _NUMBER_SIGNS:  # "No. 5", not "Purtroppo no. Mettiamo ..."
        return bool(_DIGIT_NEXT.match(low, dot))
    if word.group() in _ABBREVIATIONS:
        return True
    if not PATTERNS.compiled("months").fullmatch(word.group()):
        return False
    # "Dec. 11" goes on; "hasta enero. La buena: ..." ends a sentence
    return len(word.group()) <= _SHORT_MONTH or bool(_DIGIT_NEXT.match(low, dot))


# a Japanese line that ends with a particle or a comma, the next going on in Japanese: a line
# wrapped by the mail program ("期日を12月11日（金）に\n変更して...でしょうか"), no sentence end
_JAPANESE = "\u3040-\u30ff\u4e00-\u9fff"
_WRAPPED = re.compile(rf"(?<=[{_JAPANESE}\d)])[をにがはでとへもや、](?=\n[{_JAPANESE}])")
_SHORT_MONTH = 4  # letters: "dec", "sept", "janv"
_DIGIT_NEXT = re.compile(r"\.+\s*\d")


def _sentence(text: Text, start: int, end: int) -> list[Sentence]:
    part = text.low[start:end]
    if not re.search(r"\w|\u2705", part):
        return []
    start += len(part) - len(part.lstrip())
    end -= len(part) - len(part.rstrip())
    clauses = tuple(_clauses(text, start, end))
    if _small_talk(text, start, end, clauses):
        clauses = tuple(Clause(c.start, c.end, skippable=True) for c in clauses)
    stripped = text.low[start:end].rstrip(" .")
    question = stripped.endswith("?") or text.low[start] == "\u00bf"
    return [Sentence(start=start, end=end, clauses=clauses, question=question)]


def _small_talk(text: Text, start: int, end: int, clauses: tuple[Clause, ...]) -> bool:
    """A sentence of pleasantries before the command ("Hi Alex, hope you had a great weekend and
    thanks again for the call on Friday."): after its greeting, it opens with a wish or a
    thank-you, and no word in it says a command, takes one back or leaves part of it out."""
    said = next((c for c in clauses if not opens(text, c.start, c.end, "greetings")), None)
    if said is None or (said.skippable and said is clauses[0] and len(clauses) == 1):
        return False
    if not (
        opens(text, said.start, said.end, "pleasantries")
        or opens(text, said.start, said.end, "thanks")
    ):
        return False
    # "thanks again", "ik hoop dat alles goed gaat": their words are no "still", no "will";
    # "Merci d'envoyer les relances à ..." is no thanks: the command starts inside it
    kind = [
        m.span()
        for m in PATTERNS.combined(("pleasantries", "thanks")).finditer(text.low, start, end)
    ]
    return not any(
        not any(s <= m.start() and m.end() <= e for s, e in kind)
        for m in PATTERNS.combined(_SMALL_TALK_BREAKERS).finditer(text.low, start, end)
    )


def _clauses(text: Text, start: int, end: int) -> list[Clause]:
    found, at = [], start
    for match in _CLAUSE_BREAK.finditer(text.low, start, end):
        found.append((at, match.start()))
        at = match.end()
    found.append((at, end))
    spans = [(s, e) for s, e in found if re.search(r"\w|\u2705", text.low[s:e])]
    return [
        Clause(s, e, _skippable(text, s, e, first=(index == 0 and start == _first_word(text))))
        for index, (s, e) in enumerate(spans)
    ]


def _asking(text: Text, start: int) -> bool:
    """The sentence from `start` is a question: it ends with "?" before the next break."""
    found = _BREAK.search(text.low, start)
    return found is not None and found.group().startswith("?")


def _first_word(text: Text) -> int:
    match = re.search(r"\S", text.low)
    return match.start() if match else 0


def _skippable(text: Text, start: int, end: int, *, first: bool) -> bool:
    """A greeting, thanks, "ok" or "yes": it says nothing the reader acts on."""
    if _only(text, start, end, "addressees"):  # "Acme Deals ご担当者様", though 担当 hands over
        return True
    if PATTERNS.combined(_TRIGGERS).search(text.low, start, end):
        return False
    words = text.low[start:end].split()
    if opens(text, start, end, "greetings") and len(words) <= 4:
        return True
    if opens(text, start, end, "thanks"):
        return True
    if first and len(words) <= 2 and text.original[end : end + 1] == ",":  # "Sam, done"
        # not "Could you, please, move ...?", "Poderia, por favor, adiar ...?": they ask
        return not (opens(text, start, end, "requests") and _asking(text, start))
    return not residue(text, start, end, ("yes", "thanks", "acknowledgements", "greetings"))


def _only(text: Text, start: int, end: int, part: str) -> bool:
    """The clause is a phrase of `part` and nothing else."""
    match = PATTERNS.compiled(part).search(text.low, start, end)
    return (
        match is not None
        and not text.low[start : match.start()].strip(LEADING)
        and not text.low[match.end() : end].strip(" ,.!\u3001\u3002")
    )


_TRIGGERS = ("done", "weak_done", "handed_in", "blocked", "waiting", "reschedule", "proposes",
             "proposed_after", "reassign", "suggests_owner", "note", "note_words")  # fmt: skip
# small talk with one of these in it may bear on the command after it ("thanks, but ...")
_SMALL_TALK_BREAKERS = (*_TRIGGERS, "negations", "contrast", "partial", "pending", "status",
                        "help")  # fmt: skip


def opens(text: Text, start: int, end: int, part: str) -> bool:
    match = PATTERNS.compiled(part).search(text.low, start, end)
    return match is not None and not text.low[start : match.start()].strip(LEADING + "\u00bf")


def names_the_step(text: Text, start: int, end: int) -> bool:
    """Whether a word of the step's title (or one other languages name it with) stands between
    `start` and `end`: as a whole word, or inside the text in a language written without spaces
    ("セキュリティレビュー")."""
    return names_any(text, start, end, text.step_words)


def names_any(text: Text, start: int, end: int, words: Iterable[str]) -> bool:
    """Whether one of `words` stands between `start` and `end`: as a whole word, or inside the
    text in a language written without spaces."""
    said = text.low[start:end]
    found = set(re.findall(r"[^\W\d_]+", said))
    return any(w in found or (not w.isascii() and w in said) for w in words)


def only_an_apology(text: Text, start: int, end: int) -> bool:
    """An apology and nothing else between `start` and `end` ("Mil disculpas, de verdad.",
    "大変申し訳ございません。", "Really sorry,")."""
    if PATTERNS.compiled("apologies").search(text.low, start, end) is None:
        return False
    return not residue(text, start, end, ("apologies", "fillers", "thanks", "greetings"))


def residue(text: Text, start: int, end: int, parts: tuple[str, ...]) -> str:
    """What is left of the text between `start` and `end` once every word of `parts` is gone."""
    left = text.low[start:end]
    for part in parts:
        left = PATTERNS.compiled(part).sub(" ", left)
    return re.sub(r"[^\w\u2705]+", " ", left).strip()


def cue(text: Text, part: str, start: int, end: int, *, besides: tuple[int, int]) -> bool:
    """Whether a word of `part` stands between `start` and `end`, other than the intent's own
    (every language's words: a reply's language may be misread; not a word that is another in
    the reply's own, as Portuguese "no", "in the")."""
    others = _OTHER_WORDS.get((text.language, part), frozenset())
    for match in PATTERNS.compiled(part).finditer(text.low, start, end):
        if match.group() in others:
            continue
        if match.end() <= besides[0] or match.start() >= besides[1]:
            return True
    return False


# words of one language's part that are another word in a neighbour: Portuguese "no" is "in
# the" ("aprovada no comitê"), never the Spanish or English "no"
_OTHER_WORDS = {("pt", "negations"): frozenset({"no"})}


def cue_beside_hedges(
    text: Text, part: str, start: int, end: int, *, besides: tuple[int, int]
) -> bool:
    """`cue`, but not a word that is part of a hedge's words: the "almost" of "almost sure",
    the "I'd" of "I'd say", the "moeten" of "zou klaar moeten zijn"."""
    hedges = [m.span() for m in PATTERNS.compiled("hedges").finditer(text.low, start, end)]
    for match in PATTERNS.compiled(part).finditer(text.low, start, end):
        mine = match.end() > besides[0] and match.start() < besides[1]
        hedged = any(s <= match.start() and match.end() <= e for s, e in hedges)
        if not mine and not hedged:
            return True
    return False


def clause_at(sentence: Sentence, at: int) -> Clause:
    return next((c for c in sentence.clauses if c.start <= at < c.end), sentence.clauses[-1])


def search(text: Text, part: str, start: int, end: int) -> re.Match[str] | None:
    """The first word of `part` in the span that is not inside an idiom ("en fait")."""
    idioms = [m.span() for m in PATTERNS.compiled("idioms").finditer(text.low, start, end)]
    for match in PATTERNS.compiled(part).finditer(text.low, start, end):
        if not any(s < match.end() and match.start() < e for s, e in idioms):
            return match
    return None


# --- how sure: the cues around an intent's words ----------------------------------------------


def asks(text: Text, sentence: Sentence, clause: Clause) -> bool:
    """The clause asks a question (its words or its mark), rather than asking for an action."""
    if request(text, sentence):
        return False
    opener = opens(text, clause.start, clause.end, "question_openers")
    unspaced = PATTERNS.unspaced("question_openers").search(text.low, clause.start, clause.end)
    is_last = clause == sentence.clauses[-1]
    return opener or unspaced is not None or (sentence.question and is_last)


def request(text: Text, sentence: Sentence) -> bool:
    """The sentence asks for an action: "Can we move this ...?", "...できますか"."""
    said = sentence.said
    if not said:
        return False
    unspaced = PATTERNS.unspaced("requests").search(text.low, said[0].start, sentence.end)
    return unspaced is not None or opens(text, said[0].start, sentence.end, "requests")
