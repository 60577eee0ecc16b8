"""pymap's Maildir backend made fast enough for a dev stack under load (and for the benchmark).

pymap lists and re-reads a whole folder on most commands, re-reads the UID list for every
message, parses and rewrites each message it serves, and notices new mail by polling every second
while a client IDLEs. These subclasses keep its behaviour and do each of those once. They are
used only by the dev mail server's sessions (`mailserver.DevIdentity`); pymap's own classes are
left as they are.

They override private methods and read private attributes (`Maildir._toc`, `MailboxSet._cache`,
`MailboxData._path`) of one minor release, PYMAP_RELEASE; pyproject pins it, and the dev mail
server refuses to start on another (`check_pymap_release`) rather than misbehave quietly.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterable
from importlib.metadata import version
from mailbox import MaildirMessage

from pymap.backend.mailbox import MailboxDataInterface
from pymap.backend.maildir import Session
from pymap.backend.maildir.mailbox import (
    LoadedMessage,
    MailboxData,
    MailboxSet,
    Maildir,
    Message,
)
from pymap.backend.maildir.uidlist import Record, UidList
from pymap.concurrent import Event
from pymap.context import subsystem
from pymap.exceptions import MailboxReadOnly
from pymap.flags import FlagOp
from pymap.interfaces.message import CachedMessage
from pymap.mime import MessageContent
from pymap.parsing.message import AppendMessage
from pymap.parsing.response.code import CopyUid
from pymap.parsing.specials import FetchRequirement, Flag, ObjectId, SequenceSet
from pymap.selected import SelectedMailbox

from mutualplan.errors import ConfigError

PYMAP_RELEASE = "0.36"  # the minor release whose internals these classes replace


def check_pymap_release(installed: str | None = None) -> None:
    """ConfigError unless the installed pymap is of PYMAP_RELEASE."""
    installed = installed or version("pymap")
    if installed.split(".")[:2] != PYMAP_RELEASE.split("."):
        raise ConfigError(
            f"the dev mail server is written against pymap {PYMAP_RELEASE}.x, whose private "
            f"methods mutualplan/devstack/fast_maildir.py replaces; pymap {installed} is "
            f"installed: pip install 'pymap>={PYMAP_RELEASE},<{_next_minor(PYMAP_RELEASE)}'"
        )


def _next_minor(release: str) -> str:
    major, minor = release.split(".")
    return f"{major}.{int(minor) + 1}"


# The dev server delivers in the same process, so it wakes the IDLE sessions of a folder itself
# (`wake_idlers`): a reply reaches the engine in milliseconds instead of half a second on average.
# Keyed by Maildir path, which is unique per server, so several dev servers in one process (tests)
# stay apart.
_idling: dict[str, set[Event]] = {}
IDLE_POLL_SECONDS = 1.0  # while a client IDLEs, how often the folder is listed without a wake


def wake_idlers(folder: str | os.PathLike[str]) -> None:
    for waiting in list(_idling.get(os.path.realpath(folder), ())):
        waiting.set()


class FastMessage(Message):
    __slots__ = ()

    @classmethod
    def of(cls, message: Message) -> FastMessage:
        """pymap's own lookups (`get`, `update`) make a plain `Message`: the same one, fast."""
        return cls(
            message.uid, message.internal_date, message.permanent_flags,
            expunged=message.expunged, email_id=message.email_id, thread_id=message.thread_id,
            recent=message.recent, maildir=message._maildir, key=message._key,
        )  # fmt: skip

    async def load_content(self, requirement: FetchRequirement) -> LoadedMessage:
        """The file as it is: pymap parses it into an `email` message and writes that out again
        first (most of the time of a FETCH, and long headers came back refolded)."""
        if (
            self._key is None
            or self._maildir is None
            or requirement.has_none(FetchRequirement.CONTENT)
        ):
            return LoadedMessage(self, requirement, None)
        try:
            path = os.path.join(self._maildir._path, self._maildir._lookup(self._key))
            with open(path, "rb") as file:
                raw = file.read()
        except (KeyError, FileNotFoundError):
            return LoadedMessage(self, requirement, None)
        return LoadedMessage(self, requirement, MessageContent.parse(raw))


class FastMailboxData(MailboxData):
    def __init__(self, mailbox_id: ObjectId, maildir: Maildir, path: str) -> None:
        super().__init__(mailbox_id, maildir, path)
        self._known_metadata: dict[str, MaildirMessage] = {}  # by file name: see `_metadata`

    async def update_selected(
        self, selected: SelectedMailbox, *, wait_on: Event | None = None
    ) -> SelectedMailbox:
        if wait_on is None or wait_on.is_set():  # not IDLE, or the client already sent DONE
            selected.set_messages(await self._renumber())
            return selected
        # IDLE waits for a delivery only if nothing came since the client last looked: mail
        # delivered between its last command and its IDLE woke nobody, and waited for the next
        # poll (up to a second) before it was reported. Listening (for a delivery, or for the
        # client's DONE) starts before that look, so either one during it ends the wait at once.
        delivered = subsystem.get().new_event()
        woken = wait_on.or_event(delivered)
        waiting = _idling.setdefault(os.path.realpath(self._path), set())
        waiting.add(delivered)
        try:
            messages = await self._renumber()
            if (messages[-1].uid if messages else 0) <= selected.messages.max_uid:
                await woken.wait(timeout=IDLE_POLL_SECONDS)
                messages = await self._renumber()
        finally:
            waiting.discard(delivered)
        selected.set_messages(messages)
        return selected

    async def _renumber(self) -> list[FastMessage]:
        """pymap's `reset()` then `messages()`, in one listing of the folder instead of three:
        new files get a UID, and the UIDs of moved and deleted mail are dropped (pymap keeps them
        until the session ends, and every lookup of one re-reads the whole Maildir). The folder
        is listed under the UID list's lock: mail delivered meanwhile (its file in place, its UID
        recorded under this lock) must not look removed. (pymap's own cleanup() would also sweep
        tmp/, racing with deliveries.)"""
        async with UidList.with_write(self._path) as uids:
            async with self.messages_lock.read_lock():
                found = self._metadata()
            for record in list(uids.records):
                if record.key not in found:
                    uids.remove(record.uid)
            known = {record.key for record in uids.records}
            for key, metadata in found.items():
                if key not in known:
                    ids = {
                        "E": str(ObjectId.random_email_id()),
                        "T": str(ObjectId.random_thread_id()),
                    }
                    uids.set(Record(uids.next_uid, ids, f"{key}:{metadata.get_info()}"))
                    uids.next_uid += 1
            self._uid_validity, self._next_uid = uids.uid_validity, uids.next_uid
            records = list(uids.records)
        return [self._message(record, found[record.key]) for record in records]

    def _metadata(self) -> dict[str, MaildirMessage]:
        """Each message file's flags, folder (new/cur) and time, by key, from one listing of the
        folder. A file's metadata is read once and kept under its name: a message file never
        changes, only its name does (when its flags change, or it moves from new/ to cur/)."""
        maildir = self._maildir
        keys = maildir.keys()  # lists new/ and cur/, and so brings the table of contents up to date
        toc: dict[str, str] = maildir._toc  # type: ignore[attr-defined]  # key -> "cur/<name>"
        kept: dict[str, MaildirMessage] = {}
        found: dict[str, MaildirMessage] = {}
        for key in keys:
            subpath = toc.get(key)
            if subpath is None:
                continue
            metadata = self._known_metadata.get(subpath)
            if metadata is None:
                try:
                    metadata = maildir.get_message_metadata(key)
                except (KeyError, FileNotFoundError):  # moved or deleted since the listing
                    continue
            kept[subpath] = found[key] = metadata
        self._known_metadata = kept
        return found

    def _message(self, record: Record, metadata: MaildirMessage) -> FastMessage:
        email_id, thread_id = self._get_object_id(record, "E"), self._get_object_id(record, "T")
        return FastMessage.from_maildir(
            record.uid, metadata, self._maildir, record.key, email_id, thread_id, self.maildir_flags
        )

    async def find(
        self, seq_set: SequenceSet, selected: SelectedMailbox
    ) -> AsyncIterator[tuple[int, Message]]:
        """pymap's find, reading the UID list once per command rather than once per message (a
        SEARCH of the inbox cost time in the square of its size: 0.9 s at 500 messages)."""
        async with UidList.with_read(self._path) as uids:
            records = {record.uid: record for record in uids.records}
        maildir = self._maildir
        found: list[tuple[int, Message]] = []
        async with self.messages_lock.read_lock():
            for seq, cached in selected.messages.get_all(seq_set):
                record = records.get(cached.uid)
                try:
                    metadata = maildir.get_message_metadata(record.key) if record else None
                except (KeyError, FileNotFoundError):
                    metadata = None
                if record is None or metadata is None:
                    found.append((seq, Message.copy_expunged(cached)))
                else:
                    found.append((seq, self._message(record, metadata)))
        for item in found:
            yield item

    async def get(self, uid: int, cached_msg: CachedMessage) -> Message:
        return FastMessage.of(await super().get(uid, cached_msg))

    async def update(
        self, uid: int, cached_msg: CachedMessage, flag_set: frozenset[Flag], mode: FlagOp
    ) -> Message:
        return FastMessage.of(await super().update(uid, cached_msg, flag_set, mode))

    async def append(self, append_msg: AppendMessage, *, recent: bool = False) -> Message:
        """pymap's append, but the file is added while the UID list is locked: otherwise a
        `reset()` on another connection (which numbers files that have no UID yet) can number the
        new file in between, and the message then has two UIDs."""
        email_id, thread_id = ObjectId.random_email_id(), ObjectId.random_thread_id()
        async with UidList.with_write(self._path) as uids:
            async with self.messages_lock.write_lock():
                maildir_msg = Message.to_maildir(append_msg, recent, self.maildir_flags)
                key = self._maildir.add(maildir_msg)
            record = Record(uids.next_uid, {"E": str(email_id), "T": str(thread_id)},
                            f"{key}:{maildir_msg.get_info()}")  # fmt: skip
            uids.next_uid += 1
            uids.set(record)
        return FastMessage.from_maildir(
            record.uid, maildir_msg, self._maildir, key, email_id, thread_id, self.maildir_flags
        )

    async def move_all(
        self, uids: list[int], destination: FastMailboxData, *, recent: bool
    ) -> list[tuple[int, int]]:
        """pymap's move, with the same care as `append` in the destination folder, for all the
        messages of one MOVE under one lock of each UID list (pymap reads the source's and
        rewrites the destination's whole list for each message): (source UID, destination UID)
        pairs."""
        async with UidList.with_read(self._path) as source_uids:
            records = {record.uid: record for record in source_uids.records}
        moved: list[tuple[int, int]] = []
        async with (
            UidList.with_write(destination._path) as dest_uids,
            destination.messages_lock.write_lock(),
            self.messages_lock.write_lock(),
        ):
            for uid in uids:
                record = records.get(uid)
                if record is None:
                    continue
                try:
                    filename = self._maildir.move_message(
                        record.key, destination._maildir, "new" if recent else "cur"
                    )
                except (KeyError, FileNotFoundError):
                    continue
                dest_uids.set(Record(dest_uids.next_uid, record.fields, filename))
                moved.append((uid, dest_uids.next_uid))
                dest_uids.next_uid += 1
        return moved


class FastMailboxSet(MailboxSet):
    async def get_mailbox(self, name: str) -> MailboxData:
        """pymap's, making `FastMailboxData`."""
        if name == "INBOX":
            maildir = self._inbox_maildir
        else:
            try:
                maildir = self._layout.get_folder(name, self.delimiter)
            except FileNotFoundError as exc:
                raise KeyError(name) from exc
        mailbox = self._cache.get(name)
        if mailbox is None:
            path = self._layout.get_path(name, self.delimiter)
            async with UidList.with_init(path) as uids:
                mailbox_id = ObjectId(uids.global_uid)
            mailbox = self._cache[name] = FastMailboxData(mailbox_id, maildir, path)
        return await mailbox.reset()


class FastSession(Session):
    """A session over a `FastMailboxSet`."""

    async def _get_mailbox(
        self, name: str, *, try_create: bool = False
    ) -> MailboxDataInterface[Message]:
        """pymap's lookup, without numbering the folder again when it is only written to
        (APPEND, COPY and MOVE ask with `try_create`). pymap lists the whole folder on every
        lookup, so each reply filed into `Processed` cost more than the last. Written-to folders
        need no numbering: `append` and `move_all` give the new message its UID under the UID
        list's lock."""
        if try_create:
            known = self.mailbox_set._cache.get(name)
            if known is not None:
                return known
        return await super()._get_mailbox(name, try_create=try_create)

    async def _get_selected(self, selected: SelectedMailbox) -> MailboxDataInterface[Message]:
        """The selected folder without pymap's `reset()` before every command: `update_selected`
        numbers new mail after every command anyway (the client learns of it only then)."""
        known = self.mailbox_set._cache.get(selected.lookup)
        if known is not None and os.path.isdir(known._path):
            return known
        return await super()._get_selected(selected)

    async def move_messages(
        self, selected: SelectedMailbox, sequence_set: SequenceSet, mailbox: str
    ) -> tuple[CopyUid | None, SelectedMailbox]:
        """pymap's MOVE, moving the messages together (`FastMailboxData.move_all`)."""
        source = await self._get_selected(selected)
        destination = await self._get_mailbox(mailbox, try_create=True)
        assert isinstance(source, FastMailboxData) and isinstance(destination, FastMailboxData)
        if destination.readonly:
            raise MailboxReadOnly(mailbox)
        dest_selected = self._pick_selected(selected, destination)
        uids = [uid for _, uid in selected.messages.get_uids(sequence_set)]
        moved = await source.move_all(uids, destination, recent=not dest_selected)
        if dest_selected:
            for _, dest_uid in moved:
                dest_selected.session_flags.add_recent(dest_uid)
        copy_uid = CopyUid(destination.uid_validity, moved) if moved else None
        return copy_uid, await source.update_selected(selected)

    async def fetch_messages(
        self, selected: SelectedMailbox, sequence_set: SequenceSet, set_seen: bool
    ) -> tuple[Iterable[tuple[int, Message]], SelectedMailbox]:
        """pymap's FETCH; without setting \\Seen (BODY.PEEK, what the engine asks for) it looks
        the messages up together (`FastMailboxData.find`), not re-reading the UID list for each
        one."""
        if set_seen:
            return await super().fetch_messages(selected, sequence_set, set_seen)
        mailbox = await self._get_selected(selected)
        found = [item async for item in mailbox.find(sequence_set, selected)]
        return found, await mailbox.update_selected(selected)
