"""A step handed to someone else ("tom@globex.example will take this", "Tom is the new owner,
cc'ing him"), and who."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from mutualplan.mail.addresses import WRITTEN_ADDRESS
from mutualplan.mail.commands import named
from mutualplan.mail.lexicon import PATTERNS
from mutualplan.mail.natural.asking import asked_certainty
from mutualplan.mail.natural.findings import Certainty, Finding, as_written, capped
from mutualplan.mail.natural.whose_date import another_topic, names_another
from mutualplan.mail.sentences import (
    Clause,
    Sentence,
    Text,
    clause_at,
    cue,
    names_the_step,
    search,
)
from mutualplan.models import Intent


def read_reassign(text: Text, sentence: Sentence) -> Finding | None:
    match = search(text, "reassign", sentence.start, sentence.end) or _hands_the_step(
        text, sentence
    )
    suggested = match is None  # "Priya is the right person for this": asked, never applied
    if suggested:
        match = search(text, "suggests_owner", sentence.start, sentence.end)
    if match is None:
        return None
    addresses = (
        [
            (m.start(), m.group())
            for m in WRITTEN_ADDRESS.finditer(text.low, sentence.start, sentence.end)
        ]
        or _named_and_copied(text, clause_at(sentence, match.start()))
        or _card_below(text, sentence)
    )
    if not addresses:
        return None
    negated = PATTERNS.of_language("negations", text.language).search(
        text.low, match.start(), match.end()
    )  # not "I'm not the right person": that names another
    if _TO_ME.match(text.low, match.end()) or (negated and not suggested):
        return None  # "send the reminders to me and cc raj@", "NICHT an tom@ schicken"
    clause = clause_at(sentence, match.start())
    found = Finding(Intent.REASSIGN, Certainty.CERTAIN, match.start(), as_written(text, sentence))
    if suggested:
        conditions = PATTERNS.of_language("conditions", text.language)
        if conditions.search(text.low, sentence.start, match.start()):
            return None  # "if you have questions about the invoice, contact billing@": a contact
        if not not_mine(text, match.start()):  # "It's no longer mine. Please contact sam@"
            found = capped(found, Certainty.PROBABLE)
    if cue(text, "stand_in", sentence.start, sentence.end, besides=match.span()) and not cue(
        text, "for_good", sentence.start, sentence.end, besides=match.span()
    ):
        return capped(found, Certainty.NONE)  # "out of office, tom@ will handle it": a stand-in
    if cue(text, "keeps_owner", sentence.start, sentence.end, besides=match.span()):
        return capped(found, Certainty.NONE)  # "passing this to tom@ for a second opinion"
    purpose = PATTERNS.of_language("purpose", text.language).search(
        text.low, match.end(), sentence.end
    )
    if purpose and not names_the_step(text, purpose.end(), purpose.end() + _PURPOSE_REACH):
        found = capped(found, Certainty.PROBABLE)  # "handing this to tom@ for the rollout": ask
    first_word = text.low.find(" ", match.start(), match.end())
    named_from = first_word if first_word > 0 else match.end()
    if names_another(text, named_from, clause.end) or another_topic(
        text, clause.start, match.start()
    ):
        found = capped(found, Certainty.PROBABLE)  # "Raj takes over the contract step": which?
    copy = search(text, "copies", sentence.start, sentence.end)
    if copy is not None and not _copies_the_owner(text, sentence, copy):
        found = capped(found, Certainty.PROBABLE)  # "handing this to tom@, cc'ing legal": whose?
    distinct = list(dict.fromkeys(a for _, a in addresses))
    after = [(at, a) for at, a in addresses if at >= match.end()]
    if len(distinct) == 1 or after:
        at, address = after[0] if after else addresses[0]
        found = replace(found, argument=_with_name(text, sentence, at, address))
    else:
        found = capped(
            replace(found, options=tuple(distinct)), Certainty.PROBABLE, "which of the addresses?"
        )
    answer_at = after[0][0] if after else None
    return asked_certainty(text, sentence, clause, match, found, answer_at=answer_at)


# the writer themselves after "to": the step stays theirs
_TO_ME = re.compile(r"\s*(?:me|myself|mich|mir|moi|mí|mi|mij|mim|me stess[oa])\b")


def _hands_the_step(text: Text, sentence: Sentence) -> re.Match[str] | None:
    """A verb that hands over, the step as its object, and "to": "I'm handing the security
    review to", "Je confie la revue de sécurité à", "Ik draag de security review over aan"."""
    verbs = PATTERNS.of_language("hands", text.language)
    to = PATTERNS.of_language("hands_to", text.language)
    small = PATTERNS.of_language("articles", text.language)
    this_step = PATTERNS.of_language("this_step", text.language)
    for verb in verbs.finditer(text.low, sentence.start, sentence.end):
        reach = min(sentence.end, verb.end() + _OBJECT_REACH)
        for end in to.finditer(text.low, verb.end(), reach):
            words = re.findall(r"[^\W\d_]+", text.low[verb.end() : end.start()])
            named = [w for w in words if w in text.step_words]
            rest = [w for w in words if w not in text.step_words]
            named_so = named and all(len(w) <= _SMALL_WORD or small.fullmatch(w) for w in rest)
            if named_so or this_step.fullmatch(" ".join(words)):
                return re.compile(re.escape(text.low[verb.start() : end.end()])).match(
                    text.low, verb.start()
                )
    return None


_OBJECT_REACH = 60  # characters: "the security review and questionnaire" before "to"
_SMALL_WORD = 3  # letters: the "de" of "la revue de sécurité", the "of" of a title


def _with_name(text: Text, sentence: Sentence, at: int, address: str) -> str:
    """The address with the name written just before it, as in a header ("Jörg Müller
    <joerg@globex.example>", "Raj Patel (raj@globex.example)"): the plan keeps both, as
    "new owner: Name <address>" does; the address alone when no name stands there."""
    written = text.low.startswith(address, at)  # not a name matched to the copied people
    opening = _OPENING.search(text.original, sentence.start, at)
    if not written or opening is None or not _CLOSING.match(text.original, at + len(address)):
        return address
    words = text.original[sentence.start : opening.start()].split()
    name: list[str] = []
    for word in reversed(words[-_NAME_WORDS:]):
        if not _a_name(word):
            break
        name.insert(0, word)
    return named(" ".join(name), address)


def _a_name(word: str) -> bool:
    """A word of a name: a capital, then letters ("Müller", "O'Neil", "Anne-Marie"), or an
    initial ("Q.")."""
    letters = word[:-1] if len(word) == 2 and word.endswith(".") else word
    return letters[:1].isupper() and all(c.isalpha() or c in "'\u2019-" for c in letters)


_NAME_WORDS = 4  # "Maria José da Silva"
_OPENING = re.compile(r"[<(\uff08]\s*\Z")
_CLOSING = re.compile(r"\s*[>)\uff09]")


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


def _card_below(text: Text, sentence: Sentence) -> list[tuple[int, str]]:
    """An address alone right after the handover, or a handover that ends with a colon and the
    new owner's card below it ("Handing this one over, they own it from now on:\n\nSam Okafor\n
    Head of Information Security\nsam.okafor@globex.example"): the one address that follows."""
    below = text.low[sentence.end : sentence.end + _CARD]
    alone = _ADDRESS_ALONE.match(below) or _ADDRESS_GIVEN.match(below)
    if alone:  # "..., wil je het aan haar toewijzen? sanne.bakker@globex.example"
        return [(sentence.end + alone.start(1), alone.group(1))]
    if not text.low[sentence.start : sentence.end].rstrip().endswith((":", "\uff1a")):
        return []
    found = {m.group(): sentence.end + m.start() for m in WRITTEN_ADDRESS.finditer(below)}
    return [(at, address) for address, at in found.items()] if len(found) == 1 else []


_CARD = 300  # characters: a name, a title, a company, an address, a phone number
# an address alone right after the sentence, to the end of its line
_ADDRESS_ALONE = re.compile(
    rf"[ \t]*<?({WRITTEN_ADDRESS.pattern})>?[ \t.]*(?:です|になります)?[。.]?[ \t]*(?:\n|$)"
)
# ... or the next sentence, which gives theirs: "Her address is ...", "O e-mail dele é ...",
# "Haar adres is ...", "Son adresse : ..." (not "Her assistant's email is", nor "My address")
_ADDRESS_GIVEN = re.compile(
    r"\s{0,3}(?:(?:his|her|their) (?:e-?mail(?: address)?|address)|(?:seine|ihre) "
    r"(?:e-?mail(?:-?adresse)?|adresse)|son (?:adresse(?: e-?mail)?|e-?mail|mail|courriel)|su "
    r"(?:correo|direcci[oó]n|e-?mail)|(?:zijn|haar) (?:e-?mail(?:adres)?|adres)|o e-?mail "
    r"(?:dele|dela)|o endere[cç]o (?:dele|dela)|(?:il )?suo (?:indirizzo|e-?mail)|la sua "
    rf"(?:e-?mail|mail))\b[^.!?\n@]{{0,20}}?<?({WRITTEN_ADDRESS.pattern})>?"
    r"[ \t]*[.!]?[ \t]*(?:\n|$)",
    re.IGNORECASE,
)


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


_PURPOSE_REACH = 30  # characters after "for": "pour la revue de sécurité"


def not_mine(text: Text, end: int) -> bool:
    """The reply says, before `end`, that the step is no longer the writer's."""
    return PATTERNS.of_language("not_mine", text.language).search(text.low, 0, end) is not None
