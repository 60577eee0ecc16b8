"""Keep the gettext catalogs in step with the sources, with Babel.

    python -m mutualplan.catalogs update    extract the messages (babel.cfg: Python and Jinja)
                                            into mutualplan/locale/messages.pot, and merge
                                            them into every language's messages.po
    python -m mutualplan.catalogs compile   messages.po -> messages.mo (setup.py does this when
                                            the package is built, the test suite before it runs)
    python -m mutualplan.catalogs check     list what is stale or untranslated; exit 1 if any

Run from the repository root. New English text in a template or a `phrase()` needs `update`,
then its translation written in each messages.po (an entry with an empty msgstr or marked
`#, fuzzy` is not yet translated).
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from mutualplan.languages import DOMAIN, ENGLISH, SHIPPED, compiled, placeholders

UPDATE_COMMAND = "python -m mutualplan.catalogs update"
# the functions whose first string argument(s) are catalog messages, in Python and in Jinja
KEYWORDS = {
    "phrase": None,
    "plural_phrase": (1, 2),
    "gettext": None,
    "ngettext": (1, 2),
    "_": None,
}
_WRITE = {"width": 100, "include_lineno": False, "sort_by_file": True}


def extract(root: Path) -> Catalog:
    """Every message in the sources under `root`, as babel.cfg maps them."""
    with (root / "babel.cfg").open(encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)  # type: ignore[no-untyped-call]
    catalog = Catalog(project="mutualplan", domain=DOMAIN, charset="utf-8")
    found = extract_from_dir(
        root, method_map, options_map, keywords=KEYWORDS, comment_tags=("Translators:",)
    )
    for filename, lineno, message, comments, context in found:
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def update(root: Path) -> list[Path]:
    """Write messages.pot and merge it into each language's messages.po; the files written."""
    locale = root / "mutualplan" / "locale"
    template = extract(root)
    written = [_write(locale / f"{DOMAIN}.pot", template)]
    for code in SHIPPED:
        if code == ENGLISH:
            continue
        po = _po(locale, code)
        catalog = read(po, code) if po.is_file() else Catalog(locale=code, domain=DOMAIN)
        catalog.update(template, update_header_comment=False)
        catalog.obsolete.clear()  # a message gone from the sources is gone: git keeps it
        written.append(_write(po, catalog))
    return written


def compile_catalogs(locale: Path, out: Path | None = None) -> list[Path]:
    """messages.mo beside (or, with `out`, in the same layout under) each messages.po."""
    written = []
    for po in sorted(locale.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        code = po.parent.parent.name
        mo = (out or locale) / code / "LC_MESSAGES" / f"{DOMAIN}.mo"
        mo.parent.mkdir(parents=True, exist_ok=True)
        mo.write_bytes(compiled(po, code))
        written.append(mo)
    return written


def stale(root: Path) -> list[str]:
    """Messages in the sources that the catalog template lacks, or that it has and the sources
    no longer do: `update` has not been run since they changed."""
    current = {_key(m.id) for m in extract(root) if m.id}
    pot = read(root / "mutualplan" / "locale" / f"{DOMAIN}.pot", None)
    kept = {_key(m.id) for m in pot if m.id}
    return [f"new: {k!r}" for k in sorted(current - kept)] + [
        f"gone: {k!r}" for k in sorted(kept - current)
    ]


def untranslated(po: Path, code: str) -> list[str]:
    """The messages of a catalog with no translation, a fuzzy one, or one that lost a {slot}
    (or doubled its braces, which shows the slot's name rather than its value)."""
    problems = []
    for message in read(po, code):
        if not message.id:
            continue
        forms = _forms(message.string)
        ids = _forms(message.id)
        if message.fuzzy or not all(forms):
            problems.append(f"{code}: untranslated: {ids[0]!r}")
        elif any(placeholders(f) != placeholders(ids[-1]) for f in forms):
            problems.append(f"{code}: a {{slot}} differs: {ids[0]!r}")
        elif any(f.count("{{") != ids[-1].count("{{") for f in forms):
            problems.append(
                f"{code}: a {{slot}} is written {{{{slot}}}}, which shows braces: {ids[0]!r}"
            )
    return problems


def _forms(value: object) -> tuple[str, ...]:
    """A message's id or string as its forms (one, or singular and plurals)."""
    if isinstance(value, tuple | list):
        return tuple(str(form or "") for form in value)
    return (str(value or ""),)


def read(path: Path, code: str | None) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=code, domain=DOMAIN)


def _key(message_id: str | tuple[str, ...] | Iterable[str]) -> str:
    return message_id if isinstance(message_id, str) else "\x00".join(message_id)


def _po(locale: Path, code: str) -> Path:
    return locale / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def _write(path: Path, catalog: Catalog) -> Path:
    buffer = io.BytesIO()
    write_po(buffer, catalog, **_WRITE)  # type: ignore[arg-type]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_without_dates(buffer.getvalue()))
    return path


def _without_dates(po: bytes) -> bytes:
    """The header without its creation and revision dates: they would change on every run."""
    lines = po.split(b"\n")
    dated = (b'"POT-Creation-Date:', b'"PO-Revision-Date:')
    return b"\n".join(line for line in lines if not line.startswith(dated))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mutualplan.catalogs", description=__doc__)
    parser.add_argument("action", choices=["update", "compile", "check"])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the repository root")
    args = parser.parse_args(argv)
    root: Path = args.root
    locale = root / "mutualplan" / "locale"
    if args.action == "update":
        for path in update(root):
            print(path.relative_to(root))
        return 0
    if args.action == "compile":
        for path in compile_catalogs(locale):
            print(path.relative_to(root))
        return 0
    problems = stale(root) + [
        problem
        for code in SHIPPED
        if code != ENGLISH
        for problem in untranslated(_po(locale, code), code)
    ]
    print("\n".join(problems) or "catalogs complete and up to date")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
