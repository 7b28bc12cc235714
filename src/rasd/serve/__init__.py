"""`rasd serve`: a JSON API over the store and an offline dashboard (needs the `api` extra: fastapi, uvicorn).

Importing this package is cheap; FastAPI is imported when an app is created, and a missing extra
raises the standard MissingExtra error (exit code 3 from the CLI).
"""
from __future__ import annotations


def create_app(db_path, **options):
    """See rasd.serve.app.create_app."""
    from rasd.errors import require_extra
    require_extra("fastapi", "api")
    from rasd.serve.app import create_app as factory
    return factory(db_path, **options)


__all__ = ["create_app"]
