"""Hostile and broken banks: each is refused with one clear line naming the file, within 2 s and bounded memory,
and nothing in it runs.

The small ones are committed under tests/hostile/ (first line: ``# expect: fragment … fragment``); the big ones
(50 MB, 5,000-deep nesting, millions of values) are written at test time. Every bank goes through
`quiz validate` and `quiz start --mode drill` in-process (time and traced memory measured), and the expensive
ones through `quiz validate` in a real process as well (wall time and peak RSS from wait4).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

HOSTILE = Path(__file__).parent / "hostile"
COMMITTED = sorted(HOSTILE.glob("*.yaml"))
SECONDS = 2.0
TRACED_BYTES = 64 * 1024**2  # what one refusal may allocate, in-process
PROCESS_RSS = 128 * 1024**2  # a whole `quiz validate` process, interpreter and libraries (~40 MB) included
MARKER = "PWNED"  # every escape in tests/hostile/ tries to create ./PWNED


def _question(qid: str) -> str:
    return (
        f"  - id: {qid}\n    topic: lstm\n    tags: [lstm]\n    source: concept\n    kind: text\n"
        "    difficulty: 1\n    prompt: {ja: 問題, en: question}\n    model_answer: {ja: 答え, en: answer}\n"
        "    keywords: {ja: [答え], en: [answer]}\n    explanation: {ja: 説明, en: explanation}\n"
    )


def _fifty_megabytes() -> bytes:
    head = "format_version: 1\nquestions:\n" + _question("fifty-megabytes") + "description: "
    return (head + "x" * (50 * 1024**2 - len(head) - 1) + "\n").encode()


def _just_under_the_size_limit() -> bytes:
    """4.9 MB of one legal scalar: read, parsed and refused (no questions) in time."""
    return ("format_version: 1\ndescription: " + "長い説明" * 400_000 + "\nquestions: []\n").encode()


# name → (what to write, fragments the error must contain)
GENERATED: dict[str, tuple[Callable[[], bytes], list[str]]] = {
    "fifty-megabytes": (_fifty_megabytes, ["file is 52.4 MB; a bank may be at most 5 MB"]),
    "nested-5000-flow-lists": (
        lambda: ("format_version: 1\nquestions: " + "[" * 5000 + "]" * 5000 + "\n").encode(),
        [":2: nested more than 64 levels deep"],
    ),
    "nested-5000-flow-mappings": (
        lambda: ("format_version: 1\nquestions: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n").encode(),
        [":2: nested more than 64 levels deep"],
    ),
    "nested-5000-block-lists": (
        lambda: ("format_version: 1\nquestions:\n" + "- " * 5000 + "x\n").encode(),
        [":3: nested more than 64 levels deep"],
    ),
    "nested-3000-indented-mappings": (  # 3,000 levels of indentation is 4.5 MB, near the size limit
        lambda: ("format_version: 1\nquestions:\n" + "".join(" " * i + "a:\n" for i in range(3000))).encode(),
        [":67: nested more than 64 levels deep"],
    ),
    "million-item-list": (
        lambda: ("format_version: 1\nquestions: [" + "1, " * 1_600_000 + "1]\n").encode(),
        [":2: more than 50,000 values in one file"],
    ),
    "three-hundred-thousand-keys": (
        lambda: ("format_version: 1\n" + "".join(f"k{i}: 1\n" for i in range(300_000))).encode(),
        [":25000: more than 50,000 values in one file"],
    ),
    "billion-laughs-deep": (
        lambda: (
            "format_version: 1\na: &a [lol]\n"
            + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(20))
            + "questions: *u\n"
        ).encode(),
        [":3: aliases (*name) are not allowed"],
    ),
    "long-scalar": (_just_under_the_size_limit, ["questions: [] should be non-empty"]),
    "twenty-thousand-items": (  # under the value limit: each item is a schema error, and only the first few count
        lambda: ("format_version: 1\nquestions: [" + "1, " * 19_999 + "1]\n").encode(),
        [":2: 1 is not of type 'object'"],
    ),
    "huge-int-in-a-key": (
        lambda: ("format_version: 1\nquestions: []\n? " + "9" * 4400 + "\n: 1\n").encode(),
        [":3: cannot read", "as int: too many digits"],
    ),
}

BIG = [
    "fifty-megabytes",
    "nested-5000-flow-lists",
    "nested-5000-block-lists",
    "million-item-list",
    "three-hundred-thousand-keys",
    "twenty-thousand-items",
    "long-scalar",
    "billion-laughs-deep",
]


def expected(path: Path) -> list[str]:
    first_line = path.read_bytes().split(b"\n", 1)[0].decode("utf-8", "replace").lstrip("\ufeff")
    if not first_line.startswith("# expect: "):
        return [f"{path.name}:1: not valid UTF-8"]  # utf16.yaml: its first line is not readable text
    return first_line.removeprefix("# expect: ").split(" … ")


class TookTooLong(BaseException):  # not an Exception: the CLI's last line of defence must not swallow it
    pass


def _expire(signum, frame):
    raise TookTooLong(f"still running after {SECONDS} s")


def _measured(run: Callable[[], object]) -> tuple[object, float, int]:
    """Run in-process with a SECONDS alarm; (result, seconds, peak bytes traced)."""
    previous = signal.signal(signal.SIGALRM, _expire)
    tracemalloc.start()
    started = time.perf_counter()
    signal.setitimer(signal.ITIMER_REAL, SECONDS)
    try:
        result = run()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        signal.signal(signal.SIGALRM, previous)
    return result, elapsed, peak


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile-generated")
    paths = {}
    for name, (build, _) in GENERATED.items():
        paths[name] = folder / name / f"{name}.yaml"  # one bank per directory, for QUIZ_CONTENT_DIR
        paths[name].parent.mkdir()
        paths[name].write_bytes(build())
    return paths


def _cases():
    cases = [pytest.param(path, expected(path), id=path.stem) for path in COMMITTED]
    cases += [pytest.param(name, fragments, id=name) for name, (_, fragments) in GENERATED.items()]
    return cases


@pytest.fixture
def bank(request, generated, tmp_path, monkeypatch):
    """The bank's path (committed ones copied to a directory of their own), with the cwd in tmp_path.

    In-process, the shipped banks are left out (an empty QUIZ_CONTENT_DIR), so that the time and memory measured
    are the hostile bank's; the real-process test keeps them, as a learner's `quiz validate FILE` does."""
    monkeypatch.chdir(tmp_path)  # an escape that ran would leave ./PWNED here
    (tmp_path / "no-content").mkdir()
    monkeypatch.setenv("QUIZ_CONTENT_DIR", str(tmp_path / "no-content"))
    source = request.param
    if isinstance(source, str):
        return generated[source]
    copy = tmp_path / "bank" / source.name
    copy.parent.mkdir()
    copy.write_bytes(source.read_bytes())
    return copy


def _assert_one_clear_error(stderr: str, path: Path, fragments: list[str]) -> None:
    assert str(path) in stderr
    for fragment in fragments:
        assert fragment in stderr, stderr
    assert "Traceback" not in stderr and "internal error" not in stderr
    assert max(len(line) for line in stderr.splitlines()) < 500  # a message, not a dump of the file


@pytest.mark.parametrize("bank, fragments", _cases(), indirect=["bank"])
def test_validate_refuses_it(bank, fragments, run_quiz):
    result, seconds, peak = _measured(lambda: run_quiz("validate", str(bank)))
    assert result.exit_code == 1
    _assert_one_clear_error(result.stderr, bank, fragments)
    assert seconds < SECONDS and peak < TRACED_BYTES, (seconds, peak)
    assert not Path(MARKER).exists(), "content ran code"


@pytest.mark.parametrize("bank, fragments", _cases(), indirect=["bank"])
def test_start_refuses_or_skips_it(bank, fragments, run_quiz, monkeypatch):
    """A session on the bank alone: a load error stops it (exit 1, the file named); a question whose code is
    refused is skipped with a message naming the file. Either way nothing runs."""
    monkeypatch.setenv("QUIZ_CONTENT_DIR", str(bank.parent))
    monkeypatch.setenv("QUIZ_LANG", "en")
    monkeypatch.setenv("COLUMNS", "1000")  # no wrapping inside the file name
    result, seconds, peak = _measured(lambda: run_quiz("start", "--mode", "drill", input="1\n1\n1\n"))
    if result.exit_code == 0:
        assert "Skipping a question that cannot be built" in result.stdout
        _assert_one_clear_error(result.stdout, bank, [fragments[0]])
    else:
        assert result.exit_code == 1
        _assert_one_clear_error(result.stderr, bank, [fragments[0]])
    assert seconds < SECONDS and peak < TRACED_BYTES, (seconds, peak)
    assert not Path(MARKER).exists(), "content ran code"


@pytest.mark.parametrize(
    "bank, fragments",
    [pytest.param(name, GENERATED[name][1], id=name) for name in BIG]
    + [pytest.param(HOSTILE / "setup-bomb.yaml", expected(HOSTILE / "setup-bomb.yaml"), id="setup-bomb")],
    indirect=["bank"],
)
def test_a_real_process_stays_within_time_and_memory(bank, fragments, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "QUIZ_CONTENT_DIR")}
    peak_file = tmp_path / "peak-kb"
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", PEAK_REPORTING_QUIZ, str(peak_file), "validate", str(bank)],
        env=env,
        capture_output=True,
        text=True,
        timeout=10 * SECONDS,
    )
    seconds = time.perf_counter() - started
    assert result.returncode == 1
    _assert_one_clear_error(result.stderr, bank, fragments)
    assert seconds < SECONDS, seconds
    peak = int(peak_file.read_text()) * 1024
    assert peak < PROCESS_RSS, f"{peak / 1024**2:.0f} MB"
    assert not Path(MARKER).exists()


# `quiz ARGS…` that writes its peak resident memory (VmHWM, of this program only) to the file in argv[1] at exit.
# ru_maxrss will not do: a forked child's counts the parent's memory before exec, here all of pytest's.
PEAK_REPORTING_QUIZ = """
import atexit, sys
peak_file = sys.argv.pop(1)

def report():
    with open("/proc/self/status") as status:
        peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    with open(peak_file, "w") as out:
        out.write(peak)

atexit.register(report)
sys.argv[0] = "quiz"
from quizcli.cli import main
main()
"""
