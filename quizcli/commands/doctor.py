"""`quiz doctor`: print the health report; exit 1 when it found a problem."""

from __future__ import annotations

import click

from quizcli.commands import base, options
from quizcli.errors import EXIT_FAILED

UNWRAPPED = 10_000  # the width of a pipe: no line is broken


@click.command(cls=base.Command, help="doctor")
@click.option("--full", is_flag=True, help="doctor.full")
@click.option("--json", "as_json", is_flag=True, help="doctor.json")
@options.lang
@click.pass_context
def doctor(ctx: click.Context, full: bool, as_json: bool, lang: str) -> None:
    """The health report (help: quizcli.helptext "doctor")."""
    from quizcli.bank.catalog import content_dirs
    from quizcli.i18n import t
    from quizcli.study import doctor as diagnosis

    # --json is for scripts: its values and problems stay English whatever the language.
    report = diagnosis.diagnose(content_dirs(), full=full, lang="en" if as_json else lang)
    if as_json:
        click.echo(diagnosis.as_json(report))
    else:
        # Typeset to the terminal's width; piped, one line per item, for grep.
        console = options.console()
        width = console.width if console.is_terminal else UNWRAPPED
        click.echo(diagnosis.as_text(report, width))
        for problem in report.problems:
            _say(t(lang, "doctor_problem", problem=problem), stderr=True)
        summary = (
            t(lang, "doctor_summary", count=len(report.problems)) if report.problems else t(lang, "doctor_healthy")
        )
        _say(summary, stderr=bool(report.problems))
    if not report.healthy:
        ctx.exit(EXIT_FAILED)


def _say(text: str, *, stderr: bool) -> None:
    """A line for the learner: typeset on a terminal, as it is in a pipe."""
    from quizcli.typeset import Paragraph

    console = options.console(stderr=stderr)
    if console.is_terminal:
        console.print(Paragraph(text))
    else:
        click.echo(text, err=stderr)
