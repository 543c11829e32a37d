"""The plan's schema: a plan file's data into validated objects, every problem located by YAML path and line.

The format is documented in docs/plan-format.md. Reading the file (its size, aliases, depth, duplicate keys)
is plan_yaml's job. Here validation runs in two steps: the schema checks every field's shape and value;
once all fields are well-formed, the checks in CHECKS look at how they refer to each other. Each step
collects every problem before reporting, so a plan file is fixed in one pass.
"""

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails
from pydantic_core.core_schema import ValidationInfo

from jinsanjiao_cli.core.errors import BadValue
from jinsanjiao_cli.core.schedule import Frequency, period_after, period_holding, period_label
from jinsanjiao_cli.core.values import FIRST_YEAR, LAST_YEAR, MAX_TEXT
from jinsanjiao_cli.plans.plan_yaml import PlanFileProblem, PlanProblems, YamlDocument, YamlPath, read_plan_yaml, shown
from jinsanjiao_cli.text.i18n import t


class _Strict(BaseModel):
    # Text longer than a spreadsheet cell could not round-trip through the ledger; NaN is never a setting.
    # Strict types: a value written as the wrong YAML type (`due_day: "31"`, `due_day: true`, `weights:
    # "0.6"`) is refused at its line rather than converted, because a quoted or boolean value is usually a
    # slip whose meaning cannot be settled. A whole number stands for a decimal (`annual_growth: 7`).
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        strict=True,
        str_strip_whitespace=True,
        str_max_length=MAX_TEXT,
        allow_inf_nan=False,
    )


def _within_years(day: dt.date) -> dt.date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(t("plan.year_range", day=day.isoformat(), first=FIRST_YEAR, last=LAST_YEAR))
    return day


# Dates are written as text (2022-06-30): plan_yaml keeps YAML's implicit dates off, so that a malformed one
# reaches this schema, which names it.
PlanDate = Annotated[dt.date, Field(strict=False), AfterValidator(_within_years)]
Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)]


class Period(_Strict):
    start: PlanDate
    end: PlanDate

    @model_validator(mode="after")
    def _ordered(self) -> "Period":
        if self.end < self.start:
            raise ValueError(t("plan.period_order"))
        return self


class PlanMeta(_Strict):
    title: str = Field(min_length=1)
    issuer: str = Field(min_length=1)
    issued_on: PlanDate
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
    counted: bool = True  # false for parts such as 保障措施: their items are listed but not counted


class Section(_Strict):
    no: int = Field(ge=1)
    numeral: str | None = None
    title: str = Field(min_length=1)


class Unit(_Strict):
    name: str = Field(min_length=1)
    full_name: str = Field(min_length=1)  # the name when left empty, as a draft leaves it
    level: Literal["province", "city", "enterprise", "other"] = "other"
    aliases: list[str] = []

    @model_validator(mode="before")
    @classmethod
    def _empty_means_default(cls, data: object) -> object:
        """`full_name:` and `level:` left empty (as `jsj plan draft` writes them) take their defaults."""
        if not isinstance(data, dict):
            return data
        given = {key: value for key, value in data.items() if key not in ("full_name", "level") or value}
        return {"full_name": data.get("name"), **given}


class Project(_Strict):
    name: str = Field(min_length=1)
    written: str | None = None
    kind: str = Field(min_length=1)
    action: str = Field(min_length=1)


TaskKind = Literal["key_task", "safeguard"]
KIND_OF_PART: dict[bool, TaskKind] = {True: "key_task", False: "safeguard"}  # keyed by Part.counted


class Task(_Strict):
    no: int = Field(ge=1)
    part: int
    section: int | None = None
    # Filled in from the part's `counted` flag when left out; None only in a plan that has problems.
    kind: TaskKind | None = None
    title: str = Field(min_length=1)
    text: str = ""
    responsible_as_written: str | None = None
    lead: list[str] = []
    support: list[str] = []
    projects: list[Project] = []
    period: Period | None = None  # a task with its own deadline; else the plan's period

    @property
    def counted(self) -> bool:
        """Whether the item counts towards completion (a key task), as opposed to a safeguard."""
        return self.kind == KIND_OF_PART[True]

    @property
    def units(self) -> list[str]:
        return [*self.lead, *self.support]


class Scope(_Strict):
    name: str = Field(min_length=1)
    aliases: list[str] = []


class _TargetBase(_Strict):
    key: str = Field(min_length=1)
    indicator: str = Field(min_length=1)
    target_year: Year
    text: str | None = None
    scopes: list[Scope] = []  # the areas reported separately, if any
    zone: Scope | None = None  # the scopes combined, if the plan names the whole


class GrowthTarget(_TargetBase):
    """Average real (comparable-price) growth a year, tracked from GDP levels and published growth rates."""

    measure: Literal["real_growth"]
    annual_growth: float = Field(gt=-100, le=100)  # percent a year
    level_unit: str = Field(default="亿元", min_length=1)  # the unit GDP levels are given in


class LevelTarget(_TargetBase):
    """A value to reach by the target year, such as an output in 亿元 or a number of enterprises (家)."""

    measure: Literal["level"]
    value: float = Field(ge=0)
    unit: str = Field(min_length=1)


class ShareTarget(_TargetBase):
    """A percentage to reach by the target year, such as a share of output."""

    measure: Literal["share"]
    value: float = Field(ge=0, le=100)
    unit: Literal["%"] = "%"


Target = Annotated[GrowthTarget | LevelTarget | ShareTarget, Field(discriminator="measure")]


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


class ReportingSettings(_Strict):
    """settings.reporting as written; Plan.reporting gives it with the default periods filled in."""

    frequency: Frequency = "monthly"
    due_day: int = Field(default=25, ge=1, le=31)  # in a shorter month, its last day
    first_period: str | None = None
    last_period: str | None = None

    @field_validator("first_period", "last_period")
    @classmethod
    def _canonical(cls, text: str | None, info: ValidationInfo) -> str | None:
        frequency = info.data.get("frequency")
        return text if text is None or frequency is None else period_label(text, frequency)


class AssessmentWeights(_Strict):
    progress: float = Field(default=0.60, ge=0)
    reporting: float = Field(default=0.25, ge=0)
    problems: float = Field(default=0.15, ge=0)

    @model_validator(mode="after")
    def _sum_to_one(self) -> "AssessmentWeights":
        total = self.progress + self.reporting + self.problems
        if abs(total - 1) > 1e-6:
            raise ValueError(t("plan.weights_sum", total=round(total, 9)))
        return self


class Assessment(_Strict):
    weights: AssessmentWeights = AssessmentWeights()
    late_weight: float = Field(default=0.5, ge=0, le=1)  # what a late report (迟报) counts for in R


class Settings(_Strict):
    base_year: Year = 2020
    lights: Lights = Lights()
    role_weights: RoleWeights = RoleWeights()
    reporting: ReportingSettings | None = ReportingSettings()  # null: the plan has no reporting schedule
    assessment: Assessment = Assessment()
    # Where the notices of units without addresses of their own go (`jsj remind --send`): Apprise URLs.
    notify: list[Annotated[str, Field(min_length=1)]] = []

    @field_validator("notify", mode="before")
    @classmethod
    def _one_or_more(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value


@dataclass(frozen=True)
class ReportingSchedule:
    """The reporting schedule with every default filled in; periods are labels such as 2022-01 or 2022Q1."""

    frequency: Frequency
    due_day: int
    first_period: str
    last_period: str


class Plan(_Strict):
    format: Literal[1]
    plan: PlanMeta
    parts: list[Part] = Field(min_length=1)
    sections: list[Section] = []
    units: list[Unit] = []
    tasks: list[Task] = Field(min_length=1)
    targets: list[Target] = []
    settings: Settings = Settings()

    @field_validator("tasks", mode="before")
    @classmethod
    def _kinds_from_parts(cls, tasks: object, info: ValidationInfo) -> object:
        """A task without `kind` takes it from its part's `counted` flag, so later code reads task.kind alone."""
        counted = {part.no: part.counted for part in info.data.get("parts", [])}
        if not isinstance(tasks, list):
            return tasks
        return [_with_kind(task, counted) for task in tasks]

    def task_period(self, task: Task) -> Period:
        return task.period or self.plan.period

    @property
    def reporting(self) -> ReportingSchedule | None:
        """settings.reporting with its defaults: from the period after the issue to the one holding the end."""
        written = self.settings.reporting
        if written is None:
            return None
        frequency = written.frequency
        return ReportingSchedule(
            frequency=frequency,
            due_day=written.due_day,
            first_period=written.first_period or period_after(self.plan.issued_on, frequency),
            last_period=written.last_period or period_holding(self.plan.period.end, frequency),
        )


def _with_kind(task: object, counted: dict[int, bool]) -> object:
    if not isinstance(task, dict):
        return task
    part = task.get("part")
    if isinstance(part, int) and part in counted and task.get("kind") is None:
        return {**task, "kind": KIND_OF_PART[counted[part]]}
    return task


# ---------------------------------------------------------------- how the fields refer to each other

Check = Callable[[Plan], Iterator[PlanFileProblem]]


def _present(entries: list) -> Iterator[tuple[int, Any]]:
    """Each entry with its index in the file, less those whose own fields failed (None in a partial plan,
    see _partial_plan): their problems are already listed, and a reference check cannot read them."""
    return ((index, entry) for index, entry in enumerate(entries) if entry is not None)


def _keys(entries: list, field: str) -> list:
    # a failed entry holds a key that repeats nothing
    return [object() if entry is None else getattr(entry, field) for entry in entries]


def _unique_keys(plan: Plan) -> Iterator[PlanFileProblem]:
    keyed: list[tuple[str, str, str, list[Any]]] = [
        ("parts", "no", "what.part", _keys(plan.parts, "no")),
        ("sections", "no", "what.section", _keys(plan.sections, "no")),
        ("tasks", "no", "what.task", _keys(plan.tasks, "no")),
        ("units", "name", "what.unit", _keys(plan.units, "name")),
        ("targets", "key", "what.target", _keys(plan.targets, "key")),
    ]
    for where, field, what, keys in keyed:
        yield from _each_once(keys, what, (where,), field)


def _each_once(keys: list, what: str, path: YamlPath, field: str) -> Iterator[PlanFileProblem]:
    """A problem at each entry of the list at `path` whose `field` repeats an earlier entry's."""
    for index in _repeats(keys):
        yield PlanFileProblem(t("plan.repeated", what=t(what), name=keys[index]), (*path, index, field))


def _repeats(items: list) -> list[int]:
    """Indices of the items that repeat an earlier one."""
    seen: set[object] = set()
    repeated = []
    for index, item in enumerate(items):
        if item in seen:
            repeated.append(index)
        else:
            seen.add(item)
    return repeated


def _unit_aliases(plan: Plan) -> Iterator[PlanFileProblem]:
    units = [unit for _, unit in _present(plan.units)]
    names = {u.name for u in units} | {u.full_name for u in units}
    owners: dict[str, str] = {}
    for index, unit in _present(plan.units):
        for position, alias in enumerate(unit.aliases):
            path = ("units", index, "aliases", position)
            if alias in names and alias not in (unit.name, unit.full_name):
                yield PlanFileProblem(t("plan.alias_is_a_name", alias=alias), path)
            if owners.setdefault(alias, unit.name) != unit.name:
                yield PlanFileProblem(t("plan.alias_shared", alias=alias, first=owners[alias], second=unit.name), path)


def _task_places(plan: Plan) -> Iterator[PlanFileProblem]:
    """Every item sits in a part that exists, and in a section of it when that part is divided into sections."""
    parts = {p.no for _, p in _present(plan.parts)}
    sections = {s.no for _, s in _present(plan.sections)}
    sectioned_parts = {task.part for _, task in _present(plan.tasks) if task.section is not None}
    for index, task in _present(plan.tasks):
        if task.part not in parts and None not in plan.parts:
            yield PlanFileProblem(t("plan.no_part", no=task.part), ("tasks", index, "part"))
        if task.section is not None and task.section not in sections and None not in plan.sections:
            yield PlanFileProblem(t("plan.no_section", no=task.section), ("tasks", index, "section"))
        if task.section is None and task.part in sectioned_parts:
            yield PlanFileProblem(t("plan.needs_section", part=task.part), ("tasks", index))
    yield from _sections_in_one_part(plan)


def _sections_in_one_part(plan: Plan) -> Iterator[PlanFileProblem]:
    parts_of: dict[int, list[int]] = {}
    first_index: dict[int, int] = {}
    for index, task in _present(plan.tasks):
        if task.section is not None:
            parts_of.setdefault(task.section, []).append(task.part)
            first_index.setdefault(task.section, index)
    for section, parts in parts_of.items():
        if len(set(parts)) > 1:
            listed = "、".join(str(p) for p in sorted(set(parts)))
            yield PlanFileProblem(
                t("plan.section_in_two_parts", section=section, parts=listed),
                ("tasks", first_index[section], "section"),
            )


def _task_kinds(plan: Plan) -> Iterator[PlanFileProblem]:
    """A kind written out must agree with the part's `counted` flag, the one place the distinction is made."""
    counted = {p.no: p.counted for _, p in _present(plan.parts)}
    for index, task in _present(plan.tasks):
        if task.part in counted and task.kind != KIND_OF_PART[counted[task.part]]:
            how = t("plan.counted") if counted[task.part] else t("plan.not_counted")
            kind = KIND_OF_PART[counted[task.part]]
            message = t("plan.kind_disagrees", part=task.part, counted=how, kind=kind)
            yield PlanFileProblem(message, ("tasks", index, "kind"))


def _task_units(plan: Plan) -> Iterator[PlanFileProblem]:
    """A counted item has a lead; every unit named is listed in `units`, and named once per item."""
    units = {u.name for _, u in _present(plan.units)}
    counted_parts = {
        p.no for _, p in _present(plan.parts) if p.counted
    }  # the part decides, even where a kind disagrees
    for index, task in _present(plan.tasks):
        if task.part in counted_parts and not task.lead:
            yield PlanFileProblem(t("plan.needs_lead"), ("tasks", index, "lead"))
        named = [
            (role, position, name) for role in ("lead", "support") for position, name in enumerate(getattr(task, role))
        ]
        for role, position, name in named:
            if name not in units and None not in plan.units:  # a unit whose entry failed may be the one named
                yield PlanFileProblem(t("plan.unknown_unit", name=name), ("tasks", index, role, position))
        for repeat in _repeats([name for _, _, name in named]):
            role, position, name = named[repeat]
            yield PlanFileProblem(t("plan.unit_twice", name=name), ("tasks", index, role, position))


def _task_projects(plan: Plan) -> Iterator[PlanFileProblem]:
    for index, task in _present(plan.tasks):
        yield from _each_once([p.name for p in task.projects], "what.project", ("tasks", index, "projects"), "name")


def _target_scopes(plan: Plan) -> Iterator[PlanFileProblem]:
    for index, target in _present(plan.targets):
        if target.zone is not None and len(target.scopes) < 2:
            yield PlanFileProblem(t("plan.zone_needs_scopes", count=len(target.scopes)), ("targets", index, "zone"))
        yield from _each_once([s.name for s in target.scopes], "what.scope", ("targets", index, "scopes"), "name")


def _reporting_span(plan: Plan) -> Iterator[PlanFileProblem]:
    schedule, written = plan.reporting, plan.settings.reporting
    if schedule and schedule.first_period > schedule.last_period:
        yield PlanFileProblem(
            t("plan.first_after_last", first=schedule.first_period, last=schedule.last_period),
            ("settings", "reporting", "first_period" if written and written.first_period else "last_period"),
        )


def _notify_addresses(plan: Plan) -> Iterator[PlanFileProblem]:
    if not plan.settings.notify:
        return  # Apprise is imported only when there is an address to check
    from jinsanjiao_cli.io.notify import check_address

    for index, address in enumerate(plan.settings.notify):
        try:
            check_address(address)
        except BadValue as exc:
            yield PlanFileProblem(str(exc), ("settings", "notify", index))


def _target_years(plan: Plan) -> Iterator[PlanFileProblem]:
    """A growth target is chained from the year after the base year: its target year must come later."""
    base_year = plan.settings.base_year
    for index, target in _present(plan.targets):
        if isinstance(target, GrowthTarget) and target.target_year <= base_year:
            message = t("plan.base_not_before_target", target_year=target.target_year, base_year=base_year)
            yield PlanFileProblem(message, ("targets", index, "target_year"))


def _zone_names(plan: Plan) -> Iterator[PlanFileProblem]:
    """A zone is the sum of its scopes, shown beside them: it cannot share a scope's name."""
    for index, target in _present(plan.targets):
        if target.zone is not None and target.zone.name in {scope.name for scope in target.scopes}:
            yield PlanFileProblem(t("plan.zone_is_scope", name=target.zone.name), ("targets", index, "zone", "name"))


CHECKS: tuple[Check, ...] = (
    _unique_keys,
    _unit_aliases,
    _task_places,
    _task_kinds,
    _task_units,
    _task_projects,
    _target_scopes,
    _target_years,
    _zone_names,
    _reporting_span,
    _notify_addresses,
)


# ---------------------------------------------------------------- checking and loading a plan file


@dataclass(frozen=True)
class PlanReport:
    """What checking a plan file found: the plan when it has no problems, else every problem, located."""

    file: str
    plan: Plan | None
    problems: tuple[PlanFileProblem, ...]
    sha256: str | None


def validate_plan(document: YamlDocument) -> tuple[Plan | None, list[PlanFileProblem]]:
    """The plan in `document`, or every problem found in it, each with its YAML path and line: the fields'
    problems and, in the same run, how the fields that are valid refer to each other (an unknown lead unit
    beside a bad date), so that a file is fixed in one pass."""
    try:
        plan = Plan.model_validate(document.data)
    except ValidationError as exc:
        fields = [_field_problem(error, document) for error in exc.errors()]
        return None, _in_file_order(fields + _located(_partial_checks(document.data), document))
    problems = _located([problem for check in CHECKS for problem in check(plan)], document)
    return (None if problems else plan), _in_file_order(problems)


def _located(problems: list[PlanFileProblem], document: YamlDocument) -> list[PlanFileProblem]:
    return [replace(problem, line=document.line_of(problem.path)) for problem in problems]


def _partial_checks(data: object) -> list[PlanFileProblem]:
    """The reference checks on what of the file is valid. A check that needs a field which is itself wrong
    (the plan's period, the settings) finds nothing now; it runs once that field is fixed."""
    plan = _partial_plan(data)
    if plan is None:
        return []
    found: list[PlanFileProblem] = []
    for check in CHECKS:
        try:
            found.extend(check(plan))
        except (AttributeError, TypeError):
            continue
    return found


def _partial_plan(data: object) -> Plan | None:
    """The plan as far as its fields are valid, unvalidated as a whole: an entry of a list whose own fields
    fail stands as None in its place (so the others keep their indices), any other failing field is None."""
    if not isinstance(data, dict):
        return None
    fields: dict[str, Any] = {}
    for name, field in Plan.model_fields.items():
        if name not in data:
            continue
        value = data[name]
        if name == "tasks" and isinstance(value, list):
            counted = {p.no: p.counted for p in fields.get("parts") or [] if p is not None}
            value = [_with_kind(task, counted) for task in value]
        fields[name] = _valid_or_none(field.annotation, value)
    return Plan.model_construct(**fields)


def _valid_or_none(annotation: Any, value: object) -> Any:
    if get_origin(annotation) is list and isinstance(value, list):
        entry = TypeAdapter(get_args(annotation)[0])
        return [_validated(entry, item) for item in value]
    return _validated(TypeAdapter(annotation), value)


def _validated(adapter: TypeAdapter, value: object) -> Any:
    try:
        return adapter.validate_python(value)
    except ValidationError:
        return None


def _in_file_order(problems: list[PlanFileProblem]) -> list[PlanFileProblem]:
    return sorted(problems, key=lambda problem: problem.line or 0)


def check_plan(path: Path) -> PlanReport:
    """Read and validate a plan file without touching any database; never raises for what the file holds."""
    try:
        document = read_plan_yaml(path)
    except PlanProblems as exc:
        return PlanReport(exc.file, None, tuple(exc.problems), None)
    plan, problems = validate_plan(document)
    return PlanReport(shown(path), plan, tuple(problems), document.sha256)


def load_plan(path: Path) -> tuple[Plan, str]:
    """Read and validate a plan file. Returns the plan and the SHA-256 of its bytes; raises PlanProblems
    (a PlanError) listing every problem with its path and line."""
    report = check_plan(path)
    if report.plan is None or report.sha256 is None:  # the digest is there whenever the plan is
        raise PlanProblems(report.file, list(report.problems))
    return report.plan, report.sha256


# Pydantic's words for a value of the wrong YAML type, in ours (the schema is strict: see _Strict).
_TYPE_MESSAGES = {
    "int_type": "plan.type_int",
    "float_type": "plan.type_number",
    "bool_type": "plan.type_bool",
    "string_type": "plan.type_text",
}


def _field_problem(error: ErrorDetails, document: YamlDocument) -> PlanFileProblem:
    path = _document_path(error, document.data)
    if error["type"] in _TYPE_MESSAGES and error.get("input") is None:  # a key left empty (issuer:)
        return PlanFileProblem(t("plan.missing"), path, document.line_of(path))
    if error["type"] in _TYPE_MESSAGES and not isinstance(error.get("input"), dict | list):
        message = t(_TYPE_MESSAGES[error["type"]], value=_short(error.get("input")))
        return PlanFileProblem(message, path, document.line_of(path))
    if ours := _our_words(error):
        return PlanFileProblem(ours, path, document.line_of(path))
    message = error["msg"].removeprefix("Value error, ")
    # Our own messages (value_error) already say what is wrong with the value.
    if error["type"] not in ("missing", "value_error") and not isinstance(error.get("input"), dict | list):
        message = t("plan.value", message=message, value=_short(error.get("input")))
    return PlanFileProblem(message, path, document.line_of(path))


_LIMITS = {"greater_than_equal": ("plan.ge", "ge"), "greater_than": ("plan.gt", "gt")}
_LIMITS |= {"less_than_equal": ("plan.le", "le"), "less_than": ("plan.lt", "lt")}


def _our_words(error: ErrorDetails) -> str | None:
    """Pydantic's message for the commonest checks, in the plan's language; None for the rest."""
    kind, ctx, value = error["type"], error.get("ctx") or {}, _short(error.get("input"))
    if kind.startswith(("date", "datetime")):
        return t("plan.no_date") if error.get("input") is None else t("plan.not_a_date", value=value)
    if kind in _LIMITS:
        key, bound = _LIMITS[kind]
        limit = ctx.get(bound)
        return t(key, limit=int(limit) if isinstance(limit, float) and limit.is_integer() else limit, value=value)
    if kind == "literal_error":
        return t("plan.one_of", choices=_choices(ctx.get("expected")), value=value)
    if kind == "union_tag_invalid":
        key = str(ctx.get("discriminator", "")).strip("'")
        return t("plan.bad_tag", key=key, choices=_choices(ctx.get("expected_tags")), value=_short(ctx.get("tag")))
    simple = {"missing": "plan.missing", "string_too_short": "plan.empty_text", "model_type": "plan.type_mapping"}
    simple |= {"dict_type": "plan.type_mapping", "model_attributes_type": "plan.type_mapping"}
    if kind in simple:
        return t(simple[kind])
    words = {"extra_forbidden": "plan.extra_key", "finite_number": "plan.finite", "list_type": "plan.type_list"}
    return t(words[kind], value=value) if kind in words else None


def _document_path(error: ErrorDetails, data: object) -> YamlPath:
    """The error's location as a path in the file. Pydantic also puts a target's kind (the value of its
    `measure`) in the location, a step the file does not have: it is left out."""
    path: list[str | int] = []
    node = data
    for part in error["loc"]:
        if isinstance(node, dict) and part not in node and node.get("measure") == part:
            continue
        path.append(part)
        node = _child(node, part)
    return tuple(path)


def _child(node: object, part: str | int) -> object:
    if isinstance(node, dict):
        return node.get(part)
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return None


def _choices(expected: object) -> str:
    """pydantic's "'monthly' or 'quarterly'" as the plan writes the choices: monthly、quarterly."""
    return "、".join(re.findall(r"'([^']*)'", str(expected))) or str(expected)


class _YamlWord:
    """A value shown as YAML spells it (null, true, [1, 2], {"a": 1}), not as Python does (None, True …)."""

    def __init__(self, word: str) -> None:
        self.word = word

    def __repr__(self) -> str:
        return self.word


def _short(value: object, limit: int = 60) -> object:
    """The value as a message quotes it (`{value!r}`: “…” in Chinese), cut to `limit` characters."""
    if value is None or isinstance(value, bool | dict | list):
        word = json.dumps(value, ensure_ascii=False, default=str)
        return _YamlWord(word if len(word) <= limit else word[: limit - 1] + "…")
    text = value if isinstance(value, str) else repr(value)
    return value if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------- the summary `jsj plan check` prints


def plan_summary(plan: Plan) -> dict:
    """What the plan holds, counted: for a person checking an encoding, and as JSON for scripts."""
    counted = [task for task in plan.tasks if task.counted]
    assignments = sum(len(task.units) for task in plan.tasks)
    return {
        "title": plan.plan.title,
        "issuer": plan.plan.issuer,
        "issued_on": plan.plan.issued_on.isoformat(),
        "period": {"start": plan.plan.period.start.isoformat(), "end": plan.plan.period.end.isoformat()},
        "parts": len(plan.parts),
        "sections": len(plan.sections),
        "items": {"counted": len(counted), "not_counted": len(plan.tasks) - len(counted)},
        "units": len(plan.units),
        "assignments": assignments,
        "leads": sum(len(task.lead) for task in plan.tasks),
        "projects": sum(len(task.projects) for task in plan.tasks),
        "targets": [_target_summary(target) for target in plan.targets],
        "reporting": _reporting_summary(plan),
    }


def _target_summary(target: GrowthTarget | LevelTarget | ShareTarget) -> dict[str, object]:
    summary: dict[str, object] = {"key": target.key, "indicator": target.indicator, "measure": target.measure}
    if isinstance(target, GrowthTarget):
        summary |= {"annual_growth": target.annual_growth, "level_unit": target.level_unit}
    else:
        summary |= {"value": target.value, "unit": target.unit}
    return summary | {
        "target_year": target.target_year,
        "scopes": [scope.name for scope in target.scopes],
        "zone": target.zone.name if target.zone else None,
    }


def _reporting_summary(plan: Plan) -> dict | None:
    schedule = plan.reporting
    if schedule is None:
        return None
    # Each unit owes one report a period on each counted item it holds; items not counted owe none.
    owed = sum(len(task.units) for task in plan.tasks if task.counted)
    return {
        "frequency": schedule.frequency,
        "due_day": schedule.due_day,
        "first_period": schedule.first_period,
        "last_period": schedule.last_period,
        "reports_per_period": owed,
    }
