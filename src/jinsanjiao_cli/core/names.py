"""Resolving what people type (a unit's short name, a city) to the plan's own names. Pure functions."""

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from jinsanjiao_cli.core.errors import AmbiguousUnit, UnknownScope, UnknownUnit
from jinsanjiao_cli.text.i18n import join, t

if TYPE_CHECKING:  # core.targets imports this module
    from jinsanjiao_cli.core.targets import TargetInfo


@dataclass(frozen=True)
class Named:
    """Something with an official name, other names it is known by, and its place in the plan."""

    name: str
    other_names: tuple[str, ...] = ()


def normalise_name(text: str) -> str:
    """Fold full-width forms and case, and drop spaces, so '运城 市' and '運城市'-style typing compare equal."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(folded.split())


def _matches(candidates: list[Named], typed: str) -> list[Named]:
    key = normalise_name(typed)
    exact = [c for c in candidates if key in {normalise_name(n) for n in (c.name, *c.other_names)}]
    if exact:
        return exact
    # A fragment of a name ("人民政府", "运城市人") is accepted only when it points at one unit.
    return [c for c in candidates if key and any(key in normalise_name(n) for n in (c.name, *c.other_names))]


def resolve_unit(units: list[Named], typed: str) -> Named:
    """The unit meant by a full name, written name or alias; a unique fragment also works."""
    found = _matches(units, typed)
    if not found:
        raise UnknownUnit(t("lookup.unknown_unit", name=typed))
    if len(found) > 1:
        raise AmbiguousUnit(t("lookup.ambiguous_unit", name=typed, candidates=join([u.name for u in found])))
    return found[0]


def clash(units: list[Named], names: list[str]) -> tuple[str, str] | None:
    """(a name, the unit it already names) when one of `names` is some unit's name or other name, else None:
    a unit added beside the plan's must not make what people type ambiguous."""
    taken = {normalise_name(n): unit.name for unit in units for n in (unit.name, *unit.other_names)}
    for name in names:
        if normalise_name(name) in taken:
            return name, taken[normalise_name(name)]
    return None


def resolve_scope(scopes: list[Named], typed: str) -> Named:
    """A statistics scope by name or alias (运城 → 运城市); fragments are not guessed."""
    key = normalise_name(typed)
    for scope in scopes:
        if key in {normalise_name(n) for n in (scope.name, *scope.other_names)}:
            return scope
    raise UnknownScope(t("lookup.unknown_scope", name=typed, scopes=join([s.name for s in scopes])))


def find_target(infos: Sequence["TargetInfo"], typed: str) -> "TargetInfo":
    """A target by its key or indicator name."""
    key = normalise_name(typed)
    for info in infos:
        if key in {normalise_name(info.key), normalise_name(info.indicator)}:
            return info
    if not infos:
        raise UnknownScope(t("lookup.no_targets"))
    raise UnknownScope(t("lookup.unknown_target", key=typed, targets=join([i.key for i in infos])))


def find_statistics_scope(infos: Sequence["TargetInfo"], typed: str, target: str | None) -> tuple["TargetInfo", str]:
    """(target, scope name) for what `jsj indicator set` was given: one of a target's scopes (by name or
    alias), or, for a target measured over the plan's whole area, the target itself (by key or indicator).
    A zone is computed from its scopes, never entered."""
    if not infos:
        raise UnknownScope(t("lookup.no_targets"))
    chosen = [find_target(infos, target)] if target is not None else list(infos)
    key = normalise_name(typed)
    found = []
    for info in chosen:
        for scope in info.measured_scopes():
            if key in {normalise_name(n) for n in (scope.name, *scope.other_names)}:
                found.append((info, scope.name))
    if len(found) > 1:
        targets = join([info.key for info, _ in found])
        raise AmbiguousUnit(t("lookup.ambiguous_scope", name=typed, targets=targets))
    if not found:
        names = [s.name if s.name != "*" else i.key for i in chosen for s in i.measured_scopes()]
        raise UnknownScope(t("lookup.unknown_scope", name=typed, scopes=join(names)))
    return found[0]
