"""The bulletin (工作进展通报) as a use case for both doors: numbered, composed with its figures, written,
and its number kept.

A bulletin takes the number given (`--issue-no`), else the number already given to a bulletin as of the
same date (written again after a correction, it is the same issue), else the last number plus one (the
first is 1). The number is stored once the bulletin has been written, so a failed write uses none.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from jinsanjiao_cli.actions import reading
from jinsanjiao_cli.ledger import bulletins as issued
from jinsanjiao_cli.ledger.db import Database

if TYPE_CHECKING:
    from jinsanjiao_cli.render.officialdoc import OfficialDocument


class Bulletin(NamedTuple):
    document: OfficialDocument
    number: int
    figures_missing: bool  # figures were asked for, but no font on this machine draws their Chinese


def issue_number(db: Database, as_of: dt.date, requested: int | None) -> int:
    """The number of the bulletin as of `as_of` (see the module docstring)."""
    if requested is not None:
        return requested
    same_day, last = issued.numbers_issued(db, as_of)
    return same_day if same_day is not None else (last or 0) + 1


def compose_bulletin(
    db: Database, as_of: dt.date, since: dt.date | None, requested: int | None, *, figures: bool
) -> Bulletin:
    """The bulletin as of `as_of`, its change measured from `since` (None: the previous period's due date),
    with its figures (图1–图3) when `figures` and a font with Chinese glyphs is found."""
    from jinsanjiao_cli.render.bulletin import compose

    number = issue_number(db, as_of, requested)
    inputs = reading.bulletin(db, as_of, since, number)
    drawn = None
    if figures:
        from jinsanjiao_cli.render.charts.bulletin import bulletin_figures

        assert inputs.trend is not None and inputs.assessment is not None
        drawn = bulletin_figures(inputs.status, inputs.trend, inputs.assessment)
    return Bulletin(compose(inputs, drawn), number, figures and drawn is None)


def write_bulletin(
    db: Database, as_of: dt.date, since: dt.date | None, requested: int | None, target: Path, *, by: str,
    figures: bool = True,
) -> tuple[Path, Bulletin]:  # fmt: skip
    """Write the bulletin as a GB/T 9704 .docx, atomically, and keep its number (`jsj bulletin`, the
    portal's download); returns the path written and the bulletin."""
    from jinsanjiao_cli.render.officialdoc.docx import write_docx

    made = compose_bulletin(db, as_of, since, requested, figures=figures)
    written = write_docx(made.document, target)
    issued.record_issue(db, made.number, as_of, by)
    return written, made


def keep_number(db: Database, made: Bulletin, as_of: dt.date, by: str) -> None:
    """Keep the number of a bulletin written otherwise (as Markdown)."""
    issued.record_issue(db, made.number, as_of, by)
