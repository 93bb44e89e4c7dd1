"""`quiz syllabus`: the E資格 syllabus, section by section, beside the bank and the learner's progress."""

from __future__ import annotations

import json
from pathlib import Path

import click

from quizcli.commands import options


@click.command()
@options.content
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@options.lang
def syllabus(content_dirs: list[Path], as_json: bool, lang: str) -> None:
    """Show every section of the E資格 syllabus with its exam weight, the bank's questions, drills and solvers
    there, and your answers, accuracy and due cards; sections with no question stand out.

    \b
    Examples:
      quiz syllabus
      quiz syllabus --json
    """
    from quizcli.bank.catalog import load_catalog
    from quizcli.study import coverage

    figures = coverage.compute(load_catalog(content_dirs))
    if as_json:
        click.echo(json.dumps(figures, ensure_ascii=False))
    else:
        options.console().print(coverage.renderable(figures, lang))
