"""`quiz explain`: run the reference code for a question or a solver call and show every step."""

from __future__ import annotations

from pathlib import Path

import click

from quizcli.commands import base, options


@click.command(
    cls=base.Command, help="explain", context_settings={"ignore_unknown_options": True, "allow_extra_args": True}
)
@click.argument("target", help="explain.target", shell_complete=options.complete_target)
@options.content
@options.no_color
@click.option("--seed", type=int, help="explain.seed")
@click.option("--json", "as_json", is_flag=True, help="explain.json")
@click.option("--params-file", type=click.Path(path_type=Path, dir_okay=False), help="explain.params_file")
@options.lang
@click.pass_context
def explain(
    ctx: click.Context,
    target: str,
    content_dirs: list[Path],
    seed: int | None,
    as_json: bool,
    params_file: Path | None,
    lang: str,
) -> None:
    """Explain a question or a solver call (help: quizcli.helptext "explain")."""
    from quizcli.show import explain as explaining
    from quizcli.show.solve import UnknownSolver, unknown

    try:
        explanation = explaining.run(
            target, content_dirs=content_dirs, seed=seed, extra=ctx.args, params_file=params_file
        )
    except UnknownSolver:
        import solvers
        from quizcli.bank.catalog import load_catalog

        targets = [*load_catalog(content_dirs).questions, *solvers.SOLVERS]
        raise unknown("explain_unknown", target, targets, lang, "explain_list_hint") from None
    if as_json:
        click.echo(explaining.as_json(explanation, lang))
    else:
        options.console().print(explaining.renderable(explanation, lang))
