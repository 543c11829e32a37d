"""`jsj import`: check every row of a spreadsheet against the plan, then write them as one batch.

All or nothing by default; `--skip-invalid` writes the valid rows and puts the rejected ones, with a
reason column, in a rejects workbook. Rows are checked by the same checks as `jsj record`
(`milestones.check`) and staged in the database chunk by chunk; the batch is then written under the write
lock, and a row identical to a stored milestone (same task, unit, date, progress, status, note and
project; fields whose column the sheet does not have, e.g. a ledger's project, are not compared) is
recognised by the database and not added again.
"""

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from jinsanjiao_cli import milestones, store
from jinsanjiao_cli.db import Database
from jinsanjiao_cli.errors import BadFile, InvalidRows
from jinsanjiao_cli.i18n import register, t
from jinsanjiao_cli.sheets.reader import Grid, column_letter, gc_paused, where
from jinsanjiao_cli.sheets.rows import ParsedSheet, ReportRow, RowProblem, read_report

register(
    {
        "import.invalid": (
            "{file}: {count} 行无效,未写入任何数据(改正后重新导入,或用 --skip-invalid 只导入有效行)",
            "{file}: {count} invalid row(s); nothing was written (fix them, or use --skip-invalid)",
        ),
        "import.reason": ("原因", "Reason"),
        "import.no_date_column": (
            "{where}:没有填报日期列,无法导入(需要 填报日期 / 日期 列)",
            "{where}: no date column; a report needs one (填报日期 / Date)",
        ),
        "import.row": ("行号", "Row"),
    }
)

CHUNK = 5000  # rows per progress-bar step and per staging call


@dataclass(frozen=True)
class ImportRequest:
    file: Path
    sheet: str | None = None
    encoding: str | None = None
    dry_run: bool = False
    skip_invalid: bool = False
    rejects: Path | None = None
    by: str = "unknown"


@dataclass
class ImportResult:
    file: str
    sheet: str | None
    batch: int | None
    rows_read: int
    rows_new: int
    rows_present: int
    rows_rejected: int
    skipped_blank: int
    dry_run: bool
    progress_as_fraction: bool
    rejects_file: Path | None = None
    problems: list[RowProblem] = field(default_factory=list)


def parse_file(request: ImportRequest) -> tuple[Grid, ParsedSheet]:
    """Read the sheet asked for, or the first sheet whose header is recognised; a report needs dates."""
    grid, sheet = read_report(request.file, request.sheet, request.encoding)
    if "date" not in sheet.columns:
        raise BadFile(t("import.no_date_column", where=where(sheet.file, sheet.sheet)))
    return grid, sheet


def _row_problem(sheet: ParsedSheet, row: ReportRow, problem: milestones.Problem) -> RowProblem:
    """A check's problem placed at the row and column it came from."""
    header = sheet.headers.get(problem.field, problem.field)
    letter = column_letter(sheet.columns[problem.field]) if problem.field in sheet.columns else ""
    return RowProblem(sheet.file, sheet.sheet, row.row, header, problem.value, problem.reason, letter)


def compared_fields(sheet: ParsedSheet) -> list[str]:
    """The milestone fields that decide 'already stored': those this sheet can state."""
    fields = ["task_no", "unit_id", "date", "progress"]
    for column, stored in (("status", "status"), ("note", "note"), ("project", "project_id")):
        if column in sheet.columns and not (column == "status" and sheet.kind == "ledger"):
            fields.append(stored)
    return fields


def run_import(db: Database, request: ImportRequest, progress: Callable | None = None) -> ImportResult:
    # Checking 100,000 rows creates no reference cycles, but enough objects that the collector would
    # walk them all several times: about a second at that size.
    with gc_paused():
        grid, sheet = parse_file(request)
        stage = store.ImportStage(db)
        try:
            return _run_import(db, request, grid, sheet, stage, progress)
        finally:
            stage.close()


def _run_import(
    db: Database,
    request: ImportRequest,
    grid: Grid,
    sheet: ParsedSheet,
    stage: store.ImportStage,
    progress: Callable | None,
) -> ImportResult:
    plan = milestones.PlanIndex.load(db)
    problems = list(sheet.problems)
    all_or_nothing = not request.skip_invalid
    with _steps(progress, len(sheet.rows)) as advance:
        for chunk in _chunks(sheet.rows):
            checked = []
            for row in chunk:
                outcome = milestones.check(row, plan, request.by)  # a parsed row has a Draft's fields
                if isinstance(outcome, milestones.Problem):
                    problems.append(_row_problem(sheet, row, outcome))
                else:
                    checked.append(outcome)
            if not (problems and all_or_nothing):  # once the file is refused, only look for more problems
                stage.add(checked)
            advance(len(chunk))
    problems.sort(key=lambda p: p.row)
    if problems and all_or_nothing:
        raise InvalidRows("\n".join([*map(str, problems), t("import.invalid", file=request.file, count=len(problems))]))
    rejected = len({p.row for p in problems})
    compared = compared_fields(sheet)
    result = ImportResult(
        file=str(request.file),
        sheet=sheet.sheet,
        batch=None,
        rows_read=len(sheet.rows) + len(sheet.problem_rows()),
        rows_new=0,
        rows_present=0,
        rows_rejected=rejected,
        skipped_blank=sheet.skipped_blank,
        dry_run=request.dry_run,
        progress_as_fraction=sheet.progress_as_fraction,
        problems=problems,
    )
    if request.dry_run:
        result.rows_new = stage.count_new(compared) if stage.count else 0
        result.rows_present = stage.count - result.rows_new
        return result
    if problems:
        result.rejects_file = write_rejects(grid, sheet, problems, request)
    if stage.count:
        file = request.file.resolve()
        batch, counts = stage.write_batch(str(file), sheet.sheet, _sha256(file), request.by, compared, rejected)
        result.batch, result.rows_new, result.rows_present = batch, counts.rows_new, counts.rows_present
    return result


def _chunks(rows: list[ReportRow]) -> Iterator[list[ReportRow]]:
    for start in range(0, len(rows), CHUNK):
        yield rows[start : start + CHUNK]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class _steps:
    """A progress callback as a context manager; a no-op when there is no bar to draw."""

    def __init__(self, progress: Callable | None, total: int):
        self.progress, self.total, self.bar = progress, total, None

    def __enter__(self) -> Callable[[int], None]:
        self.bar = self.progress(self.total) if self.progress else None
        return self.bar.__enter__() if self.bar is not None else lambda n: None

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


def default_rejects_path(source: Path) -> Path:
    return source.with_name(f"{source.stem}-rejects.xlsx")


def write_rejects(grid: Grid, sheet: ParsedSheet, problems: list[RowProblem], request: ImportRequest) -> Path:
    """The rejected rows as they were in the sheet, plus row number and reason, written atomically."""
    from openpyxl import Workbook

    from jinsanjiao_cli.sheets.workbook import check_target, save_workbook

    target = request.rejects or default_rejects_path(request.file)
    check_target(target)  # before building the workbook: a half-built one would complain at exit
    reasons: dict[int, list[str]] = {}
    for p in problems:
        reasons.setdefault(p.row, []).append(f"{p.column}: {p.reason}")
    header = grid.rows[sheet.header_row - 1]
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet("rejects")
    ws.append([t("import.row"), *[_cell(ws, v) for v in header], t("import.reason")])
    for row_no, why in sorted(reasons.items()):
        ws.append([row_no, *[_cell(ws, v) for v in grid.rows[row_no - 1]], "; ".join(why)])
    return save_workbook(workbook, target)


def _cell(ws, value: object):
    """A rejected cell goes back as it came; text is always text, even when it looks like a formula."""
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, dt.datetime | dt.date | int | float | bool) or value is None:
        return value
    cell = WriteOnlyCell(ws, str(value))
    cell.data_type = "s"
    return cell
