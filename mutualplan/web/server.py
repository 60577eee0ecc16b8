"""Serve the plan pages with uvicorn inside the worker's event loop (one process, one loop)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from collections.abc import AsyncIterator, Iterator

import uvicorn
from temporalio.client import Client

from mutualplan.errors import ConfigError
from mutualplan.settings import Settings
from mutualplan.web.app import build_app

log = logging.getLogger(__name__)


class _Server(uvicorn.Server):
    """uvicorn without its own signal handlers: the worker's SIGTERM handling stops everything."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def bind(host: str, port: int) -> socket.socket:
    """The listening socket, bound here so a port in use is one clear error, not an exit."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise ConfigError(f"cannot serve plan pages on {host}:{port}: {exc.strerror}") from None
    sock.listen(128)
    sock.setblocking(False)
    return sock


@contextlib.asynccontextmanager
async def serve_web(settings: Settings, client: Client) -> AsyncIterator[str]:
    """Serve the plan pages on web_host:web_port until the block ends; yields the address."""
    sock = bind(settings.web_host, settings.web_port)
    config = uvicorn.Config(
        build_app(settings, client),
        lifespan="off",
        log_config=None,
        access_log=False,
        server_header=False,
        proxy_headers=False,
        timeout_graceful_shutdown=5,
    )
    server = _Server(config)
    task = asyncio.create_task(server.serve(sockets=[sock]), name="plan pages")
    try:
        while not server.started:
            if task.done():
                task.result()
                raise ConfigError("the plan pages server stopped while starting")
            await asyncio.sleep(0.02)
        host, port = sock.getsockname()[:2]
        address = f"http://{f'[{host}]' if ':' in host else host}:{port}"
        log.info("plan pages on %s", address)
        yield address
    finally:
        server.should_exit = True
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.shield(task)
        sock.close()
