"""`quiz start`: a study session driven by the keyboard alone."""

from __future__ import annotations

from pathlib import Path

import click

from quizcli.commands import base, options


@click.command(cls=base.Command, help="start")
@click.option("--topic", help="start.topic", shell_complete=options.complete_topic)
@options.content
@click.option("--tag", "tags", multiple=True, help="start.tag")
@click.option(
    "--mode",
    type=click.Choice(["review", "drill", "exam"]),
    default="review",
    show_default=True,
    help="start.mode",
)
@click.option("--limit", type=click.IntRange(min=1), help="start.limit")
@options.lang
@click.option("--seed", type=int, help="start.seed")
@click.option(
    "--pass-mark",
    type=click.IntRange(1, 100),
    metavar="PCT",
    help="start.pass_mark",
)
def start(
    topic: str | None,
    content_dirs: list[Path],
    tags: tuple[str, ...],
    mode: str,
    limit: int | None,
    lang: str,
    seed: int | None,
    pass_mark: int | None,
) -> int:
    """Start a study session (help: quizcli.helptext "start")."""
    from quizcli.study import terminal

    if pass_mark is not None and mode != "exam":
        from quizcli.errors import TranslatableBadInput

        raise TranslatableBadInput("pass_mark_not_exam")
    return terminal.start(
        content_dirs=content_dirs,
        topic=topic,
        tags=tags,
        mode=mode,
        limit=limit,
        lang=lang,
        seed=seed,
        console=options.console(),
        pass_mark=pass_mark,
    )
