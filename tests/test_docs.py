"""The documentation site builds without a warning (a broken link, a page missing from the nav,
a setting without a description), and the README stays a front page."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from mutualplan.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def test_the_docs_site_builds_strictly(tmp_path: Path) -> None:
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert built.returncode == 0, built.stderr
    configuration = (tmp_path / "configuration" / "index.html").read_text()
    assert "MUTUALPLAN_SMTP_HOST" in configuration, "the settings table is generated"


def test_every_setting_says_what_it_is() -> None:
    undocumented = [n for n, f in Settings.model_fields.items() if not f.description]
    assert not undocumented, f"settings without a description: {undocumented}"


def test_the_readme_is_a_front_page() -> None:
    assert len((ROOT / "README.md").read_text().splitlines()) < 250
