"""The web portal (`jsj serve`, 网上填报): a second door into the same house as the CLI.

Routes parse a form or a URL, call the same use cases as the CLI (actions/: record, amend, void, the
problem list, status, the reporting picture, the export and the bulletin) and render what they return
with Jinja2 templates. Nothing here imports Typer, checks a report, or speaks SQL; the rules and the
words are those of core/, actions/ and text/. Pages work without JavaScript.
"""
