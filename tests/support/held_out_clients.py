"""The held-out set of replies as mail clients write them (tests/fixtures/clients/): raw MIME from
Outlook (desktop, web, mobile), Gmail, Apple Mail and iPhone, Thunderbird, Yahoo, Proton, Samsung,
Superhuman, HEY, Front, Zimbra and Lotus Notes, in the eight languages, each with the fresh text
and the command a person reads in it (`cases.yaml`).

`python -m tests.support.held_out_clients` prints the score: the share trimmed right (the fresh
text exactly) and the share whose command is read right.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from mutualplan.mail.reading import Reply, read_reply
from tests.support.natural_cases import Case, judge

CLIENTS = Path(__file__).resolve().parents[1] / "fixtures" / "clients"
# the second set, by another helper who read nothing of ours: 80 replies from 45 other client
# shapes (GMX, Orange, UOL, HCL Notes, Becky!, carrier mail, Lark, ...), signatures under the name
CLIENTS_2 = CLIENTS.with_name("clients-2")
# the third, by a third helper: 80 replies from clients none of the others used (Mailbird, The Bat!,
# Claws, Evolution, K-9, Aqua Mail, BlackBerry Hub, Windows Mail, Alpine, Gnus, Sylpheed, Active!
# mail, AL-Mail32, ...), Japanese in ISO-2022-JP, lines wrapped by the program
CLIENTS_3 = CLIENTS.with_name("clients-3")


@dataclass(frozen=True)
class ClientCase:
    folder: Path
    file: str
    client: str
    lang: str
    intent: str
    argument: str
    fresh: str

    def read(self) -> Reply:
        return read_reply((self.folder / self.file).read_bytes())

    def judged(self, reply: Reply) -> str:
        """'right', 'unread' or 'wrong', as `natural_cases.judge` says."""
        return judge(Case(self.lang, self.intent, self.argument, self.fresh), reply)

    def command_right(self, reply: Reply) -> bool:
        return self.judged(reply) == "right"


def load(folder: Path = CLIENTS) -> list[ClientCase]:
    rows = yaml.safe_load((folder / "cases.yaml").read_text(encoding="utf-8"))
    return [
        ClientCase(
            folder,
            **{
                **row,
                "fresh": row["fresh"].strip("\n"),
                # an argument copied from a wrapped line is compared as the words it is
                "argument": " ".join((row["argument"] or "").split()),
            },
        )
        for row in rows
    ]


def main() -> None:
    import sys

    cases = load(Path(sys.argv[1]) if len(sys.argv) > 1 else CLIENTS)
    trimmed = commands = 0
    for case in cases:
        reply = case.read()
        trimmed += reply.text == case.fresh
        commands += case.command_right(reply)
        if reply.text != case.fresh or not case.command_right(reply):
            print(f"{case.file}: {reply.intent.value} {reply.argument!r}\n  got  {reply.text!r}")
            print(f"  want {case.fresh!r}")
    total = len(cases)
    print(
        f"trimmed right {trimmed}/{total} ({trimmed / total:.1%}); "
        f"commands right {commands}/{total} ({commands / total:.1%})"
    )


if __name__ == "__main__":
    main()
