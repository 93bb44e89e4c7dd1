"""Lines broken where a reader expects them, in Japanese as in English, for any terminal width.

Rich breaks a line only at a space, and Japanese puts none between words: a question breaks early, at the one
space it has, and a line can start with 、 or 。. Here a line may break at a space or between two phrases;
BudouX, a small trained model, finds the phrase boundaries. The rest is ours: 禁則 (no line starts with closing
punctuation or a small kana, none ends with an opening bracket), units that never split (a number, an ASCII
word, a `code` span, a formula), and greedy filling over the breaks that remain. Only when no such break fits
does a line break anywhere else, the least harmful place first, rather than run past the width.

Widths are terminal cells (East Asian wide characters take two), as Rich measures them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from enum import IntEnum
from functools import cache, cached_property
from itertools import accumulate, islice, takewhile
from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len
from rich.measure import Measurement
from rich.text import Text

if TYPE_CHECKING:
    from budoux import Parser
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult

# 行頭禁則 (JIS X 4051) and the ASCII marks that read the same way.
NOT_AT_LINE_START = frozenset(
    "、。，．・：；？！）」』】〕〉》ー゛゜ヽヾゝゞ々〻ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ］｝〙〗”’,.:;!?)]}"
)
# 行末禁則: an opening bracket belongs with what it opens.
NOT_AT_LINE_END = frozenset("（「『【〔〈《［｛〘〖“‘([{")
INLINE_CODE = re.compile(r"`[^`\n]*`")
# A space beside one of these, or inside square brackets, sits inside a formula or an array written in prose
# ("C = 3", "H × W", "[6, 4]"): a line breaks there only where no break between words or phrases fits, so that "C"
# does not end one line and "= 3" start the next.
OPERATORS = frozenset("=≠≈≃≡≤≥<>+−×·÷/→←↔∝∈")
SPACES = re.compile(" +")

Span = tuple[int, int]


class Rank(IntEnum):
    """How good a place to break is; a line ends at the best rank that fits, and there at the furthest."""

    LEGAL = 0  # a space, or a boundary between phrases, and 禁則 kept
    SPLITS_PHRASE = 1  # between Japanese characters that BudouX keeps in one phrase
    SPLITS_FORMULA = 2  # at a space beside an operator in prose ("C = 3")
    SPLITS_SPAN = 3  # at a space inside `code` or a marked formula
    SPLITS_WORD = 4  # inside a number or a word
    LAST_RESORT = 5  # 禁則 broken, or indentation parted from its text: only where nothing above fits


class Break(NamedTuple):
    end: int  # this line ends here …
    start: int  # … and the next starts here; the spaces between are dropped
    rank: Rank


class Layout:
    """Where ``text`` may break, found once; the lines at a given width are then a greedy fill."""

    def __init__(self, text: str, keep: Iterable[Span] = ()) -> None:
        widths = [cell_len(char) for char in text]
        self.cells = [0, *accumulate(widths)]  # cells[i]: the width of text[:i]
        kept = _inside([*keep, *(match.span() for match in INLINE_CODE.finditer(text))], len(text))
        self.paragraphs = [_paragraph(text, start, end, widths, kept) for start, end in _paragraph_spans(text)]

    def lines(self, width: int) -> list[Span]:
        """Each line as (start, end) in ``text``: at most ``width`` cells unless one character is wider."""
        return [line for paragraph in self.paragraphs for line in paragraph.fill(self.cells, width)]

    @cached_property
    def widest_unit(self) -> int:
        """The widest stretch between two legal breaks: the narrowest width that needs no last resort."""
        return max(paragraph.widest_unit(self.cells) for paragraph in self.paragraphs)

    @cached_property
    def widest_line(self) -> int:
        return max(self.cells[paragraph.end] - self.cells[paragraph.start] for paragraph in self.paragraphs)


class _Paragraph(NamedTuple):
    start: int
    end: int  # trailing spaces excluded: they would end the paragraph's last line
    breaks: list[Break]

    def fill(self, cells: Sequence[int], width: int) -> list[Span]:
        lines, start = [], self.start
        while cells[self.end] - cells[start] > width:
            chosen = self._best_break(cells, start, width)
            if chosen is None:
                break
            lines.append((start, chosen.end))
            start = chosen.start
        return [*lines, (start, self.end)]

    def _best_break(self, cells: Sequence[int], start: int, width: int) -> Break | None:
        """The furthest of the best-ranked breaks that keep the line within ``width``, or, when none does (one
        character is wider than the line), the nearest."""
        first = bisect.bisect_right(self.breaks, start, key=lambda candidate: candidate.end)
        later = islice(self.breaks, first, None)
        fitting = takewhile(lambda candidate: cells[candidate.end] - cells[start] <= width, later)
        best = min(fitting, key=lambda candidate: (candidate.rank, -candidate.end), default=None)
        if best is None and first < len(self.breaks):
            return self.breaks[first]
        return best

    def widest_unit(self, cells: Sequence[int]) -> int:
        widest, start = 0, self.start
        for candidate in self.breaks:
            if candidate.rank == Rank.LEGAL:
                widest, start = max(widest, cells[candidate.end] - cells[start]), candidate.start
        return max(widest, cells[self.end] - cells[start])


def wrap(text: str, width: int, keep: Iterable[Span] = ()) -> list[str]:
    """``text`` as lines of at most ``width`` cells. ``keep`` lists spans, such as formulas, not to break
    inside; `code` spans are found in ``text``. Break spaces are dropped, newlines kept as paragraph ends."""
    return [text[start:end] for start, end in Layout(text, keep).lines(width)]


def _paragraph_spans(text: str) -> list[Span]:
    spans, start = [], 0
    for paragraph in text.split("\n"):
        spans.append((start, start + len(paragraph.rstrip(" "))))
        start += len(paragraph) + 1
    return spans


def _inside(spans: Iterable[Span], length: int) -> list[bool]:
    """inside[i]: a break before text[i] would split one of ``spans``."""
    inside = [False] * (length + 1)
    for start, end in spans:
        inside[start + 1 : end] = [True] * max(0, end - start - 1)
    return inside


def _paragraph(text: str, start: int, end: int, widths: Sequence[int], kept: Sequence[bool]) -> _Paragraph:
    """Every place a line may end, each with its rank; leading spaces are indentation, kept with the first word."""
    bridges = _bridges(text, start, end, widths)
    phrase_ends = _phrase_ends(text, start, end, widths, bridges)
    first = start + len(text[start:end]) - len(text[start:end].lstrip(" "))
    space_runs = {run.start(): run.end() for run in SPACES.finditer(text, first, end)}
    bracketed = _in_square_brackets(text, start, end)
    breaks = [Break(position, position, Rank.LAST_RESORT) for position in range(start + 1, first + 1)]
    position = first + 1
    while position < end:
        resume = space_runs.get(position)
        if resume is None:
            is_phrase_end = position in phrase_ends
            breaks.append(Break(position, position, _char_rank(text, position, widths, kept, is_phrase_end)))
            position += 1
        else:
            rank = _space_rank(text, position, resume, kept, bracketed)
            if rank == Rank.LEGAL and position in bridges and resume not in phrase_ends:
                rank = Rank.SPLITS_PHRASE  # "1 つ", "RNN に": the space sits inside a phrase
            breaks.append(Break(position, resume, rank))
            position = resume + 1  # no break between a space and the word after it
    return _Paragraph(start, end, breaks)


def _in_square_brackets(text: str, start: int, end: int) -> dict[int, bool]:
    """in[i]: text[i] lies inside square brackets ("[6, 4]", "[[1, 0], [-1, 2]]") within text[start:end]."""
    inside, depth = {}, 0
    for position in range(start, end + 1):
        inside[position] = depth > 0
        if position < end:
            depth = max(0, depth + {"[": 1, "]": -1}.get(text[position], 0))
    return inside


def _kinsoku_kept(text: str, end: int, start: int) -> bool:
    return text[start] not in NOT_AT_LINE_START and text[end - 1] not in NOT_AT_LINE_END


def _space_rank(text: str, end: int, start: int, kept: Sequence[bool], bracketed: Mapping[int, bool]) -> Rank:
    if not _kinsoku_kept(text, end, start):
        return Rank.LAST_RESORT
    if kept[end]:
        return Rank.SPLITS_SPAN
    in_formula = text[end - 1] in OPERATORS or text[start] in OPERATORS or bracketed[end]
    return Rank.SPLITS_FORMULA if in_formula else Rank.LEGAL


def _char_rank(text: str, position: int, widths: Sequence[int], kept: Sequence[bool], is_phrase_end: bool) -> Rank:
    if not _kinsoku_kept(text, position, position):
        return Rank.LAST_RESORT
    # Between two narrow characters is inside a word or a number, which Rich would not break either.
    if kept[position] or max(widths[position - 1], widths[position]) < 2:
        return Rank.SPLITS_WORD
    return Rank.LEGAL if is_phrase_end else Rank.SPLITS_PHRASE


def _bridges(text: str, start: int, end: int, widths: Sequence[int]) -> set[int]:
    """The single spaces after an ASCII word and before a Japanese character ("1 つ", "8 ビット", "RNN に"):
    spacing, not a word boundary, so whether a line may break there is BudouX's call, as if the space were not
    there. A line never starts with the counter, unit or particle that belongs to the number or word before it."""
    return {
        position
        for position in range(start + 1, end - 1)
        if text[position] == " "
        and " " not in (text[position - 1], text[position + 1])
        and widths[position - 1] < 2 <= widths[position + 1]
    }


def _phrase_ends(text: str, start: int, end: int, widths: Sequence[int], bridges: set[int]) -> set[int]:
    """Where BudouX ends a phrase of text[start:end], read without the ``bridges``; a phrase end at a bridge is
    given as the position after it. Text without a wide character never asks BudouX."""
    if max(widths[start:end], default=0) < 2:
        return set()
    kept = [position for position in range(start, end) if position not in bridges]
    chunks = _japanese_parser().parse("".join(text[position] for position in kept))
    kept.append(end)  # the end of the last phrase
    return {start} | {kept[offset] for offset in accumulate(len(chunk) for chunk in chunks)}


@cache
def _japanese_parser() -> Parser:
    # Loaded on the first Japanese paragraph: about 10 ms of imports and 1 ms for the model.
    import budoux

    return budoux.load_default_japanese_parser()


class Paragraph:
    """Text that Rich lays out with :func:`wrap` at whatever width it offers when it renders, so it fits a
    Panel or a table cell at any terminal width; the styles of a :class:`rich.text.Text` are kept."""

    def __init__(self, text: str | Text, keep: Iterable[Span] = ()) -> None:
        self.text = text if isinstance(text, Text) else Text(text)
        self.layout = Layout(self.text.plain, keep)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if options.no_wrap:  # a no_wrap column or print(no_wrap=True): one line per paragraph, Rich crops it
            yield self.text
            return
        spans = self.layout.lines(options.max_width)
        for line, (start, end) in zip(self.text.divide(start for start, _ in spans[1:]), spans):
            if len(line) > end - start:  # right_crop(0) would empty the line
                line.right_crop(len(line) - (end - start))
            line.no_wrap = True  # broken already: Rich must not break it again at its own places
            yield line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(self.layout.widest_unit, self.layout.widest_line).with_maximum(options.max_width)


class Fitted:
    """The first of several layouts, widest first, whose least width (Rich's measurement: a table's columns at
    their narrowest, a :class:`Paragraph` at its widest unbreakable phrase) fits the width Rich offers at render
    time; the last one takes any width. A bordered table of many columns breaks a Japanese name inside its word
    on a narrow terminal; a narrower layout does not."""

    UNBOUNDED = 10_000

    def __init__(self, *layouts: RenderableType) -> None:
        self.layouts = layouts

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # Measured unbounded: Rich clamps a measurement to the width offered, which would make every layout fit.
        unbounded = options.update_width(self.UNBOUNDED)
        fits = (
            layout
            for layout in self.layouts
            if Measurement.get(console, unbounded, layout).minimum <= options.max_width
        )
        yield next(fits, self.layouts[-1])


class TitledPanel:
    """A Panel whose title gives way to the width Rich offers: the whole title where it fits, else ``short`` (the
    name without the command around it), cut with "…" only where even that does not fit. Rich itself would cut
    the title at the border, with no sign that it goes on."""

    def __init__(self, body: RenderableType, title: str, short: str) -> None:
        self.body, self.title, self.short = body, title, short

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.cells import set_cell_size
        from rich.panel import Panel

        room = options.max_width - 6  # the corners, a line and a space each side of the title
        title = next((text for text in (self.title, self.short) if cell_len(text) <= room), None)
        if title is None:
            title = set_cell_size(self.short, max(room - 1, 0)) + "…"
        yield Panel(self.body, title=Text(title), expand=False)
