"""Errors a user can cause, and the exit statuses they end in. Each message is the one-line sentence the CLI
prints; the CLI maps them to exit statuses."""

from enum import IntEnum


class ExitStatus(IntEnum):
    """How a command ends, for scripts and cron (docs/json.md "Exit codes")."""

    OK = 0
    ERROR = 1  # something the user can fix; one line on stderr
    USAGE = 2  # a missing or unknown option, a bad choice
    THRESHOLD = 3  # --fail-on found what it was asked to watch for
    DELIVERY = 4  # a notice could not be delivered to every address
    INTERRUPTED = 130  # Ctrl-C


class JsjError(Exception):
    """Base class: something the user asked for cannot be done. The message is shown as is."""

    exit_code = ExitStatus.ERROR
    field: str | None = None  # the input at fault, where one is (a report's field: the form shows it there)


class PlanError(JsjError):
    """plan.yaml is malformed or contradicts itself; the message names the file and field."""


class PlanConflict(JsjError):
    """Reloading the plan would orphan recorded progress (a task, assignment or project that has milestones)."""


class UnknownTask(JsjError):
    """The task number is not in the plan."""


class UnknownUnit(JsjError):
    """No unit matches the name, written name or alias given."""


class AmbiguousUnit(JsjError):
    """The name given matches several units; the message lists them."""


class NotResponsible(JsjError):
    """The unit is not responsible for the task; the message lists those that are."""


class UnknownProject(JsjError):
    """The project is not listed under the task."""


class OptionsConflict(JsjError):
    """Options given together that do not go together (`--dry-run` without `--send`): a usage error."""

    exit_code = ExitStatus.USAGE


class BadValue(JsjError):
    """A value (progress, date, year, number) is malformed or out of range."""


class UnknownScope(JsjError):
    """The statistics scope is not one the target covers."""


class BadFile(JsjError):
    """An input file cannot be read: not a spreadsheet, corrupt, empty, undecodable, no header."""


class InvalidRows(JsjError):
    """An import found invalid rows and wrote nothing; the rows are listed separately."""


class UnknownBatch(JsjError):
    """No import batch has that id."""


class BatchUndone(JsjError):
    """The batch was undone already."""


class DatabaseError(JsjError):
    """The database cannot be opened, is not a jsj database, or refused an operation (busy, read-only, full)."""


class DatabaseTooNew(DatabaseError):
    """The database records schema steps this jsj does not know: a newer jsj wrote it."""


class Forbidden(JsjError):
    """The account may not do this: another unit's report or problem, or a change by a reader (web: 403)."""


class NotSignedIn(JsjError):
    """A login refused: wrong name or password, a locked or disabled account, too many tries."""
