"""`quiz start`: a study session driven by the keyboard alone."""

from __future__ import annotations

from pathlib import Path

import click

from quizcli.commands import options


@click.command()
@click.option(
    "--topic", help="Only this topic, e.g. lstm (see quiz list; any case).", shell_complete=options.complete_topic
)
@options.content
@click.option("--tag", "tags", multiple=True, help="Only questions with this tag (any case); repeatable.")
@click.option(
    "--mode",
    type=click.Choice(["review", "drill", "exam"]),
    default="review",
    show_default=True,
    help="review: due cards then new ones; drill: fresh numbers; exam: a timed mock exam.",
)
@click.option("--limit", type=click.IntRange(min=1), help="How many questions (default 20; exam 100).")
@options.lang
@click.option(
    "--seed", type=int, help="Seed for the order and the drawn numbers (reproducible sessions); without it they vary."
)
@click.option(
    "--pass-mark",
    type=click.IntRange(1, 100),
    metavar="PCT",
    help="Exam only: the percentage that passes, shown in the report (the real exam publishes none).",
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
    """Start a study session, driven by the keyboard alone.

    One line per answer: an option number or letter (1,3 for several), a number, or a size such as 3x3.
    At the prompt: ? hint, s skip, e explain the last answer, c show the code that computed it, u undo it,
    r N change its rating, q quit.
    Every answer is saved at once; Ctrl-C stops without losing any.
    A mock exam (--mode exam) shows nothing until its report: s skip, g N go to question N, l list the
    unanswered, q submit; every question drawn counts, answered or not.

    \b
    Examples:
      quiz start
      quiz start --topic lstm --limit 10
      quiz start --mode drill --tag cnn
      quiz start --mode exam --limit 20 --lang ja
    """
    from quizcli.study import terminal

    if pass_mark is not None and mode != "exam":
        from quizcli.errors import BadInput

        raise BadInput("--pass-mark applies to --mode exam only")
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
