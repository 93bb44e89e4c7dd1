"""`quiz export anki|json`: parse the options, call :mod:`quizcli.show.anki`, say what was written."""

from __future__ import annotations

from pathlib import Path

import click

from quizcli.commands import base, options

_TOPIC = click.option("--topic", help="option.topic")
_TAGS = click.option("--tag", "tags", multiple=True, help="option.tag")


@click.group(cls=base.Group, help="export")
def export() -> None:
    """Export the banks (help: quizcli.helptext "export")."""


@export.command("anki", help="export.anki")
@click.argument("file", type=click.Path(dir_okay=False, writable=True), help="export.anki.file")
@options.content
@_TOPIC
@_TAGS
@options.lang
def anki(file: str, content_dirs: list[Path], topic: str | None, tags: tuple[str, ...], lang: str) -> None:
    """Write an Anki deck (help: quizcli.helptext "export.anki")."""
    from quizcli.i18n import t
    from quizcli.show import anki as exporting

    count = exporting.export_anki(file, content_dirs, topic=topic, tags=tags, lang=lang)
    click.echo(t(lang, "export_anki_done", count=count, path=file))


@export.command("json", help="export.json")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True), help="export.json.file")
@options.content
@_TOPIC
@_TAGS
@options.lang
def json_command(file: str, content_dirs: list[Path], topic: str | None, tags: tuple[str, ...], lang: str) -> None:
    """Write every question as JSON (help: quizcli.helptext "export.json")."""
    from quizcli.i18n import t
    from quizcli.show import anki as exporting

    questions = exporting.select(content_dirs, topic, tags, lang)
    text = exporting.to_json(questions, content_dirs)
    if file == "-":
        click.echo(text)
        return
    exporting.write_json(file, text, lang)
    click.echo(t(lang, "export_json_done", count=len(questions), path=file))
