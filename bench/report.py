"""What a run prints and writes: its progress, the figures' statistics, and the markdown report
(bench/results/latest.md, quick.md, reading.md, diagnostic-*.md)."""

from __future__ import annotations

import contextlib
import os
import platform
import time
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.load import CONCURRENCY, SMTP_CONNECTIONS

if TYPE_CHECKING:
    from bench.phases import Bench

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"


def percentile(values: Sequence[float], p: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def pcts(values: Sequence[float]) -> dict[str, float]:
    return {f"p{p}": percentile(values, p) for p in (50, 90, 99)} | {
        "max": max(values) if values else float("nan"),
        "n": len(values),
    }


def machine() -> str:
    model = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    mem = status_mem = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                status_mem = f"{int(line.split()[1]) / 1024 / 1024:.0f} GB RAM"
    mem = status_mem
    return f"{os.cpu_count()} cores ({model}), {mem}, Python {platform.python_version()}"


def verdict(ok: bool) -> str:
    return "**met**" if ok else "**missed**"


def reading_lines(r: dict[str, Any]) -> list[str]:
    lines = [
        f"| read_reply, one thread: {name}, {row['files']} messages | "
        f"{row['rate']:,.0f} messages/s | | | | |"
        for name, row in r["read_reply"].items()
    ]
    worst = r["worst_read"]
    most = worst["seconds"][worst["worst"]]
    lines.append(
        f"| worst read of {worst['shapes']} hostile shapes at {worst['size'] / 1e6:g} MB, each "
        f"read once (CPU time; wall {worst['wall'][worst['worst']]:.2f} s) | {most:.2f} s "
        f"({worst['worst']}) | | | < 1 s | {verdict(most < 1.0)} |"
    )
    if "pool" in r:
        pool = r["pool"]
        lines.append(
            f"| reading in the worker's reading processes, one message at a time | "
            f"{pool['pooled_ms']:.2f} ms a message ({pool['added_ms']:+.2f} ms on reading in "
            f"process: {pool['local_ms']:.2f} ms) | | | | |"
        )
    return lines


def reading_report(bench: Bench, command: str, started: float, code_version: str) -> str:
    worst = bench.results["worst_read"]
    lines = [
        f"Command: `{command}`  ",
        f"Run: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}, code: {code_version}, "
        f"{(time.time() - started) / 60:.1f} minutes  ",
        f"Machine: {machine()}",
        "",
        "| figure | mutualplan | | | target | |",
        "| --- | --- | --- | --- | --- | --- |",
        *reading_lines(bench.results),
        "",
        "Each hostile shape at 1 MB, read once (CPU seconds, wall seconds):",
        "",
        *(
            f"- {name}: {s:.3f} ({worst['wall'][name]:.3f})"
            for name, s in sorted(worst["seconds"].items(), key=lambda x: -x[1])
        ),
    ]
    return "\n".join(lines) + "\n"


def reading_column(worker: str) -> str:
    """The column of a worker's reading processes (its children, which read each message)."""
    return f"{worker}'s reading processes"


def report(bench: Bench, command: str, started: float, code_version: str) -> str:
    r, s = bench.results, bench.sizes
    spaced, burst, starts, memory = r["spaced"], r["burst"], r["starts"], r["memory"]
    bare_lat, bare_burst = r["bare_latency"], r["bare_burst_latency"]

    def trio(p: dict[str, float]) -> str:
        return " / ".join(f"{p[k] * 1000:,.0f}" for k in ("p50", "p90", "p99")) + " ms"

    def times(a: float, b: float) -> str:
        return f"{a / b:.1f}x" if b else "-"

    workers = [k for k in bench.resources.pids if k.startswith("worker")]
    columns = [*bench.resources.pids, *map(reading_column, workers), "other processes"]
    lat_ok = spaced["latency_done"]["p50"] < 0.1 and spaced["latency_done"]["p99"] < 0.5
    rate_ratio = burst["rate_done"] / r["bare_signal_rate"]
    start_ratio = starts["ratio"]

    def timeouts(kinds: Counter[str]) -> str:
        named = [f"{n} {kind.lower().replace('_', '-')}" for kind, n in kinds.items()]
        return ", ".join(named) or "none"

    def per_round(key: str, spec: str, scale: float = 1.0) -> str:
        return ", ".join(format(row[key] * scale, spec) for row in starts["rounds"])

    rss_ok = memory["rss_mb"] < 300 and memory["active_plans"] >= 10_000 and memory["complete"]
    lines = [
        f"Command: `{command}`  ",
        f"Run: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}, code: {code_version}, "
        f"{(time.time() - started) / 60:.1f} minutes  ",
        f"Machine: {machine()}" + ("  " if len(workers) > 1 else ""),
        *(
            [
                f"Workers: {len(workers)} processes; the first reads the mailbox"
                + (
                    " and runs no plans (`--no-plans`); the worker RSS figures are the second's"
                    if bench.args.reader
                    else "; the worker RSS figures are the first's"
                )
            ]
            if len(workers) > 1
            else []
        ),
        "",
        "| figure | mutualplan | bare Temporal (same server, machine) | ratio | target | |",
        "| --- | --- | --- | --- | --- | --- |",
        f"| reply latency, unloaded ({spaced['applied']} spaced replies): SMTP accepted -> "
        f"milestone done, p50 / p90 / p99 | {trio(spaced['latency_done'])} | signal -> completed: "
        f"{trio(bare_lat)} | {times(spaced['latency_done']['p50'], bare_lat['p50'])} (p50) | "
        f"p50 < 100 ms, p99 < 500 ms | {verdict(lat_ok)} |",
        f"| ... -> next owner's email accepted by SMTP, p50 / p90 / p99 | "
        f"{trio(spaced['latency_next_email'])} | | | | |",
        f"| sustained reply throughput: burst of {burst['sent']} replies across {s.burst_plans} "
        f"plans ({burst['applied']} applied) | {burst['rate_done']:.1f} replies/s "
        f"(to next owner's email: {burst['rate_next_email']:.1f}/s) | "
        f"{r['bare_signal_rate']:.1f} signals/s -> completed | {rate_ratio:.0%} | >= 85% | "
        f"{verdict(rate_ratio >= 0.85)} |",
        f"| reply latency under that burst, p50 / p90 / p99 | {trio(burst['latency_done'])} | "
        f"{trio(bare_burst)} | {times(burst['latency_done']['p50'], bare_burst['p50'])} (p50) | "
        f"| |",
        f"| plan starts from {starts['count']} seller emails at once (workflow started), median "
        f"of {len(starts['rounds'])} rounds | {starts['rate_started']:.1f} plans/s (rounds: "
        f"{per_round('rate_started', '.1f')}; to first milestone email: "
        f"{starts['rate_first_email']:.1f}/s) | {starts['bare_rate']:.1f} starts/s (rounds: "
        f"{per_round('bare_rate', '.1f')}; client, {CONCURRENCY} concurrent, just before each "
        f"round) | {start_ratio:.0%} (rounds: {per_round('ratio', '.0%')}) | >= 85% | "
        f"{verdict(start_ratio >= 0.85)} |",
        f"| worker RSS with {memory['active_plans']:,} active plans waiting on a milestone | "
        f"{memory['rss_mb']:.0f} MB (peak {memory['hwm_mb']:.0f} MB) | | | < 300 MB at 10,000 | "
        f"{verdict(rss_ok)} |",
    ]
    lines += reading_lines(r)
    lines += [
        "",
        "Details:",
        "",
        f"- Spaced replies: one every {s.interval:.2f} s, each to another plan; time "
        f"until the update reached Temporal (SMTP accepted -> its workflow task scheduled) "
        f"{trio(spaced['until_update_arrived'])}, then in Temporal and the workflow "
        f"{trio(spaced['update_in_temporal'])}; bare signal -> completed {trio(bare_lat)}.",
        f"- Burst: {s.burst_plans} plans at once, each answering {s.burst_replies} milestones in "
        f"turn (the next reply as soon as the plan's next email was accepted), over "
        f"{SMTP_CONNECTIONS} SMTP sessions; "
        + (
            f"cut at the {s.limit:.0f} s limit after {burst['sent']} of {s.burst} replies "
            f"(at this rate {s.burst} would take {s.burst / burst['rate_done'] / 60:.0f} min); "
            if burst["cut"]
            else ""
        )
        + f"{burst['applied']} applied in {burst['seconds']:.0f} s; until the "
        f"update reached Temporal {trio(burst['until_update_arrived'])}, in Temporal "
        f"{trio(burst['update_in_temporal'])}; to the next owner's email "
        f"{trio(burst['latency_next_email'])}; {burst['task_timeouts'].total()} workflow tasks of "
        f"the burst's plans timed out ({timeouts(burst['task_timeouts'])}; each then replayed "
        f"from its whole history).",
        f"- Starts: each round's seller emails go to the plans address alone (the envelope), as "
        f"the engine's mail server receives them (their copies for the buyers in Cc go to the "
        f"buyers' servers); {starts['emails_per_plan']:.1f} emails accepted by SMTP per started "
        f"plan (the start email, the plan to the seller, check-in invites, the first milestone's "
        f"email); the start emails were accepted over "
        f"{per_round('seconds_accepting', ',.0f', 1000)} ms, so even an engine that started "
        f"each plan the moment its email was accepted would score {starts['ceiling']:.0%} of "
        f"bare (rounds: {per_round('ceiling', '.0%')}): the mail server's acceptance, in the "
        f"bench's process, is this figure's ceiling; SMTP accepted -> "
        f"workflow started {trio(starts['latency_started'])}; -> first milestone email "
        f"{trio(starts['latency_first_email'])}; all {starts['count']} plans of a round had their "
        f"first email {per_round('seconds_until_all_first_emails', '.0f')} s "
        f"after the round's first start email.",
        f"- Memory: {memory['started_by_client']:,} plans started directly with the Temporal "
        f"client (PlanWorkflow.run, same task queue, people of their own, no check-in series: by "
        f"email is too slow for this count) at {memory['client_start_rate']:.0f} starts/s; "
        f"{memory['waiting']:,} reached their first milestone; their {memory['emails']:,} "
        f"emails took {memory['seconds_until_all_first_emails']:.0f} s "
        f"({memory['emails_per_second']:.0f} emails/s) "
        + (
            "until every plan waited on its first milestone."
            if memory["complete"]
            else "until the bench stopped waiting, **before every plan had sent them**."
        )
        + f" Worker VmRSS {memory['rss_before_mb']:.0f} MB before, "
        f"{memory['rss_mb']:.0f} MB after; Temporal dev server {memory['temporal_rss_mb']:.0f} MB.",
        "",
        "| phase | wall | CPU s: " + " | ".join(columns) + " | worker peak RSS |",
        "| --- | --- | " + " | ".join("---" for _ in columns) + " | --- |",
    ]
    for phase in bench.resources.phases:
        cpu = " | ".join(
            f"{phase.cpu[k]:.1f} ({phase.cpu[k] / phase.wall:.0%})" if k in phase.cpu else "-"
            for k in columns
        )
        rss = f"{phase.rss_peak_mb:.0f} MB" if phase.rss_peak_mb else "-"
        lines.append(f"| {phase.name} | {phase.wall:.1f} s | {cpu} | {rss} |")
    lines += [
        "",
        "CPU as seconds (share of one core over the phase's wall time); a worker's reading "
        "processes (its children, which read each message) are counted apart from it; "
        "`other processes` is what the rest of the machine used meanwhile: figures taken "
        "while it is high are low.",
    ]
    if bench.notes:
        lines += ["", *[f"- {n}" for n in bench.notes]]
    if bench.profiler.files:
        lines += [
            "",
            "py-spy profiles: " + ", ".join(str(f.relative_to(ROOT)) for f in bench.profiler.files),
        ]
    return "\n".join(lines) + "\n"
