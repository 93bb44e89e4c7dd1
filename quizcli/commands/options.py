"""Options shared by several commands. Only click is imported here: they are declared at start-up."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click


def _add_content(ctx: click.Context, param: click.Parameter, values: tuple[Path, ...]) -> None:
    from quizcli.bank import catalog as banks
    from quizcli.errors import BadInput

    for folder in values:
        if not folder.is_dir():
            raise BadInput(f"--content: {folder} is not a directory")
        banks.EXTRA_CONTENT.append(folder)


def _no_color(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        os.environ["NO_COLOR"] = "1"  # Rich and plotext both honour it


content = click.option(
    "--content",
    type=click.Path(path_type=Path),
    multiple=True,
    expose_value=False,
    callback=_add_content,
    is_eager=True,
    help="Also load the banks in this directory (repeatable; QUIZ_CONTENT_PATH works too).",
)

no_color = click.option(
    "--no-color",
    is_flag=True,
    expose_value=False,
    callback=_no_color,
    is_eager=True,
    help="Plain text without colours (NO_COLOR=1 does the same).",
)

lang = click.option(
    "--lang",
    type=click.Choice(["ja", "en"]),
    help="Language of questions and messages (default: QUIZ_LANG, else the locale).",
)


def console(*, stderr: bool = False) -> Any:
    """The one place a Rich console is made; Rich loads here, on first use, not at start-up."""
    from rich.console import Console

    return Console(stderr=stderr, no_color=bool(os.environ.get("NO_COLOR")))


def complete_topic(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    from quizcli.bank.catalog import load_catalog

    return sorted({q.topic for q in load_catalog().questions.values() if q.topic.startswith(incomplete)})


def complete_target(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    import solvers
    from quizcli.bank.catalog import load_catalog

    names = set(load_catalog().questions) | set(solvers.SOLVERS)
    return sorted(name for name in names if name.startswith(incomplete))
