"""The imports of the package point one way: `lint-imports` (import-linter) keeps every contract
in pyproject.toml's `[tool.importlinter]` (docs/development.md, "Layers")."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_every_import_contract_is_kept() -> None:
    result = lint_imports()
    assert result.returncode == 0, result.stdout + result.stderr
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    report = " ".join(result.stdout.split())  # contract names are wrapped at 80 columns
    for contract in contracts["contracts"]:
        assert re.search(re.escape(contract["name"]) + r" ?KEPT", report), contract["name"]


def test_a_broken_contract_fails(tmp_path: Path) -> None:
    """The check is live: an import the contracts forbid fails it, and names the import."""
    config = tmp_path / "contracts.toml"
    config.write_text(
        '[tool.importlinter]\nroot_packages = ["mutualplan"]\n'
        "[[tool.importlinter.contracts]]\n"
        'name = "workflows without models"\ntype = "forbidden"\n'
        'source_modules = ["mutualplan.workflows.plan"]\n'
        'forbidden_modules = ["mutualplan.models"]\n'
    )
    result = lint_imports(str(config))
    assert result.returncode == 1
    assert "mutualplan.workflows.plan -> mutualplan.models" in result.stdout
