"""The package the benchmark measures: as committed at a revision, copied out of git.

Others edit the working tree while a run lasts, and a sandboxed workflow re-imports its module
from disk at every new instance: a run measures the package as committed at HEAD, copied to a
temporary folder (`--code REV` another commit, for an A/B in the same hour: the same bench, two
versions of the engine; `--working-tree` the working tree). Taken in `bench.__main__.main`
before anything imports `mutualplan`, and put first on `sys.path`, so this process and the
worker process it starts both run the copy.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Snapshot:
    path: Path | None  # the copy's folder (it holds `mutualplan/`); None: the working tree
    version: str  # as the report names it: "commit 1a2b3c4" or "working tree"

    def use(self) -> None:
        """`mutualplan` is imported from the copy from now on, in this process."""
        if self.path is not None:
            sys.path.insert(0, str(self.path))

    def remove(self) -> None:
        if self.path is not None:
            shutil.rmtree(self.path, ignore_errors=True)


def take_snapshot(revision: str | None) -> Snapshot:
    """The package as committed at `revision` (HEAD if None) in a temporary folder."""
    head = subprocess.run(
        ["git", "rev-parse", "--short", revision or "HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    archive = subprocess.run(
        ["git", "archive", "--format=tar", head, "mutualplan"], cwd=ROOT, capture_output=True,
        check=True,
    ).stdout  # fmt: skip
    target = Path(tempfile.mkdtemp(prefix="mutualplan-bench-code-"))
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return Snapshot(target, f"commit {head}")


WORKING_TREE = Snapshot(None, "working tree")
