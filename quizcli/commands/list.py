"""`quiz list`: the banks' topics and question counts."""

from __future__ import annotations

import click

from quizcli.commands import options


@click.command("list")
@click.option("--topic", help="Only this topic, e.g. lstm.", shell_complete=options.complete_topic)
@options.content
@click.option("--json", "as_json", is_flag=True, help="One JSON object per question.")
@options.lang
def list_command(topic: str | None, as_json: bool, lang: str | None) -> None:
    """List the banks' topics and question counts.

    \b
    Examples:
      quiz list
      quiz list --topic cnn --json
    """
    from quizcli.show import listing

    questions = listing.questions(topic)
    if as_json:
        click.echo(listing.as_json(questions))
    else:
        from quizcli.i18n import resolve_lang

        options.console().print(listing.table(questions, resolve_lang(lang)))
