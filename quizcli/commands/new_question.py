"""`quiz new-question`: print (or write) a bank file with one question, valid as it stands."""

from __future__ import annotations

import click

from quizcli.commands import base


@click.command("new-question", cls=base.Command, help="new-question")
@click.option("--kind", required=True, metavar="KIND", help="new-question.kind")
@click.option(
    "--solver",
    metavar="NAME",
    help="new-question.solver",
)
@click.option("--id", "question_id", metavar="ID", help="new-question.id")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="new-question.output")
@click.option("--force", is_flag=True, help="new-question.force")
def new_question(kind: str, solver: str | None, question_id: str | None, output: str | None, force: bool) -> None:
    """Start a question (help: quizcli.helptext "new-question")."""
    from pathlib import Path

    from quizcli.bank import scaffold
    from quizcli.i18n import AUTHOR_MESSAGES

    text = scaffold.new_question(kind, solver, question_id)
    if output is None:
        click.echo(text, nl=False)
        return
    scaffold.write(text, Path(output), force=force)
    click.echo(AUTHOR_MESSAGES["written"].format(path=output), err=True)
