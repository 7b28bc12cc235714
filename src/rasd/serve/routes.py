"""The /api routes. Every route has a summary, a response model and its error responses, so /openapi.json
documents the whole API (a test checks it).

Filters shared by /api/events, /api/stats and /api/export: `type` (repeatable), `country` (actor,
recipient or location, ISO alpha-3), `actor`, `since`/`until` (YYYY-MM-DD), `source`, `bbox`
(min_lon,min_lat,max_lon,max_lat) and `q` (full text). /api/export takes the filters of `rasd export`
(type, country, since, until, source: dates there are publication dates, as in the CLI).
"""
from __future__ import annotations

import datetime as dt
import os
import tempfile
from typing import Annotated, Literal, Optional

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request
from fastapi.responses import FileResponse, StreamingResponse
from starlette.background import BackgroundTask

from rasd import __version__
from rasd.serve.models import (AnalyzedDocument, AnalyzeRequest, DocumentView, ErrorBody, EventDetail, EventPage,
                               Health, IngestRequest, IngestResult, SearchResult, Stats)
from rasd.serve.streams import EXTENSIONS, MEDIA_TYPES, stream_export
from rasd.store import queries
from rasd.store.queries import MAX_PAGE, SORTS, EventQuery, QueryError
from rasd.store.search import SearchFilters
from rasd.store.search import search as find_documents

MAX_SEARCH = 100
router = APIRouter(prefix="/api")


def _errors(*codes: int) -> dict:
    descriptions = {400: "Unusable input (the message says why)", 401: "Missing or wrong bearer token",
                    403: "Writes are disabled (RASD_API_TOKEN is not set)", 404: "No such record",
                    413: "Request body too large", 422: "Invalid parameters", 500: "Internal error (no details)"}
    return {code: {"model": ErrorBody, "description": descriptions[code]} for code in (*codes, 422, 500)}


def state(request: Request):
    return request.app.state.rasd


def _bbox(value: Optional[str]) -> Optional[tuple[float, float, float, float]]:
    if not value:
        return None
    try:
        parts = tuple(float(p) for p in value.split(","))
    except ValueError:
        parts = ()
    if len(parts) != 4 or not (-180 <= parts[0] <= 180 and -180 <= parts[2] <= 180
                               and -90 <= parts[1] <= 90 and -90 <= parts[3] <= 90):
        raise HTTPException(422, "bbox must be four numbers: min_lon,min_lat,max_lon,max_lat")
    return parts  # type: ignore[return-value]


def _iso(value: Optional[dt.date]) -> Optional[str]:
    return value.isoformat() if value else None


def event_filters(
    type: Annotated[Optional[list[str]], Query(description="PLOVER event type; repeat for several.")] = None,
    country: Annotated[Optional[str], Query(max_length=64, description="ISO alpha-3 of the actor, recipient or "
                                            "location.")] = None,
    actor: Annotated[Optional[str], Query(max_length=200, description="Actor or recipient: KB id, or part of its "
                                          "text or English name.")] = None,
    since: Annotated[Optional[dt.date], Query(description="Event day on or after (YYYY-MM-DD).")] = None,
    until: Annotated[Optional[dt.date], Query(description="Event day on or before (YYYY-MM-DD).")] = None,
    source: Annotated[Optional[str], Query(max_length=200, description="Source name, exactly.")] = None,
    bbox: Annotated[Optional[str], Query(max_length=100, description="min_lon,min_lat,max_lon,max_lat")] = None,
    q: Annotated[Optional[str], Query(max_length=500, description="Full text: all words must occur in the "
                                      "article (normalised, clitics folded).")] = None,
) -> EventQuery:
    types = tuple(t.strip() for t in (type or []) for t in t.split(",") if t.strip())
    return EventQuery(types=types, country=country or None, actor=actor or None, since=_iso(since),
                      until=_iso(until), source=source or None, bbox=_bbox(bbox), q=q or None)


@router.get("/health", summary="Server and store status", response_model=Health, responses=_errors())
def health(st=Depends(state)):
    with st.pool.connection() as conn:
        documents = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        events = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    return {"status": "ok", "version": __version__, "documents": documents, "events": events,
            "writes_enabled": st.writes_enabled}


@router.get("/events", summary="List events (filtered, paginated, sorted)", response_model=EventPage,
            responses=_errors())
def list_events(filters: EventQuery = Depends(event_filters),
                limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Page size (at most {MAX_PAGE}).")] = 50,
                offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
                sort: Annotated[Literal[tuple(SORTS)], Query(description="Sort key; '-' for descending.")] = "-date",
                st=Depends(state)):
    with st.pool.connection() as conn:
        try:
            return queries.list_events(conn, filters, limit=limit, offset=offset, sort=sort)
        except QueryError as exc:
            raise HTTPException(422, str(exc)) from None


@router.get("/events/{event_id}", summary="One event with its evidence and sentence", response_model=EventDetail,
            responses=_errors(404))
def get_event(event_id: int, st=Depends(state)):
    with st.pool.connection() as conn:
        event = queries.get_event(conn, event_id)
    if event is None:
        raise HTTPException(404, f"no event with id {event_id}")
    return event


@router.get("/documents/{document_id}", summary="One article: text and layers for highlighting",
            response_model=DocumentView, responses=_errors(404))
def get_document(document_id: int, st=Depends(state)):
    with st.pool.connection() as conn:
        document = queries.get_document(conn, document_id)
    if document is None:
        raise HTTPException(404, f"no document with id {document_id}")
    return document


@router.get("/search", summary="Full-text search of the articles", response_model=SearchResult, responses=_errors())
def search(q: Annotated[str, Query(min_length=1, max_length=500, description="Words to find (Arabic, normalised).")],
           type: Annotated[Optional[str], Query(max_length=32)] = None,
           country: Annotated[Optional[str], Query(max_length=64)] = None,
           since: Annotated[Optional[dt.date], Query(description="Published on or after.")] = None,
           until: Annotated[Optional[dt.date], Query(description="Published on or before.")] = None,
           source: Annotated[Optional[str], Query(max_length=200)] = None,
           limit: Annotated[int, Query(ge=1, le=MAX_SEARCH)] = 20,
           st=Depends(state)):
    filters = SearchFilters(event_type=type or None, country=country or None, since=_iso(since), until=_iso(until),
                            source=source or None)
    with st.pool.connection() as conn:
        hits = find_documents(conn, q, filters, limit)
    return {"query": q, "hits": [hit.as_dict() for hit in hits]}


@router.get("/stats", summary="Counts by type, country, day and source, and map points", response_model=Stats,
            responses=_errors())
def stats(filters: EventQuery = Depends(event_filters), st=Depends(state)):
    return st.stats(filters)


@router.get("/export", summary="Download events (csv, geojson, plover) or documents (jsonl)",
            response_class=StreamingResponse, responses={
                200: {"description": "The export, streamed", "content": {t: {} for t in set(MEDIA_TYPES.values())}},
                **_errors(400)})
def export(format: Annotated[Literal["csv", "jsonl", "geojson", "plover", "parquet"], Query()] = "csv",
           type: Annotated[Optional[str], Query(max_length=32)] = None,
           country: Annotated[Optional[str], Query(max_length=64)] = None,
           since: Annotated[Optional[dt.date], Query(description="Published on or after.")] = None,
           until: Annotated[Optional[dt.date], Query(description="Published on or before.")] = None,
           source: Annotated[Optional[str], Query(max_length=200)] = None,
           st=Depends(state)):
    filters = SearchFilters(event_type=type or None, country=country or None, since=_iso(since), until=_iso(until),
                            source=source or None)
    headers = {"Content-Disposition": f'attachment; filename="rasd-events.{EXTENSIONS[format]}"'}
    if format == "parquet":
        return _parquet(st, filters, headers)
    conn = st.pool.acquire()
    body = stream_export(conn, format, filters, on_close=lambda: st.pool.release(conn))
    return StreamingResponse(body, media_type=MEDIA_TYPES[format], headers=headers)


def _parquet(st, filters: SearchFilters, headers: dict):
    from rasd.errors import require_extra
    from rasd.store.export import export as write_export
    require_extra("pyarrow", "export")
    fd, path = tempfile.mkstemp(prefix="rasd-export-", suffix=".parquet")
    os.close(fd)
    try:
        with st.pool.connection() as conn:
            write_export(conn, "parquet", path, filters)
    except BaseException:
        os.unlink(path)
        raise
    return FileResponse(path, media_type=MEDIA_TYPES["parquet"], headers=headers,
                        background=BackgroundTask(os.unlink, path))


@router.post("/analyze", summary="Analyse a posted article without storing it", response_model=AnalyzedDocument,
             responses=_errors(400, 413))
def analyze(body: AnalyzeRequest, st=Depends(state)):
    from rasd.model.serialize import to_dict
    doc = st.analyze(body.text, body.published, title=body.title, provenance={"input": "api"})
    return to_dict(doc)


def require_writer(request: Request, authorization: Annotated[Optional[str], Header(
        description="Bearer <RASD_API_TOKEN>")] = None):
    st = state(request)
    if not st.writes_enabled:
        raise HTTPException(403, "writes are disabled: start the server with RASD_API_TOKEN set")
    scheme, _, presented = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not st.token_matches(presented.strip()):
        raise HTTPException(401, "a valid 'Authorization: Bearer <token>' header is required",
                            headers={"WWW-Authenticate": "Bearer"})
    return st


@router.post("/documents", summary="Analyse one article and store it (needs the bearer token)", status_code=201,
             response_model=IngestResult, responses={200: {"model": IngestResult, "description": "Already stored"},
                                                     **_errors(400, 401, 403, 413)})
def add_document(body: IngestRequest, st=Depends(require_writer)):
    from fastapi.responses import JSONResponse
    from rasd.model.serialize import to_dict
    from rasd.store import Store
    from rasd.store.repository import content_hash
    doc = st.analyze(body.text, body.published, id=body.id or "", title=body.title, url=body.url, source=body.source,
                     provenance={"input": "api", "reader": "api"})
    analysed = to_dict(doc)
    with st.write_lock, Store.open(st.db_path) as store:
        row_id = store.add_document(analysed, provenance={"input": "api", "reader": "api"})
        if row_id is None:
            existing = queries.document_row_by_hash(store.conn, content_hash(body.text))
            return JSONResponse({"id": existing, "created": False, "events": len(analysed.get("events", []))},
                                status_code=200)
    st.days.refresh(force=True)
    return {"id": row_id, "created": True, "events": len(analysed.get("events", []))}
