"""`quiz stats`: progress figures, as a table or as JSON."""

from __future__ import annotations

import json

import click

from quizcli.commands import options


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@options.lang
def stats(as_json: bool, lang: str) -> None:
    """Show accuracy by area, answers per day, what is due, retention and streak.

    \b
    Examples:
      quiz stats
      quiz stats --json
    """
    from quizcli.study import stats as statistics

    figures = statistics.compute()
    if as_json:
        click.echo(json.dumps(figures, ensure_ascii=False))
    else:
        options.console().print(statistics.renderable(figures, lang))
