"""The `mutualplan` command: parse arguments, call the library, print, exit code."""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import logging
import os
import re
import shlex
import sys
from collections.abc import AsyncIterator, Coroutine
from datetime import UTC, datetime, timedelta
from email.utils import parseaddr
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click
from pydantic import ValidationError

from mutualplan.errors import MutualPlanError
from mutualplan.header_text import as_written, one_line
from mutualplan.logs import configure_logging
from mutualplan.settings import Settings, load_settings
from mutualplan.template_commands import templates

if TYPE_CHECKING:
    from mutualplan.models import Plan
    from mutualplan.plan_rows import PlanSummary

T = TypeVar("T")


def _run(coro: Coroutine[Any, Any, T], *, serving: bool = False) -> T:
    """Run a command to its end. `serving`: a long-running process (the worker, the dev stack),
    run on uvloop's event loop: every email, reply and workflow activation is a few turns of the
    loop and a few socket calls, each cheaper there than on asyncio's own loop."""
    try:
        if serving and (uvloop := _uvloop()) is not None:
            with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
                return runner.run(coro)
        return asyncio.run(coro)
    except MutualPlanError as exc:
        _fail(str(exc))
    except RuntimeError as exc:  # temporalio reports some failures as RuntimeError
        _fail(str(exc))


def _uvloop() -> Any:
    """uvloop, where it is installed (not on Windows): else asyncio's own loop serves."""
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop


def _fail(message: str) -> NoReturn:
    """Say why the command cannot go on, in one line, and exit 1. With JSON logs (a service's
    journal) the line is a JSON log record like every other, else `mutualplan: <message>`."""
    if _log_format() == "json":
        logging.getLogger("mutualplan").critical(message)
    else:
        click.echo(f"mutualplan: {message}", err=True)
    sys.exit(1)


def _log_format() -> str:
    """The format asked for, even when the settings could not be read."""
    ctx = click.get_current_context(silent=True)
    found = ctx.find_object(_Context) if ctx else None
    if found is not None:
        return found.settings.log_format
    chosen = ctx.params.get("log_format") if ctx and ctx.parent is None else None
    return str(chosen or os.environ.get("MUTUALPLAN_LOG_FORMAT", "text"))


class _Context:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings


pass_ctx = click.make_pass_decorator(_Context)


_UNDECODED = re.compile(r'error parsing value for field "(\w+)" from source "EnvSettingsSource"')


def _settings_problem(exc: ValueError) -> str:
    """What is wrong with the settings, without echoing the values (a password could be one)."""
    if isinstance(exc, ValidationError):
        return "; ".join(
            f"{'.'.join(map(str, e['loc'])) or 'settings'}: {e['msg']}" for e in exc.errors()
        )
    # pydantic-settings could not decode an environment variable as the JSON the field takes
    undecoded = _UNDECODED.fullmatch(str(exc))
    if undecoded:
        name = f"MUTUALPLAN_{undecoded.group(1).upper()}"
        return f"{name} is not valid JSON (see docs/configuration.md for its form)"
    return str(exc)


@click.group()
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="MUTUALPLAN_CONFIG",
    help="TOML file of settings (environment variables MUTUALPLAN_* override it).",
)
@click.option("--data-dir", type=click.Path(path_type=Path), help="Where the dev stack keeps data.")
@click.option(
    "--log-format", type=click.Choice(["text", "json"]), help="Log lines as text or JSON."
)
@click.option("-v", "--verbose", is_flag=True, help="Log what the engine does.")
@click.pass_context
def main(
    ctx: click.Context,
    config_file: Path | None,
    data_dir: Path | None,
    log_format: str | None,
    verbose: bool,
) -> None:
    """Mutual action plans that run over email, on Temporal."""
    try:
        settings = load_settings(config_file)
    except (ValueError, MutualPlanError) as exc:
        if _log_format() == "json":
            configure_logging(level=logging.WARNING, log_format="json")
        problem = _settings_problem(exc) if isinstance(exc, ValueError) else str(exc)
        _fail(f"invalid settings: {problem}" if isinstance(exc, ValueError) else problem)
    update: dict[str, object] = {}
    if data_dir is not None:
        update["data_dir"] = data_dir
    if log_format is not None:
        update["log_format"] = log_format
    settings = settings.model_copy(update=update)
    configure_logging(
        level=logging.INFO if verbose else logging.WARNING,
        log_format=settings.log_format,
        secrets=settings.secret_values(),
    )
    ctx.obj = _Context(settings)


@main.command()
@click.option("--smtp-port", type=int, help="Dev SMTP port (default 2525).")
@click.option("--imap-port", type=int, help="Dev IMAP port (default 1143).")
@click.option("--temporal-port", type=int, help="Temporal dev server port (default 7233).")
@click.option("--ui-port", type=int, help="Temporal web UI port (default 8233).")
@click.option("--web-port", type=int, help="Plan pages port (default 8080).")
@pass_ctx
def dev(
    obj: _Context,
    smtp_port: int | None,
    imap_port: int | None,
    temporal_port: int | None,
    ui_port: int | None,
    web_port: int | None,
) -> None:
    """Run everything on loopback: Temporal, a mail server and the worker."""
    try:
        from mutualplan.devstack.run import run_dev
    except ModuleNotFoundError as missing:  # a production install has no dev stack
        raise click.ClickException(
            f"the dev stack is not installed ({missing.name} is missing): "
            "pip install 'mutualplan[dev]'"
        ) from None

    update: dict[str, object] = {}
    if smtp_port:
        update["smtp_port"] = smtp_port
    if imap_port:
        update["imap_port"] = imap_port
    if temporal_port:
        update["temporal_address"] = f"127.0.0.1:{temporal_port}"
    if ui_port:
        update["temporal_ui_port"] = ui_port
    update["web_enabled"] = True  # the dev stack always serves the plan pages
    if web_port:
        update["web_port"] = web_port
    settings = obj.settings.model_copy(update=update).with_dev_secret()
    from mutualplan.worker.run import run_until_terminated

    if not logging.getLogger().isEnabledFor(logging.INFO):
        logging.getLogger("mutualplan").setLevel(logging.INFO)
    with contextlib.suppress(KeyboardInterrupt):
        _run(run_until_terminated(run_dev(settings, click.echo)), serving=True)
    click.echo("\nstopped; plans and mail are kept in " + str(settings.data_dir))


@main.command()
@click.option(
    "--no-listener", is_flag=True, help="Run plans only; another worker reads the mailbox."
)
@click.option(
    "--no-plans",
    is_flag=True,
    help="Read the mailbox and start plans only; other workers run the plans.",
)
@pass_ctx
def worker(obj: _Context, no_listener: bool, no_plans: bool) -> None:
    """Run a worker against configured Temporal and mail servers (no embedded servers)."""
    from mutualplan.worker.run import (
        check_who_may_start_plans,
        connect_worker,
        run_until_terminated,
        run_worker,
    )

    settings = obj.settings
    if no_listener and no_plans:
        _fail("--no-listener and --no-plans together leave the worker nothing to do")
    if not logging.getLogger().isEnabledFor(logging.INFO):
        logging.getLogger("mutualplan").setLevel(logging.INFO)
    try:  # refuse to start without the HMAC key, or open to all, before connecting anywhere
        settings.secret_bytes()
        check_who_may_start_plans(settings)
    except MutualPlanError as exc:
        _fail(str(exc))

    async def go() -> None:
        client, metrics = await connect_worker(settings)
        await run_worker(
            settings, client, listen=not no_listener, plans=not no_plans, metrics=metrics
        )

    with contextlib.suppress(KeyboardInterrupt):
        _run(run_until_terminated(go()), serving=True)


@main.command(name="config")
@pass_ctx
def show_config(obj: _Context) -> None:
    """Print the effective settings, secrets masked."""
    from mutualplan.settings import effective_settings_lines

    for line in effective_settings_lines(obj.settings):
        click.echo(line)


@main.command()
@pass_ctx
def doctor(obj: _Context) -> None:
    """Check every connection the worker needs (Temporal, IMAP, SMTP) and say what is wrong."""
    from mutualplan.worker.doctor import run_doctor

    checks = _run(run_doctor(obj.settings))
    for check in checks:
        click.echo(check.line())
    if not all(check.ok for check in checks):
        sys.exit(1)


@main.command()
@click.argument("plan_id")
@click.option("--json", "as_json", is_flag=True, help="Print the plan as JSON.")
@pass_ctx
def status(obj: _Context, plan_id: str, as_json: bool) -> None:
    """Show one plan: milestones, owners, dates and states."""
    from mutualplan.client.connection import connect_temporal
    from mutualplan.client.plans import get_plan
    from mutualplan.report import format_plan

    async def go() -> str:
        plan = await get_plan(await connect_temporal(obj.settings), plan_id)
        return plan.model_dump_json(indent=2) if as_json else format_plan(plan, datetime.now(UTC))

    click.echo(_run(go()))


@main.command()
@click.argument("plan_id", required=False)
@click.argument("address", required=False)
@click.option("--seller", "seller", help="Print this seller's (or manager's) cockpit link.")
@pass_ctx
def link(obj: _Context, plan_id: str | None, address: str | None, seller: str | None) -> None:
    """Print ADDRESS's own link to the plan page, like the one in their emails; with --seller,
    the link to all of a seller's plans (a manager's: their team's)."""
    from mutualplan.client.connection import connect_temporal
    from mutualplan.client.plans import get_plan
    from mutualplan.links import CockpitLinks, Links

    settings = obj.settings.with_dev_secret()  # the dev stack's, unless MUTUALPLAN_SECRET is set
    base = settings.web_base_url or f"http://{settings.web_host}:{settings.web_port}"
    if seller is not None:
        if plan_id or address:
            raise click.UsageError("give either PLAN_ID ADDRESS or --seller ADDRESS")
        cockpits = CockpitLinks(
            settings.secret_bytes(), base_url=base, days=settings.cockpit_link_days
        )
        click.echo(cockpits.url(seller.strip().lower(), datetime.now(UTC)))
        return
    if not plan_id or not address:
        raise click.UsageError("give PLAN_ID and ADDRESS (or --seller ADDRESS)")

    async def go() -> Plan:
        return await get_plan(await connect_temporal(settings), plan_id)

    plan = _run(go())
    person = plan.stakeholder_by_email(address)
    if person is None:
        raise click.ClickException(f"{address} is not on plan {plan_id}")
    links = Links(settings.secret_bytes(), base_url=base, days_after_go_live=settings.web_link_days)
    click.echo(links.for_person(plan.id, plan.go_live, person.id, datetime.now(UTC)).page)


@main.command()
@click.option("--seller", help="Only this seller's plans.")
@click.option("--at-risk", is_flag=True, help="Only plans at risk or stalled.")
@click.option("--limit", default=50, show_default=True, help="Plans per page.")
@click.option("--page", help="The page a previous listing said comes next.")
@click.option("--all", "every", is_flag=True, help="Every plan, page after page.")
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
@pass_ctx
def plans(
    obj: _Context,
    seller: str | None,
    at_risk: bool,
    limit: int,
    page: str | None,
    every: bool,
    as_json: bool,
) -> None:
    """List plans with their progress, newest first, a page at a time."""
    from mutualplan.client.connection import connect_temporal
    from mutualplan.client.plan_list import AT_RISK, PAGE_SIZE, PlanFilter, plan_page
    from mutualplan.report import format_plans

    where = PlanFilter(sellers=[seller] if seller else [], health=list(AT_RISK) if at_risk else [])
    first = _page_token(page)

    size = min(max(limit, 1), PAGE_SIZE)
    none = (
        "No plans match."
        if seller or at_risk
        else "No plans yet. Start one by emailing "
        f"{obj.settings.plus_address('enterprise')} (`mutualplan templates` lists the others)."
    )

    async def go() -> bytes | None:
        """Print page after page (one in memory at a time); the token of the next if any. JSON
        is one array, a row per line."""
        client = await connect_temporal(obj.settings)
        token, shown = first, 0
        while True:
            rows, token = await plan_page(client, where, page_size=size, page=token)
            if as_json:
                for n, row in enumerate(rows, start=shown):
                    click.echo(("[" if n == 0 else ",") + row.model_dump_json())
            elif rows or not shown:  # --all: the pages line up under the first one's header
                click.echo(format_plans(rows, header=not shown, fixed=every, none=none))
            shown += len(rows)
            if not every or token is None:
                if as_json:
                    click.echo("]" if shown else "[]")
                return token

    following = _run(go())
    if following is not None:
        options = [f"--seller {shlex.quote(seller)}" if seller else ""]
        options += ["--at-risk" if at_risk else "", f"--limit {size}", "--page"]
        again = " ".join(o for o in options if o)
        page_next = base64.urlsafe_b64encode(following).decode()
        click.echo(f"More: mutualplan plans {again} {page_next}", err=as_json)


def _page_token(page: str | None) -> bytes | None:
    if not page:
        return None
    try:
        return base64.urlsafe_b64decode(page)
    except (ValueError, binascii.Error):
        raise click.BadParameter("not a page this command gave", param_hint="--page") from None


@main.command()
@click.option("--seller", help="Only this seller's digest.")
@click.option(
    "--days",
    type=click.IntRange(min=1),
    default=7,
    show_default=True,
    help="What moved in the last DAYS days.",
)
@pass_ctx
def digest(obj: _Context, seller: str | None, days: int) -> None:
    """Print the sellers' digests as Monday's email would say them, now."""
    from mutualplan.client.connection import connect_temporal
    from mutualplan.digest import seller_digest
    from mutualplan.mail.compose import Renderer
    from mutualplan.worker.digests import TemporalPlans

    async def go() -> str:
        directory = TemporalPlans(await connect_temporal(obj.settings))
        now = datetime.now(UTC)
        since = now - timedelta(days=days)
        renderer, texts = Renderer(), []
        if seller:
            each = directory.plans_of(seller, since)
            sellers = _one(await each)
        else:
            sellers = directory.by_seller(since)
        async for rows in sellers:
            found = seller_digest(rows, since, now, days=days)
            if found is not None:
                language = found.language or obj.settings.language
                body = renderer.text("seller-digest", language=language, digest=found, subject="")
                texts.append(f"To: {found.seller_email}\n{body}")
        return "\n\n".join(texts)

    click.echo(_run(go()) or "no plans")


async def _one(rows: list[PlanSummary]) -> AsyncIterator[list[PlanSummary]]:
    """One seller's rows, as `by_seller` gives every seller's."""
    if rows:
        yield rows


@main.group()
def webhooks() -> None:
    """Webhook endpoints (MUTUALPLAN_WEBHOOKS)."""


@webhooks.command(name="test")
@click.argument("url")
@click.option("--secret", help="The endpoint's secret (default: the configured endpoint's).")
@pass_ctx
def webhooks_test(obj: _Context, url: str, secret: str | None) -> None:
    """Send URL a signed sample event (milestone.done of a made-up plan) and say how it went."""
    import httpx2
    from pydantic import SecretStr

    from mutualplan.settings import WebhookEndpoint
    from mutualplan.webhooks import sample_event
    from mutualplan.worker.webhooks import TIMEOUT_SECONDS, post_event

    known = next((e for e in obj.settings.webhooks if e.url == url), None)
    if secret is None and known is None:
        raise click.ClickException(f"{url} is not in MUTUALPLAN_WEBHOOKS: give --secret")
    endpoint = WebhookEndpoint(url=url, secret=SecretStr(secret)) if secret else known
    assert endpoint is not None
    event = sample_event(datetime.now(UTC))

    async def go() -> str:
        async with httpx2.AsyncClient(timeout=TIMEOUT_SECONDS) as client:
            return await post_event(client, endpoint, event)

    problem = _run(go())
    if problem:
        raise click.ClickException(f"{url} did not take the sample: {problem}")
    click.echo(f"{url} took the sample {event.type} (webhook-id {event.id})")


@main.group()
def mail() -> None:
    """Play both sides over the dev stack's SMTP and IMAP servers."""


def _shortened(sender: str, width: int) -> str:
    """A From for a column `width` wide: whole, else its name (not an address cut in two)."""
    if len(sender) <= width:
        return sender
    name, address = parseaddr(sender)
    shown = name or address
    return shown if len(shown) <= width else shown[: width - 1] + "\u2026"


def _mailbox_address(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """ADDRESS of the mail commands: an email address, whose mailbox the dev stack keeps."""
    local, at, domain = value.strip().rpartition("@")
    if not at or not local or "." not in domain:
        raise click.BadParameter(f"{value!r} is not an email address (such as jane@globex.example)")
    if not value.isascii():  # nor can an IMAP LOGIN carry one
        raise click.BadParameter(
            f"the dev mail server keeps no mailbox for {value!r}: it takes plain ASCII addresses "
            "only (it offers no SMTPUTF8, so the engine tells the seller it could not email them)"
        )
    return value.strip()


@mail.command(name="set-aside")
@pass_ctx
def set_aside(obj: _Context) -> None:
    """List what the engine set aside in the plans mailbox, and why."""
    from mutualplan.mail.receive import SetAside, open_mailbox

    def read() -> list[SetAside]:
        with open_mailbox(obj.settings) as mailbox:
            return mailbox.set_aside_messages()

    items = _run(asyncio.to_thread(read))
    if not items:
        click.echo("nothing set aside")
    for item in items:
        sender = _shortened(item.sender, 40)
        click.echo(f"{item.sent[:31]:31}  {sender:40}  {item.subject[:50]}")
        click.echo(f"{'':31}  reason: {item.reason}")


@mail.command()
@click.option("--template", default="enterprise", show_default=True)
@click.option("--confirm", is_flag=True, help="Add `Confirm: yes`: start at once, no draft.")
@pass_ctx
def example(obj: _Context, template: str, confirm: bool) -> None:
    """Send an example seller's start email to the plans address."""
    from mutualplan.devstack.playground import example_start_email, send_as

    today = datetime.now(UTC).date()
    msg = example_start_email(obj.settings, template=template, today=today, confirm=confirm)
    _run(send_as(obj.settings, msg))
    click.echo(f"sent \u201c{msg['Subject']}\u201d from {msg['From']} to {msg['To']}")
    click.echo("next: mutualplan mail inbox alex@acme.example")


@mail.command()
@click.argument("address", callback=_mailbox_address)
@pass_ctx
def inbox(obj: _Context, address: str) -> None:
    """List ADDRESS's mailbox, numbered."""
    from mutualplan.devstack.playground import inbox as list_inbox

    items = _run(asyncio.to_thread(list_inbox, obj.settings, address))
    if not items:
        click.echo(f"{address} has no mail yet")
    for item in items:  # on one line each, no escape sequence of a sender's reaching the terminal
        sender, subject = _shortened(one_line(item.sender), 40), one_line(item.subject)
        click.echo(f"{item.number:3d}  {one_line(item.sent)[:31]:31}  {sender:40}  {subject}")


@mail.command()
@click.argument("address", callback=_mailbox_address)
@click.argument("number", type=int)
@pass_ctx
def show(obj: _Context, address: str, number: int) -> None:
    """Print message NUMBER of ADDRESS's mailbox."""
    from mutualplan.devstack.playground import read_message
    from mutualplan.mail.body import body_text
    from mutualplan.mail.reading import parse_message

    msg = parse_message(_run(asyncio.to_thread(read_message, obj.settings, address, number)))
    for header in ("From", "To", "Cc", "Reply-To", "Subject", "Date"):
        if msg.get(header):  # unfolded: a long Subject is folded onto the next line on the wire
            click.echo(f"{header}: {one_line(str(msg[header]))}")
    click.echo("")
    click.echo(as_written(body_text(msg)[0]))  # its lines, none of a sender's escape sequences


@mail.command()
@click.argument("address", callback=_mailbox_address)
@click.argument("number", type=int)
@click.argument("text")
@pass_ctx
def reply(obj: _Context, address: str, number: int, text: str) -> None:
    """Reply to message NUMBER of ADDRESS's mailbox as ADDRESS, with TEXT on top."""
    from mutualplan.devstack.playground import reply_as

    sent = _run(reply_as(obj.settings, address, number, text))
    click.echo(f"replied to {sent['To']}: {sent['Subject']}")


main.add_command(templates)


def run() -> None:
    """The console script: `main`, then leave without interpreter teardown.

    The Temporal client's Rust threads can outlive the event loop, and CPython's finalization
    then sometimes aborts the process (temporalio/sdk-python#300) after the command succeeded.
    Everything is flushed and closed first, so skipping the teardown loses nothing.
    """
    try:
        main()
        code = 0
    except SystemExit as exit:
        code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
        if isinstance(exit.code, str):
            print(exit.code, file=sys.stderr)
    except Exception:  # a bug: its traceback goes out as a log record (JSON in JSON mode)
        logging.getLogger("mutualplan").critical("stopped by an unexpected error", exc_info=True)
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    logging.shutdown()
    os._exit(code)
