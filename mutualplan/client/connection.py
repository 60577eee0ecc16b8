"""Connecting to Temporal as configured, apart from the worker: a command that only lists
plans (`mutualplan plans`) connects without loading the workflows, the mail reading and the
routing the worker needs (half a second of imports, on a command that should answer in one)."""

from __future__ import annotations

from pathlib import Path

from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.runtime import Runtime
from temporalio.service import TLSConfig

from mutualplan.errors import ConfigError, TemporalUnreachable
from mutualplan.logs import in_words
from mutualplan.settings import Settings


async def connect_temporal(settings: Settings, *, runtime: Runtime | None = None) -> Client:
    """Connect as configured: plain on loopback, TLS with an API key or mTLS for Temporal Cloud.
    TemporalUnreachable, in words, if it cannot."""
    api_key = settings.temporal_api_key
    try:
        return await Client.connect(
            settings.temporal_address,
            namespace=settings.temporal_namespace,
            data_converter=pydantic_data_converter,
            tls=temporal_tls(settings),
            api_key=api_key.get_secret_value() if api_key else None,
            runtime=runtime,
        )
    except RuntimeError as exc:  # the SDK's connection errors are Rust debug output
        raise TemporalUnreachable(settings.temporal_address, in_words(str(exc))) from None


def temporal_tls(settings: Settings) -> TLSConfig | bool:
    if not settings.uses_temporal_tls:
        return False
    cert, key, ca = settings.temporal_tls_cert, settings.temporal_tls_key, settings.temporal_tls_ca
    if cert is None and ca is None:
        return True  # the system's trust store, as for Temporal Cloud with an API key
    return TLSConfig(
        server_root_ca_cert=_read(ca, "temporal_tls_ca"),
        client_cert=_read(cert, "temporal_tls_cert"),
        client_private_key=_read(key, "temporal_tls_key"),
    )


def _read(path: Path | None, setting: str) -> bytes | None:
    if path is None:
        return None
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{setting}: cannot read {path}: {exc.strerror}") from None
