"""Options shared by several commands. Only click and :mod:`quizcli.i18n` are imported here: they are declared at
start-up. Their help is a key of :mod:`quizcli.helptext` (see :mod:`quizcli.commands.base`)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click

from quizcli.i18n import LANGS, resolve_lang


def _all_content_dirs(ctx: click.Context, param: click.Parameter, values: tuple[Path, ...]) -> list[Path]:
    from quizcli.bank.catalog import content_dirs
    from quizcli.errors import TranslatableBadInput

    for folder in values:
        if not folder.is_dir():
            raise TranslatableBadInput("content_not_a_directory", path=folder)
    return content_dirs(values)


# Where the resolved language is kept in ctx.meta, which every context of one command line shares.
LANG_META = "quiz.lang"


def _resolved_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str:
    # A --lang after a group's subcommand name was read from the words already (base._read_lang_first).
    lang = resolve_lang(value or ctx.meta.get(LANG_META))
    ctx.meta[LANG_META] = lang  # for the CLI to word an error raised where the language is not known
    return lang


def current_lang(ctx: click.Context) -> str:
    """The language --lang resolved for this command line; QUIZ_LANG or the locale before --lang is read (an
    eager --help, or an error raised while parsing)."""
    lang: str | None = ctx.meta.get(LANG_META)
    return lang or resolve_lang()


def _no_color(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        os.environ["NO_COLOR"] = "1"  # Rich and plotext both honour it


# The command receives ``content_dirs``, every bank directory (built-in, QUIZ_CONTENT_PATH, then these): a value
# of this one command, so a pack given to one command in a process is not loaded by the next.
content = click.option(
    "--content",
    "content_dirs",
    type=click.Path(path_type=Path),
    multiple=True,
    callback=_all_content_dirs,
    is_eager=True,
    help="option.content",
)

no_color = click.option(
    "--no-color",
    is_flag=True,
    expose_value=False,
    callback=_no_color,
    is_eager=True,
    help="option.no_color",
)

# Resolved here, once: the command and everything it calls receive "ja" or "en", never None.
lang = click.option(
    "--lang",
    type=click.Choice(LANGS),
    callback=_resolved_lang,
    help="option.lang",
)


def console(*, stderr: bool = False) -> Any:
    """The one place a Rich console is made; Rich loads here, on first use, not at start-up."""
    from rich.console import Console

    return Console(stderr=stderr, no_color=bool(os.environ.get("NO_COLOR")))


def complete_topic(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    from quizcli.bank.catalog import load_catalog

    questions = load_catalog(ctx.params.get("content_dirs")).questions.values()
    return sorted({q.topic for q in questions if q.topic.startswith(incomplete)})


def complete_target(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    import solvers
    from quizcli.bank.catalog import load_catalog

    names = set(load_catalog(ctx.params.get("content_dirs")).questions) | set(solvers.SOLVERS)
    return sorted(name for name in names if name.startswith(incomplete))
