"""`mutualplan dev`: Temporal dev server, mail server and worker on loopback, in one process."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable

from mutualplan.devstack.mailserver import dev_mail_server
from mutualplan.devstack.ports import ensure_port_free, free_port
from mutualplan.devstack.temporal import temporal_dev_server
from mutualplan.errors import ConfigError
from mutualplan.settings import Settings
from mutualplan.worker.mailbox import release_stale_lease
from mutualplan.worker.run import connect_worker, run_worker

DEV_METRICS_PORT = 9464  # the port OpenTelemetry's Prometheus exporter uses by convention


def banner(settings: Settings) -> str:
    return "\n".join(
        [
            "mutualplan dev stack is running (Ctrl-C stops it; plans are kept)",
            f"  Temporal       {settings.temporal_address}",
            f"  Temporal UI    http://127.0.0.1:{settings.temporal_ui_port}",
            f"  SMTP           {settings.smtp_host}:{settings.smtp_port} (catch-all, no auth)",
            f"  IMAP           {settings.imap_host}:{settings.imap_port} "
            "(log in as any address, any password)",
            f"  Plans address  {settings.plans_address} "
            f"(start a plan: {settings.plans_mailbox}+enterprise@{settings.domain})",
            f"  Plan pages     {settings.web_base_url} (every email links to its page)",
            f"  Data           {settings.data_dir}",
            f"  Metrics        http://{settings.metrics_bind_address}/metrics",
            "Try it:  mutualplan mail example   then   mutualplan mail inbox alex@acme.example",
        ]
    )


def dev_metrics_address(host: str) -> str:
    """The usual metrics port if it is free, else any free one (the banner says which)."""
    try:
        ensure_port_free(host, DEV_METRICS_PORT)
        return f"{host}:{DEV_METRICS_PORT}"
    except ConfigError:
        return f"{host}:{free_port(host)}"


def check_open_only_on_loopback(settings: Settings) -> None:
    """The dev stack lets anyone start plans unless allowed_sellers says otherwise: fine while
    only this machine can reach its mail server, not once it listens on a network."""
    if settings.allowed_sellers or _is_loopback(settings.smtp_host):
        return
    raise ConfigError(
        f"the dev stack's mail server would listen on {settings.smtp_host}, beyond this "
        "machine, while anyone may start plans: set MUTUALPLAN_ALLOWED_SELLERS too"
    )


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a name: it may resolve to anything
        return False


async def run_dev(settings: Settings, announce: Callable[[str], None]) -> None:
    check_open_only_on_loopback(settings)
    if settings.metrics_bind_address is None:
        address = dev_metrics_address(settings.smtp_host)
        settings = settings.model_copy(update={"metrics_bind_address": address})
    if "sent_record" not in settings.model_fields_set:  # see mail/outbox.py
        settings = settings.model_copy(update={"sent_record": "file"})
    host, port = settings.temporal_address.rsplit(":", 1)
    for mail_port in (settings.smtp_port, settings.imap_port):  # fail before starting anything
        ensure_port_free(settings.smtp_host, mail_port)
    if settings.web_enabled:
        ensure_port_free(settings.web_host, settings.web_port)
    async with (
        temporal_dev_server(
            settings.data_dir / "temporal",
            host=host,
            port=int(port),
            ui_port=settings.temporal_ui_port,
        ),
        dev_mail_server(
            settings.data_dir / "mail",
            host=settings.smtp_host,
            smtp_port=settings.smtp_port,
            imap_port=settings.imap_port,
        ),
    ):
        client, metrics = await connect_worker(settings)
        await release_stale_lease(settings, client)
        announce(banner(settings))
        await run_worker(settings, client, metrics=metrics)
