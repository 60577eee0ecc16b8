"""The dev stack's IMAP server files mail the way the engine needs: messages moved and appended
into a folder from several connections at once, while mail is being delivered, each end up
there once, with a UID of their own, and later ones above all earlier ones."""

from __future__ import annotations

import asyncio
import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from imapclient import IMAPClient

from mutualplan.devstack import fast_maildir
from mutualplan.devstack.mailserver import deliver, dev_mail_server
from mutualplan.errors import ConfigError
from mutualplan.mail.receive import Mailbox, open_mailbox
from mutualplan.settings import Settings

PLANS = "plans@mutualplan.localhost"


def raw(n: int) -> bytes:
    headers = f"From: jane@globex.example\r\nMessage-ID: <m{n}@globex.example>\r\n"
    return f"{headers}\r\ndone\r\n".encode()


def connect(port: int, address: str = PLANS) -> IMAPClient:
    client = IMAPClient("127.0.0.1", port=port, ssl=False, timeout=30)
    client.login(address, "any")
    return client


def create_processed(port: int) -> None:
    client = connect(port)
    client.create_folder("Processed")
    client.logout()


def move_all(port: int) -> None:
    client = connect(port)
    client.select_folder("INBOX")
    client.move(client.search("ALL"), "Processed")
    client.logout()


def processed(port: int) -> tuple[dict[int, str], int]:
    """UID -> Message-ID of everything in Processed, and its UIDNEXT."""
    client = connect(port)
    try:
        info = client.select_folder("Processed", readonly=True)
        data = client.fetch(client.search("ALL"), ["BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"])
        ids = {uid: item[b"BODY[HEADER.FIELDS (MESSAGE-ID)]"].decode().split()[-1]
               for uid, item in data.items()}  # fmt: skip
        return ids, info[b"UIDNEXT"]
    finally:
        client.logout()


async def test_moves_and_appends_from_several_connections_each_land_once(
    tmp_path: Path, free_port: Callable[[], int]
) -> None:
    root, imap_port = tmp_path / "mail", free_port()
    errors: list[BaseException] = []

    def mover(rounds: int) -> None:
        try:
            client = connect(imap_port)
            client.select_folder("INBOX")
            for _ in range(rounds):
                uids = client.search("ALL")
                if uids:
                    client.move(uids[:3], "Processed")
                client.noop()
            client.logout()
        except BaseException as exc:  # reported by the test below
            errors.append(exc)

    def appender(first: int, count: int) -> None:
        try:
            client = connect(imap_port)
            for n in range(first, first + count):
                client.append("Processed", raw(n))
            client.logout()
        except BaseException as exc:
            errors.append(exc)

    async with dev_mail_server(root, smtp_port=free_port(), imap_port=imap_port):
        for n in range(20):
            deliver(root, PLANS, "jane@globex.example", raw(n))
        await asyncio.to_thread(create_processed, imap_port)
        threads = [
            threading.Thread(target=mover, args=(15,)),
            threading.Thread(target=mover, args=(15,)),
            threading.Thread(target=appender, args=(100, 15)),
        ]
        for thread in threads:
            thread.start()
        for n in range(20, 40):  # delivered while the others move and append
            deliver(root, PLANS, "jane@globex.example", raw(n))
            await asyncio.sleep(0.01)
        for thread in threads:
            await asyncio.to_thread(thread.join, 60)
        assert not errors, errors
        await asyncio.to_thread(mover, 20)  # what is left in the inbox
        assert not errors, errors

        ids, uid_next = await asyncio.to_thread(processed, imap_port)
        expected = {f"<m{n}@globex.example>" for n in [*range(40), *range(100, 115)]}
        assert Counter(ids.values()) == Counter(expected)  # each message once, none lost
        assert max(ids) < uid_next

        # one more, moved after the folder was looked up and written to many times
        deliver(root, PLANS, "jane@globex.example", raw(200))
        await asyncio.to_thread(mover, 1)
        later, _ = await asyncio.to_thread(processed, imap_port)
        newest = max(later)
        assert later[newest] == "<m200@globex.example>"
        assert newest > max(ids) and len(later) == len(ids) + 1


async def test_a_lock_left_by_a_killed_server_does_not_block_the_next(
    tmp_path: Path, free_port: Callable[[], int]
) -> None:
    root, imap_port = tmp_path / "mail", free_port()
    async with dev_mail_server(root, smtp_port=free_port(), imap_port=imap_port):
        await asyncio.to_thread(create_processed, imap_port)
    # what SIGKILL in the middle of a write leaves: the UID list's lock file
    for folder in (root / PLANS, root / PLANS / ".Processed"):
        (folder / "dovecot-uidlist.lock").touch()
    async with dev_mail_server(root, smtp_port=free_port(), imap_port=imap_port):
        deliver(root, PLANS, "jane@globex.example", raw(1))
        await asyncio.to_thread(move_all, imap_port)  # no "NO [TIMEOUT]" after 10 s
        ids, _ = await asyncio.to_thread(processed, imap_port)
    assert list(ids.values()) == ["<m1@globex.example>"]


def message_id(body: bytes) -> str:
    return body.split(b"Message-ID: ")[1].split(b"\r\n")[0].decode()


def fetch_move_and_look(port: int) -> dict[str, object]:
    client = connect(port)
    try:
        client.select_folder("INBOX")
        uids = client.search("ALL")
        bodies = client.fetch(uids, ["BODY.PEEK[]"])
        client.move(uids[:20], "Processed")
        return {"uids": uids, "bodies": bodies, "left": client.search("ALL")}
    finally:
        client.logout()


async def test_one_fetch_and_one_move_of_many_messages(
    tmp_path: Path, free_port: Callable[[], int]
) -> None:
    """What the listener does each round: every message comes back byte for byte as delivered
    (a long header too, not refolded), and one MOVE files many, each with a UID of its own."""
    root, imap_port = tmp_path / "mail", free_port()
    references = " ".join(f"<earlier-{n}@globex.example>" for n in range(6))
    delivered = {}
    async with dev_mail_server(root, smtp_port=free_port(), imap_port=imap_port):
        await asyncio.to_thread(create_processed, imap_port)
        for n in range(30):
            content = raw(n).replace(b"\r\n\r\n", f"\r\nReferences: {references}\r\n\r\n".encode())
            deliver(root, PLANS, "jane@globex.example", content)
            trace = f"Return-Path: <jane@globex.example>\r\nDelivered-To: {PLANS}\r\n".encode()
            delivered[f"<m{n}@globex.example>"] = trace + content
        seen = await asyncio.to_thread(fetch_move_and_look, imap_port)
        ids, uid_next = await asyncio.to_thread(processed, imap_port)

    uids = seen["uids"]
    assert len(uids) == 30
    bodies = {uid: item[b"BODY[]"] for uid, item in seen["bodies"].items()}
    assert {message_id(body): body for body in bodies.values()} == delivered
    assert seen["left"] == uids[20:]
    assert sorted(ids.values()) == sorted(message_id(bodies[uid]) for uid in uids[:20])
    assert len(ids) == 20 and max(ids) < uid_next


async def test_a_new_address_logging_in_on_several_connections_at_once(
    tmp_path: Path, free_port: Callable[[], int]
) -> None:
    """The engine opens a few connections to the plans mailbox together (the Sent folder's);
    the first time, its Maildir does not exist yet, and every login must still succeed."""
    root, imap_port = tmp_path / "mail", free_port()

    def log_in_and_out(address: str) -> None:
        connect(imap_port, address).logout()

    async with dev_mail_server(root, smtp_port=free_port(), imap_port=imap_port):
        for n in range(5):  # the race is narrow: try it on a few new addresses
            address = f"plans{n}@mutualplan.localhost"
            results = await asyncio.gather(
                *(asyncio.to_thread(log_in_and_out, address) for _ in range(6)),
                return_exceptions=True,
            )
            assert [r for r in results if r is not None] == []


async def test_mail_delivered_just_before_idle_is_reported_at_once(
    tmp_path: Path,
    free_port: Callable[[], int],
    monkeypatch: pytest.MonkeyPatch,
    timed_idle: Callable[[Mailbox], tuple[float, int]],
) -> None:
    """A delivery between a client's last command and its IDLE wakes nobody: the server must
    see it when the IDLE starts, not at its next look at the folder (a second in the dev server,
    made a minute here so that only the first way can pass)."""
    monkeypatch.setattr(fast_maildir, "IDLE_POLL_SECONDS", 60.0)
    root, imap_port = tmp_path / "mail", free_port()
    settings = Settings(data_dir=tmp_path, secret="devmail-secret", imap_port=imap_port)
    async with dev_mail_server(root, smtp_port=free_port(), imap_port=imap_port):
        deliver(root, PLANS, "jane@globex.example", raw(1))

        def idle() -> tuple[float, int]:  # as the listener does
            with open_mailbox(settings) as mailbox:
                assert len(mailbox.pending()) == 1
                deliver(root, PLANS, "jane@globex.example", raw(2))  # after the SEARCH
                return timed_idle(mailbox)

        waited, pending = await asyncio.to_thread(idle)
    assert pending == 2
    assert waited < 5, f"reported after {waited:.1f} s"


def test_another_pymap_release_is_refused_by_name() -> None:
    """fast_maildir.py replaces private methods of one pymap release: on another the dev mail
    server does not start, and says which release it needs and how to get it."""
    fast_maildir.check_pymap_release()  # the installed one
    fast_maildir.check_pymap_release(f"{fast_maildir.PYMAP_RELEASE}.99")
    with pytest.raises(ConfigError) as refused:
        fast_maildir.check_pymap_release("0.37.0")
    assert "pymap 0.36.x" in str(refused.value)
    assert "pip install 'pymap>=0.36,<0.37'" in str(refused.value)
