"""The `quiz` command group: its error-to-exit-code mapping and the entry point.

Every command lives in :mod:`quizcli.commands`, one module each, importing only click at module level.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any

import click

from quizcli.commands import (
    base,
    doctor,
    explain,
    export,
    lab,
    new_question,
    options,
    solve,
    start,
    stats,
    syllabus,
    validate,
)
from quizcli.commands import list as list_
from quizcli.errors import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_INTERRUPTED, QuizError, Translatable
from quizcli.i18n import resolve_lang, t


class QuizGroup(base.Group):
    """Turns every error into one line on stderr (a Translatable one in the command's language) and an exit code;
    QUIZ_DEBUG=1 shows the traceback."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            code = result if isinstance(result, int) else 0
        except click.exceptions.Exit as done:
            code = done.exit_code
        except click.exceptions.NoArgsIsHelpError as error:  # `quiz`, `quiz lab`: the help, as it is, exit 2
            click.echo(error.format_message(), err=True)
            code = EXIT_BAD_INPUT
        except click.ClickException as error:
            lang = options.current_lang(error.ctx) if isinstance(error, click.UsageError) and error.ctx else None
            lang = lang or resolve_lang()
            code = _fail(
                base.usage_error(error, lang),
                EXIT_BAD_INPUT if isinstance(error, click.UsageError) else error.exit_code,
                lang,
            )
        except QuizError as error:
            code = _fail(str(error), error.exit_code, error.lang or resolve_lang())
        except (KeyboardInterrupt, click.exceptions.Abort):
            click.echo(t(resolve_lang(), "interrupted"), err=True)
            code = EXIT_INTERRUPTED
        except Exception as error:  # the last line of defence: a bug must still not show a traceback
            if os.environ.get("QUIZ_DEBUG") == "1":
                raise
            message = f"internal error: {type(error).__name__}: {error} (QUIZ_DEBUG=1 shows details)"
            code = _fail(message, EXIT_FAILED, "en")
        if standalone_mode:
            sys.exit(code)
        return code

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except QuizError as error:  # the context still knows the command's language; main(), after it, does not
            lang = options.current_lang(ctx)
            if isinstance(error, Translatable):  # raised below the command, where the language is not known
                worded = QuizError(error.words(lang), error.exit_code)
                worded.lang = lang
                raise worded from error
            error.lang = lang
            raise


def _fail(message: str, code: int, lang: str) -> int:
    if os.environ.get("QUIZ_DEBUG") == "1":
        import traceback

        traceback.print_exc()
    click.echo(t(lang, "error", message=" ".join(message.split())), err=True)
    return code


@click.group(cls=QuizGroup, help="quiz", context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="quiz-eshikaku", prog_name="quiz", help="option.version")
@options.no_color
@options.lang  # also before the command (quiz --lang ja start): a command's own --lang, when given, wins
def cli(lang: str) -> None:
    """Study for the E資格 (help: quizcli.helptext "quiz")."""


for _command in (
    start.start,
    list_.list_command,
    solve.solve,
    explain.explain,
    stats.stats,
    syllabus.syllabus,
    validate.validate,
    lab.lab,
    export.export,
    new_question.new_question,
    doctor.doctor,
):
    cli.add_command(_command)


def main() -> None:
    cli.main(prog_name="quiz")
