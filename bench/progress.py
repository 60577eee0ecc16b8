"""A run's progress, as timestamped lines on standard output."""

from __future__ import annotations

import time


def say(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)
