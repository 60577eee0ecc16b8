"""Natural-reply cases (lang, intent, argument, text) as emails, and how `read_reply` reads them.

A case becomes an email as ../shared/corpora/replies-natural/README.md says: From Jane Doe, the
"Your turn" subject, Date Tue 01 Dec 2026 09:14 -0800, the text in quoted-printable UTF-8 above
the quote header a mail client writes in the case's language and a quoted line saying "done".
"""

from __future__ import annotations

import csv
import quopri
from dataclasses import dataclass, field
from email.utils import parseaddr
from pathlib import Path

from mutualplan.mail.reading import Reply, read_reply
from mutualplan.models import Intent

ROOT = Path(__file__).resolve().parents[2]
HELD_OUT = ROOT / "tests" / "fixtures" / "replies-natural-heldout.tsv"
HELD_OUT_2 = ROOT / "tests" / "fixtures" / "replies-natural-heldout-2.tsv"
HELD_OUT_3 = ROOT / "tests" / "fixtures" / "replies-natural-heldout-3.tsv"
HELD_OUT_4 = ROOT / "tests" / "fixtures" / "replies-natural-heldout-4.tsv"
HELD_OUT_5 = ROOT / "tests" / "fixtures" / "replies-natural-heldout-5.tsv"
HELD_OUT_6 = ROOT / "tests" / "fixtures" / "replies-natural-heldout-6.tsv"
HELD_OUT_7 = ROOT / "tests" / "fixtures" / "replies-natural-heldout-7.tsv"
HELD_OUT_8 = ROOT / "tests" / "fixtures" / "replies-natural-heldout-8.tsv"
HELD_OUT_9 = ROOT / "tests" / "fixtures" / "replies-natural-heldout-9.tsv"
HELD_OUT_10 = ROOT / "tests" / "fixtures" / "replies-natural-heldout-10.tsv"
HELD_OUT_11 = ROOT / "tests" / "fixtures" / "replies-natural-heldout-11.tsv"
HELD_OUT_12 = ROOT / "tests" / "fixtures" / "replies-natural-heldout-12.tsv"
HELD_OUT_13 = ROOT / "tests" / "fixtures" / "replies-natural-heldout-13.tsv"
HELD_OUT_14 = ROOT / "tests" / "fixtures" / "replies-natural-heldout-14.tsv"
HELD_OUT_15 = ROOT / "tests" / "fixtures" / "replies-natural-heldout-15.tsv"
HELD_OUT_16 = ROOT / "tests" / "fixtures" / "replies-natural-heldout-16.tsv"
HELD_OUT_17 = ROOT / "tests" / "fixtures" / "replies-natural-heldout-17.tsv"
HELD_OUT_18 = ROOT / "tests" / "fixtures" / "replies-natural-heldout-18.tsv"
HELD_OUT_19 = ROOT / "tests" / "fixtures" / "replies-natural-heldout-19.tsv"
HELD_OUT_20 = ROOT / "tests" / "fixtures" / "replies-natural-heldout-20.tsv"
HELD_OUT_21 = ROOT / "tests" / "fixtures" / "replies-natural-heldout-21.tsv"
HELD_OUT_22 = ROOT / "tests" / "fixtures" / "replies-natural-heldout-22.tsv"
HELD_OUT_23 = ROOT / "tests" / "fixtures" / "replies-natural-heldout-23.tsv"
HELD_OUT_24 = ROOT / "tests" / "fixtures" / "replies-natural-heldout-24.tsv"
HELD_OUT_25 = ROOT / "tests" / "fixtures" / "replies-natural-heldout-25.tsv"
HELD_OUT_26 = ROOT / "tests" / "fixtures" / "replies-natural-heldout-26.tsv"
HELD_OUT_27 = ROOT / "tests" / "fixtures" / "replies-natural-heldout-27.tsv"
HELD_OUT_28 = ROOT / "tests" / "fixtures" / "replies-natural-heldout-28.tsv"
HELD_OUT_29 = ROOT / "tests" / "fixtures" / "replies-natural-heldout-29.tsv"
TRAPS = ROOT / "tests" / "fixtures" / "replies-traps.tsv"
TRAPS_2 = ROOT / "tests" / "fixtures" / "replies-traps-2.tsv"
TRAPS_3 = ROOT / "tests" / "fixtures" / "replies-traps-3.tsv"
TRAPS_4 = ROOT / "tests" / "fixtures" / "replies-traps-4.tsv"
TRAPS_5 = ROOT / "tests" / "fixtures" / "replies-traps-5.tsv"
TRAPS_6 = ROOT / "tests" / "fixtures" / "replies-traps-6.tsv"
TRAPS_7 = ROOT / "tests" / "fixtures" / "replies-traps-7.tsv"
TRAPS_8 = ROOT / "tests" / "fixtures" / "replies-traps-8.tsv"
TRAPS_9 = ROOT / "tests" / "fixtures" / "replies-traps-9.tsv"
TRAPS_10 = ROOT / "tests" / "fixtures" / "replies-traps-10.tsv"
TRAPS_11 = ROOT / "tests" / "fixtures" / "replies-traps-11.tsv"
TRAPS_12 = ROOT / "tests" / "fixtures" / "replies-traps-12.tsv"
TRAPS_13 = ROOT / "tests" / "fixtures" / "replies-traps-13.tsv"
TRAPS_14 = ROOT / "tests" / "fixtures" / "replies-traps-14.tsv"
TRAPS_15 = ROOT / "tests" / "fixtures" / "replies-traps-15.tsv"
TRAPS_16 = ROOT / "tests" / "fixtures" / "replies-traps-16.tsv"
TRAPS_17 = ROOT / "tests" / "fixtures" / "replies-traps-17.tsv"
TRAPS_18 = ROOT / "tests" / "fixtures" / "replies-traps-18.tsv"
TRAPS_19 = ROOT / "tests" / "fixtures" / "replies-traps-19.tsv"
TRAPS_20 = ROOT / "tests" / "fixtures" / "replies-traps-20.tsv"
TRAPS_21 = ROOT / "tests" / "fixtures" / "replies-traps-21.tsv"
TRAPS_22 = ROOT / "tests" / "fixtures" / "replies-traps-22.tsv"
TRAPS_23 = ROOT / "tests" / "fixtures" / "replies-traps-23.tsv"
ACTIONS = {Intent.DONE, Intent.BLOCKED, Intent.RESCHEDULE, Intent.REASSIGN, Intent.NOTE}
PLANS = "Acme Deals <plans@deals.acme.example>"
QUOTE_HEADERS = {
    "en": f"On Tue, Dec 1, 2026 at 8:02\u202fAM {PLANS} wrote:",
    "de": f"Am Di., 1. Dez. 2026 um 08:02 Uhr schrieb {PLANS}:",
    "fr": f"Le mar. 1 d\u00e9c. 2026 \u00e0 08:02, {PLANS} a \u00e9crit :",
    "es": f"El mar, 1 dic 2026 a las 8:02, {PLANS} escribi\u00f3:",
    "nl": f"Op di 1 dec 2026 om 08:02 schreef {PLANS}:",
    "pt": f"Em ter., 1 de dez. de 2026 \u00e0s 08:02, {PLANS} escreveu:",
    "it": f"Il giorno mar 1 dic 2026 alle ore 08:02 {PLANS} ha scritto:",
    "ja": f"2026\u5e7412\u67081\u65e5(\u706b) 8:02 {PLANS}:",
}
QUOTED = '> Reply "done" when it is complete.'


@dataclass(frozen=True)
class Case:
    lang: str
    intent: str
    argument: str
    text: str

    @property
    def id(self) -> str:
        return f"{self.lang}:{self.text}"


@dataclass
class Score:
    right: list[Case] = field(default_factory=list)
    unread: list[tuple[Case, Reply]] = field(default_factory=list)  # not acted on, but should be
    wrong: list[tuple[Case, Reply]] = field(default_factory=list)  # acted on wrongly
    languages_right: int = 0

    @property
    def total(self) -> int:
        return len(self.right) + len(self.unread) + len(self.wrong)

    @property
    def share(self) -> float:
        return len(self.right) / self.total

    def report(self, name: str) -> str:
        lines = [
            f"{name}: {len(self.right)}/{self.total} read right ({self.share:.1%}), "
            f"{len(self.wrong)} wrong actions, language right in {self.languages_right}/"
            f"{self.total}"
        ]
        for case, reply in self.wrong:
            lines.append(f"  WRONG {case.id!r}: {reply.intent.value} {reply.argument!r}")
        for case, reply in self.unread:
            u = reply.understanding
            lines.append(
                f"  unread {case.id!r} ({case.intent}): {u.intent.value} {u.certainty.value} "
                f"{u.argument!r} {u.doubts}"
            )
        return "\n".join(lines)


def load(path: Path) -> list[Case]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return [Case(r["lang"], r["intent"], r["argument"], r["text"]) for r in rows]


def email(case: Case) -> bytes:
    body = f"{case.text}\n\n{QUOTE_HEADERS[case.lang]}\n\n{QUOTED}\n"
    encoded = quopri.encodestring(body.replace("\n", "\r\n").encode("utf-8")).decode("ascii")
    return (
        "From: Jane Doe <jane.doe@globex.example>\r\n"
        "To: plans+ms-1@deals.acme.example\r\n"
        "Subject: Re: [Globex rollout] Your turn: Security review complete (due 2026-12-04)\r\n"
        "Date: Tue, 01 Dec 2026 09:14:00 -0800\r\n"
        "Message-ID: <natural@globex.example>\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n\r\n" + encoded
    ).encode("ascii")


def judge(case: Case, reply: Reply) -> str:
    """'right', 'unread' (not acted on, though it should be) or 'wrong' (acted on wrongly)."""
    acted = reply.intent in ACTIONS
    if case.intent == "-":
        return "wrong" if acted else "right"
    expected = Intent(case.intent)
    if reply.intent is expected and _argument_right(case, reply):
        return "right"
    return "wrong" if acted else "unread"


def _argument_right(case: Case, reply: Reply) -> bool:
    if case.intent == "reassign":  # the name may come with it: "Raj <raj@globex.example>"
        return parseaddr(reply.argument)[1] == case.argument
    if case.intent == "reschedule":
        return reply.argument == case.argument
    if case.intent == "note":
        return case.argument in reply.argument
    return True


def score(cases: list[Case]) -> Score:
    result = Score()
    for case in cases:
        reply = read_reply(email(case))
        verdict = judge(case, reply)
        if verdict == "right":
            result.right.append(case)
        else:
            getattr(result, verdict).append((case, reply))
        result.languages_right += reply.language == case.lang
    return result
