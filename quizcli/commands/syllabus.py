"""`quiz syllabus`: the E資格 syllabus, section by section, beside the bank and the learner's progress."""

from __future__ import annotations

import json
from pathlib import Path

import click

from quizcli.commands import base, options


@click.command(cls=base.Command, help="syllabus")
@options.content
@click.option("--json", "as_json", is_flag=True, help="option.json")
@options.lang
def syllabus(content_dirs: list[Path], as_json: bool, lang: str) -> None:
    """The syllabus beside the bank and the progress (help: quizcli.helptext "syllabus")."""
    from quizcli.bank.catalog import load_catalog
    from quizcli.study import coverage

    figures = coverage.compute(load_catalog(content_dirs))
    if as_json:
        click.echo(json.dumps(figures, ensure_ascii=False))
    else:
        options.console().print(coverage.renderable(figures, lang))
