"""read_line at a real terminal: lines and end of input as input() gives them, and a Ctrl-C that input() would
lose. Each case runs in its own process on a pseudo-terminal, because signals and the wakeup fd are process-wide."""

import sys
import textwrap

import pexpect
import pytest

PROGRAM = textwrap.dedent(
    """
    import signal, sys, threading, time
    from rich.console import Console
    from quizcli.study.keyboard import read_line

    if "--elsewhere" in sys.argv:
        # Python runs handlers on the main thread, but the kernel may hand the signal to any thread that
        # accepts it (a BLAS worker, say). Then the main thread's read() is never interrupted, and input()
        # waits for a line that will not come. Blocking SIGINT here sends it to the helper every time.
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})

        def accept_signals():
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
            time.sleep(600)

        threading.Thread(target=accept_signals, daemon=True).start()
    try:
        while True:
            print(repr(read_line(Console(), "> ")))
    except EOFError:
        print("end of input")
    except KeyboardInterrupt:
        print("interrupted")
    """
)


def run(*args):
    return pexpect.spawn(sys.executable, ["-c", PROGRAM, *args], encoding="utf-8", timeout=30)


def test_lines_come_back_without_their_newline_and_ctrl_d_ends_input():
    child = run()
    child.expect("> ")
    child.sendline("３×３ ok")
    child.expect(r"'３×３ ok'\r\n> ")
    child.sendeof()
    child.expect("end of input")
    child.expect(pexpect.EOF)


@pytest.mark.parametrize("args", [[], ["--elsewhere"]], ids=["main-thread", "another-thread"])
def test_ctrl_c_ends_the_wait_whichever_thread_the_signal_reaches(args):
    child = run(*args)
    child.expect("> ")
    child.sendintr()
    child.expect("interrupted")  # input() hangs here in the second case until the 30 s timeout
    child.expect(pexpect.EOF)
