"""CPU seconds per phase of one import (issue 23): python benchmarks/import_phases.py FILE LEDGER

Each phase is a method of the importer wrapped with time.process_time (CPU, so a loaded machine moves it
less than wall time); "check chunk" excludes the staging it calls. The ledger is written: use a copy."""

import collections
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinsanjiao_cli.actions import importing
from jinsanjiao_cli.io.sheets import rows
from jinsanjiao_cli.ledger import staging
from jinsanjiao_cli.ledger.opening import open_ledger

spent: dict[str, float] = collections.defaultdict(float)


def timed(owner: Any, name: str, label: str) -> None:
    original: Callable[..., Any] = getattr(owner, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            spent[label] += time.process_time() - start

    setattr(owner, name, wrapper)


def main() -> None:
    timed(rows.ReportSheet, "_parse_chunk", "converting cells (rows.py)")
    timed(staging.ImportStage, "add", "staging: building and inserting rows")
    timed(importing._Import, "_check_chunk", "per-row checks")
    timed(staging.ImportStage, "mark_firsts", "in-file duplicates (mark_firsts)")
    timed(staging.ImportStage, "regressions", "warning pass, incl. in-file duplicates")
    timed(staging.ImportStage, "write_batch", "write batch (dedupe against the ledger, insert, counts)")
    db = open_ledger(sys.argv[2])
    start = time.process_time()
    importing.run_import(db, importing.ImportRequest(file=Path(sys.argv[1])))
    spent["run_import"] = time.process_time() - start
    spent["per-row checks"] -= spent["staging: building and inserting rows"]
    for label, seconds in spent.items():
        print(f"{seconds:6.3f}  {label}")
    print(f"{time.process_time():6.3f}  the process (imports included)")


if __name__ == "__main__":
    main()
