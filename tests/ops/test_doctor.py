"""`mutualplan doctor` against a working stack (Temporal dev server, IMAP and SMTP with STARTTLS
and a test CA) and against broken ones: one precise line per check, never a password."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from mutualplan import search_attributes as sa
from mutualplan.cli import main
from mutualplan.devstack.ports import free_port as free_loopback_port
from mutualplan.settings import Settings
from mutualplan.worker.doctor import run_doctor
from tests.support.tls import SMTP_PASSWORD, SMTP_USER, Imap, Pki, TlsSmtp

SECRET = "doctor-hmac-key-0123456789abcdef"
IMAP_PASSWORD = "imap-password-doctor"


@pytest.fixture
def working(pki: Pki, temporal: str, imap_tls: Imap, smtp_starttls: TlsSmtp) -> Settings:
    return Settings.model_validate(
        {
            "secret": SECRET,
            "allowed_sellers": ["@acme.example", "kim@partner.example"],
            "temporal_address": temporal,
            "imap_port": imap_tls.starttls_port,
            "imap_security": "starttls",
            "imap_ca_file": pki.ca_file,
            "imap_password": IMAP_PASSWORD,
            "smtp_port": smtp_starttls.port,
            "smtp_security": "starttls",
            "smtp_ca_file": pki.ca_file,
            "smtp_username": SMTP_USER,
            "smtp_password": SMTP_PASSWORD,
        }
    )


def lines(checks: list[object]) -> list[str]:
    return [c.line() for c in checks]  # type: ignore[attr-defined]


async def test_a_working_stack(working: Settings, temporal: str) -> None:
    checks = await run_doctor(working)
    imap, smtp = working.imap_port, working.smtp_port
    assert lines(checks) == [
        f"\u2713 secret: set ({len(SECRET)} characters)",
        "! allowed sellers: @acme.example, kim@partner.example (no DMARC verdict is read: mail "
        "forged in their name starts plans, unless your mail server rejects it; set "
        "MUTUALPLAN_TRUSTED_AUTHSERV_ID)",
        f"\u2713 Temporal {temporal}: connected (no TLS), namespace default exists",
        f"\u2713 search attributes: all {len(sa.ALL)} registered",
        f"\u2713 IMAP 127.0.0.1:{imap}: STARTTLS, logged in as plans@mutualplan.localhost, "
        "INBOX has 0 message(s)",
        "\u2713 IMAP folders: 'Processed' created, 'Set aside' created",
        f"\u2713 SMTP 127.0.0.1:{smtp}: STARTTLS, EHLO answered, logged in as {SMTP_USER} "
        "(nothing sent)",
    ]
    checked = working.model_copy(update={"trusted_authserv_id": "mx.acme.example"})
    again = await run_doctor(checked)
    assert again[1].line() == "\u2713 allowed sellers: @acme.example, kim@partner.example"
    assert again[5].detail == "'Processed' exists, 'Set aside' exists"


async def test_a_broken_stack(
    working: Settings, temporal: str, free_port: Callable[[], int]
) -> None:
    closed = free_port()
    wrong = "wrong-smtp-password-99"
    broken = working.model_copy(
        update={
            "secret": None,
            "allowed_sellers": [],
            "temporal_namespace": "nope",
            "imap_port": closed,
            "smtp_password": Settings.model_validate({"smtp_password": wrong}).smtp_password,
        }
    )
    checks = await run_doctor(broken)
    assert lines(checks) == [
        "\u2717 secret: MUTUALPLAN_SECRET is not set: `mutualplan worker` will not start (set "
        "16+ random characters)",
        "\u2717 allowed sellers: MUTUALPLAN_ALLOWED_SELLERS is empty: `mutualplan worker` will "
        "not start (set your sellers' @domains)",
        f"\u2717 Temporal {temporal}: namespace 'nope' does not exist",
        "\u2717 search attributes: not checked (needs a Temporal connection)",
        f"\u2717 IMAP 127.0.0.1:{closed}: connection refused "
        "(is the server running, and is this the right port?)",
        "\u2717 IMAP folders: not checked (needs an IMAP session)",
        f"\u2717 SMTP 127.0.0.1:{working.smtp_port}: login refused for {SMTP_USER}: "
        "535 5.7.8 Authentication credentials invalid",
    ]
    assert not any(wrong in line or IMAP_PASSWORD in line for line in lines(checks))


async def test_wrong_ca_and_wrong_temporal_port(
    working: Settings, pki: Pki, free_port: Callable[[], int]
) -> None:
    closed = free_port()
    broken = working.model_copy(
        update={
            "temporal_address": f"127.0.0.1:{closed}",
            "imap_ca_file": pki.other_ca_file,
            "smtp_ca_file": pki.other_ca_file,
        }
    )
    checks = await run_doctor(broken)
    by_name = {c.name.split(" ")[0]: c for c in reversed(checks)}  # "IMAP host:port" wins
    assert by_name["Temporal"].detail == "cannot connect: Connection refused"
    assert by_name["IMAP"].detail.startswith(
        "STARTTLS failed: TLS handshake failed: certificate verify failed"
    )
    assert by_name["SMTP"].detail.startswith("TLS handshake failed: certificate verify failed")
    assert "MUTUALPLAN_SMTP_CA_FILE" in by_name["SMTP"].detail
    text = "\n".join(lines(checks))
    assert SMTP_PASSWORD not in text and IMAP_PASSWORD not in text


@pytest.mark.usefixtures("restore_logging")
def test_the_command_prints_one_line_per_check_and_fails(tmp_path: Path) -> None:
    ports = [free_loopback_port() for _ in range(3)]
    env = {name: "" for name in os.environ if name.startswith("MUTUALPLAN_")}
    env.update(
        {
            "MUTUALPLAN_TEMPORAL_ADDRESS": f"127.0.0.1:{ports[0]}",
            "MUTUALPLAN_IMAP_PORT": str(ports[1]),
            "MUTUALPLAN_SMTP_PORT": str(ports[2]),
            "MUTUALPLAN_IMAP_PASSWORD": IMAP_PASSWORD,
        }
    )
    env = {k: v for k, v in env.items() if v}
    result = CliRunner().invoke(main, ["doctor"], env=env)
    assert result.exit_code == 1, result.output
    out = result.output.splitlines()
    assert len(out) == 7 and all(line.startswith("\u2717 ") for line in out)
    assert out[4] == (
        f"\u2717 IMAP 127.0.0.1:{ports[1]}: connection refused "
        "(is the server running, and is this the right port?)"
    )
    assert IMAP_PASSWORD not in result.output


async def test_anyone_may_start_plans_passes_loudly(working: Settings) -> None:
    """`["*"]` is an operator's choice: doctor passes, and says what it means."""
    checks = await run_doctor(working.model_copy(update={"allowed_sellers": ["*"]}))
    assert lines(checks)[1] == (
        '! allowed sellers: ["*"]: ANYONE may start plans, and the engine mails whoever they copy'
    )
