"""The one exception type for errors a user should see: a message and an exit code, never a traceback."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILED = 1  # failed validation or any other error
EXIT_BAD_INPUT = 2  # bad input or usage
EXIT_INTERRUPTED = 130  # Ctrl-C


class QuizError(Exception):
    """An error the CLI turns into one line on stderr and ``exit_code``."""

    exit_code = EXIT_FAILED

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class BadInput(QuizError):
    exit_code = EXIT_BAD_INPUT
