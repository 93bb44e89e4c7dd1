"""`quiz export anki|json`: parse the options, call :mod:`quizcli.show.anki`, say what was written."""

from __future__ import annotations

from pathlib import Path

import click

from quizcli.commands import options

_TOPIC = click.option("--topic", help="Only this topic, e.g. lstm (see quiz list).")
_TAGS = click.option("--tag", "tags", multiple=True, help="Only questions with this tag; repeatable.")


@click.group()
def export() -> None:
    """Export the banks: an Anki deck, or every question with its computed answer as JSON.

    \b
    Examples:
      quiz export anki eshikaku.apkg
      quiz export anki lstm.apkg --topic lstm --lang ja
      quiz export json bank.json
      quiz export json - --tag cnn
    """


@export.command("anki")
@click.argument("file", type=click.Path(dir_okay=False, writable=True))
@options.content
@_TOPIC
@_TAGS
@options.lang
def anki(file: str, content_dirs: list[Path], topic: str | None, tags: tuple[str, ...], lang: str) -> None:
    """Write an Anki deck (.apkg): one note per question, formulas in MathJax.

    Numeric, shape and code questions use the bank's own numbers (what quiz explain ID shows, not a drawn
    drill variant), with the answer and the solver's worked steps on the back. Importing a newer export
    updates the notes already in Anki instead of duplicating them.

    \b
    Examples:
      quiz export anki eshikaku.apkg
      quiz export anki lstm.apkg --topic lstm --lang ja
      quiz export anki cnn.apkg --tag cnn --tag cnn-arch
    """
    from quizcli.i18n import t
    from quizcli.show import anki as exporting

    count = exporting.export_anki(file, content_dirs, topic=topic, tags=tags, lang=lang)
    click.echo(t(lang, "export_anki_done", count=count, path=file))


@export.command("json")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@options.content
@_TOPIC
@_TAGS
@options.lang
def json_command(file: str, content_dirs: list[Path], topic: str | None, tags: tuple[str, ...], lang: str) -> None:
    """Write every question's spec with its computed answer as one JSON document (FILE - is stdout).

    Solver questions also carry their resolved params and answer, for the bank's own numbers.

    \b
    Examples:
      quiz export json bank.json
      quiz export json - --topic lstm | jq '.questions[].answer'
    """
    from quizcli.i18n import t
    from quizcli.show import anki as exporting

    questions = exporting.select(content_dirs, topic, tags, lang)
    text = exporting.to_json(questions, content_dirs)
    if file == "-":
        click.echo(text)
        return
    exporting.write_json(file, text, lang)
    click.echo(t(lang, "export_json_done", count=len(questions), path=file))
