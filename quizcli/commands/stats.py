"""`quiz stats`: progress figures, as a table or as JSON."""

from __future__ import annotations

import json

import click

from quizcli.commands import base, options


@click.command(cls=base.Command, help="stats")
@click.option("--json", "as_json", is_flag=True, help="option.json")
@options.lang
def stats(as_json: bool, lang: str) -> None:
    """Progress figures (help: quizcli.helptext "stats")."""
    from quizcli.bank.catalog import load_catalog
    from quizcli.paths import database_path
    from quizcli.study import stats as statistics

    # Before the first session there is nothing to count, and stats creates nothing (not even the bank cache).
    studied = database_path().exists()
    section_of = {q.id: q.section for q in load_catalog().questions.values()} if studied else {}
    figures = statistics.compute(section_of=section_of)
    if as_json:
        click.echo(json.dumps(figures, ensure_ascii=False))
    else:
        options.console().print(statistics.renderable(figures, lang))
