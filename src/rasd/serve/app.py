"""The FastAPI application of `rasd serve`: the JSON API under /api, the dashboard at /, the docs at /docs.

    >>> from rasd.serve import create_app
    >>> app = create_app("news.db", token=os.environ.get("RASD_API_TOKEN"))   # then: uvicorn.run(app)

Design choices:
- A factory, not a module-level app: the database path, the write token and the limits are
  arguments, so tests build as many apps as they need and nothing reads the environment by surprise
  (the `rasd serve` command passes RASD_API_TOKEN).
- Reads go through a pool of read-only connections (safety.ReadPool) that see the side index of
  event days (dayindex.DayIndex); the one write route opens the store as a writer per request under
  a process-wide lock, and SQLite's WAL lets reads continue.
- The pipeline is built on first use (the first POST /api/analyze or /api/documents takes seconds)
  and called under a lock: its CRF tagger is not documented as thread-safe, and the server is for
  a team, not for the internet at large.
- Writes need `Authorization: Bearer <token>`; without a configured token they are disabled (403),
  with a wrong or missing one they are refused (401). Tokens are compared in constant time.
- The docs page is Swagger UI served from the installed `swagger-ui-bundle-v2` wheel (Apache-2.0,
  Swagger UI 5, which reads OpenAPI 3.1) — no CDN. Without that package /docs is a small page of
  ours that lists the operations of /openapi.json.
"""
from __future__ import annotations

import hmac
import logging
import threading
from collections import OrderedDict
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Optional, Sequence

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from rasd import __version__
from rasd.errors import InputTooLarge, RasdError
from rasd.serve.dayindex import DayIndex
from rasd.serve.safety import GuardMiddleware, ReadPool, error_body
from rasd.store.db import StoreError, connect

log = logging.getLogger("rasd.serve")

DEFAULT_MAX_BODY = 1_000_000
STATS_CACHE_SIZE = 256
STATUS_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
                405: "method_not_allowed", 413: "payload_too_large", 422: "invalid_request", 429: "too_many_requests"}


class ServeState:
    """What the routes share: the database, the read pool, the token, the lazily built pipeline."""

    def __init__(self, db_path: Path, token: Optional[str], pipeline=None, pool_size: int = 40):
        self.db_path = db_path
        self.token = token or None
        self.days = DayIndex(db_path)
        self.pool = ReadPool(db_path, size=pool_size, setup=self.days.attach, before_use=self.days.refresh)
        self._pipeline = pipeline
        self.pipeline_lock = threading.Lock()
        self._stats: OrderedDict = OrderedDict()
        self._stats_lock = threading.Lock()
        self.write_lock = threading.Lock()

    def close(self) -> None:
        self.pool.close()
        self.days.close()

    def warm(self, query) -> None:
        try:
            self.stats(query)
        except Exception:  # the server may be stopping already; a request will compute it again
            log.debug("warming the stats cache failed", exc_info=True)

    def stats(self, query):
        """queries.stats, remembered per filter until the store gains documents or events.

        The store is append-only (ingest adds; nothing in rasd edits a stored event), so the pair of
        largest ids identifies its content for this purpose; aggregating every event of a full corpus
        takes over a second, and the dashboard asks for the same figures at every visit.
        """
        from rasd.store import queries
        with self.pool.connection() as conn:
            version = conn.execute("SELECT (SELECT MAX(id) FROM events), (SELECT MAX(id) FROM documents)").fetchone()
            key = (query, tuple(version))
            with self._stats_lock:
                if key in self._stats:
                    self._stats.move_to_end(key)
                    return self._stats[key]
            result = queries.stats(conn, query)
        with self._stats_lock:
            self._stats[key] = result
            while len(self._stats) > STATS_CACHE_SIZE:
                self._stats.popitem(last=False)
        return result

    @property
    def writes_enabled(self) -> bool:
        return self.token is not None

    def token_matches(self, presented: str) -> bool:
        return self.token is not None and hmac.compare_digest(presented.encode("utf-8"), self.token.encode("utf-8"))

    def analyze(self, text: str, published=None, **meta):
        with self.pipeline_lock:
            if self._pipeline is None:
                from rasd.pipeline.runner import Pipeline
                self._pipeline = Pipeline()
            return self._pipeline.analyze(text, published, **meta)


def _json_error(status: int, code: str, message: str, headers: Optional[dict] = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        code = STATUS_CODES.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        return _json_error(exc.status_code, code, message, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        parts = []
        for error in exc.errors()[:5]:
            where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "body", "path"))
            parts.append(f"{where}: {error.get('msg')}" if where else str(error.get("msg")))
        return _json_error(422, "invalid_request", "; ".join(parts) or "invalid request")

    @app.exception_handler(RasdError)
    async def rasd_error(request: Request, exc: RasdError):
        status = 413 if isinstance(exc, InputTooLarge) else 400
        return _json_error(status, exc.code, exc.message)

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception):
        log.exception("internal error on %s %s", request.method, request.url.path)
        return _json_error(500, "internal", "internal server error (the server log has the details)")


def static_dir() -> Path:
    return Path(str(resources.files("rasd.serve").joinpath("static")))


def _swagger_assets() -> Optional[Path]:
    try:
        from swagger_ui_bundle import swagger_ui_path
    except ImportError:
        return None
    path = Path(str(swagger_ui_path))
    return path if (path / "swagger-ui-bundle.js").is_file() else None


def _install_pages(app: FastAPI) -> None:
    static = static_dir()
    app.mount("/static", StaticFiles(directory=static), name="static")
    assets = _swagger_assets()
    if assets is not None:
        app.mount("/docs/assets", StaticFiles(directory=assets), name="swagger-ui")
    docs_page = (static / ("docs.html" if assets is not None else "docs-lite.html")).read_text("utf-8")

    @app.get("/", include_in_schema=False)
    def dashboard():
        return FileResponse(static / "index.html", media_type="text/html; charset=utf-8")

    @app.get("/docs", include_in_schema=False)
    def docs():
        return HTMLResponse(docs_page)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon():
        return FileResponse(static / "favicon.svg", media_type="image/svg+xml")


def create_app(db_path: str | Path, *, token: Optional[str] = None, max_body_bytes: int = DEFAULT_MAX_BODY,
               cors_origins: Sequence[str] = (), pipeline=None, pool_size: int = 40) -> FastAPI:
    """The rasd web application over the store at `db_path` (which must exist).

    token: the bearer token that enables POST /api/documents (None: writes disabled, 403).
    max_body_bytes: larger request bodies get 413. cors_origins: origins allowed by CORS (none by default).
    pipeline: a rasd Pipeline for the analyse/ingest routes (default: built on first use).
    """
    db_path = Path(db_path)
    if not db_path.is_file():
        raise StoreError("no such database (create it with `rasd ingest`)", source=str(db_path))
    connect(db_path, readonly=True).close()  # refuse a foreign or newer database now, not at the first request

    from rasd.serve.routes import router

    state = ServeState(db_path, token, pipeline, pool_size)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        from rasd.store.queries import EventQuery
        # The dashboard's first view: computed while the server starts taking requests.
        threading.Thread(target=state.warm, args=(EventQuery(),), daemon=True, name="rasd-warm-stats").start()
        try:
            yield
        finally:
            state.close()

    app = FastAPI(title="rasd", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Arabic news events (PLOVER) with their evidence: query, search, export, analyse.")
    app.state.rasd = state
    _install_error_handlers(app)
    app.include_router(router)
    _install_pages(app)
    if cors_origins:
        from fastapi.middleware.cors import CORSMiddleware
        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"])
    app.add_middleware(GuardMiddleware, max_body_bytes=max_body_bytes)
    return app


__all__ = ["create_app", "ServeState", "error_body", "DEFAULT_MAX_BODY"]
