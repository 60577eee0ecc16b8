"""`mutualplan doctor`: check every connection the worker needs and say precisely what is wrong.

Each check connects the way the worker does (same TLS, same login) and sends nothing: no mail,
no workflow. Messages never contain a password, token or key.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError
from pydantic import BaseModel
from temporalio.api.operatorservice.v1 import ListSearchAttributesRequest
from temporalio.api.workflowservice.v1 import DescribeNamespaceRequest
from temporalio.client import Client
from temporalio.service import RPCError, RPCStatusCode

from mutualplan import search_attributes as sa
from mutualplan.client.connection import connect_temporal
from mutualplan.errors import MailServerError, MutualPlanError, TemporalUnreachable
from mutualplan.logs import SecretMask
from mutualplan.mail import receive
from mutualplan.mail.send import check_smtp_login
from mutualplan.settings import Settings

MIN_SECRET_LENGTH = 16
TEMPORAL_TIMEOUT = 15.0
PASSED, FAILED, WARNED = "\u2713", "\u2717", "!"


class Check(BaseModel):
    name: str
    ok: bool
    detail: str
    warning: bool = False  # passes, but the operator should know (and may not want it)

    def line(self) -> str:
        mark = WARNED if self.ok and self.warning else PASSED if self.ok else FAILED
        return f"{mark} {self.name}: {self.detail}"


async def run_doctor(settings: Settings) -> list[Check]:
    """Every check, in the order a worker needs them; details with any secret masked."""
    checks = [check_secret(settings), check_allowed_sellers(settings)]
    checks += await check_temporal(settings)
    checks += await asyncio.to_thread(check_imap, settings)
    checks.append(await check_smtp(settings))
    mask = SecretMask(settings.secret_values())
    return [c.model_copy(update={"detail": mask.mask(c.detail)}) for c in checks]


def check_secret(settings: Settings) -> Check:
    if settings.secret is None:
        # `mutualplan dev` makes its own (in its data directory): this is the worker's to have
        detail = (
            "MUTUALPLAN_SECRET is not set: `mutualplan worker` will not start "
            f"(set {MIN_SECRET_LENGTH}+ random characters)"
        )
        return Check(name="secret", ok=False, detail=detail)
    length = len(settings.secret.get_secret_value())
    if length < MIN_SECRET_LENGTH:
        detail = f"MUTUALPLAN_SECRET is too short ({length} characters, use {MIN_SECRET_LENGTH}+)"
        return Check(name="secret", ok=False, detail=detail)
    return Check(name="secret", ok=True, detail=f"set ({length} characters)")


def check_allowed_sellers(settings: Settings) -> Check:
    name = "allowed sellers"
    if not settings.allowed_sellers:
        detail = "MUTUALPLAN_ALLOWED_SELLERS is empty: `mutualplan worker` will not start"
        return Check(name=name, ok=False, detail=detail + " (set your sellers' @domains)")
    if settings.anyone_may_start_plans:
        detail = '["*"]: ANYONE may start plans, and the engine mails whoever they copy'
        return Check(name=name, ok=True, warning=True, detail=detail)
    sellers = ", ".join(settings.allowed_sellers)
    if settings.trusted_authserv_id is None:  # the From is all that says who a seller is
        detail = (
            f"{sellers} (no DMARC verdict is read: mail forged in their name starts plans, "
            "unless your mail server rejects it; set MUTUALPLAN_TRUSTED_AUTHSERV_ID)"
        )
        return Check(name=name, ok=True, warning=True, detail=detail)
    return Check(name=name, ok=True, detail=sellers)


async def check_temporal(settings: Settings) -> list[Check]:
    name = f"Temporal {settings.temporal_address}"
    try:
        client = await asyncio.wait_for(connect_temporal(settings), TEMPORAL_TIMEOUT)
    except TimeoutError:
        return [_failed(name, f"no answer within {TEMPORAL_TIMEOUT:.0f}s"), _not_checked()]
    except TemporalUnreachable as exc:
        return [_failed(name, f"cannot connect: {exc.problem}"), _not_checked()]
    except (RuntimeError, MutualPlanError) as exc:
        return [_failed(name, f"cannot connect: {exc}"), _not_checked()]
    namespace = settings.temporal_namespace
    try:
        request = DescribeNamespaceRequest(namespace=namespace)
        await client.workflow_service.describe_namespace(request, timeout=_timeout())
    except RPCError as exc:
        if exc.status == RPCStatusCode.NOT_FOUND:
            return [_failed(name, f"namespace {namespace!r} does not exist"), _not_checked()]
        return [_failed(name, f"namespace {namespace!r}: {exc.message}"), _not_checked()]
    tls = "TLS" if settings.uses_temporal_tls else "no TLS"
    auth = ", API key" if settings.temporal_api_key else ""
    ok = Check(name=name, ok=True, detail=f"connected ({tls}{auth}), namespace {namespace} exists")
    return [ok, await check_search_attributes(client, namespace)]


async def check_search_attributes(client: Client, namespace: str) -> Check:
    name = "search attributes"
    try:
        request = ListSearchAttributesRequest(namespace=namespace)
        found = await client.operator_service.list_search_attributes(request, timeout=_timeout())
    except RPCError as exc:
        return _failed(name, f"cannot list them: {exc.message}")
    registered = dict(found.custom_attributes)
    problems = []
    for key in sa.ALL:
        kind = sa.TYPE_NAMES[key.indexed_value_type]
        if key.name not in registered:
            problems.append(f"{key.name} ({kind}) is missing")
        elif registered[key.name] != int(key.indexed_value_type):
            problems.append(f"{key.name} is registered with another type than {kind}")
    if problems:
        fix = "temporal operator search-attribute create --name NAME --type TYPE"
        return _failed(name, "; ".join(problems) + f" (register with `{fix}`)")
    return Check(name=name, ok=True, detail=f"all {len(sa.ALL)} registered")


def check_imap(settings: Settings) -> list[Check]:
    name = f"IMAP {settings.imap_host}:{settings.imap_port}"
    try:
        client = receive.open_connection(settings)
    except MutualPlanError as exc:
        return [_failed(name, _problem(exc)), _not_checked("IMAP folders", "an IMAP session")]
    try:
        login = receive.log_in(client, settings)
        count = receive.select_folder(client, settings, settings.imap_folder)
        security = {"tls": "TLS", "starttls": "STARTTLS", "none": "no TLS"}[settings.imap_security]
        how = " with XOAUTH2" if settings.imap_auth == "xoauth2" else ""
        detail = (
            f"{security}, logged in as {login}{how}, {settings.imap_folder} has {count} message(s)"
        )
        session = Check(name=name, ok=True, detail=detail)
    except MailServerError as exc:
        _close(client)
        return [_failed(name, exc.problem), _not_checked("IMAP folders", "an IMAP session")]
    try:
        return [session, _check_folders(client, settings)]
    finally:
        _close(client)


def _check_folders(client: IMAPClient, settings: Settings) -> Check:
    name = "IMAP folders"
    try:
        created = receive.ensure_folders(client, settings)
    except MailServerError as exc:
        return _failed(name, exc.problem)
    states = [
        f"{folder!r} {'created' if folder in created else 'exists'}"
        for folder in (settings.processed_folder, settings.set_aside_folder)
    ]
    return Check(name=name, ok=True, detail=", ".join(states))


async def check_smtp(settings: Settings) -> Check:
    name = f"SMTP {settings.smtp_host}:{settings.smtp_port}"
    try:
        detail = await check_smtp_login(settings.smtp)
    except MutualPlanError as exc:
        return _failed(name, _problem(exc))
    return Check(name=name, ok=True, detail=detail + " (nothing sent)")


def _failed(name: str, detail: str) -> Check:
    return Check(name=name, ok=False, detail=detail)


def _not_checked(name: str = "search attributes", needs: str = "a Temporal connection") -> Check:
    return Check(name=name, ok=False, detail=f"not checked (needs {needs})")


def _problem(exc: MutualPlanError) -> str:
    return exc.problem if isinstance(exc, MailServerError) else str(exc)


def _timeout() -> timedelta:
    return timedelta(seconds=TEMPORAL_TIMEOUT)


def _close(client: IMAPClient) -> None:
    try:
        client.logout()
    except (IMAPClientError, OSError):
        client.shutdown()
