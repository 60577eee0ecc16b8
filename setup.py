"""The one build step pyproject.toml cannot say: compile the gettext catalogs (messages.po ->
messages.mo) with Babel, into the wheel, or beside the sources for an editable install."""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from setuptools import setup
from setuptools.command.build_py import build_py

LOCALE = Path("mutualplan") / "locale"


class BuildWithCatalogs(build_py):
    def run(self) -> None:
        super().run()
        out = LOCALE if self.editable_mode else Path(self.build_lib) / LOCALE
        for po in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
            mo = out / po.relative_to(LOCALE).with_suffix(".mo")
            mo.parent.mkdir(parents=True, exist_ok=True)
            with po.open("rb") as file:
                catalog = read_po(file, locale=po.parent.parent.name)
            buffer = io.BytesIO()
            write_mo(buffer, catalog, use_fuzzy=False)
            mo.write_bytes(buffer.getvalue())


setup(cmdclass={"build_py": BuildWithCatalogs})
