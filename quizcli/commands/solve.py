"""`quiz solve NAME`: one subcommand per registered solver, built from the registry when first asked for."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from quizcli.commands import options
from quizcli.errors import BadInput


class SolverCommands(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        import solvers

        return sorted(solvers.SOLVERS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        import solvers

        if name not in solvers.SOLVERS:
            from difflib import get_close_matches

            close = get_close_matches(name, solvers.SOLVERS, n=1)
            hint = f"; did you mean {close[0]}?" if close else "; `quiz solve --help` lists them"
            raise BadInput(f"unknown solver {name!r}{hint}")
        return _solver_command(solvers.SOLVERS[name])


def _solver_command(spec: Any) -> click.Command:
    params: list[click.Parameter] = [
        click.Option(
            [p.option, p.name],
            default=None,
            metavar="VALUE",
            help=p.param.describe()
            + ("" if p.required else f"  [default: {p.default}]")
            + ("  (required)" if p.required else ""),
        )
        for p in spec.params
    ]
    params += [
        click.Option(
            ["--params-file"],
            type=click.Path(path_type=Path, dir_okay=False),
            help="JSON or YAML object of parameters; options given here override it.",
        ),
        click.Option(["--json", "as_json"], is_flag=True, help="Print one JSON object."),
    ]

    def callback(params_file: Path | None, as_json: bool, **values: str | None) -> None:
        from quizcli.show import solve

        _, resolved, result = solve.run(spec.name, values, params_file)
        if as_json:
            click.echo(solve.as_json(spec.name, resolved, result))
        else:
            from quizcli.show.render import solution

            shown = solution(spec, resolved, result)
            if sys.stdout.isatty():
                options.console().print(shown)
            else:  # a pipe or a file gets plain text, without paying for Rich
                click.echo(shown.text())

    return click.Command(
        spec.name,
        params=params,
        callback=callback,
        help=spec.doc.replace("\n\n", "\n\n\b\n"),
        short_help=spec.summary,
        no_args_is_help=False,
    )


@click.group(cls=SolverCommands)
def solve() -> None:
    """Compute an answer with a reference solver and show its steps.

    Array parameters take JSON: --grad '[3, 4]'.

    \b
    Examples:
      quiz solve conv-output --input 5 --kernel 3 --stride 2 --padding 1
      quiz solve conv-output --input '[5,5]' --kernel 3 --stride 2 --padding 1 --json
      quiz solve gradient-clipping --grad '[3, 4]' --threshold 1
      quiz solve map --params-file detections.json --json
    """
