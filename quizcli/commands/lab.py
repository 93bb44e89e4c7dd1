"""`quiz lab`: the course's [try] implementation exercises as corrected, runnable experiments.

Each lab's settings become its command's options (defaults, choices and help included), read from the lab's
Config in :mod:`quizcli.labs.settings` when the command is first asked for. Only click is imported here;
the settings, numpy, rich, plotext and the labs load later, so that `quiz --help` stays light. Bad option
values raise :class:`quizcli.errors.BadInput` from :func:`quizcli.labs.runner.make_config` (exit 2, one line,
at the CLI edge).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

import click

from quizcli.commands import base, options

if TYPE_CHECKING:
    from quizcli.labs.settings import Setting

JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="lab.json")


class LabCommands(base.Group):
    """The labs' commands, each given its settings' options when first asked for (not at start-up, which would
    load quizcli.labs for every `quiz` command)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_LABS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        return _with_settings(name) if name in _LABS else None


@click.group(cls=LabCommands, help="lab", context_settings={"help_option_names": ["-h", "--help"]})
def lab() -> None:
    """The labs (help: quizcli.helptext "lab")."""


# The labs, by name (quizcli.labs.runner.LABS holds them; naming them here keeps quizcli.labs out of start-up).
LAB_NAMES = ("rnn-binary-addition", "predict-sin", "kmeans", "optimizers", "q-learning")


def _lab_command(name: str) -> click.Command:
    """The command of one lab: --json and --lang here; its settings' options are added when it is asked for."""

    @click.command(name, cls=base.Command, help=f"lab.{name}", short_help=f"lab.{name}.short")
    @JSON_OPTION
    @options.lang
    def run_lab(as_json: bool, lang: str, **args: Any) -> None:
        _run(name, args, as_json, lang)

    return run_lab


_LABS = {name: _lab_command(name) for name in LAB_NAMES}


@cache
def _with_settings(name: str) -> click.Command:
    """The lab's command with an option for each of its settings put first, in the Config's order."""
    from quizcli.labs.settings import CONFIGS, help_values, settings

    command = _LABS[name]
    fields = settings(CONFIGS[name])
    command.params[:0] = [_setting_option(f"lab.{name}.{field}", field, setting) for field, setting in fields.items()]
    if isinstance(command, base.Command):
        command.help_values = help_values(CONFIGS[name])  # the defaults a setting's help names
    return command


def _setting_option(key: str, field: str, setting: Setting) -> click.Option:
    """The option of one setting; its help is the catalogue's ``lab.NAME.FIELD``."""
    from quizcli.labs.settings import option_name

    name = option_name(field)
    if setting.kind is bool:
        return click.Option([f"{name}/--no-{name[2:]}"], default=setting.default, show_default=True, help=key)
    if setting.conditional:  # left unset, so that the lab can tell whether it was given
        return click.Option([name], type=setting.kind, default=None, help=key)
    kind = click.Choice(setting.choices) if setting.choices else setting.kind
    return click.Option([name], type=kind, default=setting.default, show_default=True, help=key)


def _run(name: str, args: Mapping[str, Any], as_json: bool, lang: str) -> None:
    import json

    from quizcli.labs import runner

    config = runner.make_config(name, args)
    out = options.console()
    bar_console = out if out.is_terminal and not as_json else options.console(stderr=True)
    outcome = _train_with_progress(runner, name, config, bar_console, lang)
    if as_json:
        click.echo(json.dumps(outcome.to_dict(), ensure_ascii=False, allow_nan=False))
    else:
        out.print(outcome)


def _train_with_progress(runner: Any, name: str, config: Any, console: Any, lang: str) -> Any:
    """Train under a Rich progress bar (shown only on a terminal); Ctrl-C closes it and says how far it got."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from quizcli.i18n import t

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[metrics]}"),
        TimeRemainingColumn(),
        console=console,
        disable=not console.is_terminal,
    )
    reached = [0, getattr(config, config.budget)]  # done, and the total the lab counts (iters, steps, episodes)

    def update(done: int, total: int, metrics: Mapping[str, float]) -> None:
        reached[:] = [done, total]
        bar.update(task, completed=done, total=total, metrics=_metrics_text(metrics, lang))

    try:
        with bar:
            task = bar.add_task(name, total=reached[1], metrics="")
            return runner.run(name, config, update, lang)
    except KeyboardInterrupt:
        click.echo(t(lang, "lab_stopped", done=reached[0], total=reached[1]), err=True)
        raise


# The metrics a lab reports while training, in the order the progress line shows them.
_METRIC_MESSAGES = {
    "loss": "lab_progress_loss",
    "accuracy": "lab_progress_accuracy",
    "grad_norm": "lab_progress_grad_norm",
    "train_loss": "lab_progress_train_loss",
    "inertia": "lab_progress_inertia",
    "reward": "lab_progress_reward",
}


def _metrics_text(metrics: Mapping[str, float], lang: str) -> str:
    from quizcli.i18n import t

    return "  ".join(t(lang, key, value=metrics[name]) for name, key in _METRIC_MESSAGES.items() if name in metrics)
