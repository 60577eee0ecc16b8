"""`mutualplan mail inbox` and `mail show` as the quick start uses them, against the dev stack's
own mail server: a long subject reads as one line, and a person on Cc sees that they were."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from mutualplan.cli import main
from mutualplan.devstack.mailserver import deliver, dev_mail_server

JANE = "jane@globex.example"
LONG = "[Globex rollout] Your turn: Technical validation signed off by the buyer (due 2027-01-20)"


def a_long_subject() -> bytes:
    """How the engine's mail arrives: a Subject too long for one line, folded onto the next."""
    return (
        "From: Alex Seller via mutualplan <plans@mutualplan.localhost>\r\n"
        "To: alex@acme.example\r\n"
        f"Cc: Jane Doe <{JANE}>\r\n"
        f"Subject:\r\n {LONG}\r\n"
        "Date: Sun, 06 Dec 2026 14:07:56 +0000\r\n"
        "Message-ID: <m1@mutualplan.localhost>\r\n\r\n"
        "Hi Jane Doe,\r\n"
    ).encode()


async def test_mail_show_prints_a_folded_subject_on_one_line_and_the_cc(
    tmp_path: Path, free_port: Callable[[], int]
) -> None:
    root, imap_port = tmp_path / "mail", free_port()
    env = {"MUTUALPLAN_IMAP_PORT": str(imap_port), "MUTUALPLAN_DATA_DIR": str(tmp_path)}

    def mail(*args: str) -> str:
        result = CliRunner().invoke(main, ["mail", *args], env=env)
        assert result.exit_code == 0, result.output
        return result.output

    async with dev_mail_server(root, smtp_port=free_port(), imap_port=imap_port):
        deliver(root, JANE, "plans@mutualplan.localhost", a_long_subject())
        listed = await asyncio.to_thread(mail, "inbox", JANE)
        shown = (await asyncio.to_thread(mail, "show", JANE, "1")).splitlines()
    assert listed.rstrip().endswith(LONG)
    # the From column: the name of a sender too long for it, not an address cut in two
    assert "Alex Seller via mutualplan   " in listed and "<plans@" not in listed, listed
    assert f"Subject: {LONG}" in shown, shown
    assert f"Cc: Jane Doe <{JANE}>" in shown


async def test_what_a_sender_wrote_reaches_the_terminal_without_escape_sequences(
    tmp_path: Path, free_port: Callable[[], int]
) -> None:
    """A subject or body holding ESC or the 8-bit CSI would move the cursor or hide text in the
    terminal that lists or shows it (red-team round 9)."""
    root, imap_port = tmp_path / "mail", free_port()
    env = {"MUTUALPLAN_IMAP_PORT": str(imap_port), "MUTUALPLAN_DATA_DIR": str(tmp_path)}
    raw = (
        "From: Mallory <mallory@evil.example>\r\nTo: jane@globex.example\r\n"
        "Subject: =?utf-8?q?Hi=1B[2J_there?=\r\nMessage-ID: <e1@evil.example>\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\nline one\x1b[8m hidden \u009b2J\r\n"
    ).encode()
    async with dev_mail_server(root, smtp_port=free_port(), imap_port=imap_port):
        deliver(root, JANE, "mallory@evil.example", raw)
        shown = [
            (await asyncio.to_thread(CliRunner().invoke, main, ["mail", *args], env=env)).output
            for args in (["inbox", JANE], ["show", JANE, "1"])
        ]
    for output in shown:
        assert not any(c in output for c in "\x1b\x9b"), output
    assert "Hi[2J there" in shown[0] and "line one[8m hidden 2J" in shown[1]


@pytest.mark.parametrize("command", [["inbox"], ["show", "1"], ["reply", "1", "done"]])
def test_a_name_for_an_address_says_so_before_any_login(command: list[str]) -> None:
    """'mutualplan mail inbox jane' got the IMAP server's "[AUTHENTICATIONFAILED] Invalid
    authentication credentials": the docs say any address logs in, and jane is not one."""
    verb, *rest = command
    result = CliRunner().invoke(main, ["mail", verb, "jane", *rest])
    assert result.exit_code == 2
    assert "'jane' is not an email address (such as jane@globex.example)" in result.output


@pytest.mark.parametrize("command", [["inbox"], ["show", "1"], ["reply", "1", "done"]])
def test_an_address_beyond_ascii_says_the_dev_server_keeps_none(command: list[str]) -> None:
    # a step handed to jörg@müller.example: the dev server refuses his mail (no SMTPUTF8), and
    # 'mutualplan mail inbox jörg@müller.example' raised UnicodeEncodeError at the IMAP LOGIN
    verb, *rest = command
    result = CliRunner().invoke(main, ["mail", verb, "jörg@müller.example", *rest])
    assert result.exit_code == 2
    assert "keeps no mailbox for 'jörg@müller.example'" in result.output, result.output
