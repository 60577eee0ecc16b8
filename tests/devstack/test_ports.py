"""The ports tests and `mutualplan dev` pick for servers that must know their port in advance."""

from __future__ import annotations

import socket
from pathlib import Path

from mutualplan.devstack.ports import free_port


def test_free_ports_stay_clear_of_the_ports_the_kernel_hands_out_and_never_repeat() -> None:
    # a port from bind(0) is one the kernel may also give an outgoing connection, or the Temporal
    # dev server for its own use, before our server binds it
    ephemeral = Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()
    ports = [free_port() for _ in range(200)]

    assert len(set(ports)) == len(ports)
    assert all(1024 <= port < int(ephemeral[0]) for port in ports)
    for port in ports[:10]:
        with socket.create_server(("127.0.0.1", port)):
            pass
