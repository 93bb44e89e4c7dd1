"""Options shared by several commands. Only click is imported here: they are declared at start-up."""

from __future__ import annotations

import os
from pathlib import Path

import click


def _add_content(ctx: click.Context, param: click.Parameter, values: tuple[Path, ...]) -> None:
    from quizcli import banks
    from quizcli.errors import BadInput

    for folder in values:
        if not folder.is_dir():
            raise BadInput(f"--content: {folder} is not a directory")
        banks.EXTRA_CONTENT.append(folder)


def _no_color(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        os.environ["NO_COLOR"] = "1"  # Rich and plotext both honour it


content = click.option(
    "--content", type=click.Path(path_type=Path), multiple=True, expose_value=False, callback=_add_content,
    is_eager=True, help="Also load the banks in this directory (repeatable; QUIZ_CONTENT_PATH works too).")

no_color = click.option("--no-color", is_flag=True, expose_value=False, callback=_no_color, is_eager=True,
                        help="Plain text without colours (NO_COLOR=1 does the same).")

lang = click.option("--lang", type=click.Choice(["ja", "en"]),
                    help="Language of questions and messages (default: QUIZ_LANG, else the locale).")
