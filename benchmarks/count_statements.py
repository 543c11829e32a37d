"""Count the SQL statements one jsj command sends through the Database object (issue 18's budget).

python benchmarks/count_statements.py status --db LEDGER
"""

import sys

from typer.testing import CliRunner

from jinsanjiao_cli.cli.app import app
from jinsanjiao_cli.ledger.db import Database

sent: list[str] = []
for name in ("query", "execute", "insert", "executemany", "copy_in", "stream"):
    original = getattr(Database, name)

    def counting(self, sql, *args, _original=original, **kwargs):
        sent.append(sql)
        return _original(self, sql, *args, **kwargs)

    setattr(Database, name, counting)

result = CliRunner().invoke(app, sys.argv[1:])
print(f"{len(sent)} statements, exit {result.exit_code}")
