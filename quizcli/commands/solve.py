"""`quiz solve WORD`: one subcommand per registered solver, built from the registry when first asked for.

WORD is a solver's name or a word that names solvers (a keyword, a part of a name): when it names one, that one
runs; when it names several, they are listed with an example each."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import click

from quizcli.commands import options
from quizcli.errors import BadInput
from quizcli.i18n import LANGS, t


class SolverCommands(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        import solvers

        return sorted(solvers.SOLVERS)

    def get_command(self, ctx: click.Context, word: str) -> click.Command | None:
        from quizcli.show import solve as solving

        lang = options.current_lang(ctx)
        matches = solving.matches(word)
        if len(matches) == 1:
            return _solver_command(matches[0].spec, matches[0].preset, lang)
        if matches:
            return _choices_command(word, matches, lang)
        raise solving.unknown_word(word, lang)


def _solver_command(spec: Any, preset: Mapping[str, Any], group_lang: str) -> click.Command:
    from quizcli.show import solve as solving

    params: list[click.Parameter] = [_option(p) for p in spec.params]
    params += [
        click.Option(
            ["--params-file"],
            type=click.Path(path_type=Path, dir_okay=False),
            help="JSON or YAML object of parameters; options given here override it.",
        ),
        click.Option(["--json", "as_json"], is_flag=True, help="Print one JSON object."),
        # Also after the solver's name, where a learner types it (quiz solve entropy --lang ja).
        click.Option(["--lang", "chosen_lang"], type=click.Choice(LANGS), help="Language of the formula and labels."),
    ]
    if all(p.option != "--steps" for p in spec.params):  # rnn-delta-back has a parameter of that name
        params.append(
            click.Option(
                ["--steps", "steps_shown"],
                type=click.Choice(["full", "summary"]),
                default="full",
                show_default=True,
                help=f"summary: a step array of more than {solving.SUMMARY_ENTRIES:,} entries as its shape, min, max"
                " and mean; the answer stays whole.",
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

    examples = "\n".join(f"  {line}" for line in solving.help_examples(spec))
    return click.Command(
        spec.name,
        params=params,
        callback=callback,
        help=spec.doc.replace("\n\n", "\n\n\b\n"),
        epilog=f"\b\nExamples (with no parameters it runs the course's example):\n{examples}",
        short_help=spec.summary,
        no_args_is_help=False,
    )


def _option(param: Any) -> click.Option:
    from solvers.params import Bool

    if isinstance(param.param, Bool):  # a flag pair; None when neither is given, so the default stays the solver's
        default = param.option if param.default else param.no_option
        flags = f"{param.option}/{param.no_option}"
        return click.Option([flags, param.name], default=None, help=f"[default: {default}]")
    described = param.param.describe() + ("  (required)" if param.required else f"  [default: {param.default}]")
    return click.Option([param.option, param.name], default=None, metavar="VALUE", help=described)


def _choices_command(word: str, matches: list[Any], lang: str) -> click.Command:
    from quizcli.show import solve as solving

    names = ", ".join(m.spec.name for m in matches)

    def callback(as_json: bool) -> None:
        if click.get_current_context().args:
            raise BadInput(t(lang, "solve_pick_one", word=word, names=names))
        click.echo(solving.choices_json(matches) if as_json else solving.choices(word, matches, lang).text())

    return click.Command(
        word,
        params=[click.Option(["--json", "as_json"], is_flag=True, help="Print the list as JSON.")],
        callback=callback,
        help=f"{word!r} names several solvers: {names}. Run one by its name.",
        context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
    )


@click.group(cls=SolverCommands)
@options.lang
def solve(lang: str) -> None:
    """Compute an answer with a reference solver and show its steps.

    WORD is a solver's name or a word for it, in Japanese or English (sigmoid, conv, 畳み込み, lstm, iou …):
    a word that names one solver runs it, one that names several lists them with an example each. With no
    parameters a solver runs the course's own example. Array parameters take JSON (--grad '[3, 4]'), sizes
    also 5x5, true/false parameters are flags (--derivative), and --params-file FILE reads them all from a
    JSON or YAML object.

    \b
    Examples:
      quiz solve sigmoid
      quiz solve iou
      quiz solve conv-output --input 5x5 --kernel 3 --stride 2 --padding 1
      quiz solve activation --name sigmoid --x 0 --derivative
      quiz solve gradient-clipping --grad '[3, 4]' --threshold 1 --json
    """
