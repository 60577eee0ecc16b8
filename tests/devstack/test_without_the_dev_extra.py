"""A production install (`pip install mutualplan`, no `dev` extra) has no embedded servers:
`mutualplan dev` says how to get them, in one line, and never shows a traceback."""

from __future__ import annotations

import subprocess
import sys

# `import aiosmtpd` then fails as it does where the package is not installed
WITHOUT_AIOSMTPD = """
import sys
sys.modules["aiosmtpd"] = None
sys.argv = ["mutualplan", "dev"]
from mutualplan.cli import main
main()
"""


def test_mutualplan_dev_without_the_dev_extra_says_what_to_install() -> None:
    done = subprocess.run(
        [sys.executable, "-c", WITHOUT_AIOSMTPD], capture_output=True, text=True, timeout=60
    )
    assert done.returncode != 0
    assert "the dev stack is not installed (aiosmtpd" in done.stderr
    assert "pip install 'mutualplan[dev]'" in done.stderr
    assert "Traceback" not in done.stderr
