"""`jsj import`: validate every row of a spreadsheet against the plan, then write them as one batch.

All or nothing by default; `--skip-invalid` writes the valid rows and puts the rejected ones, with a
reason column, in a rejects workbook. A row identical to a stored milestone (same task, unit, date,
progress, status, note and project) is recognised and not added again; fields whose column the sheet
does not have (e.g. a ledger has no project column) are not compared.
"""

import datetime as dt
import hashlib
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

from jinsanjiao_cli import store
from jinsanjiao_cli.errors import BadFile, InvalidRows, JsjError
from jinsanjiao_cli.i18n import register, t
from jinsanjiao_cli.lookup import normalise_name, resolve_unit
from jinsanjiao_cli.sheets.reader import Grid, gc_paused, where
from jinsanjiao_cli.sheets.rows import ParsedSheet, ReportRow, RowProblem, read_report
from jinsanjiao_cli.values import FIRST_YEAR, LAST_YEAR, MAX_TEXT

register(
    {
        "import.unknown_task": ("没有第 {no} 项任务", "there is no task {no}"),
        "import.not_responsible": (
            "{unit} 不是任务 {no} 的责任单位(责任单位:{units})",
            "{unit} is not responsible for task {no} (responsible: {units})",
        ),
        "import.unknown_project": ("任务 {no} 下没有项目 {name!r}", "task {no} has no project {name!r}"),
        "import.invalid": (
            "{file}: {count} 行无效,未写入任何数据(改正后重新导入,或用 --skip-invalid 只导入有效行)",
            "{file}: {count} invalid row(s); nothing was written (fix them, or use --skip-invalid)",
        ),
        "import.reason": ("原因", "Reason"),
        "import.too_long": ("超过单元格上限 {limit} 个字符", "longer than a cell holds ({limit} characters)"),
        "import.date_range": ("日期应在 1900-2100 年之间", "the date must be within 1900-2100"),
        "import.no_date_column": (
            "{where}:没有填报日期列,无法导入(需要 填报日期 / 日期 列)",
            "{where}: no date column; a report needs one (填报日期 / Date)",
        ),
        "import.row": ("行号", "Row"),
    }
)

CHUNK = 5000  # rows per progress-bar step and per executemany call


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


@dataclass(frozen=True)
class _Plan:
    """What validation needs from the plan, loaded once per import."""

    units: list
    responsible: dict[int, dict[str, int]]  # task → unit name → unit id
    projects: dict[int, dict[str, int]]  # task → normalised name (and written form) → project id


def _load_plan(conn: sqlite3.Connection) -> _Plan:
    return _Plan(store.units(conn), store.responsibilities(conn), store.project_index(conn))


def parse_file(request: ImportRequest) -> tuple[Grid, ParsedSheet]:
    """Read the sheet asked for, or the first sheet whose header is recognised; a report needs dates."""
    grid, sheet = read_report(request.file, request.sheet, request.encoding)
    if "date" not in sheet.columns:
        raise BadFile(t("import.no_date_column", where=where(sheet.file, sheet.sheet)))
    return grid, sheet


class _Validator:
    """Resolves each parsed row against the plan; caches lookups since units repeat on every row."""

    def __init__(self, plan: _Plan, sheet: ParsedSheet, by: str):
        self.plan, self.sheet, self.by = plan, sheet, by
        self.unit_names: dict[str, str | JsjError] = {}

    def problem(self, row: ReportRow, field_name: str, value: object, reason: str) -> RowProblem:
        column = self.sheet.headers.get(field_name, field_name)
        return RowProblem(self.sheet.file, self.sheet.sheet, row.row, column, value, reason)

    def unit(self, typed: str) -> str | JsjError:
        if typed not in self.unit_names:
            try:
                self.unit_names[typed] = resolve_unit(self.plan.units, typed).name
            except JsjError as exc:
                self.unit_names[typed] = exc
        return self.unit_names[typed]

    def milestone(self, row: ReportRow) -> tuple | RowProblem:
        """The row as a milestone tuple (without batch), or the problem that stops it."""
        if not FIRST_YEAR <= row.date.year <= LAST_YEAR:
            return self.problem(row, "date", row.date.isoformat(), t("import.date_range"))
        if row.note and len(row.note) > MAX_TEXT:
            return self.problem(row, "note", row.note[:20] + "…", t("import.too_long", limit=MAX_TEXT))
        units = self.plan.responsible.get(row.task_no)
        if units is None:
            return self.problem(row, "task_no", row.task_no, t("import.unknown_task", no=row.task_no))
        unit = self.unit(row.unit)
        if isinstance(unit, JsjError):
            return self.problem(row, "unit", row.unit, str(unit))
        if unit not in units:
            reason = t("import.not_responsible", unit=unit, no=row.task_no, units="、".join(units) or "—")
            return self.problem(row, "unit", row.unit, reason)
        project_id = None
        if row.project:
            project_id = self.plan.projects[row.task_no].get(normalise_name(row.project))
            if project_id is None:
                reason = t("import.unknown_project", no=row.task_no, name=row.project)
                return self.problem(row, "project", row.project, reason)
        return (
            row.task_no,
            units[unit],
            row.date.isoformat(),
            round(row.progress, 2) + 0.0,  # as `jsj record` keeps it, so re-imports match
            row.status,
            row.note,
            project_id,
            row.by or self.by,
        )


def _compared_fields(sheet: ParsedSheet) -> list[int]:
    """Positions in the milestone tuple that decide 'already stored': the fields this sheet can state."""
    positions = [0, 1, 2, 3]
    for position, name in ((4, "status"), (5, "note"), (6, "project")):
        if name in sheet.columns and not (name == "status" and sheet.kind == "ledger"):
            positions.append(position)
    return positions


def _stored_keys(conn: sqlite3.Connection, positions: list[int]) -> set[tuple]:
    columns = ["task_no", "unit_id", "date", "progress", "status", "note", "project_id"]
    chosen = ", ".join(columns[p] for p in positions)
    return {tuple(row) for row in conn.execute(f"SELECT {chosen} FROM milestone")}


def run_import(
    path: Path, conn: sqlite3.Connection, request: ImportRequest, progress: Callable | None = None
) -> ImportResult:
    # Validating and inserting 100,000 rows creates no reference cycles, but enough objects that the
    # collector would walk them all several times: about a second at that size.
    with gc_paused():
        return _run_import(conn, request, progress)


def _run_import(conn: sqlite3.Connection, request: ImportRequest, progress: Callable | None) -> ImportResult:
    grid, sheet = parse_file(request)
    validator = _Validator(_load_plan(conn), sheet, request.by)
    problems = list(sheet.problems)
    valid: list[tuple] = []
    with _steps(progress, len(sheet.rows)) as advance:
        for start in range(0, len(sheet.rows), CHUNK):
            for row in sheet.rows[start : start + CHUNK]:
                outcome = validator.milestone(row)
                (problems if isinstance(outcome, RowProblem) else valid).append(outcome)
            advance(min(CHUNK, len(sheet.rows) - start))
    problems.sort(key=lambda p: p.row)
    if problems and not request.skip_invalid:
        raise InvalidRows("\n".join([*map(str, problems), t("import.invalid", file=request.file, count=len(problems))]))
    positions = _compared_fields(sheet)
    seen = _stored_keys(conn, positions)
    key_of = itemgetter(*positions)
    new = []
    for milestone in valid:
        key = key_of(milestone)
        if key not in seen:
            seen.add(key)
            new.append(milestone)
    result = ImportResult(
        file=str(request.file),
        sheet=sheet.sheet,
        batch=None,
        rows_read=len(sheet.rows) + len(sheet.problem_rows()),
        rows_new=len(new),
        rows_present=len(valid) - len(new),
        rows_rejected=len({p.row for p in problems}),
        skipped_blank=sheet.skipped_blank,
        dry_run=request.dry_run,
        progress_as_fraction=sheet.progress_as_fraction,
        problems=problems,
    )
    if request.dry_run:
        return result
    if problems:
        result.rejects_file = write_rejects(grid, sheet, problems, request)
    if valid:  # an untouched template or an all-rejected file leaves no empty batch behind
        file = request.file.resolve()
        result.batch = store.add_batch(conn, file, sheet.sheet, _sha256(file), request.by, result, new)
    return result


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

    from jinsanjiao_cli.sheets.export import check_target, save_workbook

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
