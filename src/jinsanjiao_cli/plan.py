"""The plan's YAML format: parse data/plan.yaml into validated objects, every error naming the field.

The format is documented in README.md ("plan.yaml format"). Validation collects every problem before
reporting, so a plan file is fixed in one pass.
"""

import datetime as dt
import hashlib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from jinsanjiao_cli.errors import PlanError
from jinsanjiao_cli.i18n import register, t

register(
    {
        "plan.unreadable": ("{file}: 无法读取计划文件:{error}", "{file}: cannot read the plan: {error}"),
        "plan.not_yaml": ("{file}: 不是有效的 YAML:{error}", "{file}: not valid YAML: {error}"),
        "plan.not_mapping": ("{file}: 顶层应为映射(键: 值)", "{file}: the top level must be a mapping"),
        "plan.invalid": ("{file}: 计划文件有 {count} 处错误:", "{file}: the plan has {count} error(s):"),
        "plan.field": (
            "{file}: 字段 {field}:{message}(值 {value})",
            "{file}: field {field}: {message} (value {value})",
        ),
    }
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Period(_Strict):
    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _ordered(self) -> "Period":
        if self.end < self.start:
            raise ValueError("period end is before its start")
        return self


class PlanMeta(_Strict):
    title: str = Field(min_length=1)
    issuer: str = Field(min_length=1)
    issued_on: dt.date
    recipients: list[str] = []
    copied_to: list[str] = []
    disclosure: str | None = None
    preamble: str | None = None
    period: Period


class Part(_Strict):
    no: int = Field(ge=1)
    numeral: str | None = None
    title: str = Field(min_length=1)
    text: str | None = None


class Section(_Strict):
    no: int = Field(ge=1)
    numeral: str | None = None
    title: str = Field(min_length=1)


class Unit(_Strict):
    name: str = Field(min_length=1)
    full_name: str = Field(min_length=1)
    level: Literal["province", "city", "enterprise", "other"]
    aliases: list[str] = []


class Project(_Strict):
    name: str = Field(min_length=1)
    written: str | None = None
    kind: str = Field(min_length=1)
    action: str = Field(min_length=1)


class Task(_Strict):
    no: int = Field(ge=1)
    part: int
    section: int | None = None
    kind: Literal["key_task", "safeguard"]
    title: str = Field(min_length=1)
    text: str = Field(min_length=1)
    responsible_as_written: str | None = None
    lead: list[str] = []
    support: list[str] = []
    projects: list[Project] = []
    period: Period | None = None  # a task with its own deadline; else the plan's period

    @property
    def units(self) -> list[str]:
        return [*self.lead, *self.support]


class Scope(_Strict):
    name: str = Field(min_length=1)
    aliases: list[str] = []


class Target(_Strict):
    key: str = Field(min_length=1)
    indicator: str = Field(min_length=1)
    measure: Literal["real_growth"]
    annual_growth: float = Field(gt=-100, le=100)
    target_year: int = Field(ge=1900, le=2100)
    text: str | None = None
    scopes: list[Scope] = Field(min_length=1)
    zone: Scope


class Lights(_Strict):
    yellow_behind: float = Field(default=10, ge=0, le=100)
    red_behind: float = Field(default=30, ge=0, le=100)

    @model_validator(mode="after")
    def _ordered(self) -> "Lights":
        if self.red_behind < self.yellow_behind:
            raise ValueError("red_behind must not be below yellow_behind")
        return self


class RoleWeights(_Strict):
    lead: float = Field(default=1, ge=0)
    support: float = Field(default=1, ge=0)

    @model_validator(mode="after")
    def _not_both_zero(self) -> "RoleWeights":
        if self.lead == 0 and self.support == 0:
            raise ValueError("role weights cannot both be 0")
        return self


class Settings(_Strict):
    base_year: int = Field(default=2020, ge=1900, le=2100)
    lights: Lights = Lights()
    role_weights: RoleWeights = RoleWeights()


class Plan(_Strict):
    format: Literal[1]
    plan: PlanMeta
    parts: list[Part] = Field(min_length=1)
    sections: list[Section] = []
    units: list[Unit] = []
    tasks: list[Task] = Field(min_length=1)
    targets: list[Target] = []
    settings: Settings = Settings()

    @model_validator(mode="after")
    def _consistent(self) -> "Plan":
        problems = [
            *_duplicates("parts", [p.no for p in self.parts]),
            *_duplicates("sections", [s.no for s in self.sections]),
            *_duplicates("tasks", [t.no for t in self.tasks]),
            *_duplicates("units", [u.name for u in self.units]),
            *_alias_clashes(self.units),
            *_task_references(self),
        ]
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def task_period(self, task: Task) -> Period:
        return task.period or self.plan.period


def _duplicates(where: str, keys: list) -> list[str]:
    seen: set = set()
    repeated = [k for k in keys if k in seen or seen.add(k)]
    return [f"{where}: {key!r} appears more than once" for key in repeated]


def _alias_clashes(units: list[Unit]) -> list[str]:
    names = {u.name for u in units} | {u.full_name for u in units}
    owners: dict[str, str] = {}
    problems = []
    for unit in units:
        for alias in unit.aliases:
            if alias in names and alias not in (unit.name, unit.full_name):
                problems.append(f"units: alias {alias!r} of {unit.name} is another unit's name")
            if owners.setdefault(alias, unit.name) != unit.name:
                problems.append(f"units: alias {alias!r} is given to both {owners[alias]} and {unit.name}")
    return problems


def _task_references(plan: Plan) -> list[str]:
    parts = {p.no for p in plan.parts}
    sections = {s.no for s in plan.sections}
    units = {u.name for u in plan.units}
    problems = []
    for task in plan.tasks:
        where = f"tasks[no={task.no}]"
        if task.part not in parts:
            problems.append(f"{where}.part: no part {task.part}")
        if task.section is not None and task.section not in sections:
            problems.append(f"{where}.section: no section {task.section}")
        if task.kind == "key_task" and task.section is None:
            problems.append(f"{where}.section: a key task needs a section")
        if task.kind == "key_task" and not task.lead:
            problems.append(f"{where}.lead: a key task needs a lead unit")
        problems += [f"{where}: unknown unit {name!r}" for name in task.units if name not in units]
        problems += [f"{where}: unit {name!r} listed twice" for name in _repeated(task.units)]
        problems += [f"{where}.projects: {name!r} listed twice" for name in _repeated([p.name for p in task.projects])]
    return problems


def _repeated(items: list[str]) -> list[str]:
    seen: set[str] = set()
    return [item for item in items if item in seen or seen.add(item)]


def load_plan(path: Path) -> tuple[Plan, str]:
    """Read and validate a plan file. Returns the plan and the SHA-256 of its bytes."""
    import yaml  # the YAML parser is only needed when a plan is (re)loaded

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PlanError(t("plan.unreadable", file=path, error=exc.strerror or exc)) from exc
    try:
        document = yaml.load(raw.decode("utf-8"), Loader=_loader())  # a SafeLoader subclass
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise PlanError(t("plan.not_yaml", file=path, error=" ".join(str(exc).split()))) from exc
    if not isinstance(document, dict):
        raise PlanError(t("plan.not_mapping", file=path))
    try:
        plan = Plan.model_validate(document)
    except ValidationError as exc:
        raise PlanError(_describe(path, exc)) from exc
    return plan, hashlib.sha256(raw).hexdigest()


def _loader():
    """PyYAML's SafeLoader without implicit dates: a bad date then reaches the schema, which names the field."""
    import yaml

    class PlanLoader(yaml.SafeLoader):
        pass

    PlanLoader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return PlanLoader


def _describe(path: Path, exc: ValidationError) -> str:
    """One line per problem: file, dotted field path, message, value."""
    lines = [t("plan.invalid", file=path, count=exc.error_count())]
    for error in exc.errors():
        field = ".".join(str(part) for part in error["loc"]) or "(top level)"
        message = error["msg"].removeprefix("Value error, ")
        value = _short(error.get("input"))
        lines.append("  " + t("plan.field", file=path, field=field, message=message, value=value))
    return "\n".join(lines)


def _short(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
