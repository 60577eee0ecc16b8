"""`python -m mutualplan -v worker` as a child process, configured through the environment as in
production, for the tests that kill, stop and restart workers."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

from mutualplan.settings import Settings


def worker_env(settings: Settings, **extra: str) -> dict[str, str]:
    """The environment that configures a mutualplan process for this stack (`extra`: more
    settings by name, e.g. metrics_bind_address="127.0.0.1:9999")."""
    env = {
        "MUTUALPLAN_SECRET": settings.secret.get_secret_value() if settings.secret else "",
        "MUTUALPLAN_SMTP_PORT": str(settings.smtp_port),
        "MUTUALPLAN_IMAP_PORT": str(settings.imap_port),
        "MUTUALPLAN_IMAP_PASSWORD": settings.imap_password.get_secret_value(),
        "MUTUALPLAN_TEMPORAL_ADDRESS": settings.temporal_address,
        "MUTUALPLAN_TEMPORAL_NAMESPACE": settings.temporal_namespace,
        "MUTUALPLAN_MAILBOX_TAKEOVER_SECONDS": str(settings.mailbox_takeover_seconds),
        "MUTUALPLAN_SHUTDOWN_GRACE_SECONDS": str(settings.shutdown_grace_seconds),
        # a production worker refuses to start while nobody is named
        "MUTUALPLAN_ALLOWED_SELLERS": json.dumps(settings.allowed_sellers),
    }
    return env | {f"MUTUALPLAN_{name.upper()}": value for name, value in extra.items()}


class WorkerProcess:
    """`python -m mutualplan -v worker *args`, its output in `log`."""

    def __init__(self, settings: Settings, log: Path, *args: str, **extra: str) -> None:
        inherited = {k: v for k, v in os.environ.items() if not k.startswith("MUTUALPLAN_")}
        self._env = inherited | worker_env(settings, **extra)
        self.log = log
        self.args = args
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "mutualplan", "-v", "worker", *self.args],
                env=self._env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    @property
    def identity(self) -> str:
        """The Temporal worker identity the SDK gives this process."""
        assert self.process is not None
        return f"{self.process.pid}@{socket.gethostname()}"

    def said(self, text: str) -> int:
        """How many times the log has `text`."""
        return self.log.read_text("utf-8", "replace").count(text) if self.log.exists() else 0

    def signal(self, sig: signal.Signals) -> None:
        assert self.process is not None
        self.process.send_signal(sig)

    def kill(self) -> None:
        self.signal(signal.SIGKILL)
        assert self.process is not None
        self.process.wait()

    def stop(self) -> None:
        """SIGTERM, as systemd would; teardown only, so a slow drain is cut short after 30 s."""
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
