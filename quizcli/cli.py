"""The `quiz` command line: parse, call one plain module, print. Nothing heavy is imported at module level."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from quizcli.commands import options
from quizcli.errors import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_INTERRUPTED, BadInput, QuizError


class QuizGroup(click.Group):
    """Turns every error into one line on stderr and an exit code; QUIZ_DEBUG=1 shows the traceback."""

    def main(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        standalone = kwargs.pop("standalone_mode", True)
        try:
            result = super().main(*args, standalone_mode=False, **kwargs)
            code = result if isinstance(result, int) else 0
        except click.exceptions.Exit as done:
            code = done.exit_code
        except click.ClickException as error:
            code = _fail(error.format_message(), EXIT_BAD_INPUT if isinstance(error, click.UsageError)
                         else error.exit_code)
        except QuizError as error:
            code = _fail(str(error), error.exit_code)
        except (KeyboardInterrupt, click.exceptions.Abort):
            click.echo("interrupted", err=True)
            code = EXIT_INTERRUPTED
        except Exception as error:  # the last line of defence: a bug must still not show a traceback
            if os.environ.get("QUIZ_DEBUG") == "1":
                raise
            code = _fail(f"internal error: {type(error).__name__}: {error} (QUIZ_DEBUG=1 shows details)",
                         EXIT_FAILED)
        if standalone:
            sys.exit(code)
        return code


def _fail(message: str, code: int) -> int:
    if os.environ.get("QUIZ_DEBUG") == "1":
        import traceback

        traceback.print_exc()
    click.echo(f"Error: {' '.join(message.split())}", err=True)
    return code


def _console() -> Any:
    from rich.console import Console

    return Console(no_color=bool(os.environ.get("NO_COLOR")))


def _complete_topic(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    from quizcli.banks import load_catalog

    return sorted({q.topic for q in load_catalog().questions.values() if q.topic.startswith(incomplete)})


def _complete_target(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    import solvers
    from quizcli.banks import load_catalog

    names = set(load_catalog().questions) | set(solvers.SOLVERS)
    return sorted(name for name in names if name.startswith(incomplete))


@click.group(cls=QuizGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="quiz-eshikaku", prog_name="quiz")
@options.no_color
def cli() -> None:
    """Study for the E資格 with quizzes and drills whose answers are computed by real NumPy code.

    \b
    Examples:
      quiz start                       study: due reviews first, then new questions
      quiz solve conv-output --input 5 --kernel 3 --stride 2 --padding 1
      quiz list --topic lstm           what the banks hold
      quiz validate my-bank.yaml       check a bank you wrote

    \b
    Shell completion (bash; zsh and fish likewise with zsh_source / fish_source):
      eval "$(_QUIZ_COMPLETE=bash_source quiz)"
    """


def main() -> None:
    cli.main(prog_name="quiz")


@cli.command("list")
@click.option("--topic", help="Only this topic, e.g. lstm.", shell_complete=_complete_topic)
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
    from quizcli import listing

    questions = listing.questions(topic)
    if as_json:
        click.echo(listing.as_json(questions))
    else:
        from quizcli.i18n import resolve_lang

        _console().print(listing.table(questions, resolve_lang(lang)))


def _usable_cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@options.content
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=_usable_cpus, show_default="every CPU",
              help="Bank files checked side by side, one process each.")
def validate(paths: tuple[Path, ...], jobs: int) -> None:
    """Check banks: schema, unique ids, solvers, code options and 50 drill draws.

    With no PATH, checks every bank quiz loads (built-in, QUIZ_CONTENT_PATH and --content). The ids in
    PATH must also be new to those banks.

    \b
    Examples:
      quiz validate
      quiz validate content/day3/lstm.yaml my-pack/
      quiz validate --content my-pack/ --jobs 1
    """
    from quizcli.banks import content_dirs
    from quizcli.validate import validate as run_validation

    with _file_progress() as progress:
        report = run_validation(list(paths) or content_dirs(), alongside=content_dirs() if paths else (), jobs=jobs,
                                progress=progress)
    for problem in report.problems:
        click.echo(problem, err=True)
    if report.problems:
        raise QuizError(f"{len(report.problems)} problem(s) in {report.files} bank file(s)")
    click.echo(f"ok: {report.questions} questions in {report.files} bank file(s)")


@contextmanager
def _file_progress() -> Iterator[Callable[[int, int], None]]:
    """A bar on stderr that follows ``progress(done, total)``; nothing when stderr is not a terminal."""
    if not sys.stderr.isatty():
        yield lambda done, total: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("checking bank files"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("check", total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


class SolverCommands(click.Group):
    """One subcommand per registered solver, built from the registry when first asked for."""

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
    options = [
        click.Option([p.option, p.name], default=None, metavar="VALUE",
                     help=p.param.describe() + ("" if p.required else f"  [default: {p.default}]")
                     + ("  (required)" if p.required else ""))
        for p in spec.params
    ]
    options += [
        click.Option(["--params-file"], type=click.Path(path_type=Path, dir_okay=False),
                     help="JSON or YAML object of parameters; options given here override it."),
        click.Option(["--json", "as_json"], is_flag=True, help="Print one JSON object."),
    ]

    def callback(params_file: Path | None, as_json: bool, **values: str | None) -> None:
        from quizcli import solve

        _, resolved, result = solve.run(spec.name, values, params_file)
        if as_json:
            click.echo(solve.as_json(spec.name, resolved, result))
        else:
            from quizcli.render import solution

            shown = solution(spec, resolved, result)
            if sys.stdout.isatty():
                _console().print(shown)
            else:  # a pipe or a file gets plain text, without paying for Rich
                click.echo(shown.text())

    return click.Command(spec.name, params=options, callback=callback, help=spec.doc.replace("\n\n", "\n\n\b\n"),
                         short_help=spec.summary, no_args_is_help=False)


@cli.group(cls=SolverCommands)
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



@cli.command()
@click.option("--topic", help="Only this topic, e.g. lstm (see quiz list).", shell_complete=_complete_topic)
@options.content
@click.option("--tag", "tags", multiple=True, help="Only questions with this tag; repeatable.")
@click.option("--mode", type=click.Choice(["review", "drill", "exam"]), default="review", show_default=True,
              help="review: due cards then new ones; drill: fresh numbers; exam: a timed mock exam.")
@click.option("--limit", type=click.IntRange(min=1), help="How many questions (default 20; exam 100).")
@options.lang
@click.option("--seed", type=int, help="Seed for the order and the drawn numbers (reproducible sessions).")
def start(topic: str | None, tags: tuple[str, ...], mode: str, limit: int | None, lang: str | None,
          seed: int | None) -> int:
    """Start a study session, driven by the keyboard alone.

    One line per answer: an option number or letter (1,3 for several), a number, or a size such as 3x3.
    At the prompt: ? hint, s skip, e explain the last answer, u undo it, r N change its rating, q quit.
    Every answer is saved at once; Ctrl-C stops without losing any.

    \b
    Examples:
      quiz start
      quiz start --topic lstm --limit 10
      quiz start --mode drill --tag cnn
      quiz start --mode exam --limit 20 --lang ja
    """
    from quizcli import terminal

    return terminal.start(topic=topic, tags=tags, mode=mode, limit=limit, lang=lang, seed=seed,
                          console=_console())


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@options.lang
def stats(as_json: bool, lang: str | None) -> None:
    """Show accuracy by area, answers per day, what is due, retention and streak.

    \b
    Examples:
      quiz stats
      quiz stats --json
    """
    from quizcli import stats as statistics
    from quizcli.i18n import resolve_lang

    figures = statistics.compute()
    if as_json:
        click.echo(json.dumps(figures, ensure_ascii=False))
    else:
        _console().print(statistics.renderable(figures, resolve_lang(lang)))


@cli.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("target", shell_complete=_complete_target)
@options.content
@options.no_color
@click.option("--seed", type=int, help="Explain the drill variant drawn with this seed.")
@click.option("--json", "as_json", is_flag=True, help="Print the explanation as one JSON object.")
@click.option("--params-file", type=click.Path(path_type=Path, dir_okay=False), help="Solver parameters (JSON/YAML).")
@options.lang
@click.pass_context
def explain(ctx: click.Context, target: str, seed: int | None, as_json: bool, params_file: Path | None,
            lang: str | None) -> None:
    """Explain a question or a solver call by running the reference code and showing every step.

    TARGET is a question id (see quiz list --json) or a solver name followed by its parameters.

    \b
    Examples:
      quiz explain conv-output-size-review
      quiz explain lstm-cell-update --json
      quiz explain gradient-clipping --grad '[3, 4]' --threshold 1
      quiz explain example-conv-output-drill --seed 7
    """
    from quizcli import explain as explaining
    from quizcli.i18n import resolve_lang

    explanation = explaining.run(target, seed=seed, extra=ctx.args, params_file=params_file)
    if as_json:
        click.echo(explaining.as_json(explanation))
    else:
        _console().print(explaining.renderable(explanation, resolve_lang(lang)))


def _register_commands() -> None:
    """Commands that live in quizcli/commands/: each module imports only click at module level."""
    from quizcli.commands.doctor import doctor
    from quizcli.commands.export import export
    from quizcli.commands.lab import lab
    from quizcli.commands.new_question import new_question

    for command in (lab, export, new_question, doctor):
        cli.add_command(command)


_register_commands()
