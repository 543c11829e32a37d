"""Who may do what (多层级多权限): the portal's roles as pure rules, checked by the use cases in actions/.

A unit account acts for its own unit only: it reports, corrects its reports and raises problems on the
tasks its unit holds, and reads its own history and problems. An analyst does what the CLI does. A viewer
(a leader) reads everything and changes nothing. The CLI acts with no account: its user owns the ledger.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, NamedTuple

from jinsanjiao_cli.core.errors import Forbidden
from jinsanjiao_cli.text.i18n import t

Role = Literal["unit", "analyst", "viewer"]
ROLES: tuple[Role, ...] = ("unit", "analyst", "viewer")


class Actor(NamedTuple):
    """The account a use case acts for: its name (recorded as `recorded_by`), role and unit."""

    name: str
    role: Role
    unit: str | None  # the unit's plan name, for a unit account


def require_writer(actor: Actor | None) -> None:
    """A viewer changes nothing."""
    if actor is not None and actor.role == "viewer":
        raise Forbidden(t("access.read_only"))


def require_analyst(actor: Actor | None) -> None:
    """Voiding reports and closing or reopening problems are the analyst's (as on the CLI)."""
    if actor is not None and actor.role != "analyst":
        raise Forbidden(t("access.analyst_only"))


def require_own_unit(actor: Actor | None, unit: str) -> None:
    """A unit account touches only what belongs to its own unit; an analyst anything; a viewer nothing."""
    require_writer(actor)
    if actor is not None and actor.role == "unit" and actor.unit != unit:
        raise Forbidden(t("access.other_unit"))


def require_may_read_unit(actor: Actor | None, unit: str) -> None:
    """A unit reads its own history and problems; analysts and viewers read every unit's."""
    if actor is not None and actor.role == "unit" and actor.unit != unit:
        raise Forbidden(t("access.other_unit"))


def require_responsible(actor: Actor | None, task_no: int, responsible: Iterable[str]) -> None:
    """A unit account reports and raises problems only on tasks its unit is responsible for."""
    require_writer(actor)
    if actor is not None and actor.role == "unit" and actor.unit not in set(responsible):
        raise Forbidden(t("access.not_responsible", no=task_no))


class Account(NamedTuple):
    """A portal account as stored (the hash never leaves the ledger in a document)."""

    id: int
    name: str
    role: str
    unit: str | None  # the unit's plan name, for a unit account
    password_hash: str
    disabled: bool
    failed_logins: int
    locked_until: str | None
    created_at: str
    created_by: str
