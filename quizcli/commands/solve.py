"""`quiz solve WORD`: one subcommand per registered solver, built from the registry when first asked for.

WORD is a solver's name or a word that names solvers (a keyword, a part of a name): when it names one, that one
runs; when it names several, they are listed with an example each."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import click

from quizcli.commands import base, options
from quizcli.errors import BadInput
from quizcli.i18n import LANGS, t


class SolverCommands(base.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        import solvers

        return sorted(solvers.SOLVERS)

    def get_command(self, ctx: click.Context, word: str) -> click.Command | None:
        from quizcli.show import solve as solving

        matches = solving.matches(word)
        if len(matches) == 1:
            return _solver_command(matches[0].spec, matches[0].preset, options.current_lang(ctx))
        if matches:
            return _choices_command(word, matches, options.current_lang(ctx))
        raise solving.unknown_word(word, options.current_lang(ctx))


class SolverCommand(base.Command):
    """One solver's command. Its help comes from the registry, worded when the screen is drawn (the language may
    be given after the solver's name): ``solver.*`` keys are the solver's own words, the rest the catalogue's."""

    def __init__(self, spec: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.spec = spec

    def text(self, ctx: click.Context, key: str | None) -> str:
        if key and key.startswith("solver."):
            from quizcli.show import solve as solving

            return solving.help_words(self.spec, key, options.current_lang(ctx))
        return super().text(ctx, key)


def _solver_command(spec: Any, preset: Mapping[str, Any], group_lang: str) -> click.Command:
    from quizcli.show import solve as solving

    params: list[click.Parameter] = [_option(p) for p in spec.params]
    params += [
        click.Option(["--params-file"], type=click.Path(path_type=Path, dir_okay=False), help="solve.params_file"),
        click.Option(["--json", "as_json"], is_flag=True, help="option.json"),
        # Also after the solver's name, where a learner types it (quiz solve entropy --lang ja).
        click.Option(["--lang", "chosen_lang"], type=click.Choice(LANGS), help="solve.lang"),
    ]
    if all(p.option != "--steps" for p in spec.params):  # rnn-delta-back has a parameter of that name
        params.append(
            click.Option(
                ["--steps", "steps_shown"],
                type=click.Choice(["full", "summary"]),
                default="full",
                show_default=True,
                help="solve.steps",
            )
        )

    def callback(
        params_file: Path | None,
        as_json: bool,
        chosen_lang: str | None,
        steps_shown: str = "full",
        **values: str | bool | None,
    ) -> None:
        lang = chosen_lang or group_lang
        _, resolved, result = solving.run(spec.name, values, params_file, preset)
        if spec.lookup.example and solving.is_bare(values, params_file):
            click.echo(solving.example_note(spec, preset, lang), err=True)
        if as_json:
            click.echo(solving.as_json(spec.name, resolved, result, steps=steps_shown))
        else:
            from dataclasses import replace

            from quizcli.show.render import solution

            if steps_shown == "summary":
                result = replace(result, steps=solving.summarised(result.steps))
            shown = solution(spec, resolved, result, lang)
            if sys.stdout.isatty():
                options.console().print(shown)
            else:  # a pipe or a file gets plain text, without paying for Rich
                click.echo(shown.text())

    return SolverCommand(
        spec,
        spec.name,
        params=params,
        callback=callback,
        help="solver.help",
        epilog="solver.examples",
        short_help="solver.summary",
        no_args_is_help=False,
        help_values={"entries": solving.SUMMARY_ENTRIES},
    )


def _option(param: Any) -> click.Option:
    from solvers.params import Bool

    key = f"solver.param.{param.name}"  # worded by SolverCommand: the parameter's kind, its default or required
    if isinstance(param.param, Bool):  # a flag pair; None when neither is given, so the default stays the solver's
        return click.Option([f"{param.option}/{param.no_option}", param.name], default=None, help=key)
    return click.Option([param.option, param.name], default=None, metavar="VALUE", help=key)


def _choices_command(word: str, matches: list[Any], lang: str) -> click.Command:
    from quizcli.show import solve as solving

    names = ", ".join(m.spec.name for m in matches)

    def callback(as_json: bool, chosen_lang: str | None) -> None:
        shown_in = chosen_lang or lang
        if click.get_current_context().args:
            raise BadInput(t(shown_in, "solve_pick_one", word=word, names=names))
        if as_json:
            click.echo(solving.choices_json(matches))
            return
        width = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
        click.echo(solving.choices(word, matches, shown_in).text(width))

    return base.Command(
        word,
        params=[
            click.Option(["--json", "as_json"], is_flag=True, help="solve.choices_json"),
            click.Option(["--lang", "chosen_lang"], type=click.Choice(LANGS), help="solve.lang"),
        ],
        callback=callback,
        help="solve.choices",
        help_values={"word": word, "names": names},
        context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
    )


@click.group(cls=SolverCommands, help="solve")
@options.lang
def solve(lang: str) -> None:
    """Compute an answer with a reference solver (help: quizcli.helptext "solve")."""
