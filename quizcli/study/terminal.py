"""The keyboard-driven study loop: show a question, read one line, grade, record, give feedback.

Every answer is committed before its feedback is printed, so Ctrl-C (exit 130), EOF (exit 0) or a killed
process never loses an answer the learner has seen acknowledged.
"""

from __future__ import annotations

import gc
import random
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from quizcli.bank.catalog import syllabus
from quizcli.bank.instances import InstanceError, fill
from quizcli.errors import EXIT_INTERRUPTED, EXIT_OK
from quizcli.formats import format_answer, format_duration
from quizcli.i18n import t
from quizcli.show import prose
from quizcli.show.mathtext import to_text
from quizcli.study import grading
from quizcli.study.keyboard import read_line
from quizcli.study.session import RATINGS, Answered, Item, NothingToStudy, Session
from quizcli.typeset import Paragraph

SOURCE_STYLE = {
    "確認テスト": "black on yellow",
    "演習チャレンジ": "black on cyan",
    "コード演習": "black on green",
    "実装演習": "black on magenta",
    "drill": "black on white",
    "concept": "white on blue",
}


class Quit(Exception):
    """The learner typed q."""


class StudyLoop:
    commands_key = "commands"  # the message listing the prompt's commands under each question

    def __init__(
        self,
        session: Session,
        items: list[Item],
        *,
        lang: str,
        console: Any,
        read: Callable[[str], str] | None = None,
        rng: random.Random | None = None,
        interactive: bool = False,
    ) -> None:
        self.session, self.lang, self.console = session, lang, console
        self.queue = deque(items)
        self.total = len(items)
        self.read = read or partial(read_line, console)
        self.rng = rng or random.Random()
        self.interactive = interactive
        self.orders: dict[int, list[int]] = {}

    def run(self) -> int:
        if not self.queue:
            self._say("nothing_due")
            self.session.close()
            return EXIT_OK
        code = EXIT_OK
        try:
            self._warm_up_solvers()
            while self.queue:
                self._ask(self.queue[0])
            if self.interactive and self.session.answered:
                self._after_last()
        except Quit:
            pass
        except EOFError:
            pass
        except KeyboardInterrupt:
            code = EXIT_INTERRUPTED
            self.console.print()
        self.session.close()
        self.console.print(self._summary())
        return code

    # -- one question -----------------------------------------------------------------------------
    def _ask(self, item: Item) -> None:
        try:
            panel = self._question_panel(item)
        except InstanceError as error:  # a broken bank entry must not end the session
            self._say("broken_question", "red", error=error)
            self.queue.popleft()
            self.total -= 1
            return
        self.console.print(panel)
        shown = time.monotonic()
        while True:
            line = self.read(t(self.lang, "text_prompt" if item.question.kind == "text" else "prompt"))
            finished = self._command(line, item)
            if finished:
                return
            if finished is None:
                try:
                    self._answer(item, line, time.monotonic() - shown)
                    return
                except grading.Unclear as unclear:
                    self._say(unclear.key, "yellow", **unclear.details)

    def _command(self, line: str, item: Item) -> bool | None:
        """Handle ?, s, e, c, u, r N, q: True when the current question is finished with (skipped or undone),
        False when it is asked on; None when the line is no command but an answer."""
        word = grading.normalize(line).lower()
        if word == "q":
            raise Quit
        if word == "s":
            self.queue.popleft()
            self.session.skipped += 1
            self._say("skipped", "dim")
            return True
        if word == "?":
            self.session.hint_taken(item)
            hint = item.question.text("hint", self.lang)
            self.console.print(
                prose.paragraph(fill(hint, self._names(item))) if hint else t(self.lang, "no_hint"), style="cyan"
            )
            return False
        if word == "u":
            undone = self.session.undo()
            if undone is None:
                self._say("nothing_to_undo", "yellow")
                return False
            self.queue.appendleft(undone)
            self._say("undone", "yellow")
            return True
        if word in ("e", "c"):
            if self._show_last(word):  # it pushed the question off the screen: show it again before the prompt
                self.console.print(self._question_panel(item))
            return False
        if word.startswith("r ") or (len(word) == 2 and word[0] == "r" and word[1].isdigit()):
            self._rerate(word[1:].strip())
            return False
        return None

    def _answer(self, item: Item, line: str, seconds: float) -> None:
        question = item.question
        if question.kind == "text":
            given = grading.clean(line)
            self.console.print(self._model_answer(item, given))
            rating = self._self_rating()
            self.session.record(item, given, rating, None, seconds)
            self.queue.popleft()
            return
        answered = self.session.answer(item, line, seconds, self._order(item))
        self.queue.popleft()
        self.console.print(self._feedback(answered))

    def _self_rating(self) -> int:
        """The learner's rating of their own written answer; q quits, leaving that answer unrecorded."""
        while True:
            line = grading.normalize(self.read(t(self.lang, "self_rate"))).lower()
            if line in ("1", "2", "3", "4"):
                return int(line)
            if line == "q":
                raise Quit
            self._say("rating_range", "yellow")

    def _rerate(self, text: str) -> None:
        if text not in ("1", "2", "3", "4"):
            self._say("rating_range", "yellow")
        elif self.session.rerate(int(text)) is None:
            self._say("nothing_to_rerate", "yellow")
        else:
            self._say("rerated", "green", rating=self._rating_name(int(text)))

    def _show_last(self, key: str) -> bool:
        """e: the last answer's explanation, its solver's source left out; c: that source. False when nothing
        was shown."""
        if not self.session.answered:
            self._say("nothing_to_explain", "yellow")
            return False
        from quizcli.show import explain

        item = self.session.answered[-1].item
        explanation = explain.explain_question(item.question, item.seed)
        if key == "c":
            if not explanation.source:
                self._say("no_code", "yellow")
                return False
            self.console.print(explain.source_renderable(explanation, self.lang))
            return True
        self.console.print(explain.renderable(explanation, self.lang, with_source=False))
        if explanation.source:
            self._say("code_behind_key", "dim", solver=explanation.solver)
        if "lab" in item.question.spec:  # a [try] question: run its experiment, trimmed to a few seconds
            from quizcli.labs import runner

            self.console.print(runner.run_for_question(item.question.spec["lab"], quick=True, lang=self.lang))
        return True

    def _after_last(self) -> None:
        while True:
            line = grading.normalize(self.read(t(self.lang, "finish"))).lower()
            if not line or line == "q":
                return
            if line in ("e", "c"):
                self._show_last(line)
            elif line.startswith("r"):
                self._rerate(line[1:].strip())

    # -- rendering --------------------------------------------------------------------------------
    def _names(self, item: Item) -> dict[str, Any]:
        spec = item.question.spec
        if item.seed is not None or spec.get("setup"):
            return item.instance().names
        return {**spec.get("params", {}), **spec.get("inputs", {})}

    def _order(self, item: Item) -> list[int] | None:
        options = item.question.spec.get("options")
        if not options:
            return None
        key = id(item)
        if key not in self.orders:
            order = list(range(len(options)))
            self.rng.shuffle(order)
            self.orders[key] = order
        return self.orders[key]

    def _question_panel(self, item: Item) -> Any:
        from rich.console import Group
        from rich.panel import Panel
        from rich.text import Text

        question = item.question
        header = Text.assemble(
            (f"{self._number(item)}/{self.total}", "bold"),
            "  ",
            (syllabus().section_name(question.section, self.lang), "cyan"),
            "  ",
            (f" {t(self.lang, 'source_' + question.source)} ", SOURCE_STYLE.get(question.source, "reverse")),
            "  ",
            (t(self.lang, "new" if item.is_new else "due"), "dim"),
        )
        if item.seed is not None:  # quiz explain ID --seed N shows the same numbers
            header.append("  " + t(self.lang, "seed", seed=item.seed), style="dim")
        if item.edited:
            header.append(f"  ({t(self.lang, 'edited')})", style="yellow")
        remaining = self.session.time_left()
        if remaining is not None:
            header.append("  " + t(self.lang, "exam_header", remaining=format_duration(remaining)), style="bold red")
        parts: list[Any] = [
            header,
            Text(""),
            prose.paragraph(fill(question.text("prompt", self.lang), self._names(item))),
        ]
        order = self._order(item)
        if order is not None:
            parts.append(Text(""))
            parts += [self._option_line(i + 1, question.spec["options"][j]) for i, j in enumerate(order)]
        parts.append(Text(t(self.lang, self.commands_key), style="dim"))
        return Panel(Group(*parts), expand=False)

    def _number(self, item: Item) -> int:
        return len(self.session.answered) + self.session.skipped + 1

    def _option_line(self, number: int, option: dict[str, Any]) -> Any:
        from rich.table import Table
        from rich.text import Text

        # A grid hangs the option's text under itself, so its number never stands alone on a line.
        line = Table.grid(padding=(0, 1))
        if "code" in option:
            from rich.syntax import Syntax

            body: Any = Syntax(option["code"], "python", theme="ansi_dark", background_color="default", word_wrap=True)
        else:
            text = option["text"] if isinstance(option["text"], str) else option["text"][self.lang]
            body = prose.paragraph(text)
        line.add_row(Text(f"{number})", style="bold"), body)
        return line

    def _feedback(self, answered: Answered) -> Any:
        from rich.console import Group
        from rich.text import Text

        item = answered.item
        verdict = Text(
            t(self.lang, "correct" if answered.correct else "wrong"),
            style="bold green" if answered.correct else "bold red",
        )
        lines: list[Any] = [verdict]
        if not answered.correct:
            lines.append(self._key_after_a_miss(item))
        explanation = fill(item.question.text("explanation", self.lang), item.instance().names)
        lines.append(prose.paragraph(explanation))
        lines.append(Text(t(self.lang, "rated", rating=self._rating_name(answered.rating)), style="dim"))
        return Group(*lines)

    def _key_after_a_miss(self, item: Item) -> Any:
        """The key after a wrong answer: "answer:" beside it, each keyed option on a row of its own with its
        lines hung under its text, as in the question."""
        from rich.table import Table

        question, instance = item.question, item.instance()
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        if question.kind not in ("choice", "code-choice"):
            grid.add_column()
            answer = format_answer(
                instance.answer, question.kind, question.text("unit", self.lang), question.spec.get("tolerance")
            )
            grid.add_row(t(self.lang, "answer_label"), Paragraph(answer))
            return grid
        grid.add_column(no_wrap=True)
        grid.add_column()
        order = self._order(item) or []
        keyed = sorted(
            (order.index(j) + 1, option) for j, option in enumerate(question.spec["options"]) if option.get("correct")
        )
        for row, (number, option) in enumerate(keyed):
            label = t(self.lang, "answer_label") if row == 0 else ""
            grid.add_row(label, f"{number})", Paragraph(_option_text(option, self.lang)))
        return grid

    def _model_answer(self, item: Item, given: str) -> Any:
        from rich.console import Group
        from rich.text import Text

        spec = item.question.spec
        model = prose.paragraph(spec["model_answer"][self.lang])
        keywords = spec["keywords"][self.lang]
        model.text.highlight_words(keywords, style="bold green")
        found = grading.keywords_found(given, keywords)
        return Group(
            Text(t(self.lang, "model_answer"), style="bold"),
            model,
            Text(
                f"{t(self.lang, 'keywords')}: "
                + t(self.lang, "separator").join(("✓ " if k in found else "· ") + k for k in keywords),
                style="dim",
            ),
            prose.paragraph(spec["explanation"][self.lang]),
        )

    def _say(self, key: str, style: str = "", **values: Any) -> None:
        """One catalogue message on a line of its own, broken where the typesetter breaks a line when the terminal
        is narrower: Rich alone breaks only at spaces, so "c で計算したコード（…）を表示" would leave its "c" alone."""
        from rich.text import Text

        self.console.print(Paragraph(Text(t(self.lang, key, **values), style=style)))

    def _rating_name(self, rating: int) -> str:
        return f"{rating} {t(self.lang, RATINGS[rating])}"

    def _summary(self) -> str:
        return t(
            self.lang,
            "summary",
            answered=len(self.session.answered),
            correct=self.session.correct_count,
            skipped=self.session.skipped,
        )

    def _warm_up_solvers(self) -> None:
        # The first screen needs no numpy; load the solvers while the learner reads it. Not a daemon thread:
        # one still importing NumPy when Ctrl-C ends the session can hang the interpreter's exit (CPython
        # gh-96387, gh-87135), while a plain thread only makes that exit wait for the import to finish.
        if any(item.needs_solver for item in self.queue):
            threading.Thread(target=_import_solvers, name="import-solvers").start()


def _import_solvers() -> None:
    try:
        import solvers  # noqa: F401
    except Exception:  # a broken install is reported once, by the main thread, when it needs the solvers
        pass


def _option_text(option: dict[str, Any], lang: str) -> str:
    if "code" in option:
        code: str = option["code"]  # the schema's expression: a string
        return code
    return to_text(option["text"] if isinstance(option["text"], str) else option["text"][lang])


def start(
    *,
    content_dirs: Iterable[Path],
    topic: str | None,
    tags: tuple[str, ...],
    mode: str,
    limit: int | None,
    lang: str,
    seed: int | None,
    console: Any,
    pass_mark: int | None = None,
) -> int:
    """`quiz start`: plan the session from the banks under ``content_dirs`` and the learner's cards, then run
    the loop (the exam's own, for a mock exam)."""
    import sys

    from quizcli.bank.catalog import load_catalog
    from quizcli.clock import utc_now
    from quizcli.errors import BadInput
    from quizcli.study.session import Session, plan
    from quizcli.study.store import open_store

    with _long_lived() as planned:
        catalog = load_catalog(content_dirs)
        rng = random.Random(seed)
        store = open_store()
        try:
            try:
                items = plan(
                    catalog, store.cards(), mode=mode, now=utc_now(), rng=rng, limit=limit, topic=topic, tags=tags
                )
            except NothingToStudy as nothing:
                raise BadInput(_why_nothing(lang, nothing)) from None
            planned()
            if mode == "exam" and items:
                from quizcli.study.exam import Exam, exam_time_limit
                from quizcli.study.exam_loop import ExamLoop

                time_limit = exam_time_limit(len(items), limit is not None)
                piped = not sys.stdin.isatty()
                exam = Exam(store, items, time_limit=time_limit, pass_mark=pass_mark, clock=utc_now, piped=piped)
                return ExamLoop(exam, lang=lang, console=console, rng=rng).run()
            session = Session(store, items, mode=mode, clock=utc_now, piped=not sys.stdin.isatty())
            loop = StudyLoop(
                session,
                items,
                lang=lang,
                console=console,
                rng=rng,
                interactive=sys.stdin.isatty(),
            )
            return loop.run()
        finally:
            store.close()


@contextmanager
def _long_lived() -> Iterator[Callable[[], None]]:
    """No garbage collection while a session is planned, then ``planned()`` puts what planning built (the catalog,
    the cards, the plan: some 100,000 objects at 20,000 questions, all kept until the session ends) out of the
    collector's sight, and lets it run again; at the end they are handed back to it. Collecting them would find
    nothing, and each full collection would scan them all again: 30 ms of a 20,000-question start."""
    collecting = gc.isenabled()
    gc.disable()

    def planned() -> None:
        gc.freeze()
        if collecting:
            gc.enable()

    try:
        yield planned
    finally:
        gc.unfreeze()
        if collecting:
            gc.enable()


def _why_nothing(lang: str, nothing: NothingToStudy) -> str:
    """The learner's words for a topic, tags and mode that leave nothing to ask."""
    details, separator = nothing.details, t(lang, "separator")
    words = [t(lang, "selection_topic", topic=details["topic"])] if details["topic"] else []
    words += [t(lang, "selection_tag", tag=tag) for tag in details["tags"]]
    return t(lang, nothing.key, selection=separator.join(words), count=details.get("count"))
