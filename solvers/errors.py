"""The one error type a solver raises for input it cannot answer."""


class SolverInputError(ValueError):
    """A parameter is missing, ill-typed or impossible; the message names it and says what was expected."""

    def __init__(self, param: str, expected: str, got: object = None) -> None:
        self.param = param
        self.expected = expected
        message = f"{param}: expected {expected}"
        if got is not None:
            message += f", got {_short(got)}"
        super().__init__(message)


def _short(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
