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
    from jinsanjiao_cli.ledger.picture import read_picture
    from jinsanjiao_cli.render.assess import show_assessment
    from jinsanjiao_cli.views import documents
    from jinsanjiao_cli.views.assessment import assessment

    day = as_of_date(as_of)
    picture = read_picture(open_db(db), day)
    scores = assessment(picture, progress.assess(picture.snapshot))
    show_assessment(documents.assessment_document(day, picture.weights, scores), output)


def attach(app: typer.Typer) -> None:
    app.command()(assess)
