"""Mail servers for the reliability tests, each stoppable and restartable on its own port.

- IMAP: the embedded server (pymap, run as its own process by this file) or Dovecot from
  Debian's `dovecot-imapd`, as an unprivileged test instance with its config and Maildirs in a
  temporary directory. Stopping kills the process, so every open connection drops, as when a
  real server restarts.
- SMTP: an aiosmtpd sink in the test process that keeps every message it accepts (what people
  would receive); stopping it also cuts the connections it has open. With Debian's servers,
  Postfix (`postfix`, its own config, queue and log in a temporary directory) takes the engine's
  mail and relays it to the sink, queueing it while the sink is away; stopping Postfix is then
  the SMTP outage.

Run as a script (`python tests/support/mailservers.py ROOT PORT`) it serves the embedded IMAP
server.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from contextlib import AsyncExitStack, suppress
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.smtp import SMTP, Envelope, Session

PASSWORD = "imap-test-password"
PLANS = "plans@mutualplan.localhost"


class SmtpSink:
    """Accepts everything, keeps it, and can be taken down and brought back on the same port."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.messages: list[EmailMessage] = []
        self.recipients: list[tuple[str, EmailMessage]] = []
        self._server: asyncio.Server | None = None
        self._sessions: set[SMTP] = set()

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        msg = email.message_from_bytes(
            envelope.original_content or b"", policy=email.policy.default
        )
        assert isinstance(msg, EmailMessage)
        self.messages.append(msg)
        for rcpt in envelope.rcpt_tos:
            self.recipients.append((rcpt.lower(), msg))
        return "250 OK"

    def _protocol(self) -> SMTP:
        protocol = SMTP(self, hostname="sink")
        self._sessions.add(protocol)
        return protocol

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(
            self._protocol, host="127.0.0.1", port=self.port, reuse_address=True
        )

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            for session in self._sessions:
                if session.transport is not None:
                    session.transport.abort()
            self._sessions.clear()
            await self._server.wait_closed()
            self._server = None

    def message_ids(self) -> Counter[str]:
        return Counter(str(m["Message-ID"]).strip() for m in self.messages)

    def by_recipient_and_subject(self) -> Counter[tuple[str, str]]:
        return Counter((rcpt, " ".join(str(m["Subject"]).split())) for rcpt, m in self.recipients)

    def matching(self, predicate: Callable[[str, EmailMessage], bool]) -> list[EmailMessage]:
        return [m for rcpt, m in self.recipients if predicate(rcpt, m)]

    async def wait_until(self, condition: Callable[[], bool], timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"not within {timeout:.0f}s: {what}")
            await asyncio.sleep(0.1)


class ImapServer:
    """An IMAP server process over Maildirs in `root`; `kind` is "embedded" or "dovecot"."""

    def __init__(self, kind: str, root: Path, port: int) -> None:
        self.kind = kind
        self.port = port
        self.root = root
        self.process: subprocess.Popen[bytes] | None = None
        if kind == "dovecot":
            self._setup_dovecot()
        else:
            self.maildirs = root / "mail"

    def start(self) -> None:
        log = (self.root / f"{self.kind}.log").open("ab")
        if self.kind == "dovecot":
            command = [_binary("dovecot"), "-F", "-c", str(self.root / "dovecot.conf")]
        else:
            command = [sys.executable, __file__, str(self.maildirs), str(self.port)]
        self.process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, env=real_clock_env()
        )
        log.close()
        _wait_for_greeting(self.port, self.process)

    def stop(self) -> None:
        """Kill the server: its connections drop at once; the Maildirs stay."""
        if self.process is None:
            return
        self.process.send_signal(signal.SIGKILL if self.kind == "embedded" else signal.SIGTERM)
        self.process.wait(timeout=20)
        self.process = None
        if self.kind == "dovecot":  # its imap processes outlive the master for a moment
            deadline = time.monotonic() + 10
            while _port_open(self.port) and time.monotonic() < deadline:
                time.sleep(0.1)

    def cleanup(self) -> None:
        self.stop()
        if self.kind == "dovecot":
            shutil.rmtree(self.maildirs, ignore_errors=True)

    def plans_maildir(self) -> Path:
        return self.maildirs / PLANS

    def _setup_dovecot(self) -> None:
        """Its own config, base_dir and Maildirs. Run as root (CI), login and mail processes
        take Dovecot's own unprivileged users, whose Maildirs live outside pytest's 0700 tmp."""
        run = self.root / "run"
        run.mkdir(parents=True)
        if os.geteuid() == 0:
            login_user, mail_user = "dovenull", "dovecot"
            self.maildirs = Path(tempfile.mkdtemp(prefix="mutualplan-dovecot-"))
            mail = pwd.getpwnam(mail_user)
            os.chown(self.maildirs, mail.pw_uid, mail.pw_gid)
            self.maildirs.chmod(0o755)
        else:
            login_user = mail_user = pwd.getpwuid(os.getuid()).pw_name
            self.maildirs = self.root / "mail"
            self.maildirs.mkdir()
        (self.root / "dovecot.conf").write_text(
            _DOVECOT_CONF.format(
                run=run,
                log=self.root / "dovecot.log",
                maildirs=self.maildirs,
                port=self.port,
                password=PASSWORD,
                login_user=login_user,
                mail_user=mail_user,
            )
        )


_DOVECOT_CONF = """\
protocols = imap
listen = 127.0.0.1
base_dir = {run}
state_dir = {run}/state
log_path = {log}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{maildirs}/%u:LAYOUT=fs
default_internal_user = {mail_user}
default_internal_group = {mail_user}
default_login_user = {login_user}
first_valid_uid = 1
passdb {{
  driver = static
  args = password={password}
}}
userdb {{
  driver = static
  args = uid={mail_user} gid={mail_user} home={maildirs}/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
protocol imap {{
  mail_max_userip_connections = 200
}}
"""


class Postfix:
    """Postfix as the engine's SMTP server, relaying everything to the sink on `relay_port`.
    Run as root (as in CI: its daemons drop to the `postfix` user)."""

    def __init__(self, port: int, relay_port: int) -> None:
        self.port = port
        self.root = Path(tempfile.mkdtemp(prefix="mutualplan-postfix-"))
        self.root.chmod(0o755)
        self.conf = self.root / "conf"
        self.conf.mkdir()
        (self.root / "queue").mkdir()
        data = self.root / "data"
        data.mkdir()
        postfix = pwd.getpwnam("postfix")
        os.chown(data, postfix.pw_uid, postfix.pw_gid)
        (self.conf / "main.cf").write_text(_POSTFIX_MAIN.format(root=self.root, relay=relay_port))
        (self.conf / "master.cf").write_text(_POSTFIX_MASTER.format(port=port))

    def start(self) -> None:
        self._postfix("start")
        deadline = time.monotonic() + 30
        while not _port_open(self.port):
            if time.monotonic() > deadline:
                raise RuntimeError(f"Postfix did not listen on {self.port}: {self.log()[-2000:]}")
            time.sleep(0.1)

    def stop(self) -> None:
        """Stop taking mail (what is queued stays queued, and goes out after a start)."""
        self._postfix("stop")
        deadline = time.monotonic() + 20
        while _port_open(self.port) and time.monotonic() < deadline:
            time.sleep(0.1)

    def cleanup(self) -> None:
        with suppress(RuntimeError):
            self._postfix("stop")
        shutil.rmtree(self.root, ignore_errors=True)

    def accepted_ids(self) -> set[str]:
        """Message-IDs Postfix has taken (its cleanup logs one before smtpd answers 250)."""
        return {
            line.split("message-id=", 1)[1].strip()
            for line in self.log().splitlines()
            if "/cleanup[" in line and "message-id=" in line
        }

    def log(self) -> str:
        path = self.root / "maillog"
        return path.read_text(errors="replace") if path.exists() else ""

    def _postfix(self, action: str) -> None:
        done = subprocess.run(
            [_binary("postfix"), "-c", str(self.conf), action],
            capture_output=True,
            text=True,
            env=real_clock_env(),
        )
        if done.returncode != 0 and action == "start":
            raise RuntimeError(f"postfix {action}: {done.stderr} {self.log()[-2000:]}")


_POSTFIX_MAIN = """\
compatibility_level = 3.6
queue_directory = {root}/queue
data_directory = {root}/data
mail_owner = postfix
setgid_group = postdrop
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = postfix.test
mydestination =
mynetworks = 127.0.0.0/8
relayhost = [127.0.0.1]:{relay}
smtpd_relay_restrictions = permit_mynetworks, reject
maillog_file_prefixes = {root}
maillog_file = {root}/maillog
minimal_backoff_time = 1s
maximal_backoff_time = 2s
queue_run_delay = 1s
smtp_connect_timeout = 2s
"""

_POSTFIX_MASTER = """\
127.0.0.1:{port} inet n - n - - smtpd
pickup unix n - n 60 1 pickup
cleanup unix n - n - 0 cleanup
qmgr unix n - n 300 1 qmgr
rewrite unix - - n - - trivial-rewrite
bounce unix - - n - 0 bounce
defer unix - - n - 0 bounce
trace unix - - n - 0 bounce
verify unix - - n - 1 verify
flush unix n - n 1000? 0 flush
proxymap unix - - n - - proxymap
smtp unix - - n - - smtp
relay unix - - n - - smtp
showq unix n - n - - showq
error unix - - n - - error
retry unix - - n - - error
discard unix - - n - - discard
anvil unix - - n - 1 anvil
scache unix - - n - 1 scache
postlog unix-dgram n - n - 1 postlogd
"""


def real_clock_env() -> dict[str, str]:
    """This environment without libfaketime. The mail servers stand for other hosts, whose
    clocks a run of the suite a year ahead (docs/development.md) does not move; under it their
    threads would crawl too (libfaketime 0.9.10 upsets the timed waits of the GIL)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FAKETIME")}
    kept = [lib for lib in env.pop("LD_PRELOAD", "").split(":") if lib and "faketime" not in lib]
    return env | ({"LD_PRELOAD": ":".join(kept)} if kept else {})


def _binary(name: str) -> str:
    return shutil.which(name) or f"/usr/sbin/{name}"


def _port_open(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _wait_for_greeting(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the IMAP server exited with {process.returncode}")
        with suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
            if sock.recv(100).startswith(b"* OK"):
                return
        time.sleep(0.1)
    raise RuntimeError(f"no IMAP greeting on port {port}")


async def _serve_embedded(root: Path, port: int) -> None:
    from mutualplan.devstack.mailserver import start_imap

    root.mkdir(parents=True, exist_ok=True)
    async with AsyncExitStack() as stack:
        await start_imap(stack, root, host="127.0.0.1", port=port)
        await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(_serve_embedded(Path(sys.argv[1]), int(sys.argv[2])))
