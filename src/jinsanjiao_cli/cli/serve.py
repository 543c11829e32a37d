"""`jsj serve`: the web portal (网上填报) on the ledger. FastAPI and uvicorn are imported only here, inside
the command, and only when it runs (pip install "jsj[web]")."""

from typing import Annotated

import typer

from jinsanjiao_cli.cli.options import DbOption


def serve(
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (an office serves it behind its proxy).")
    ] = ("127.0.0.1"),
    port: Annotated[int, typer.Option("--port", help="TCP port.", min=1, max=65535)] = 8000,
    root_path: Annotated[
        str, typer.Option("--root-path", help="The path prefix the reverse proxy serves the portal under (/jsj).")
    ] = "",
    idle_hours: Annotated[
        float, typer.Option("--idle-hours", help="A session unused this many hours ends.", min=0.05, max=24 * 30)
    ] = 8.0,
    https: Annotated[
        bool,
        typer.Option(
            "--https", help="Always mark the cookie Secure (else: when the proxy says X-Forwarded-Proto https)."
        ),
    ] = False,
    forwarded_allow_ips: Annotated[
        str,
        typer.Option(
            "--forwarded-allow-ips", help="Proxies whose X-Forwarded-For/-Proto are believed (comma-separated)."
        ),
    ] = "127.0.0.1",
    workers: Annotated[int, typer.Option("--workers", help="Connections to the ledger kept open.", min=1, max=64)] = 8,
    db: DbOption = None,
) -> None:
    """Start the web portal: units report online, analysts and leaders read status, reporting and problems.

    Example: jsj serve --port 8000 --root-path /jsj
    """
    import datetime as dt

    from jinsanjiao_cli.actions.accounts import MissingExtra
    from jinsanjiao_cli.cli.common import open_db
    from jinsanjiao_cli.text.i18n import t

    ledger = open_db(db)  # created and migrated here, once, before the first request
    try:
        import uvicorn

        from jinsanjiao_cli.web.app import Settings, create_app
    except ImportError as exc:
        raise MissingExtra(t("web.missing_extra", module=exc.name)) from exc
    settings = Settings(
        location=ledger.location,
        root_path=root_path.rstrip("/"),
        idle=dt.timedelta(hours=idle_hours),
        always_secure=https,
        connections=workers,
    )
    ledger.close()
    typer.echo(t("web.serving", url=f"http://{host}:{port}{settings.root_path}/"), err=True)
    uvicorn.run(
        create_app(settings),
        host=host,
        port=port,
        root_path=settings.root_path,
        proxy_headers=True,
        forwarded_allow_ips=forwarded_allow_ips,
        server_header=False,
        # Longer than a person's pause between two pages, and than a proxy's idle upstream connection
        # (nginx: 60 s): a connection reused just as the server closes it would fail the request.
        timeout_keep_alive=75,
        log_level="warning",
        access_log=False,
    )


def attach(app: typer.Typer) -> None:
    app.command()(serve)
