"""The ledger's schema, declared once (SQLModel): every table, column, key and reference.

Everything else that lists tables derives from this declaration: the order `jsj db copy` writes tables in
(parents before children: the metadata's own dependency order), the names that mark a PostgreSQL schema as
jsj's (`opening.py`'s foreign-table check), and the schema test, which holds the migrated database of both
engines to it. `migrations.py` holds the ordered steps that build it (released steps are never edited); a
new step changes this declaration in the same commit. Nothing on a command's hot path imports this module
(the ORM costs ~0.3 s to import): the commands speak plain SQL through `db/`.
"""

import datetime as dt

from sqlmodel import Field, Index, SQLModel


class MigrationRow(SQLModel, table=True):
    """The migration steps applied (`migrations.py` creates and fills it)."""

    __tablename__ = "migration"
    name: str = Field(primary_key=True)
    applied_at: str


class PlanRow(SQLModel, table=True):
    __tablename__ = "plan"
    id: int = Field(default=1, primary_key=True)
    title: str
    issuer: str
    issued_on: dt.date
    period_start: dt.date
    period_end: dt.date
    preamble: str | None = None
    recipients: str = "[]"
    copied_to: str = "[]"
    disclosure: str | None = None
    lead_weight: float
    support_weight: float
    yellow_behind: float
    red_behind: float
    base_year: int
    source_sha256: str
    loaded_at: str
    report_frequency: str | None = "monthly"
    report_due_day: int = 25
    report_first: str | None = None
    report_last: str | None = None
    weight_progress: float = 0.6
    weight_reporting: float = 0.25
    weight_problems: float = 0.15
    late_weight: float = 0.5
    notify: str = "[]"


class PartRow(SQLModel, table=True):
    __tablename__ = "part"
    no: int = Field(primary_key=True)
    numeral: str | None = None
    title: str
    text: str | None = None


class SectionRow(SQLModel, table=True):
    __tablename__ = "section"
    no: int = Field(primary_key=True)
    numeral: str | None = None
    title: str


class TaskRow(SQLModel, table=True):
    __tablename__ = "task"
    no: int = Field(primary_key=True)
    part_no: int = Field(foreign_key="part.no")
    section_no: int | None = Field(default=None, foreign_key="section.no")
    kind: str
    title: str
    text: str
    responsible_as_written: str | None = None
    period_start: dt.date
    period_end: dt.date


class UnitRow(SQLModel, table=True):
    __tablename__ = "unit"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    full_name: str
    level: str
    aliases: str = "[]"
    ord: int
    coordinating: bool = False


class AssignmentRow(SQLModel, table=True):
    __tablename__ = "assignment"
    id: int | None = Field(default=None, primary_key=True)
    task_no: int = Field(foreign_key="task.no")
    unit_id: int = Field(foreign_key="unit.id", index=True)
    role: str
    ord: int


class ProjectRow(SQLModel, table=True):
    __tablename__ = "project"
    id: int | None = Field(default=None, primary_key=True)
    task_no: int = Field(foreign_key="task.no")
    name: str
    written: str | None = None
    kind: str
    action: str
    ord: int


class MilestoneRow(SQLModel, table=True):
    __tablename__ = "milestone"
    id: int | None = Field(default=None, primary_key=True)
    task_no: int
    unit_id: int
    date: dt.date
    progress: float
    status: str | None = None
    note: str | None = None
    project_id: int | None = Field(default=None, foreign_key="project.id")
    recorded_at: str
    recorded_by: str
    batch_id: int | None = Field(default=None, foreign_key="batch.id")
    state: str = "effective"
    supersedes: int | None = Field(default=None, foreign_key="milestone.id")
    reason: str | None = None
    changed_by: str | None = None
    changed_at: str | None = None
    void_reason: str | None = None
    voided_by: str | None = None
    voided_at: str | None = None
    period: str | None = None


class TargetRow(SQLModel, table=True):
    __tablename__ = "target"
    key: str = Field(primary_key=True)
    indicator: str
    measure: str
    annual_growth: float | None = None
    target_year: int
    text: str | None = None
    zone_name: str | None = None
    zone_aliases: str = "[]"
    value: float | None = None
    unit: str | None = None
    level_unit: str | None = None
    ord: int = 1


class ScopeRow(SQLModel, table=True):
    __tablename__ = "scope"
    name: str = Field(primary_key=True)
    target_key: str = Field(primary_key=True, foreign_key="target.key")
    aliases: str = "[]"
    ord: int


class IndicatorRow(SQLModel, table=True):
    __tablename__ = "indicator"
    id: int | None = Field(default=None, primary_key=True)
    target_key: str | None = None
    scope: str
    year: int
    gdp: float | None = None
    growth: float | None = None
    value: float | None = None
    source: str | None = None
    recorded_at: str
    recorded_by: str


class BatchRow(SQLModel, table=True):
    __tablename__ = "batch"
    id: int | None = Field(default=None, primary_key=True)
    file: str
    sheet: str | None = None
    sha256: str
    imported_at: str
    imported_by: str
    rows_new: int
    rows_present: int
    rows_rejected: int
    undone_at: str | None = None
    undone_by: str | None = None


class ReportCountRow(SQLModel, table=True):
    __tablename__ = "report_count"
    task_no: int = Field(primary_key=True)
    unit_id: int = Field(primary_key=True)
    date: dt.date = Field(primary_key=True)
    reports: int
    by_window: int = 0


class UnitContactRow(SQLModel, table=True):
    __tablename__ = "unit_contact"
    unit_id: int = Field(primary_key=True, foreign_key="unit.id")
    contact: str | None = None
    phone: str | None = None
    email: str | None = None
    updated_at: str
    updated_by: str


class BatchSkipRow(SQLModel, table=True):
    __tablename__ = "batch_skip"
    batch_id: int = Field(primary_key=True, foreign_key="batch.id")
    matched_batch_id: int = Field(primary_key=True, foreign_key="batch.id")
    rows: int


class ProblemRow(SQLModel, table=True):
    __tablename__ = "problem"
    id: int | None = Field(default=None, primary_key=True)
    task_no: int = Field(foreign_key="task.no", index=True)
    unit_id: int = Field(foreign_key="unit.id")
    text: str
    major: bool = False
    raised: dt.date
    due: dt.date | None = None
    state: str = "open"
    closed_on: dt.date | None = None
    closed_by: str | None = None
    closing_note: str | None = None
    evidence: str | None = None
    recorded_at: str
    recorded_by: str
    batch_id: int | None = Field(default=None, foreign_key="batch.id")


class ProblemNeedRow(SQLModel, table=True):
    __tablename__ = "problem_need"
    problem_id: int = Field(primary_key=True, foreign_key="problem.id")
    unit_id: int = Field(primary_key=True, foreign_key="unit.id")


class ProblemUpdateRow(SQLModel, table=True):
    __tablename__ = "problem_update"
    id: int | None = Field(default=None, primary_key=True)
    problem_id: int = Field(foreign_key="problem.id", index=True)
    date: dt.date
    kind: str
    note: str
    by_user: str
    recorded_at: str


class UnitNotifyRow(SQLModel, table=True):
    __tablename__ = "unit_notify"
    unit_id: int = Field(primary_key=True, foreign_key="unit.id")
    ord: int = Field(primary_key=True)
    address: str
    updated_at: str
    updated_by: str


class DeliveryRow(SQLModel, table=True):
    __tablename__ = "delivery"
    __table_args__ = (Index("ix_delivery_notice", "period", "kind", "day"),)
    id: int | None = Field(default=None, primary_key=True)
    unit: str
    period: str
    kind: str
    day: dt.date
    address: str
    address_digest: str
    attempted_at: str
    outcome: str
    error: str | None = None
    by_user: str


class NoticeClaimRow(SQLModel, table=True):
    __tablename__ = "notice_claim"
    unit: str = Field(primary_key=True)
    period: str = Field(primary_key=True)
    kind: str = Field(primary_key=True)
    day: dt.date = Field(primary_key=True)
    address_digest: str = Field(primary_key=True)
    state: str
    claimed_at: str
    run: str


class SettingRow(SQLModel, table=True):
    __tablename__ = "setting"
    key: str = Field(primary_key=True)
    value: str
    set_at: str
    set_by: str


class BulletinRow(SQLModel, table=True):
    __tablename__ = "bulletin"
    no: int = Field(primary_key=True)
    as_of: dt.date
    issued_at: str
    issued_by: str


class AccountRow(SQLModel, table=True):
    __tablename__ = "account"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    role: str
    unit_id: int | None = Field(default=None, foreign_key="unit.id")
    password_hash: str
    disabled: bool = False
    failed_logins: int = 0
    locked_until: str | None = None
    created_at: str
    created_by: str
    changed_at: str | None = None
    changed_by: str | None = None


class WebSessionRow(SQLModel, table=True):
    __tablename__ = "web_session"
    token_hash: str = Field(primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    csrf: str
    created_at: str
    last_seen: str
    address: str | None = None


class LoginLogRow(SQLModel, table=True):
    __tablename__ = "login_log"
    id: int | None = Field(default=None, primary_key=True)
    at: str
    name: str
    account_id: int | None = Field(default=None, foreign_key="account.id")
    address: str | None = None
    outcome: str


def tables_in_order() -> tuple[str, ...]:
    """Every table a ledger holds but the migration record, parents before children, so foreign keys hold
    row by row while `jsj db copy` writes them."""
    return tuple(table.name for table in SQLModel.metadata.sorted_tables if table.name != "migration")


def table_names() -> frozenset[str]:
    """Every table of jsj's schema, the migration record included."""
    return frozenset(SQLModel.metadata.tables)
