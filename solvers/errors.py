"""The one error type a solver raises for input it cannot answer, worded in English and in Japanese."""

from __future__ import annotations


class Outcome:
    """What a solver got where it needed a value (an overflow, nothing given): a noun in English ("got an
    overflow"), a clause in Japanese."""

    def __init__(self, en: str, ja: str) -> None:
        self.en, self.ja = en, ja

    def __repr__(self) -> str:
        return self.en


OVERFLOW = Outcome("an overflow", "オーバーフローしました")
NOTHING = Outcome("nothing", "指定がありません")
NO_CONVERGENCE = Outcome("no convergence", "収束しませんでした")


class SolverInputError(ValueError):
    """A parameter is missing, ill-typed or impossible; the message names it and says what was expected.

    ``expected`` is a noun phrase ("an integer ≥ 1"), ``ja`` the same in Japanese ("1 以上の整数"): solvers
    import nothing from quizcli, so each error brings its own Japanese, which `quiz solve --lang ja` shows."""

    def __init__(self, param: str, expected: str, got: object = None, *, ja: str) -> None:
        self.param, self.expected, self.expected_ja, self.got = param, expected, ja, got
        message = f"{param}: expected {expected}"
        if got is not None:
            message += f", got {self.got_text('en')}"
        super().__init__(message)

    def got_text(self, lang: str) -> str:
        """The value that was refused, shortened; an :class:`Outcome` in ``lang``."""
        if isinstance(self.got, Outcome):
            return self.got.ja if lang == "ja" else self.got.en
        text = repr(self.got)
        return text if len(text) <= 60 else text[:59] + "…"
