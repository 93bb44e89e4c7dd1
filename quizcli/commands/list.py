"""`quiz list`: the banks' topics and question counts."""

from __future__ import annotations

from pathlib import Path

import click

from quizcli.commands import base, options


@click.command("list", cls=base.Command, help="list")
@click.option("--topic", help="option.topic", shell_complete=options.complete_topic)
@options.content
@click.option("--json", "as_json", is_flag=True, help="list.json")
@options.lang
def list_command(topic: str | None, content_dirs: list[Path], as_json: bool, lang: str) -> None:
    """List the banks' topics and question counts (help: quizcli.helptext "list")."""
    from quizcli.show import listing

    questions = listing.questions(content_dirs, topic)
    if as_json:
        click.echo(listing.as_json(questions))
    else:
        options.console().print(listing.table(questions, lang))
