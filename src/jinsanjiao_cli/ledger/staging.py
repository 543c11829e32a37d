"""An import's rows on their way into the ledger: staged in a temporary table, then written as one batch.

Staging happens outside the write lock (checking a file can take a while); the insert runs under it, and a
row already stored is found by the database itself (an index seek per row), so two imports of the same
file at once store its rows once, and memory does not grow with the ledger's history. A staged row is:

- new: stored, in this batch;
- present: identical to an effective milestone (or to an earlier row of the same file): not stored again;
- voided: identical only to a voided or superseded milestone: not stored again, so a re-import never brings
  back a report that was corrected or withdrawn; counted apart so the summary can say so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from operator import itemgetter
from typing import NamedTuple

from jinsanjiao_cli.core.milestones import NewMilestone
from jinsanjiao_cli.core.values import folded_line
from jinsanjiao_cli.ledger.db import Database, Row
from jinsanjiao_cli.ledger.stamps import now_stamp
from jinsanjiao_cli.ledger.store import MILESTONE_COLUMNS, count_reports

TABLE = "jsj_incoming"
# A staged row: its place in the file, then a milestone's own columns as a checked row gives them (the
# ledger's two stamps, recorded_at and batch_id, are set when the batch is written).
COLUMNS = ("seq", "row_no", *MILESTONE_COLUMNS[: MILESTONE_COLUMNS.index("period") + 1])
FOLDED = "status_folded"  # the status as imports before one text rule stored it (values.folded_line)
LATEST = "jsj_latest"  # each assignment's latest effective report, for the warning about progress going backwards
FIRST = "first_of_file"  # set once staging is done: the row is the first of any identical rows in the file
# A batch this large changes the table's shape enough that PostgreSQL's planner should look again.
ANALYZE_AFTER = 10_000
# `=` on the fields that are never null lets both engines seek ix_milestone_latest; the null-safe comparison
# (not indexable on PostgreSQL) only filters the few rows found.
NEVER_NULL = frozenset({"task_no", "unit_id", "date", "progress"})
KEYED = ("task_no", "unit_id", "date")  # the staging key's leading columns, always compared


_key = itemgetter(2, 3, 4, 0)  # a staged row's (task_no, unit_id, date, seq)


class BatchCounts(NamedTuple):
    rows_new: int
    rows_present: int
    rows_voided: int
    rows_rejected: int
    problems_raised: int = 0


class Issue(NamedTuple):
    """A problem a row raises in its 存在问题 column."""

    task_no: int
    unit_id: int
    text: str
    raised: dt.date


class Regression(NamedTuple):
    """A staged row whose progress is below the same unit's previous report on the task."""

    row: int
    progress: float
    previous_date: dt.date
    previous_progress: float


class ImportStage:
    """The staged rows of one import (see the module docstring)."""

    def __init__(self, db: Database, compared: list[str]):
        self.db, self.compared = db, compared
        self.count = 0
        db.execute(f"DROP TABLE IF EXISTS {TABLE}")
        # Keyed in the order every later pass reads it (task, unit, date, file order): the dedupe probe, the
        # warning pass and the insert then walk the key instead of sorting the rows three times.
        db.execute(
            f"CREATE TEMPORARY TABLE {TABLE} (seq BIGINT NOT NULL, row_no BIGINT NOT NULL, task_no BIGINT NOT NULL,"
            " unit_id BIGINT NOT NULL, date DATE NOT NULL, progress DOUBLE PRECISION NOT NULL, status TEXT,"
            f" note TEXT, project_id BIGINT, recorded_by TEXT NOT NULL, period TEXT, {FOLDED} TEXT,"
            f" {FIRST} SMALLINT NOT NULL DEFAULT 1, PRIMARY KEY (task_no, unit_id, date, seq))"
            + (" WITHOUT ROWID" if db.engine == "sqlite" else "")
        )
        self.marked = False
        # SQLite: the staged rows go in as one transaction on the temporary table (on SQLite's temp database
        # only: the ledger is not locked), ended before anything else is asked of the database.
        self.loading = False

    def add(self, rows: Iterable[tuple[int, NewMilestone]]) -> None:
        """Stage checked rows, each with its row number in the sheet."""
        start = self.count
        staged = [(start + i, row_no, *m, folded_line(m.status)) for i, (row_no, m) in enumerate(rows)]
        if staged:
            if not self.loading and self.db.engine == "sqlite":
                self.db.execute("BEGIN")
                self.loading = True
            staged.sort(key=_key)  # in key order each B-tree page is visited once per chunk
            self.db.copy_in(TABLE, (*COLUMNS, FOLDED), staged)
        self.count += len(staged)

    def loaded(self) -> None:
        """End the staging transaction: every use of the staged rows starts here."""
        if self.loading:
            self.loading = False
            self.db.execute("COMMIT")

    def drop_rows(self, row_numbers: set[int]) -> None:
        """Unstage rows refused after staging (warnings under --strict with --skip-invalid)."""
        self.loaded()
        for row_no in row_numbers:
            self.count -= self.db.execute(f"DELETE FROM {TABLE} WHERE row_no = ?", (row_no,))
        self.marked = False
        self.db.execute(f"UPDATE {TABLE} SET {FIRST} = 1")

    def mark_firsts(self) -> None:
        """Mark the first of any rows of the file identical on the compared fields, once for every use: a row
        is not first when an earlier row of the file (a smaller seq) has the same fields. Identical rows share
        the key's (task, unit, date), so each row is one seek on the key; only the repeats are written."""
        self.loaded()
        if not self.marked:
            rest = "".join(f" AND {_same_field(f, 'j', TABLE)}" for f in self.compared if f not in KEYED)
            self.db.execute(
                f"UPDATE {TABLE} SET {FIRST} = 0 WHERE EXISTS (SELECT 1 FROM {TABLE} j"
                f" WHERE j.task_no = {TABLE}.task_no AND j.unit_id = {TABLE}.unit_id AND j.date = {TABLE}.date"
                f" AND j.seq < {TABLE}.seq{rest})"
            )
            self.marked = True

    def regressions(self) -> list[Regression]:
        """Rows to be stored whose progress is below the unit's previous report on the task: the latest
        report dated earlier, whether stored (effective) or earlier in this file (which, recorded now, wins a
        tie with a stored one of the same date).

        One pass over the new rows in (task, unit, date) order carries the file's side. On the stored side,
        a row dated after its assignment's latest stored report simply follows that report (the usual case:
        this month's reports after last month's); only a row filling in older history needs a seek."""
        self.loaded()
        latest = "SELECT {what} FROM milestone m WHERE m.task_no = a.task_no AND m.unit_id = a.unit_id" + (
            " AND m.state = 'effective' ORDER BY m.date DESC, m.id DESC LIMIT 1"
        )
        self.db.execute(f"DROP TABLE IF EXISTS {LATEST}")
        self.db.execute(
            f"CREATE TEMPORARY TABLE {LATEST} AS SELECT a.task_no, a.unit_id,"
            f" ({latest.format(what='m.date')}) AS latest_date, ({latest.format(what='m.progress')}) AS latest_progress"
            " FROM assignment a"
        )
        seek = (
            "SELECT m.date || '|' || m.progress FROM milestone m WHERE m.task_no = i.task_no"
            " AND m.unit_id = i.unit_id AND m.date < i.date AND m.state = 'effective'"
            " ORDER BY m.date DESC, m.id DESC LIMIT 1"
        )
        before = (
            "CASE WHEN l.latest_date IS NULL THEN NULL"
            " WHEN l.latest_date < i.date THEN l.latest_date || '|' || l.latest_progress"
            f" ELSE ({seek}) END"
        )
        rows = self.db.stream(
            f"SELECT i.row_no, i.task_no, i.unit_id, i.date, i.progress, {before} AS stored_before"
            f" FROM {TABLE} i JOIN {LATEST} l ON l.task_no = i.task_no AND l.unit_id = i.unit_id"
            f" WHERE {self._is_new('i')} ORDER BY i.task_no, i.unit_id, i.date, i.seq"
        )
        return sorted(_backwards(rows), key=lambda r: r.row)

    def _is_new(self, alias: str) -> str:
        self.mark_firsts()
        return f"{alias}.{FIRST} = 1 AND NOT EXISTS ({_matching(self.compared, alias)})"

    def count_new(self) -> BatchCounts:
        """How the staged rows would be counted (a dry run: reads only, takes no lock)."""
        self.loaded()
        new = self.db.value(f"SELECT count(*) FROM {TABLE} i WHERE {self._is_new('i')}")
        voided = self._count_voided()
        return BatchCounts(new, self.count - new - voided, voided, 0)

    def _count_voided(self) -> int:
        if self.db.value("SELECT count(*) FROM (SELECT 1 FROM milestone WHERE state <> 'effective' LIMIT 1) v") == 0:
            return 0
        effective = _matching(self.compared, "i", "AND m.state = 'effective'")
        other = _matching(self.compared, "i", "AND m.state <> 'effective'")
        self.mark_firsts()
        return int(
            self.db.value(
                f"SELECT count(*) FROM {TABLE} i WHERE i.{FIRST} = 1 AND NOT EXISTS ({effective}) AND EXISTS ({other})"
            )
        )

    def write_batch(
        self, file: str, sheet: str | None, sha256: str, by: str, rejected: int, issues: Iterable[Issue] = ()
    ) -> tuple[int | None, BatchCounts]:
        """Insert the new rows as one batch, and open the problems the rows raise (one already open with the
        same text is not opened twice); returns the batch id (None when nothing was new: no empty batch is
        left behind) and the counts."""
        self.loaded()
        with self.db.write() as transaction:
            before = self.db.value("SELECT coalesce(max(id), 0) FROM milestone")
            voided = self._count_voided()
            batch_id = self.db.insert(
                "INSERT INTO batch (file, sheet, sha256, imported_at, imported_by, rows_new, rows_present,"
                " rows_rejected) VALUES (?, ?, ?, ?, ?, 0, 0, ?)",
                (file, sheet, sha256, now_stamp(), by, rejected),
            )
            new = self.db.execute(
                f"INSERT INTO milestone ({', '.join(MILESTONE_COLUMNS)})"
                " SELECT i.task_no, i.unit_id, i.date, i.progress, i.status, i.note, i.project_id, i.recorded_by,"
                f" i.period, ?, ? FROM {TABLE} i WHERE {self._is_new('i')}"
                # In index order: the B-tree pages stay hot (about a third faster for 100,000 rows).
                " ORDER BY i.task_no, i.unit_id, i.date, i.seq",
                (now_stamp(), batch_id),
            )
            raised = _raise_problems(self.db, issues, batch_id, by)
            counts = BatchCounts(new, self.count - new - voided, voided, rejected, raised)
            if new == 0 and raised == 0:
                transaction.discard()
                return None, counts
            self.db.execute(
                "UPDATE batch SET rows_new = ?, rows_present = ? WHERE id = ?",
                (counts.rows_new, counts.rows_present, batch_id),
            )
            if counts.rows_present:
                self._note_skips(batch_id)
            # Under the write lock ids only grow, so this batch's rows are exactly those above `before`.
            count_reports(self.db, "id > ?", (before,))
        if new >= ANALYZE_AFTER:
            self.db.analyze(("milestone", "report_count"))
        return batch_id, counts

    def _note_skips(self, batch_id: int) -> None:
        """Which earlier batches this one's present rows duplicate: undoing one of those leaves the rows in
        neither, and `jsj undo` says so."""
        same = _same(self.compared, "i")
        self.db.execute(
            "INSERT INTO batch_skip (batch_id, matched_batch_id, rows)"
            f" SELECT ?, m.batch_id, count(*) FROM {TABLE} i JOIN milestone m ON {same}"
            f" WHERE i.{FIRST} = 1 AND m.batch_id IS NOT NULL AND m.batch_id <> ?"
            " AND m.state = 'effective' GROUP BY m.batch_id",
            (batch_id, batch_id),
        )

    def close(self) -> None:
        if self.loading:  # the import stopped while staging (a file found bad deep down)
            self.loading = False
            self.db.execute("ROLLBACK")
        self.db.execute(f"DROP TABLE IF EXISTS {TABLE}")
        self.db.execute(f"DROP TABLE IF EXISTS {LATEST}")


def problems_to_raise(db: Database, issues: Iterable[Issue]) -> list[Issue]:
    """The problems a file's 存在问题 cells would open: each text once per (task, unit), and none that is
    already open (the same rule for an import and its dry run)."""
    return [
        issue
        for issue in dict.fromkeys(issues)
        if not db.value(
            "SELECT count(*) FROM problem WHERE task_no = ? AND unit_id = ? AND text = ? AND state = 'open'",
            (issue.task_no, issue.unit_id, issue.text),
        )
    ]


def _raise_problems(db: Database, issues: Iterable[Issue], batch_id: int, by: str) -> int:
    raised = problems_to_raise(db, issues)
    for issue in raised:
        db.execute(
            "INSERT INTO problem (task_no, unit_id, text, major, raised, state, recorded_at, recorded_by,"
            " batch_id) VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?)",
            (issue.task_no, issue.unit_id, issue.text, False, issue.raised, now_stamp(), by, batch_id),
        )
    return len(raised)


Dated = tuple[dt.date, float]  # (date, progress) of a report


def _backwards(rows: Iterable[Row]) -> Iterator[Regression]:
    """The regressions among rows sorted by (task, unit, date): each compared with the later of the stored
    report before its date and the file's last row of an earlier date."""
    pair: tuple[int, int] | None = None
    day_rows: list[Dated] = []  # the current date's rows
    before: Dated | None = None  # the file's last row of an earlier date
    for row_no, task_no, unit_id, day, progress, stored_before in rows:
        if (task_no, unit_id) != pair:
            pair, day_rows, before = (task_no, unit_id), [], None
        elif day_rows and day_rows[-1][0] != day:
            before, day_rows = day_rows[-1], []
        previous = _later(before, _parse_stored(stored_before))
        if previous is not None and progress < previous[1]:
            yield Regression(row_no, progress, previous[0], previous[1])
        day_rows.append((day, progress))


def _parse_stored(text: str | None) -> Dated | None:
    if text is None:
        return None
    day, progress = text.split("|")
    return dt.date.fromisoformat(day), float(progress)


def _later(from_file: Dated | None, from_ledger: Dated | None) -> Dated | None:
    """The file's row wins a tie: it is recorded after everything stored."""
    if from_file is None:
        return from_ledger
    if from_ledger is None or from_file[0] >= from_ledger[0]:
        return from_file
    return from_ledger


def _same(compared: list[str], alias: str) -> str:
    return " AND ".join(_same_field(field, alias) for field in compared)


def _same_field(field: str, alias: str, stored: str = "m") -> str:
    """`stored`'s field equal to `alias`'s (null-safe where it may be null)."""
    if field in NEVER_NULL:
        return f"{stored}.{field} = {alias}.{field}"
    if field == "status" and stored == "m":
        # A status stored by an import before text had one rule was NFKC-folded (推进中(前期工作)): the same
        # report read again today, with its full-width brackets, is still the same report.
        return f"(m.status IS NOT DISTINCT FROM {alias}.status OR m.status = {alias}.{FOLDED})"
    return f"{stored}.{field} IS NOT DISTINCT FROM {alias}.{field}"


def _matching(compared: list[str], alias: str, extra: str = "") -> str:
    return f"SELECT 1 FROM milestone m WHERE {_same(compared, alias)} {extra}"
