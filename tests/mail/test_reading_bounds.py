"""Reading a message takes time linear in its size, whatever it holds (security review, finding
1): every shape that made reading slow, at 1 MB, reads within a budget far above what it takes
(a tenth of a second to a few tenths here; before, from seconds to hours); doubling an input at
most roughly doubles the work; and the bounds that make it so leave real mail as it was.

The shapes are read in a `ReadingPool`, the worker's own reader, so one that is still slow is
stopped at the budget instead of holding up the suite.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from email.message import EmailMessage

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from mutualplan.mail.reading import MAX_REFERENCES, read_reply
from mutualplan.mail.reading_pool import ReadingPool
from mutualplan.routing.facts import read_inbound
from tests.support.hostile_mail import HEAD, PLAIN, RULES, SHAPES, cpu_seconds_to_read

BUDGET = 10.0  # CPU seconds; a 1 MB message of any shape reads in well under a second


@pytest.fixture(scope="module")
async def reader() -> AsyncIterator[ReadingPool[float]]:
    async with ReadingPool(cpu_seconds_to_read, processes=2, budget_seconds=BUDGET) as pool:
        yield pool


@pytest.mark.slow  # a sweep: every hostile shape at 1 MB
@pytest.mark.parametrize("shape", list(SHAPES))
async def test_every_hostile_shape_reads_at_1_mb_within_the_budget(
    shape: str, reader: ReadingPool[float]
) -> None:
    seconds = await reader.read(SHAPES[shape](1_000_000))  # TooLongToRead past the budget
    assert seconds < BUDGET


# Lines and fragments the reading rules react to: markers, headers, quotes, signatures, PGP
# armour, flowed breaks, HTML, address and encoded-word syntax.
FRAGMENTS = [
    "",
    " ",
    "x",
    "done",
    "> q",
    ">> q ",
    "| q",
    "Jane> q",
    "From: a",
    "Sent: Monday 1",
    "To: a@b.c",
    "Subject: x",
    "On Mon, 2 Mar 2026, Jane <j@x.com> wrote:",
    "On x",
    "wrote on 1",
    "a via b wrote",
    "2013 пользователь",
    "2015-10-18 0:17 GMT+03:00 J <a@b.c>:",
    "Begin forwarded message:",
    "-----Original Message-----",
    "-----BEGIN PGP SIGNATURE-----",
    "-----END PGP SIGNATURE-----",
    "Sent from my iPhone",
    "iPhoneから送信",
    "On x, J<a@b.c> wrote:   q",
    '-----"J" <a@b.c> wrote: -----',
    "2026/12/01 8:02 に J さんは書きました:",
    "This e-mail may contain confidential information",
    "--",
    "```",
    "a@b.cc",
    "note: x",
    "Champion: a",
    "<!--",
    "<div>",
    "<a b=c",
    "=?utf-8?q?a?=",
    '"a',
    "(a",
    "<a@b>",
]


def _message(unit: str, place: str, size: int) -> bytes:
    """`unit` repeated to `size` characters as the body's lines or as one header's value."""
    if place == "body":
        text = unit * max(1, size // len(unit))
        return (HEAD + PLAIN + "\r\n" + text).encode("utf-8", "surrogateescape")
    value = unit.replace("\r", " ").replace("\n", " ") * max(1, size // len(unit))
    head = "".join(
        line + "\r\n"
        for line in HEAD.split("\r\n")
        if line and not line.lower().startswith(place.lower() + ":")
    )
    return f"{head}{place}: {value}\r\n{PLAIN}\r\ndone\r\n".encode("utf-8", "surrogateescape")


@hsettings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    runs=st.lists(
        st.tuples(st.sampled_from(FRAGMENTS) | st.text(max_size=12), st.integers(1, 40)),
        min_size=1,
        max_size=3,
    ),
    separator=st.sampled_from(["\r\n", "\n", " ", ""]),
    place=st.sampled_from(["body", "body", "body", "From", "Subject", "References", "To"]),
)
@pytest.mark.slow  # reads every shape at two sizes, several times
async def test_doubling_an_input_at_most_roughly_doubles_the_work(
    runs: list[tuple[str, int]], separator: str, place: str, reader: ReadingPool[float]
) -> None:
    """A unit of runs of fragments, repeated to 64 KB and to four times that; the CPU time of
    reading each in a child process, the least of three reads. Linear work is at most four
    times as much (less where bounds cut in); a rule that is quadratic shows 16 times, and
    worse ones overrun the budget. The test allows 8 times, plus 20 ms for the fixed costs."""
    unit = "".join((fragment + separator) * count for fragment, count in runs)
    if not unit.strip("\r\n "):
        unit = unit + "x" + separator

    async def least(size: int) -> float:
        raw = _message(unit, place, size)
        return min([await reader.read(raw) for _ in range(3)])

    small, large = await least(65_536), await least(262_144)
    assert large <= 8 * small + 0.02, (unit, place, small, large)


# --- the bounds leave real mail as it was --------------------------------------------------


def _reply(**headers: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "Jane Doe <jane@globex.example>"
    msg["To"] = "plans+x@mutualplan.localhost"
    msg["Subject"] = "Re: Your turn"
    msg["Message-ID"] = "<r1@globex.example>"
    for name, value in headers.items():
        msg[name.replace("_", "-")] = value
    return msg


def test_a_long_thread_keeps_its_first_and_latest_references() -> None:
    ids = [f"<m{n}@acme.example>" for n in range(500)]
    msg = _reply(In_Reply_To=ids[-1], References=" ".join(ids))
    msg.set_content("done")
    references = read_reply(msg.as_bytes()).references
    assert len(references) == MAX_REFERENCES
    assert references[0] == "m499@acme.example", "the message answered comes first"
    assert references[1] == "m0@acme.example", "then the thread's start"
    assert references[-1] == "m498@acme.example"


def test_a_start_email_copying_two_hundred_people_lists_them_all() -> None:
    people = [f'"Person {n}, Globex" <p{n}@globex.example>' for n in range(200)]
    msg = _reply(Cc=", ".join(people))
    msg.replace_header("To", "plans+short@mutualplan.localhost")
    msg.set_content("Go-live: 2099-03-01\n")
    facts = read_inbound(msg.as_bytes(), RULES)
    assert facts.start is not None
    assert [p.email for p in facts.start.people] == [f"p{n}@globex.example" for n in range(200)]
    assert facts.start.people[7].name == "Person 7, Globex"


def test_a_reply_below_thousands_of_quoted_lines_is_read() -> None:
    msg = _reply()
    quoted = "".join(f"> line {n} of the thread\n" for n in range(20_000))
    msg.set_content(
        "On Mon, 2 Mar 2026 at 09:00, Alex <alex@acme.example> wrote:\n" + quoted + "\ndone\n"
    )
    assert read_reply(msg.as_bytes()).intent.value == "done"


def test_a_done_copied_to_comments_nested_thousands_deep_is_still_done() -> None:
    # the standard library's address parser recurses once a comment level: the copied people
    # are left out, the words are still read
    reply = read_reply(SHAPES["cc_comments"](200_000))
    assert reply.intent.value == "done"


def test_html_with_a_comment_never_closed_still_gives_the_words_before_it() -> None:
    msg = _reply()
    msg.set_content("<p>blocked: waiting on legal</p><!-- " + "x" * 300_000, subtype="html")
    reply = read_reply(msg.as_bytes())
    assert (reply.intent.value, reply.argument) == ("blocked", "waiting on legal")


def test_a_message_of_thousands_of_parts_reads_its_first_text() -> None:
    parts = "".join(f"--b\r\n{PLAIN}\r\npart {n}\r\n" for n in range(5_000))
    raw = (
        HEAD + "Content-Type: multipart/mixed; boundary=b\r\n\r\n" + parts + "--b--\r\n"
    ).encode()
    assert read_reply(raw).text == "part 0"
