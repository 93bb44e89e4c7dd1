"""The click classes every quiz command is made of: help screens and usage errors in the command line's language.

A command names its help, and each option and argument its own, by a key of :mod:`quizcli.helptext`
(``help="start.topic"``); :class:`Command` looks the key up in the language :func:`options.current_lang` resolves
when it formats the screen.

Why not gettext, which click words its screens with (``_("Options")``)? gettext reads the process-wide domain and
the locale's .mo files, once per process; quiz's language comes from --lang, QUIZ_LANG or the locale, per command
line, and quiz would have to ship .mo files and patch click's module globals to follow it. Instead every place
where click's English reaches the screen is overridden here, in one pair of subclasses: the usage prefix and the
section headings (click hands them to the formatter), the option rows (built from ``get_help_extra()``, which
gives the default, the range and "required" as data), the help option's text, and usage errors (worded from the
exception's class and parameter, :func:`usage_error`). click itself is not patched.

Japanese lines are broken by :mod:`quizcli.typeset` (between phrases, with 禁則); click's textwrap breaks only at
spaces, and a Japanese sentence has none. English keeps click's textwrap, so that `quiz --help` loads no Rich.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from contextlib import suppress
from typing import Any

import click

from quizcli.commands.options import LANG_META, current_lang
from quizcli.helptext import CLICK_ERRORS_JA, help_text
from quizcli.i18n import LANGS

# click hands these words to the formatter already through gettext (which, with no .mo file, returns them as they
# are); the formatter words them in the screen's language.
_HEADINGS = {"Options": "click.options", "Commands": "click.commands", "Positional arguments": "click.arguments"}
MAX_WIDTH = 80  # click's own limit: wider terminals get 80-column help
NARROW_TEXT = 28  # a definition narrower than this goes under its term instead of beside it


def cells(text: str) -> int:
    """Terminal cells: East Asian wide characters take two (click's term_len counts characters)."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


class HelpFormatter(click.HelpFormatter):
    """click's layout (indentation, definition lists, ``\\b`` blocks kept) in the screen's language, fitted to the
    terminal's width measured in cells, down to 40 columns and below (click's own stops at 50)."""

    def __init__(self, lang: str, width: int | None = None, max_width: int | None = None) -> None:
        columns = width or shutil.get_terminal_size().columns
        super().__init__(width=max(min(columns, max_width or MAX_WIDTH) - 2, 20))
        self.lang = lang

    def word(self, key: str, **values: object) -> str:
        return help_text(self.lang, key, **values)

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        head = f"{' ' * self.current_indent}{prefix or self.word('click.usage') + ' '}{prog}"
        words = args.split()
        if words and cells(head) + 1 + max(cells(w) for w in words) > self.width:
            self.write(head + "\n")  # the arguments go under it, indented
            head = " " * (self.current_indent + 4)
            lines = self._fill(words, self.width - cells(head))
            self.write("".join(f"{head}{line}\n" for line in lines))
            return
        lines = self._fill(words, self.width - cells(head) - 1)
        indent = " " * (cells(head) + 1)
        self.write(" ".join([head, *lines[:1]]) + "\n" + "".join(f"{indent}{line}\n" for line in lines[1:]))

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{self.word(_HEADINGS.get(heading, 'click.options'))}:\n")

    def write_text(self, text: str) -> None:
        self.write("\n\n".join(self._paragraph(p, self.current_indent) for p in re.split(r"\n\s*\n", text)))
        self.write("\n")

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_col = min(max((cells(term) for term, _ in rows), default=0), col_max) + col_spacing
        beside = self.width - self.current_indent - first_col >= NARROW_TEXT
        for term, text in rows:
            self.write(f"{' ' * self.current_indent}{term}")
            if beside:
                indent = self.current_indent + first_col
                lines = self.wrap(text, self.width - indent) if text else []
                if lines and cells(term) <= first_col - col_spacing:
                    self.write(" " * (first_col - cells(term)) + lines.pop(0))
            else:  # a narrow terminal: the text under its term
                indent = self.current_indent + 4
                lines = self.wrap(text, self.width - indent) if text else []
            self.write("\n" + "".join(f"{' ' * indent}{line}\n" for line in lines))

    def wrap(self, text: str, width: int) -> list[str]:
        """``text`` as lines of at most ``width`` cells: Japanese by the project's typesetter, English by click's
        textwrap (which counts characters: the width is narrowed by what wide characters add)."""
        text = " ".join(text.split())
        if self.lang == "ja":
            from quizcli.typeset import wrap

            return wrap(text, width)
        from click.formatting import wrap_text

        return wrap_text(text, max(width - (cells(text) - len(text)), 10)).splitlines()

    def _paragraph(self, paragraph: str, indent: int) -> str:
        lines = paragraph.splitlines()
        if lines and lines[0].strip() == "\b":  # kept as written; a line too wide is folded as a shell line
            return "\n".join(folded for line in lines[1:] for folded in self._fit(line, indent))
        pad = " " * indent
        return "\n".join(pad + line for line in self.wrap(paragraph, self.width - indent))

    def _fit(self, line: str, indent: int) -> list[str]:
        """One line of a ``\\b`` block within the width: a ``# note`` beside a command goes above it, a command line
        too long is continued with a backslash (still a shell line to paste), a prose line is wrapped."""
        width, pad = self.width - indent, " " * indent
        if cells(line) <= width:
            return [pad + line]
        inner = len(line) - len(line.lstrip())
        command, _, note = line.partition("  # ")
        if note:
            notes = self.wrap(note, width - inner - 2)
            return [*(f"{pad}{' ' * inner}# {text}" for text in notes), *self._fit(command.rstrip(), indent)]
        if line.lstrip().startswith(("quiz ", "_QUIZ", ". ")):
            words = _shell_words(line.strip())
            lines = self._fill(words, width - inner - 4)  # room for the continuation's indent and " \\"
            ends = [" \\"] * (len(lines) - 1) + [""]
            return [f"{pad}{' ' * (inner + (2 if n else 0))}{text}{ends[n]}" for n, text in enumerate(lines)]
        # A table row: its text hangs under its second column (an indented row, under its own indentation).
        column = re.match(r"\s*\S+ {2,}", line) or re.match(r"\s+", line)
        if column and width - cells(column.group()) >= NARROW_TEXT:
            head, hang = column.group(), " " * cells(column.group())
            rows = self.wrap(line[column.end() :], width - cells(head))
            return [pad + (hang if n else head) + text for n, text in enumerate(rows)]
        return [pad + text for text in self.wrap(line, width)]

    @staticmethod
    def _fill(words: Sequence[str], width: int) -> list[str]:
        lines: list[str] = []
        for word in words:
            if lines and cells(lines[-1]) + 1 + cells(word) <= width:
                lines[-1] += " " + word
            else:
                lines.append(word)
        return lines or [""]


def _shell_words(line: str) -> list[str]:
    """The words of a shell line, a quoted one ('[3, 4]') kept whole."""
    return re.findall(r"(?:'[^']*'|\"[^\"]*\"|\S)+", line)


class Context(click.Context):
    def make_formatter(self) -> HelpFormatter:
        return HelpFormatter(current_lang(self), width=self.terminal_width, max_width=self.max_content_width)


class Command(click.Command):
    """A command whose help, and its options' and arguments', are keys of :mod:`quizcli.helptext`, each worded in
    the command line's language; ``help_values`` fill the texts' ``{names}``.

    ``--lang ja`` counts for an eager --help wherever it stands on the command line: :meth:`parse_args` reads it
    with the command's own parser before click runs the callbacks, --help among them."""

    context_class = Context

    def __init__(self, *args: Any, help_values: Mapping[str, object] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help_values = dict(help_values or {})

    def text(self, ctx: click.Context, key: str | None) -> str:
        return help_text(current_lang(ctx), key, **self.help_values) if key else ""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not ctx.resilient_parsing:
            _read_lang_first(self, ctx, args)
        return super().parse_args(ctx, args)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "option.help"
        return option

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if text := self.text(ctx, self.help):
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(text)

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if text := self.text(ctx, self.epilog):
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(text)

    def format_arguments(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(p.make_metavar(ctx), self.text(ctx, p.help)) for p in self.get_params(ctx) if _is_argument(p)]
        if rows:
            with formatter.section("Positional arguments"):
                formatter.write_dl(rows)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [self.option_row(ctx, p) for p in self.get_params(ctx) if isinstance(p, click.Option) and not p.hidden]
        if rows:
            with formatter.section("Options"):
                formatter.write_dl(rows)

    def option_row(self, ctx: click.Context, option: click.Option) -> tuple[str, str]:
        """click's row (the option's names, its help, then [default; range; required]), worded from the data of
        get_help_extra() instead of click's English."""
        lang = current_lang(ctx)
        extra = option.get_help_extra(ctx)
        items = []
        if "default" in extra:
            shown = self.text(ctx, option.show_default) if isinstance(option.show_default, str) else extra["default"]
            items.append(help_text(lang, "click.default", default=shown))
        if isinstance(option.type, click.types._NumberRangeBase):
            items.append(range_words(lang, option.type))
        if "required" in extra:
            items.append(help_text(lang, "click.required"))
        text = self.text(ctx, option.help)
        if items:
            text = f"{text}  [{'; '.join(items)}]".strip()
        return option.get_help_spec(ctx) or "", text

    def get_short_help_str(self, limit: int = 45) -> str:
        return self.short_help or ""  # a Group words its commands' short help itself, knowing the language

    def short_help_in(self, ctx: click.Context, limit: int) -> str:
        """The line beside this command in its group's list: its short help, else the first sentence of its help,
        cut to ``limit`` cells."""
        if self.short_help:
            return _cut(self.text(ctx, self.short_help), limit)
        first = self.text(ctx, self.help).split("\n\n")[0]
        return _cut(first_sentence(first), limit)

    def shell_complete(self, ctx: click.Context, incomplete: str) -> list[Any]:
        items = super().shell_complete(ctx, incomplete)
        lang = current_lang(ctx)
        for item in items:  # an option's help is a key: zsh and fish show it beside the option
            with suppress(KeyError, IndexError, ValueError):
                item.help = help_text(lang, item.help) if item.help else item.help
        return items


class Group(Command, click.Group):
    """A group of quiz commands: its commands listed in the screen's language; ``@group.command()`` makes a
    :class:`Command`, ``@group.group()`` a Group."""

    command_class = Command
    group_class = type

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        Command.format_options(self, ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        commands = [(name, self.get_command(ctx, name)) for name in self.list_commands(ctx)]
        shown = [(name, command) for name, command in commands if command is not None and not command.hidden]
        if not shown:
            return
        limit = formatter.width - 6 - max(len(name) for name, _ in shown)
        if limit < NARROW_TEXT:  # the list goes under the names (HelpFormatter.write_dl): a line of its own
            limit = formatter.width - 6
        rows = [(name, _short_help(ctx, command, limit)) for name, command in shown]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _short_help(ctx: click.Context, command: click.Command, limit: int) -> str:
    if isinstance(command, Command):
        return command.short_help_in(ctx, limit)
    return command.get_short_help_str(limit)


def first_sentence(text: str) -> str:
    text = " ".join(text.split())
    match = re.match(r".+?(?:。|\.(?=\s|$))", text)
    return match.group(0) if match else text


def _cut(text: str, limit: int) -> str:
    """``text`` within ``limit`` cells, ending in … when cut (the group's list keeps one line per command; the
    formatter may still fold it on a narrow terminal)."""
    if cells(text) <= max(limit, 20):
        return text
    kept = ""
    for char in text:
        if cells(kept + char) > max(limit, 20) - 1:
            break
        kept += char
    return kept.rstrip(" 、,") + "…"


def range_words(lang: str, kind: Any) -> str:
    """A number range as words: click's x>=1 in English, 1 以上 in Japanese."""
    low, high = kind.min, kind.max
    if low is not None and high is not None:
        return help_text(lang, "click.range_both", min=low, max=high)
    if low is not None:
        return help_text(lang, "click.range_min_open" if kind.min_open else "click.range_min", min=low)
    return help_text(lang, "click.range_max_open" if kind.max_open else "click.range_max", max=high)


def _is_argument(param: click.Parameter) -> bool:
    return isinstance(param, click.Argument)


def _lang_in_words(args: list[str]) -> str | None:
    """The value of the last --lang among the words of a command line (as in click, the last one wins)."""
    words = args[: args.index("--")] if "--" in args else args
    lang = None
    for word, following in zip(words, [*words[1:], ""]):
        if word == "--lang" or word.startswith("--lang="):
            lang = following if word == "--lang" else word.partition("=")[2]
    return lang


def _read_lang_first(command: click.Command, ctx: click.Context, args: list[str]) -> None:
    """The value of the command's --lang, read before click runs any callback, so that `--help --lang ja` is
    Japanese as much as `--lang ja --help`. A command line that does not parse is left to click to report, in the
    language its --lang words asked for; so is a group's unknown subcommand (`quiz solve foo --lang ja`)."""
    option = next((p for p in command.get_params(ctx) if isinstance(p, click.Option) and "--lang" in p.opts), None)
    if not any(arg == "--lang" or arg.startswith("--lang=") for arg in args):
        return
    if option is None:  # a group without one (quiz lab): its subcommand's --lang words an unknown subcommand
        lang = _lang_in_words(args) if isinstance(command, click.Group) else None
    else:
        lang = _lang_of(command, ctx, option, args)
    if lang in LANGS:
        ctx.meta[LANG_META] = lang


def _lang_of(command: click.Command, ctx: click.Context, option: click.Option, args: list[str]) -> str | None:
    try:
        values, _, _ = command.make_parser(ctx).parse_args(args=list(args))
    except click.UsageError:
        return _lang_in_words(args)
    lang = values.get(option.name)
    if lang is None and isinstance(command, click.Group):  # after the subcommand's name
        return _lang_in_words(args)
    return lang if isinstance(lang, str) else None


# -- usage errors ---------------------------------------------------------------------------------------------

# click's own messages for a value it refused (types.py), by kind; the value is taken from the message.
_REFUSED = [
    (re.compile(r"(?P<value>.+?) is not (?:one of )?(?P<choices>'.*)\.$"), "not_a_choice"),
    (re.compile(r"(?P<value>.+?) is not in the range .+\.$"), "not_in_range"),
    (re.compile(r"(?P<value>.+?) is not a valid integer(?: range)?\.$"), "not_integer"),
    (re.compile(r"(?P<value>.+?) is not a valid float(?: range)?\.$"), "not_number"),
    (re.compile(r"\w+ (?P<path>'.*') does not exist\.$"), "no_path"),
    (re.compile(r"\w+ (?P<path>'.*') is a directory\.$"), "path_is_directory"),
    (re.compile(r"\w+ (?P<path>'.*') is a file\.$"), "path_is_file"),
]


def usage_error(error: click.ClickException, lang: str) -> str:
    """The one line the CLI prints for a click error: click's own in English, worded from the exception's kind
    and parameter in Japanese (click's message where its kind is not known here)."""
    message = error.format_message()
    if lang != "ja":
        return message
    ja = CLICK_ERRORS_JA
    if isinstance(error, click.NoSuchOption):
        said = ja["no_such_option"].format(name=error.option_name)
        if error.possibilities:
            said += ja["did_you_mean"].format(names=", ".join(sorted(error.possibilities)))
        return said
    if isinstance(error, click.exceptions.NoSuchCommand):
        return ja["no_such_command"].format(name=error.command_name)
    if isinstance(error, click.MissingParameter) and error.param is not None:
        kind = "missing_argument" if isinstance(error.param, click.Argument) else "missing_option"
        return ja[kind].format(name=error.param.get_error_hint(error.ctx).strip("'"))
    if isinstance(error, click.BadParameter) and error.param is not None:
        reason = _refused(error.message, lang, error.param)
        return ja["invalid_value"].format(name=error.param.get_error_hint(error.ctx).strip("'"), reason=reason)
    if isinstance(error, click.BadOptionUsage):
        kind = "needs_value" if "requires an argument" in message else "takes_no_value"
        if "requires an argument" in message or "does not take a value" in message:
            return ja[kind].format(name=error.option_name)
    if message.startswith("Got unexpected extra argument"):
        return ja["extra_arguments"].format(args=message.partition("(")[2].rstrip(")"))
    return message


def _refused(message: str, lang: str, param: click.Parameter) -> str:
    for pattern, kind in _REFUSED:
        if match := pattern.match(message):
            values = match.groupdict()
            if kind == "not_in_range":
                values["range"] = range_words(lang, param.type)
            return CLICK_ERRORS_JA[kind].format(**values)
    return message
