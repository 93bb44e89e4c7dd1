"""`quiz doctor`: print the health report; exit 1 when it found a problem."""

from __future__ import annotations

import click

from quizcli.errors import EXIT_FAILED

MESSAGES = {
    "healthy": "ok: no problems found",
    "problem": "problem: {problem}",
    "summary": "{count} problem(s) found",
}


@click.command()
@click.option("--full", is_flag=True,
              help="Validate the banks fully (solvers, options, drill draws), not just the schema.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as one JSON object.")
@click.pass_context
def doctor(ctx: click.Context, full: bool, as_json: bool) -> None:
    """Check the installation, the data directory, the database and the banks; change nothing.

    Shows the versions quiz runs on, where progress is stored, the database's schema version, review count
    and integrity check (opened read-only), and each content directory with its banks. Exits 1 with one
    line per problem when something is wrong.

    \b
    Examples:
      quiz doctor
      quiz doctor --full
      quiz doctor --json
    """
    from quizcli import doctor as diagnosis

    report = diagnosis.diagnose(full=full)
    if as_json:
        click.echo(diagnosis.as_json(report))
    else:
        click.echo(diagnosis.as_text(report))
        for problem in report.problems:
            click.echo(MESSAGES["problem"].format(problem=problem), err=True)
        click.echo(MESSAGES["summary"].format(count=len(report.problems)) if report.problems
                   else MESSAGES["healthy"], err=bool(report.problems))
    if not report.healthy:
        ctx.exit(EXIT_FAILED)
