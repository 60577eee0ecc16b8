"""The mail corpora written outside the team, by name (../shared/corpora/README.md says where
each comes from): the tests parametrize over their files at collection, and take them as
fixtures (tests/conftest.py) in a test's body.

They sit beside the repository (`../shared/corpora`); a worktree one level deeper finds them at
the workplace's shared folder. Where they are missing, the tests that count their files fail
rather than pass over nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_BESIDE_THE_REPO = ROOT.parent / "shared" / "corpora"
CORPORA = _BESIDE_THE_REPO if _BESIDE_THE_REPO.is_dir() else Path("/work/shared/corpora")


@dataclass(frozen=True)
class Corpus:
    name: str  # its folder under the corpora

    @property
    def path(self) -> Path:
        return CORPORA / self.name

    def files(self, pattern: str = "**/*") -> list[Path]:
        """Its files matching `pattern`, sorted (the license and readme are not mail)."""
        return sorted(
            p
            for p in self.path.glob(pattern)
            if p.is_file() and p.name not in {"LICENSE", "README.md"}
        )


# 630 machine-generated messages (bounces, DSNs, ARF, auto-replies; `auto/`) and 2 human ones
# (`human/`), from sisimai
BOUNCES = Corpus("bounces")
# discourse's email_reply_trimmer: `emails/NAME`, and what should be left of it, `trimmed/NAME`
REPLY_TRIMMING = Corpus("reply-trimming")
# 116 natural replies in eight languages, one a line of `cases.tsv` (lang, intent, argument, text)
NATURAL_REPLIES = Corpus("replies-natural")
EVERY_CORPUS = Corpus("")  # all of them
