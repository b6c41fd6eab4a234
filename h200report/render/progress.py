"""Progress of a render: a counter line on a terminal, plain lines for logs, cron and CI."""

from __future__ import annotations

import os
import sys
import threading


class Progress:
    def __init__(self, total: int, stream=None):
        self.total = total
        self.done = 0
        self.failed = 0
        self.stream = stream or sys.stderr
        isatty = getattr(self.stream, "isatty", lambda: False)()
        self.live = bool(isatty) and not os.environ.get("CI")
        self._lock = threading.Lock()

    def start(self) -> None:
        if self.live:
            self._draw()
        else:
            print(f"render: {self.total} notebook runs", file=self.stream, flush=True)

    def finish_one(self, label: str, ok: bool, seconds: float) -> None:
        with self._lock:
            self.done += 1
            self.failed += not ok
            status = "ok" if ok else "FAILED"
            if self.live:
                self._draw(f"{status} {label}")
            else:
                print(
                    f"render: [{self.done}/{self.total}] {status} {label} ({seconds:.1f} s)",
                    file=self.stream,
                    flush=True,
                )

    def close(self) -> None:
        if self.live:
            self.stream.write("\n")
            self.stream.flush()

    def _draw(self, last: str = "") -> None:
        failed = f", {self.failed} failed" if self.failed else ""
        line = f"rendering [{self.done}/{self.total}{failed}] {last}"
        self.stream.write("\r\033[K" + line[:120])
        self.stream.flush()
