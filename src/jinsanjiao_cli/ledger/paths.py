"""Where things live: the ledger (`--db`, else JSJ_DB, else the platform data dir) and the plan."""

import os
from pathlib import Path

from jinsanjiao_cli.core.errors import BadValue
from jinsanjiao_cli.ledger.db.location import Location, parse_location, sqlite_file
from jinsanjiao_cli.text.i18n import t

APP_NAME = "jsj"
DB_FILE_NAME = "jsj.sqlite3"


def database_location(option: str | None = None) -> Location:
    """The ledger to use: `--db` (a path or URL), else `JSJ_DB`, else jsj.sqlite3 in the user data dir.
    An empty `--db ""` is refused rather than taken for "not given" (an unset variable in a script would
    otherwise switch to the default ledger); an empty JSJ_DB is the variable unset."""
    if option is not None and not option.strip():
        raise BadValue(t("db.empty_option"))
    chosen = option if option is not None else os.environ.get("JSJ_DB")
    if chosen:
        return parse_location(chosen)
    from platformdirs import user_data_path  # imported here: most runs give --db or JSJ_DB

    return sqlite_file(user_data_path(APP_NAME, appauthor=False) / DB_FILE_NAME)


def is_default_location(option: str | None = None) -> bool:
    """Whether neither `--db` nor JSJ_DB names the ledger: only there is one created on first use."""
    return option is None and not os.environ.get("JSJ_DB")


def bundled_plan_path() -> Path:
    """data/plan.yaml as shipped in the wheel, or the repository's copy when running from a checkout."""
    packaged = Path(__file__).parents[1] / "data" / "plan.yaml"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[3] / "data" / "plan.yaml"


def default_plan_path() -> Path:
    """The plan a new ledger gets: JSJ_PLAN if set, else the bundled plan."""
    chosen = os.environ.get("JSJ_PLAN")
    return Path(chosen).expanduser() if chosen else bundled_plan_path()
