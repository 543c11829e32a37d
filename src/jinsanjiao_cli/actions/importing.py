"""`jsj import`: check every row of a spreadsheet against the plan, then write the rows as one batch.

All or nothing by default; `--skip-invalid` writes the valid rows and puts the rejected ones, with a
reason column, in a rejects workbook. Rows are checked by the same checks as `jsj record`
(`milestones.check`), chunk by chunk, and staged in the database (`stage.py`); the batch is then written
under the write lock. A row identical to a stored milestone (same task, unit, date, progress, status, note
and project; fields whose column the sheet does not have, e.g. a ledger's project, are not compared) is
not added again: it is counted as present, or as voided when it matches only a corrected or withdrawn
report. Odd but possible values (progress going backwards, a date in the future...) are stored with a
warning; `--strict` refuses them like errors.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NamedTuple, cast

from jinsanjiao_cli.core import milestones
from jinsanjiao_cli.core.errors import BadFile
from jinsanjiao_cli.core.values import check_text, text_problem
from jinsanjiao_cli.io.sheets.reader import column_letter, display_name, gc_paused, where
from jinsanjiao_cli.io.sheets.rows import ReportSheet, RowProblem, SheetRow, open_report
from jinsanjiao_cli.ledger import store
from jinsanjiao_cli.ledger.db import Database
from jinsanjiao_cli.ledger.staging import ImportStage, Issue, problems_to_raise
from jinsanjiao_cli.text.i18n import labelled, t

CHUNK = 5000  # rows per progress-bar step and per staging call
LARGE_FILE = 1 << 20  # bytes: a file this size takes long enough to deserve a progress bar


@dataclass(frozen=True)
class ImportRequest:
    file: Path
    sheet: str | None = None
    encoding: str | None = None
    dry_run: bool = False
    skip_invalid: bool = False
    strict: bool = False
    rejects: Path | None = None
    by: str = "unknown"


class RowWarning(NamedTuple):
    """A stored row's warning, placed at its row and column."""

    row: int
    column: str  # the letter
    header: str
    value: object
    reason: str


@dataclass
class ImportResult:
    file: str
    sheet: str | None = None
    batch: int | None = None
    rows_read: int = 0
    rows_new: int = 0
    rows_present: int = 0
    rows_voided: int = 0
    rows_rejected: int = 0
    problems_raised: int = 0  # problems opened by the 存在问题 column
    skipped_blank: int = 0
    dry_run: bool = False
    progress_as_fraction: bool = False
    refused: bool = False  # invalid rows and no --skip-invalid: nothing was written
    error: str | None = None  # the whole file was refused (not a spreadsheet, no header …)
    rejects_file: Path | None = None
    problems: list[RowProblem] = field(default_factory=list)
    warnings: list[RowWarning] = field(default_factory=list)
    readings: list = field(default_factory=list)


def compared_fields(sheet: ReportSheet) -> list[str]:
    """The milestone fields that decide 'already stored': those this sheet can state."""
    fields = ["task_no", "unit_id", "date", "progress"]
    for column, stored in (("status", "status"), ("note", "note"), ("project", "project_id"), ("period", "period")):
        if column in sheet.columns and not (column == "status" and sheet.kind == "ledger"):
            fields.append(stored)
    return fields


def run_import(db: Database, request: ImportRequest, progress: Callable | None = None) -> ImportResult:
    """Import a file; a file refused whole or rows refused come back in the result (`error`, `refused`).
    Who imports (`request.by`) is checked as every stored text is: BadValue."""
    request = replace(request, by=check_text(request.by, "--by", one_line=True) or "unknown")
    refused = ImportResult(file=display_name(request.file), dry_run=request.dry_run, refused=True)
    # Checking 100,000 rows creates no reference cycles, but enough objects that the collector would
    # walk them all several times: about a second at that size.
    with gc_paused():
        try:
            report = open_report(request.file, request.sheet, request.encoding)
        except BadFile as exc:
            refused.error = str(exc)
            return refused
        with report:
            if "date" not in report.columns:
                refused.error = t("import.no_date_column", where=where(report.file, report.sheet))
                return refused
            stage = ImportStage(db, compared_fields(report))
            try:
                return _Import(db, request, report, stage).run(progress)
            except BadFile as exc:  # found only while streaming (a row too wide deep in the file): nothing written
                refused.error = str(exc)
                return refused
            finally:
                stage.close()


class _Import:
    """One import's state: the plan index, what was found so far, and the staged rows."""

    def __init__(self, db: Database, request: ImportRequest, sheet: ReportSheet, stage: ImportStage):
        self.db, self.request, self.sheet, self.stage = db, request, sheet, stage
        self.plan = store.plan_index(db)
        info = store.plan_info(db)
        self.plan_start, self.plan_end = info["period_start"], info["period_end"]
        self.today = dt.date.today()
        self.result = ImportResult(file=display_name(request.file), sheet=sheet.sheet, dry_run=request.dry_run)
        self.rejected_cells: dict[int, tuple] = {}
        self.issues: list[Issue] = []

    def run(self, progress: Callable | None) -> ImportResult:
        result = self.result
        with _steps(progress, self.request.file) as advance:
            for chunk in self.sheet.chunks(CHUNK):
                self._check_chunk(chunk)
                result.rows_read += len(chunk)
                advance(len(chunk))
        result.skipped_blank = self.sheet.skipped_blank
        result.readings = list(self.sheet.readings)
        result.progress_as_fraction = self.sheet.progress_as_fraction
        self._regressions()
        result.problems.sort(key=lambda p: p.row)
        result.warnings.sort(key=lambda w: w.row)
        result.rows_rejected = len({p.row for p in result.problems})
        if result.problems and not self.request.skip_invalid:
            result.refused = True
            return result
        if self.request.dry_run:
            counts = self.stage.count_new() if self.stage.count else None
            if counts:
                result.rows_new, result.rows_present, result.rows_voided = counts[:3]
            result.problems_raised = len(problems_to_raise(self.db, self.issues))
            return result
        if result.problems:
            header = tuple(self.sheet.header_cells)
            result.rejects_file = write_rejects(header, self.rejected_cells, result.problems, self.request)
        if self.stage.count or self.issues:
            path = self.request.file.resolve()
            # The name as it can be shown (bytes that are not UTF-8, control characters escaped): a file name
            # is not the user's typing to refuse, but it is stored and printed later (`jsj batches`).
            file = (display_name(path), self.sheet.sheet, _sha256(path))
            result.batch, counts = self.stage.write_batch(*file, self.request.by, result.rows_rejected, self.issues)
            result.rows_new, result.rows_present, result.rows_voided = counts[:3]
            result.problems_raised = counts.problems_raised
        return result

    def _check_chunk(self, chunk: list[SheetRow]) -> None:
        staged = []
        for row in chunk:
            if row.report is None:
                self._reject(row.row, row.problems, row.cells)
                continue
            if row.report.issue_only:
                self._raise_only(row)
                continue
            # Dated: a sheet without a date column was refused before its rows were read (run_import).
            outcome = milestones.check(cast(milestones.DraftFields, row.report), self.plan, self.request.by)
            if isinstance(outcome, milestones.Refusal):
                self._reject(
                    row.row, [self._row_problem(row.row, outcome.field, outcome.value, outcome.reason)], row.cells
                )
                continue
            found = milestones.warnings(outcome, None, self.plan_start, self.today, self.plan_end)
            if found and self.request.strict:
                self._reject(
                    row.row, [self._strict_problem(row.row, w.field, w.value, w.reason) for w in found], row.cells
                )
                continue
            if row.report.issue:
                reason = text_problem(row.report.issue)
                if reason is not None:
                    self._reject(
                        row.row, [self._row_problem(row.row, "issue", row.report.issue[:40], reason)], row.cells
                    )
                    continue
                self.issues.append(Issue(outcome.task_no, outcome.unit_id, row.report.issue, outcome.date))
            self.result.warnings += [self._row_warning(row.row, w.field, w.value, w.reason) for w in found]
            staged.append((row.row, outcome))
        self.stage.add(staged)

    def _raise_only(self, row: SheetRow) -> None:
        """A row holding only a 存在问题: its problem is raised, dated the day of the import (as `jsj problem
        add` without --date), by the unit the row names, which must be responsible for the task."""
        report = row.report
        assert report is not None and report.issue is not None
        resolved = self.plan.resolve(report.task_no, report.unit, None)
        if isinstance(resolved, milestones.Refusal):
            self._reject(
                row.row, [self._row_problem(row.row, resolved.field, resolved.value, resolved.reason)], row.cells
            )
            return
        reason = text_problem(report.issue)
        if reason is not None:
            self._reject(row.row, [self._row_problem(row.row, "issue", report.issue[:40], reason)], row.cells)
            return
        self.issues.append(Issue(report.task_no, resolved[0], report.issue, self.today))

    def _regressions(self) -> None:
        """Progress going backwards needs the ledger and the rest of the file: checked once everything is staged."""
        refused = self.result.problems and not self.request.skip_invalid
        if not self.stage.count or (refused and not self.request.strict):  # only strict turns them into problems
            return
        regressions = self.stage.regressions()
        for r in regressions:
            reason = t("warning.backwards", previous=r.previous_progress, date=r.previous_date.isoformat())
            if self.request.strict:
                self.result.problems.append(self._strict_problem(r.row, "progress", r.progress, reason))
            else:
                self.result.warnings.append(self._row_warning(r.row, "progress", r.progress, reason))
        if self.request.strict and regressions:
            self.stage.drop_rows({r.row for r in regressions})

    def _reject(self, row_no: int, problems: list[RowProblem], cells: tuple) -> None:
        self.result.problems += problems
        if self.request.skip_invalid:
            self.rejected_cells[row_no] = cells

    def _column(self, field_name: str) -> tuple[str, str]:
        header = self.sheet.headers.get(field_name, field_name)
        letter = column_letter(self.sheet.columns[field_name]) if field_name in self.sheet.columns else ""
        return header, letter

    def _row_problem(self, row_no: int, field_name: str, value: object, reason: str) -> RowProblem:
        """A check's problem placed at the row and column it came from."""
        header, letter = self._column(field_name)
        return RowProblem(self.sheet.file, self.sheet.sheet, row_no, header, value, reason, letter)

    def _strict_problem(self, row_no: int, field_name: str, value: object, reason: str) -> RowProblem:
        return self._row_problem(row_no, field_name, value, t("import.strict", reason=reason))

    def _row_warning(self, row_no: int, field_name: str, value: object, reason: str) -> RowWarning:
        header, letter = self._column(field_name)
        return RowWarning(row_no, letter, header, value, reason)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class _steps:
    """A progress callback as a context manager; a no-op when there is no bar to draw. A stream's length
    is not known in advance: the bar counts rows, shown only for files large enough to take a while."""

    def __init__(self, progress: Callable | None, file: Path):
        self.progress, self.bar = progress, None
        try:
            self.large = file.stat().st_size > LARGE_FILE
        except OSError:
            self.large = False

    def __enter__(self) -> Callable[[int], None]:
        self.bar = self.progress(None) if self.progress and self.large else None
        return self.bar.__enter__() if self.bar is not None else lambda n: None

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


def default_rejects_path(source: Path) -> Path:
    return source.with_name(f"{source.stem}-rejects.xlsx")


def write_rejects(header: tuple, cells: dict[int, tuple], problems: list[RowProblem], request: ImportRequest) -> Path:
    """The rejected rows as they were in the sheet, plus row number and reasons (workbooks/rejects.py)."""
    from jinsanjiao_cli.workbooks.rejects import write_rejects as write

    reasons: dict[int, list[str]] = {}
    for p in problems:
        reasons.setdefault(p.row, []).append(labelled(p.column, p.reason))
    rows = {row_no: (cells.get(row_no, ()), why) for row_no, why in reasons.items()}
    return write(header, rows, request.rejects or default_rejects_path(request.file))


class Undone(NamedTuple):
    """What undoing a batch removed: its reports, the problems it raised, and the later batches that had
    skipped rows as duplicates of it (those rows are now in no batch)."""

    reports: int
    problems: list  # rows: id, task_no, text
    skipped: list  # rows: batch_id, rows, file


def undo_batch(db: Database, batch_id: int, by: str) -> Undone:
    """Remove one import batch's reports and the problems it raised (`jsj undo`); the batch stays listed."""
    problems = store.batch_problems(db, batch_id)
    removed, skipped = store.undo_batch(db, batch_id, by)
    return Undone(removed, problems, skipped)
