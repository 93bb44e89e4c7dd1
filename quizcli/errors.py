"""The one exception type for errors a user should see: a message and an exit code, never a traceback."""

from __future__ import annotations

from quizcli.i18n import t

EXIT_OK = 0
EXIT_FAILED = 1  # failed validation or any other error
EXIT_BAD_INPUT = 2  # bad input or usage
EXIT_INTERRUPTED = 130  # Ctrl-C


class QuizError(Exception):
    """An error the CLI turns into one line on stderr and ``exit_code``."""

    exit_code = EXIT_FAILED
    lang: str | None = None  # the language of the message, once the CLI knows the command's

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class BadInput(QuizError):
    exit_code = EXIT_BAD_INPUT


class Translatable(QuizError):
    """A QuizError raised where the learner's language is not known (the progress store, the data directory): it
    keeps its key in the i18n catalogue and its values, and the CLI words it in the command's language. Until
    then its text is the English one."""

    def __init__(self, key: str, **values: object) -> None:
        self.key, self.values = key, values
        super().__init__(self.words("en"))

    def values_in(self, lang: str) -> dict[str, object]:
        """The values the message names, in ``lang``: the same in both, unless a subclass words some of them."""
        return self.values

    def words(self, lang: str) -> str:
        return t(lang, self.key, **self.values_in(lang))


class TranslatableBadInput(Translatable, BadInput):
    """Bad input or usage (exit 2), worded in the command's language: ``TranslatableBadInput(key, **values)``."""
