"""`python -m bench [options]` and `python -m bench scale [options]` (see bench/__init__.py).

The snapshot of the package is taken here, before any module that imports `mutualplan` is
imported: the modules of a run are imported only once it is on `sys.path`.
"""

from __future__ import annotations

import argparse
import asyncio
import sys

import bench
from bench.snapshot import WORKING_TREE, take_snapshot


def run_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description=(bench.__doc__ or "").split("\n\n")[0]
    )
    parser.add_argument("--quick", action="store_true", help="small counts: a 1-2 minute smoke run")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="py-spy the worker and this process during the mail phases "
        "(skews the figures; writes bench/results/diagnostic-*.md)",
    )
    parser.add_argument("--pymap-idle-poll", type=float, metavar="SECONDS",
                        help="diagnostic: make the dev IMAP server's IDLE re-read the Maildir "
                             "this often instead of every 1.0 s")  # fmt: skip
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="worker processes: the first reads the mailbox, the others (--no-listener) run "
        "plans and send mail, as several workers on one box would (writes "
        "bench/results/workers-N.md)",
    )
    parser.add_argument(
        "--reader",
        action="store_true",
        help="with --workers N: the first process only reads the mailbox and starts plans "
        "(--no-plans); the other N-1 run them (writes bench/results/workers-N-reader.md)",
    )
    add_code_arguments(parser)
    parser.add_argument("--keep", action="store_true", help="keep the temporary data directory")
    parser.add_argument(
        "--reading",
        action="store_true",
        help="only the reading figures: read_reply, the worst hostile read, the reading pool "
        "(writes bench/results/reading.md)",
    )
    parser.add_argument(
        "--read-reply-only",
        action="store_true",
        help="only the first phase: read_reply over the corpora (no stack, nothing written)",
    )
    return parser


def scale_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench scale",
        description="100,000 plans on one box: memory, a reply's latency while they wait, and a "
        "morning of reminders (bench/scale.py)",
    )
    parser.add_argument("--plans", type=int, default=100_000)
    parser.add_argument("--replies", type=int, default=50, help="spaced replies per round")
    parser.add_argument("--interval", type=float, default=0.75)
    parser.add_argument(
        "--expected-rate",
        type=float,
        default=60.0,
        help="plans started a second, to choose the morning after the bulk",
    )
    parser.add_argument(
        "--sellers", type=int, help="the bulk plans' sellers (default: one per 100 plans)"
    )
    parser.add_argument("--no-morning", action="store_true")
    parser.add_argument(
        "--morning-limit",
        type=float,
        default=180,
        metavar="MINUTES",
        help="stop watching the morning this long after 9:00, whatever is still to come",
    )
    add_code_arguments(parser)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument(
        "--hold",
        type=float,
        default=0,
        metavar="MINUTES",
        help="keep the stack up this long after the table is written (to try commands on it)",
    )
    return parser


def add_code_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--working-tree",
        action="store_true",
        help="measure the package in the working tree, not as committed at HEAD",
    )
    parser.add_argument(
        "--code", metavar="REV", help="measure the package as committed at REV, not at HEAD"
    )


def main(argv: list[str]) -> int:
    scale = argv[:1] == ["scale"]
    parser = scale_parser() if scale else run_parser()
    args = parser.parse_args(argv[1:] if scale else argv)
    if not scale and args.reader and args.workers < 2:
        parser.error("--reader needs --workers 2 or more: someone has to run the plans")
    snapshot = WORKING_TREE if args.working_tree else take_snapshot(args.code)
    snapshot.use()
    try:
        if scale:
            from bench import scale as scale_run

            return asyncio.run(scale_run.run(args, snapshot))
        from bench import phases

        return asyncio.run(phases.run(args, snapshot))
    finally:
        snapshot.remove()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
