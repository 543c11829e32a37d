"""`jsj assess`: the assessment score of every responsible unit (结果考评)."""

import typer

from jinsanjiao_cli.cli.options import AsOfOption, DbOption, Format, FormatOption, LangOption


def assess(
    as_of: AsOfOption = None, output: FormatOption = Format.table, db: DbOption = None, lang: LangOption = None
) -> None:
    """Score every responsible unit: progress against schedule, reporting, problems closed on time.

    Each component is shown beside the score. Example: jsj assess --as-of 2022-12-31 --format csv
    """
    from jinsanjiao_cli.cli.common import as_of_date, open_db
    from jinsanjiao_cli.core import progress
    from jinsanjiao_cli.ledger import store
    from jinsanjiao_cli.render.assess import show_assessment
    from jinsanjiao_cli.views import documents, report

    ledger = open_db(db)
    day = as_of_date(as_of)
    overview = progress.assess(store.snapshot(ledger, day, with_activity=False))
    scores = report.assessment(ledger, overview)
    show_assessment(documents.assessment_document(day, report.assessment_weights(ledger), scores), output)


def register(app: typer.Typer) -> None:
    app.command()(assess)
