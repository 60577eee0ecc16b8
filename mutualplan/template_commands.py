"""`mutualplan templates`: list the plan templates with their start addresses; check, show,
export them, and print their JSON Schema. Thin: the library does the work (template_files.py)."""

from __future__ import annotations

import asyncio
import calendar
import json
import re
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from mutualplan.errors import MutualPlanError
from mutualplan.plan_templates import (
    PlanTemplate,
    TemplateSchedule,
    schedule_template,
    template_from_plan,
    template_schema,
)
from mutualplan.public_holidays import read_calendar_codes
from mutualplan.settings import Settings
from mutualplan.template_files import (
    SCHEMA_HEADER,
    TemplateFile,
    TemplateLibrary,
    read_template_file,
    template_yaml,
)

SCHEMA_FILE = "mutualplan-template.schema.json"


def _settings(ctx: click.Context) -> Settings:
    settings: Settings = ctx.find_root().obj.settings
    return settings


@click.group(invoke_without_command=True)
@click.pass_context
def templates(ctx: click.Context) -> None:
    """List the plan templates and the address that starts each; check, show and export them."""
    if ctx.invoked_subcommand is not None:
        return
    settings = _settings(ctx)
    library = TemplateLibrary(settings.templates_dir)
    for directory in library.missing_directories():
        click.echo(f"warning: templates directory {directory} does not exist", err=True)
    for file in library.files():
        for line in _listing(file, settings, library):
            click.echo(line)


def _listing(file: TemplateFile, settings: Settings, library: TemplateLibrary) -> list[str]:
    where = "built-in" if file.builtin else str(file.path)
    if file.builtin is False and (library.builtin / f"{file.name}.yaml").exists():
        where += ", instead of the built-in one"
    if file.template is None:
        return [f"{file.name}: BROKEN ({where})", *(f"  {error}" for error in file.errors)]
    t = file.template
    options = f"; optional: {', '.join(t.options)}" if t.options else ""
    lines = [f"{t.name}: {t.title} ({len(t.milestones)} steps{options}; {where})"]
    lines.append(f"  {settings.plus_address(t.name)}")
    for alias in file.aliases:
        lines.append(f"  {settings.plus_address(alias)}  (alias)")
    return lines + [f"  warning: {warning}" for warning in file.warnings]


@templates.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
def check(paths: tuple[Path, ...]) -> None:
    """Check template files: each error with its line and column; exit 1 if any has one."""
    broken = False
    for path in paths:
        file = read_template_file(path)
        if file.template is None:
            broken = True
            for error in file.errors:
                click.echo(error)
        else:
            click.echo(f"{path}: ok ({file.template.title}, {len(file.template.milestones)} steps)")
    if broken:
        sys.exit(1)


@templates.command()
def schema() -> None:
    """Print the JSON Schema of template files, for editors (see docs/templates.md)."""
    click.echo(json.dumps(template_schema(), indent=2))


@templates.command()
@click.argument("name")
@click.option(
    "--go-live",
    required=True,
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The go-live date, YYYY-MM-DD.",
)
@click.option("--holidays", help="Holiday calendars, such as US or 'DE-BY, US-CA'; 'none'.")
@click.option("--json", "as_json", is_flag=True, help="Print the steps as JSON.")
@click.pass_context
def show(
    ctx: click.Context, name: str, go_live: datetime, holidays: str | None, as_json: bool
) -> None:
    """Show template NAME's steps with their due dates for a go-live date."""
    settings = _settings(ctx)
    try:
        template = TemplateLibrary(settings.templates_dir).get(name)
        calendars = _calendars(template, holidays, settings)
    except MutualPlanError as exc:
        raise click.ClickException(str(exc)) from None
    laid_out = schedule_template(template, go_live.date(), calendars)
    if as_json:
        click.echo(laid_out.model_dump_json(indent=2))
    else:
        click.echo("\n".join(_schedule_lines(laid_out)))


def _calendars(template: PlanTemplate, asked: str | None, settings: Settings) -> list[str]:
    if asked is not None:
        return read_calendar_codes(asked)
    return template.holidays if template.holidays is not None else settings.holidays


def _schedule_lines(laid_out: TemplateSchedule) -> list[str]:
    public = laid_out.holidays
    calendars = ", ".join(public.calendars) or "none"
    weekend = ", ".join(calendar.day_name[d] for d in public.weekend)
    own_weekend = f"; weekend: {weekend}" if public.has_own_weekend else ""
    lines = [
        f"{laid_out.template}: {laid_out.title}",
        f"go-live {laid_out.go_live:%a %d %b %Y}; public holidays: {calendars}{own_weekend}",
        "",
    ]
    for step in laid_out.steps:
        optional = f"  (optional: Include: {step.optional})" if step.optional else ""
        lines.append(
            f"  {step.due:%a %d %b %Y}  {step.offset:+4d}  {step.owner:<18} {step.title}{optional}"
        )
    first, last = laid_out.steps[0].due, max(laid_out.go_live, laid_out.steps[-1].due)
    skipped = [
        f"{day:%a %d %b %Y} {what}"
        for day, what in laid_out.holidays.days.items()
        if first <= day <= last
    ]
    if skipped:
        lines += ["", "Public holidays skipped:", *(f"  {s}" for s in skipped)]
    return lines


@templates.command()
@click.argument("plan_id")
@click.option("--name", help="The template's name (default: from the deal's name).")
@click.pass_context
def export(ctx: click.Context, plan_id: str, name: str | None) -> None:
    """Print running plan PLAN_ID as a template (YAML) to edit and put in your directory."""
    from mutualplan.client.connection import connect_temporal
    from mutualplan.client.plans import get_plan

    settings = _settings(ctx)

    async def fetch() -> Any:
        return await get_plan(await connect_temporal(settings), plan_id)

    try:
        plan = asyncio.run(fetch())
    except (MutualPlanError, RuntimeError) as exc:  # temporalio: RuntimeError when unreachable
        raise click.ClickException(str(exc)) from None
    chosen = name or _slug(plan.deal)
    template = template_from_plan(plan, chosen)
    header = [
        f"# Plan {plan.id} ({plan.deal}) as a template, exported {datetime.now(UTC):%Y-%m-%d}.",
        f"# Save it as {chosen}.yaml in a MUTUALPLAN_TEMPLATES_DIR directory, then check it:",
        f"#   mutualplan templates check {chosen}.yaml",
        SCHEMA_HEADER.format(url=SCHEMA_FILE),
    ]
    click.echo("\n".join(header) + "\n" + template_yaml(template), nl=False)


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40].strip("-")
    return slug or "exported-plan"
