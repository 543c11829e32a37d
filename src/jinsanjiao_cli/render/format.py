"""The output formats a listing command offers; declared here so that no renderer imports the CLI framework."""

from enum import Enum


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
