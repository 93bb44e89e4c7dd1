"""`quiz new-question`: print (or write) a bank file with one question, valid as it stands."""

from __future__ import annotations

import click


@click.command("new-question")
@click.option("--kind", required=True, metavar="KIND", help="choice, numeric, shape, code-choice or text.")
@click.option(
    "--solver",
    metavar="NAME",
    help="The solver that computes the answer (numeric, shape, code-choice); see quiz solve --help.",
)
@click.option("--id", "question_id", metavar="ID", help="The question's kebab-case id (default: my-SOLVER-KIND).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
@click.option("--force", is_flag=True, help="Overwrite the --output file if it exists.")
def new_question(kind: str, solver: str | None, question_id: str | None, output: str | None, force: bool) -> None:
    """Start a question: a complete bank file (format_version 1) that quiz validate accepts as it is.

    Solver questions come with example parameters the solver accepts, each described in a comment, and
    a pick when the solver's answer is a structure. Replace the TODO text in both languages.

    \b
    Examples:
      quiz new-question --kind choice
      quiz new-question --kind shape --solver pool-output --id pool-output-drill
      quiz new-question --kind numeric --solver lstm-cell -o my-bank/lstm-cell.yaml
      quiz new-question --kind code-choice --solver softmax
    """
    from pathlib import Path

    from quizcli.bank import scaffold
    from quizcli.i18n import AUTHOR_MESSAGES

    text = scaffold.new_question(kind, solver, question_id)
    if output is None:
        click.echo(text, nl=False)
        return
    scaffold.write(text, Path(output), force=force)
    click.echo(AUTHOR_MESSAGES["written"].format(path=output), err=True)
