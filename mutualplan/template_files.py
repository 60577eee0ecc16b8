"""Template files: read and checked with the line and column of each error, and the library of
templates sellers start plans from (the operator's directories over the built-in ones).

The library looks at its directories again at every look-up and parses each file once per
version (its modification time and size), so a changed or new file takes effect for the next
plan without a restart, and a broken file is reported by name while the others keep working.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field, ValidationError

from mutualplan.errors import BrokenTemplate, UnknownTemplate
from mutualplan.header_text import one_line
from mutualplan.plan_templates import SLUG, PlanTemplate
from mutualplan.roles import ROLES

SUFFIXES = (".yaml", ".yml")
SCHEMA_HEADER = "# yaml-language-server: $schema={url}"


class TemplateProblem(BaseModel):
    """One error in a template file; line and column count from 1 (None: the whole file)."""

    line: int | None = None
    column: int | None = None
    message: str

    def at(self, path: Path) -> str:
        where = f":{self.line}:{self.column}" if self.line is not None else ""
        return f"{path}{where}: {self.message}"


class TemplateFile(BaseModel):
    """A template file as read: its template, or what is wrong with it."""

    path: Path
    name: str = Field(description="the file's name without .yaml: the template's name")
    builtin: bool = False
    template: PlanTemplate | None = None
    problems: list[TemplateProblem] = Field(default_factory=list)
    aliases: list[str] = Field(
        default_factory=list, description="the template's aliases that start it (not taken)"
    )
    warnings: list[str] = Field(default_factory=list, description="usable, but look at this")

    @property
    def errors(self) -> list[str]:
        return [p.at(self.path) for p in self.problems]


def default_template_dir() -> Path:
    return Path(str(files("mutualplan") / "templates" / "plans"))


def read_template_file(path: Path, *, builtin: bool = False) -> TemplateFile:
    """The template in `path`, checked: its name must be the file's name."""
    try:
        stat = path.stat()
    except OSError as exc:
        problem = TemplateProblem(message=f"cannot read it: {exc.strerror}")
        return TemplateFile(path=path, name=_stem(path), problems=[problem])
    return _read_version(path, stat.st_mtime_ns, stat.st_size, builtin)


@functools.lru_cache(maxsize=256)
def _read_version(path: Path, _mtime_ns: int, _size: int, builtin: bool) -> TemplateFile:
    """Parsed once per version of the file: every start email looks its template up."""
    name = _stem(path)
    read = TemplateFile(path=path, name=name, builtin=builtin)
    if not SLUG.fullmatch(name):
        message = f"{path.name}: a template's file name is lowercase letters, digits and dashes"
        return read.model_copy(update={"problems": [TemplateProblem(message=message)]})
    try:
        node, data = _parse(path.read_text("utf-8"))
    except OSError as exc:
        problems = [TemplateProblem(message=f"cannot read it: {exc.strerror}")]
    except UnicodeDecodeError:
        problems = [TemplateProblem(message="it is not UTF-8 text")]
    except yaml.MarkedYAMLError as exc:
        problems = [_yaml_problem(exc)]
    else:
        template, problems = _validated(node, data, name)
        read.template = template
    return read.model_copy(update={"problems": problems})


def _validated(
    node: yaml.Node | None, data: Any, name: str
) -> tuple[PlanTemplate | None, list[TemplateProblem]]:
    if not isinstance(data, dict):
        message = "a template is a mapping of fields: name, title, milestones..."
        return None, [TemplateProblem(line=1, column=1, message=message)]
    try:
        template = PlanTemplate.model_validate(data)
    except ValidationError as exc:
        return None, _validation_problems(node, exc)
    if template.name != name:
        line, column = _position(node, ("name",))
        message = f"the file is {name}.yaml, but the template calls itself {template.name!r}"
        return None, [TemplateProblem(line=line, column=column, message=message)]
    return template, []


class _TemplateLoader(yaml.SafeLoader):
    """SafeLoader that refuses a repeated mapping key: YAML forbids it, PyYAML lets the last win."""


def _mapping_without_repeats(
    loader: _TemplateLoader, node: yaml.MappingNode
) -> dict[object, object]:
    seen: list[object] = []
    for key_node, _value in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.append(key)
    return loader.construct_mapping(node)


_TemplateLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_repeats
)


def _parse(text: str) -> tuple[yaml.Node | None, Any]:
    """The document's node tree (where each value is) and its data."""
    loader = _TemplateLoader(text)
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


def _yaml_problem(exc: yaml.MarkedYAMLError) -> TemplateProblem:
    mark = exc.problem_mark or exc.context_mark
    message = exc.problem or "it is not valid YAML"
    if exc.context:  # what the parser was in the middle of, and where that began
        began = f" at line {exc.context_mark.line + 1}" if exc.context_mark else ""
        message += f" ({exc.context}{began})"
    if mark is None:
        return TemplateProblem(message=message)
    return TemplateProblem(line=mark.line + 1, column=mark.column + 1, message=message)


def _validation_problems(node: yaml.Node | None, exc: ValidationError) -> list[TemplateProblem]:
    problems: list[TemplateProblem] = []
    for error in exc.errors():
        loc = tuple(error["loc"])
        context = error.get("ctx") or {}
        if error["type"] == "step":  # a step's error, raised for the whole list (see the model)
            loc += (context["step"], context["field"])
        key_only = error["type"] == "extra_forbidden"
        line, column = _position(node, loc, key_only=key_only)
        message = f"{_dotted(loc)}: {error['msg'].removeprefix('Value error, ')}"
        if key_only:
            message = f"{_dotted(loc)}: not a template field (a typo?)"
        problem = TemplateProblem(line=line, column=column, message=message)
        if problem not in problems:
            problems.append(problem)
    return problems


def _position(
    node: yaml.Node | None, loc: tuple[Any, ...], *, key_only: bool = False
) -> tuple[int | None, int | None]:
    """Line and column of the value at `loc` (of its key, with `key_only`), or of the nearest
    enclosing one that exists (a missing field: the mapping it is missing from)."""
    if node is None:
        return None, None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            pair = next((kv for kv in node.value if kv[0].value == part), None)
            if pair is None:
                break
            node = pair[0] if key_only and part == loc[-1] else pair[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if not 0 <= part < len(node.value):
                break
            node = node.value[part]
        else:
            break
    return node.start_mark.line + 1, node.start_mark.column + 1


def _dotted(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text or "template"


def _stem(path: Path) -> str:
    return path.name.removesuffix(path.suffix)


def template_yaml(template: PlanTemplate) -> str:
    """The template as a file would hold it: defaults and the owners' own sides left out."""
    data = template.model_dump(mode="json", exclude_defaults=True)
    for step, milestone in zip(data["milestones"], template.milestones, strict=True):
        if milestone.side is ROLES[milestone.owner].side:
            step.pop("side", None)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


# --- the library ---------------------------------------------------------------------------------


class TemplateLibrary:
    """The templates plans start from: each directory of `directories` in turn, then the
    built-in ones; a file overrides any of the same name further down (a broken one too: its
    seller hears that the template is broken rather than gets a plan they did not write)."""

    def __init__(self, directories: Sequence[Path] = (), *, builtin: Path | None = None) -> None:
        self.directories = [Path(d) for d in directories]
        self.builtin = default_template_dir() if builtin is None else builtin

    @classmethod
    def only(cls, directory: Path) -> TemplateLibrary:
        """The templates of one directory, and no built-in ones."""
        return cls([], builtin=directory)

    def files(self) -> list[TemplateFile]:
        """One file per template name, the one that wins, by name; aliases checked."""
        chosen: dict[str, TemplateFile] = {}
        for directory, builtin in self._sources():
            for path in _template_paths(directory):
                if _stem(path) not in chosen:
                    chosen[_stem(path)] = read_template_file(path, builtin=builtin)
        return _with_alias_warnings([chosen[name] for name in sorted(chosen)])

    def missing_directories(self) -> list[Path]:
        return [d for d in self.directories if not d.is_dir()]

    def find(self, name: str) -> TemplateFile:
        """The file a start address names: a template's name or one of its aliases."""
        found = self.files()
        by_name = {f.name: f for f in found}
        if SLUG.fullmatch(name) and name in by_name:
            return by_name[name]
        for file in found:
            if name in file.aliases:
                return file
        working = [f for f in found if f.template]
        raise UnknownTemplate(name, [f.name for f in working], closest=closest_names(name, working))

    def get(self, name: str) -> PlanTemplate:
        """The template for `name` (or an alias); UnknownTemplate, or BrokenTemplate with the
        file's errors."""
        file = self.find(name)
        if file.template is None:
            raise BrokenTemplate(file.name, file.errors)
        return file.template

    def names(self) -> list[str]:
        return [f.name for f in self.files() if f.template]

    def _sources(self) -> list[tuple[Path, bool]]:
        return [(d, False) for d in self.directories] + [(self.builtin, True)]


# how close a mistyped name must be to a template's to be offered ("enterprize": 0.9)
CLOSE_ENOUGH = 0.75
MAX_SUGGESTIONS = 3
_NOT_A_LETTER = re.compile(r"[^a-z0-9]+")


def closest_names(name: str, files: Sequence[TemplateFile]) -> list[str]:
    """The templates `name` most likely meant, closest first (by their own names, also when
    an alias was mistyped): case and separators aside ("Enter_prise"), or a few letters off
    ("enterprize"). Empty when nothing is close: a guess far off helps nobody."""
    owner: dict[
        str, str
    ] = {}  # each name and alias, written without case or separators -> its template
    for file in files:
        for written in (file.name, *file.aliases):
            owner.setdefault(_bare(written), file.name)
    bare = _bare(name)
    if not bare or not owner:  # nothing written, or no template to offer
        return []
    if bare in owner:
        return [owner[bare]]
    close = difflib.get_close_matches(bare, owner, n=len(owner), cutoff=CLOSE_ENOUGH)
    return list(dict.fromkeys(owner[c] for c in close))[:MAX_SUGGESTIONS]


# a name a template could have, mistyped: letters, digits, "-" and "_" (no ".", which would
# make a link of "www.evil.example"), as long as SLUG's at most
_LIKE_A_NAME = re.compile(r"[\w-]{1,40}")


def name_to_echo(written: str) -> str:
    """The name a start address gave (plans+<name>@), as an answer may say it back: one a
    template could have, mistyped ("enterprize"), else "". Anyone can write anything before the
    "@" (a link, a sentence), and where anyone may start plans the answer goes to whoever a
    forged From names: it must not carry the forger's words."""
    name = one_line(written)
    return name if _LIKE_A_NAME.fullmatch(name) else ""


def _bare(name: str) -> str:
    return _NOT_A_LETTER.sub("", name.lower())


def _template_paths(directory: Path) -> list[Path]:
    try:
        paths = sorted(directory.iterdir())
    except OSError:  # a directory not made yet, or unreadable: no templates from it
        return []
    return [p for p in paths if p.suffix in SUFFIXES and not p.name.startswith(".")]


def _with_alias_warnings(found: list[TemplateFile]) -> list[TemplateFile]:
    """An alias that is another template's name, or an earlier template's alias, is not used."""
    claimed: dict[str, str] = {f.name: f"the template {f.name!r}" for f in found}
    checked = []
    for file in found:
        aliases, warnings = [], []
        for alias in file.template.aliases if file.template else []:
            if alias in claimed:
                warnings.append(f"the alias {alias!r} is not used: it is also {claimed[alias]}")
            else:
                claimed[alias] = f"an alias of {file.name!r}"
                aliases.append(alias)
        checked.append(file.model_copy(update={"aliases": aliases, "warnings": warnings}))
    return checked


# --- what earlier code calls ---------------------------------------------------------------------


def load_template(name: str, directory: Path | None = None) -> PlanTemplate:
    """A template by name, from `directory` alone if given, else from the built-in ones."""
    library = TemplateLibrary.only(directory) if directory else TemplateLibrary()
    return library.get(name)


def template_names(directory: Path | None = None) -> list[str]:
    library = TemplateLibrary.only(directory) if directory else TemplateLibrary()
    return library.names()
