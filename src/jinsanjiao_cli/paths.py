"""Where things live: the database file and the bundled plan."""

import os
from pathlib import Path

APP_NAME = "jsj"
DB_FILE_NAME = "jsj.sqlite3"


def database_path(option: Path | None = None) -> Path:
    """The database to use: `--db PATH`, else `JSJ_DB`, else jsj.sqlite3 in the platform's user data dir."""
    if option is not None:
        return option.expanduser()
    from_env = os.environ.get("JSJ_DB")
    if from_env:
        return Path(from_env).expanduser()
    from platformdirs import user_data_path  # imported here: most runs give --db or JSJ_DB

    return user_data_path(APP_NAME, appauthor=False) / DB_FILE_NAME


def bundled_plan_path() -> Path:
    """data/plan.yaml as shipped in the wheel, or the repository's copy when running from a checkout."""
    packaged = Path(__file__).parent / "data" / "plan.yaml"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "data" / "plan.yaml"
