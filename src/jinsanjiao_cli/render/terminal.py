"""Terminal output: text that cannot act on the terminal, and tables that fit it without cutting a number.

Rich shrinks a table that is too wide by truncating cells with "…", which turns 2022-06-30 into 2022… and
26.0 into 26…. A table here is laid out before Rich sees it, at the width it is printed at:

1. every column at its natural width (its widest cell or heading);
2. else headings fold ("完成进度" over two lines) and free-text columns (titles, notes) fold, each down to
   a minimum of ``MIN_TEXT`` cells;
3. else optional columns are dropped, the highest ``drop`` rank first, and 1-2 are tried again;
4. else, as a last resort, short text columns (unit names, lights) fold too.

Numbers and dates (``right`` columns and short ``left`` values) are never folded or cut while 1-3 can
make the table fit: at 80 and 60 columns every table jsj prints fits by step 3.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from rich import box
from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

from jinsanjiao_cli.render.safe_text import inert_text

if TYPE_CHECKING:
    from rich.console import JustifyMethod


def inert(text: str) -> str:
    """Text that shows on a terminal exactly as stored and never acts on it (render/safe_text.py): control and
    bidirectional-control characters as visible symbols (ESC as ␛); line feeds stay line breaks."""
    return inert_text(text, "\n")


MIN_TEXT = 8  # cells (4 Chinese characters) below which a folding column is not squeezed


class Column(NamedTuple):
    heading: str
    justify: str  # "left" | "right": short values kept whole; "wrap": free text that folds
    drop: int | None = None  # optional: dropped on a narrow terminal, the highest rank first

    @property
    def folds(self) -> bool:
        return self.justify == "wrap"


def overhead(count: int) -> int:
    """Cells a SIMPLE_HEAVY table spends around its columns: one padding cell on each side of a column,
    one divider between columns and an edge on each side."""
    return 3 * count + 1 if count else 0


def width_of(cell: object) -> int:
    if isinstance(cell, Text):
        return max((cell_len(line) for line in cell.plain.splitlines()), default=0)
    text = "" if cell is None else str(cell)
    return max((cell_len(line) for line in text.splitlines()), default=0)


def layout(columns: list[Column], rows: list[tuple], width: int) -> tuple[list[int], list[int]]:
    """Which columns to show and each one's width, for a table printed `width` cells wide."""
    data = [max((width_of(row[i]) for row in rows), default=0) for i in range(len(columns))]
    heading = [width_of(c.heading) for c in columns]
    natural = [max(d, h, 1) for d, h in zip(data, heading, strict=True)]
    # A heading folds to two Chinese characters a line at the narrowest, never to one.
    tight_width = [max(d, min(h, 4), 2) for d, h in zip(data, heading, strict=True)]
    visible = list(range(len(columns)))
    while True:
        for tight in (False, True):
            fixed = {i: (tight_width[i] if tight else natural[i]) for i in visible if not columns[i].folds}
            widths = _fill(visible, fixed, natural, columns, width)
            if widths is not None:
                return visible, widths
        optional = [i for i in visible if columns[i].drop is not None]
        if not optional:
            break
        visible.remove(max(optional, key=lambda i: columns[i].drop or 0))  # (None is not optional)
    # Last resort: short text folds too (a unit name over two lines); numbers keep their width.
    fixed = {
        i: tight_width[i] if columns[i].justify == "right" else min(tight_width[i], MIN_TEXT)
        for i in visible
        if not columns[i].folds
    }
    widths = _fill(visible, fixed, natural, columns, width, force=True)
    assert widths is not None
    return visible, widths


def _fill(visible, fixed, natural, columns, width, force: bool = False) -> list[int] | None:
    """Fixed columns at their widths; folding columns share what is left, each between its minimum and
    its natural width. None when the minimums do not fit (unless forced)."""
    folding = [i for i in visible if columns[i].folds]
    left = width - overhead(len(visible)) - sum(fixed.values())
    floor = {i: min(natural[i], MIN_TEXT) for i in folding}
    if left < sum(floor.values()) and not force:
        return None
    share = _water_fill({i: natural[i] for i in folding}, floor, max(left, sum(floor.values())))
    return [fixed[i] if i in fixed else share[i] for i in visible]


def _water_fill(natural: dict[int, int], floor: dict[int, int], room: int) -> dict[int, int]:
    """Share `room` cells: the narrowest columns get their natural width first, the rest split evenly."""
    share = dict(floor)
    room -= sum(floor.values())
    pending = sorted(natural, key=lambda i: natural[i])
    while pending and room > 0:
        even = room // len(pending) or 1
        i = pending.pop(0)
        grant = min(natural[i] - share[i], even if pending else room)
        share[i] += max(grant, 0)
        room -= max(grant, 0)
    return share


class FitTable:
    """A table that lays itself out at the width it is printed at (see the module docstring).

    Used like a Rich table: add rows, then print it; `columns` are (heading, justify[, drop rank]).
    """

    def __init__(self, title: str | None, columns: list[tuple]) -> None:
        self.title = inert(title) if title else title
        self.columns = [Column(*spec) for spec in columns]
        self.rows: list[tuple] = []

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def add_row(self, *cells) -> None:
        self.rows.append(tuple(inert(c) if isinstance(c, str) else c for c in cells))

    def __rich_console__(self, console, options):
        visible, widths = layout(self.columns, self.rows, options.max_width)
        table = Table(title=self.title, box=box.SIMPLE_HEAVY, title_justify="left", title_style="bold")
        for i, cells in zip(visible, widths, strict=True):
            column = self.columns[i]
            justify: JustifyMethod = "right" if column.justify == "right" else "left"  # "wrap" folds to the left
            table.add_column(column.heading, justify=justify, width=cells, overflow="fold")
        for row in self.rows:
            table.add_row(*(row[i] for i in visible))
        yield table
