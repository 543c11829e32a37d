"""Spreadsheets in and out: `jsj export`, `jsj template`, `jsj import`, `jsj batches`, `jsj undo`."""

import typer


def register(app: typer.Typer) -> None:
    pass
