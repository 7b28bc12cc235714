"""`rasd serve`: the HTTP API and the dashboard over a store (see rasd.serve).

Writes (POST /api/documents) are enabled only when the environment variable RASD_API_TOKEN is set;
clients then send `Authorization: Bearer <token>`. The token is read from the environment, not from
an option, so it does not show in the process list. Exit codes: 2 for a missing or foreign database,
3 when the `api` extra (fastapi, uvicorn) is not installed.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import List, Optional

import typer

from rasd.cli.common import err_console, reports_errors


def serve_command(
    db: Path = typer.Option(..., "--db", help="SQLite database written by rasd ingest."),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on (127.0.0.1: this machine only)."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="TCP port."),
    max_body: int = typer.Option(1_000_000, "--max-body", min=1,
                                 help="Refuse request bodies larger than this (bytes)."),
    cors_origin: Optional[List[str]] = typer.Option(None, "--cors-origin", help="Allow cross-origin requests from "
                                                    "this origin (repeatable; none by default)."),
):
    """Serve the JSON API (/api, docs at /docs) and the dashboard (/) over the store."""
    from rasd.errors import require_extra
    require_extra("fastapi", "api")
    uvicorn = require_extra("uvicorn", "api")
    from rasd.serve import create_app
    token = os.environ.get("RASD_API_TOKEN") or None
    app = create_app(db, token=token, max_body_bytes=max_body, cors_origins=tuple(cors_origin or ()))
    writes = "enabled (RASD_API_TOKEN)" if token else "disabled (set RASD_API_TOKEN to enable)"
    err_console.print(f"rasd: serving {db} on http://{host}:{port}/  writes {writes}", highlight=False,
                      soft_wrap=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


def register(app: typer.Typer) -> None:
    app.command("serve")(reports_errors(serve_command))
