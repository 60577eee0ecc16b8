"""Ports for servers on loopback: is one free, and a free one for a server that must know its port
before it starts (the dev stack's metrics, every server a test or the benchmark starts)."""

from __future__ import annotations

import random
import socket

from mutualplan.errors import ConfigError


def ensure_port_free(host: str, port: int) -> None:
    with socket.socket() as probe:
        # as servers bind: connections of a previous run lingering in TIME_WAIT do not count
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            raise ConfigError(
                f"port {host}:{port} is already in use (another `mutualplan dev` or Temporal "
                "server?); stop it or choose other ports"
            ) from None


_handed_out: set[int] = set()


def free_port(host: str = "127.0.0.1") -> int:
    """A port on `host` that no server holds, for one whose port must be known before it starts.
    Picked below the kernel's ephemeral range, where `bind(host, 0)` would have found one: there
    every outgoing connection takes its local port and the Temporal dev server picks its internal
    ones, and one of them took a port picked that way before our server bound it (tests failed
    with "address already in use"). Never the same port twice in a process."""
    low = _ephemeral_ports_start()
    for _ in range(1000):
        port = random.SystemRandom().randrange(low // 2, low)
        if port in _handed_out:
            continue
        try:
            ensure_port_free(host, port)
        except ConfigError:
            continue
        _handed_out.add(port)
        return port
    raise ConfigError(f"no free port on {host} below {low}")


def _ephemeral_ports_start() -> int:
    try:
        with open("/proc/sys/net/ipv4/ip_local_port_range") as ports:
            return max(int(ports.read().split()[0]), 2048)
    except (OSError, ValueError, IndexError):
        return 32768  # Linux's default; the BSDs and macOS start at 49152
