"""Reading the learner's line at a prompt, with Ctrl-C honoured however early it is pressed."""

from __future__ import annotations

import os
import select
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_wakeup: tuple[int, int] | None = None  # one pipe for the process, made on the first prompt


def read_line(console: Any, prompt: str) -> str:
    """Show ``prompt`` and return the line typed, without its newline; EOFError on end of input.

    The builtin input() loses a Ctrl-C that arrives after its prompt is written but before it blocks in
    read(): Python's handler only sets a flag there, and nothing looks at it until a line comes. On a busy
    machine that window is wide enough to hit (one Ctrl-C in eight in a loaded test run). On a terminal we
    wait in select() instead, which the signal also wakes through a wakeup pipe even if it came first.
    """
    console.print(prompt, end="")
    if not _waitable():
        return input()
    with _signals_wake_us() as wakeup:
        while sys.stdin not in select.select([sys.stdin, wakeup], [], [])[0]:
            _drain(wakeup)  # a signal whose handler raised nothing (SIGINT's raises KeyboardInterrupt here)
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line.removesuffix("\n")


def _waitable() -> bool:
    return (
        os.name == "posix"
        and sys.stdin is not None
        and sys.stdin.isatty()
        and threading.current_thread() is threading.main_thread()  # only it may set the wakeup fd
    )


@contextmanager
def _signals_wake_us() -> Iterator[int]:
    global _wakeup
    if _wakeup is None:
        read_end, write_end = os.pipe()
        os.set_blocking(read_end, False)
        os.set_blocking(write_end, False)
        _wakeup = read_end, write_end
    read_end, write_end = _wakeup
    before = signal.set_wakeup_fd(write_end, warn_on_full_buffer=False)
    try:
        yield read_end
    finally:
        signal.set_wakeup_fd(before)
        _drain(read_end)


def _drain(read_end: int) -> None:
    try:
        while os.read(read_end, 512):
            pass
    except BlockingIOError:
        pass
