"""`quiz validate`: check bank files, one process per file, with a progress bar on a terminal."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from quizcli.commands import base, options
from quizcli.errors import QuizError


def _usable_cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@click.command(cls=base.Command, help="validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path), help="validate.paths")
@options.content
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=_usable_cpus,
    show_default="validate.jobs_default",  # a key too: base.Command words it
    help="validate.jobs",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="validate.no_cache",
)
def validate(paths: tuple[Path, ...], content_dirs: list[Path], jobs: int, no_cache: bool) -> None:
    """Check banks (help: quizcli.helptext "validate")."""
    from quizcli.bank.validate import validate as run_validation

    with _file_progress() as progress:
        report = run_validation(
            list(paths) or content_dirs,
            alongside=content_dirs if paths else (),
            jobs=jobs,
            progress=progress,
            use_cache=not no_cache,
        )
    for path, lengths in report.key_lengths.items():
        if lengths.questions:
            click.echo(f"{path}: {lengths.summary()}")
    for problem in report.problems:
        click.echo(problem, err=True)
    if report.problems:
        raise QuizError(f"{len(report.problems)} problem(s) in {report.files} bank file(s)")
    click.echo(f"ok: {report.questions} questions in {report.files} bank file(s)")


@contextmanager
def _file_progress() -> Iterator[Callable[[int, int], None]]:
    """A bar on stderr that follows ``progress(done, total)``; nothing when stderr is not a terminal."""
    if not sys.stderr.isatty():
        yield lambda done, total: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("checking bank files"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=options.console(stderr=True), transient=True) as bar:
        task = bar.add_task("check", total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)
