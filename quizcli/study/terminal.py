"""The keyboard-driven study loop: show a question, read one line, grade, record, give feedback.

Every answer is committed before its feedback is printed, so Ctrl-C (exit 130), EOF (exit 0) or a killed
process never loses an answer the learner has seen acknowledged.
"""

from __future__ import annotations

import random
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from datetime import timedelta
from pathlib import Path
from typing import Any

from quizcli.bank.instances import InstanceError, fill
from quizcli.errors import EXIT_INTERRUPTED, EXIT_OK
from quizcli.formats import format_answer
from quizcli.i18n import t
from quizcli.show.mathtext import to_text
from quizcli.study import grading
from quizcli.study.session import RATINGS, Answered, Item, Session

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
        self.read = read or console.input
        self.rng = rng or random.Random()
        self.exam = session.mode == "exam"
        self.interactive = interactive
        self.orders: dict[int, list[int]] = {}

    def run(self) -> int:
        if not self.queue:
            self.console.print(t(self.lang, "nothing_due"))
            self.session.close()
            return EXIT_OK
        code = EXIT_OK
        try:
            self._warm_up_solvers()
            while self.queue:
                if self.session.time_is_up:
                    self.console.print(t(self.lang, "exam_over"), style="bold red")
                    break
                self._ask(self.queue[0])
            if self.interactive and not self.exam and self.session.answered:
                self._after_last()
        except Quit:
            pass
        except EOFError:
            pass
        except KeyboardInterrupt:
            code = EXIT_INTERRUPTED
            self.console.print()
        self.session.close()
        if self.exam:
            self.console.print(self._exam_report())
        self.console.print(self._summary())
        return code

    # -- one question -----------------------------------------------------------------------------
    def _ask(self, item: Item) -> None:
        try:
            panel = self._question_panel(item)
        except InstanceError as error:  # a broken bank entry must not end the session
            self.console.print(t(self.lang, "broken_question", error=error), style="red")
            self.queue.popleft()
            self.total -= 1
            return
        self.console.print(panel)
        shown = time.monotonic()
        while True:
            line = self.read(t(self.lang, "text_prompt" if item.question.kind == "text" else "prompt"))
            if self._command(line, item):
                return
            try:
                self._answer(item, line, time.monotonic() - shown)
                return
            except grading.Unclear as unclear:
                self.console.print(t(self.lang, unclear.key, **unclear.details), style="yellow")

    def _command(self, line: str, item: Item) -> bool:
        """Handle ?, s, e, u, r N, q; True when the current question is finished with (skipped or undone)."""
        word = grading.normalize(line).lower()
        if word == "q":
            raise Quit
        if word == "s":
            self.queue.popleft()
            self.session.skipped += 1
            self.console.print(t(self.lang, "skipped"), style="dim")
            return True
        if word == "?":
            hint = item.question.text("hint", self.lang)
            self.console.print(
                to_text(fill(hint, self._names(item))) if hint else t(self.lang, "no_hint"), style="cyan"
            )
            return False
        if word == "u":
            undone = self.session.undo()
            if undone is None:
                self.console.print(t(self.lang, "nothing_to_undo"), style="yellow")
                return False
            self.queue.appendleft(undone)
            self.console.print(t(self.lang, "undone"), style="yellow")
            return True
        if word == "e":
            self._explain_last()
            return False
        if word.startswith("r ") or (len(word) == 2 and word[0] == "r" and word[1].isdigit()):
            self._rerate(word[1:].strip())
            return False
        return False

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
        if not self.exam:
            self.console.print(self._feedback(answered))

    def _self_rating(self) -> int:
        while True:
            line = grading.normalize(self.read(t(self.lang, "self_rate")))
            if line in ("1", "2", "3", "4"):
                return int(line)
            self.console.print(t(self.lang, "rating_range"), style="yellow")

    def _rerate(self, text: str) -> None:
        if text not in ("1", "2", "3", "4"):
            self.console.print(t(self.lang, "rating_range"), style="yellow")
        elif self.session.rerate(int(text)) is None:
            self.console.print(t(self.lang, "nothing_to_undo"), style="yellow")
        else:
            self.console.print(t(self.lang, "rerated", rating=self._rating_name(int(text))), style="green")

    def _explain_last(self) -> None:
        if not self.session.answered:
            self.console.print(t(self.lang, "nothing_to_explain"), style="yellow")
            return
        from quizcli.show import explain

        item = self.session.answered[-1].item
        self.console.print(explain.renderable(explain.explain_question(item.question, item.seed), self.lang))
        if "lab" in item.question.spec:  # a [try] question: run its experiment, trimmed to a few seconds
            from quizcli.labs import runner

            self.console.print(runner.run_for_question(item.question.spec["lab"], quick=True, lang=self.lang))

    def _after_last(self) -> None:
        while True:
            line = grading.normalize(self.read(t(self.lang, "finish"))).lower()
            if not line or line == "q":
                return
            if line == "e":
                self._explain_last()
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
        number = len(self.session.answered) + self.session.skipped + 1
        header = Text.assemble(
            (f"{number}/{self.total}", "bold"),
            "  ",
            (question.topic, "cyan"),
            "  ",
            (f" {question.source} ", SOURCE_STYLE.get(question.source, "reverse")),
            "  ",
            (t(self.lang, "new" if item.is_new else "due"), "dim"),
        )
        if item.edited:
            header.append(f"  ({t(self.lang, 'edited')})", style="yellow")
        remaining = self.session.time_left()
        if remaining is not None:
            header.append("  " + t(self.lang, "exam_header", remaining=_clock_text(remaining)), style="bold red")
        parts: list[Any] = [
            header,
            Text(""),
            _inline_code(to_text(fill(question.text("prompt", self.lang), self._names(item)))),
        ]
        order = self._order(item)
        if order is not None:
            parts.append(Text(""))
            parts += [self._option_line(i + 1, question.spec["options"][j]) for i, j in enumerate(order)]
        parts.append(Text(t(self.lang, "commands"), style="dim"))
        return Panel(Group(*parts), expand=False)

    def _option_line(self, number: int, option: dict[str, Any]) -> Any:
        from rich.text import Text

        if "code" in option:
            from rich.syntax import Syntax
            from rich.table import Table

            line = Table.grid(padding=(0, 1))
            line.add_row(
                Text(f"{number})", style="bold"),
                Syntax(option["code"], "python", theme="ansi_dark", background_color="default"),
            )
            return line
        text = option["text"] if isinstance(option["text"], str) else option["text"][self.lang]
        return Text.assemble((f"{number}) ", "bold"), _inline_code(to_text(text)))

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
            lines.append(Text(t(self.lang, "answer_is", answer=self._answer_text(item))))
        explanation = to_text(fill(item.question.text("explanation", self.lang), item.instance().names))
        lines.append(_inline_code(explanation))
        lines.append(Text(t(self.lang, "rated", rating=self._rating_name(answered.rating)), style="dim"))
        return Group(*lines)

    def _answer_text(self, item: Item) -> str:
        question, instance = item.question, item.instance()
        if question.kind in ("choice", "code-choice"):
            order = self._order(item) or []
            keyed = [
                (order.index(j) + 1, option)
                for j, option in enumerate(question.spec["options"])
                if option.get("correct")
            ]
            return "  ".join(f"{n}) {_option_text(o, self.lang)}" for n, o in sorted(keyed, key=lambda k: k[0]))
        return format_answer(instance.answer, question.kind, question.text("unit", self.lang))

    def _model_answer(self, item: Item, given: str) -> Any:
        from rich.console import Group
        from rich.text import Text

        spec = item.question.spec
        model = Text(to_text(spec["model_answer"][self.lang]))
        keywords = spec["keywords"][self.lang]
        model.highlight_words(keywords, style="bold green")
        found = grading.keywords_found(given, keywords)
        return Group(
            Text(t(self.lang, "model_answer"), style="bold"),
            model,
            Text(
                f"{t(self.lang, 'keywords')}: " + ", ".join(("✓ " if k in found else "· ") + k for k in keywords),
                style="dim",
            ),
            _inline_code(to_text(spec["explanation"][self.lang])),
        )

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

    def _exam_report(self) -> Any:
        from rich.table import Table

        result = self.session.exam_result()
        table = Table(t(self.lang, "area"), t(self.lang, "score"), "%", title=t(self.lang, "exam_report"))
        for area, (right, asked) in result.areas.items():
            table.add_row(area, f"{right}/{asked}", f"{100 * right / asked:.0f}")
        right, asked = result.right, result.asked
        table.add_row("total", f"{right}/{asked}", f"{100 * right / asked:.0f}" if asked else "-", style="bold")
        table.caption = t(self.lang, "time_used", used=_clock_text(result.used), limit=_clock_text(result.allowed))
        return table

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


def _inline_code(text: str) -> Any:
    """`code` spans shown in a code style, the backticks dropped."""
    from rich.text import Text

    result = Text()
    for index, part in enumerate(text.split("`")):
        result.append(part, style="bold cyan" if index % 2 else "")
    return result


def _clock_text(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


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
) -> int:
    """`quiz start`: plan the session from the banks under ``content_dirs`` and the learner's cards, then run
    the loop."""
    import sys

    from quizcli.bank.catalog import load_catalog
    from quizcli.clock import utc_now
    from quizcli.errors import BadInput
    from quizcli.study.session import Session, exam_time_limit, plan
    from quizcli.study.store import open_store

    catalog = load_catalog(content_dirs)
    if topic and not catalog.select(topic=topic):
        topics = ", ".join(sorted({q.topic for q in catalog.questions.values()}))
        raise BadInput(f"no questions on topic {topic!r}; topics: {topics}")
    rng = random.Random(seed)
    store = open_store()
    try:
        items = plan(catalog, store.cards(), mode=mode, now=utc_now(), rng=rng, limit=limit, topic=topic, tags=tags)
        time_limit = exam_time_limit(len(items), limit is not None) if mode == "exam" else None
        session = Session(store, items, mode=mode, clock=utc_now, time_limit=time_limit)
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
