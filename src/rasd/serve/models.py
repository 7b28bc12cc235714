"""Pydantic models of the API's requests and responses: they are the OpenAPI document.

Design choice: the response models describe the fields rasd guarantees and allow extra keys
(`extra="allow"`), so a compatible addition to SCHEMA v1 (a new key in an entity or an event) flows
through to clients without a server change, as SCHEMA.md promises.
"""
from __future__ import annotations

from typing import Any, Optional

from pydantic import BaseModel, ConfigDict, Field


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class ErrorDetail(BaseModel):
    code: str = Field(description="Stable machine-readable code, e.g. not_found, unauthorized, R011.")
    message: str = Field(description="What went wrong, for people.")


class ErrorBody(BaseModel):
    error: ErrorDetail


class Health(BaseModel):
    status: str = Field(examples=["ok"])
    version: str
    documents: int
    events: int
    writes_enabled: bool = Field(description="True when RASD_API_TOKEN is set: POST /api/documents accepts writes.")


class Span(Open):
    start: Optional[int] = None
    end: Optional[int] = None
    text: Optional[str] = None


class Party(Span):
    country: Optional[str] = None
    sector: Optional[str] = None
    kb_id: Optional[str] = None
    name_en: Optional[str] = None


class Location(Span):
    place: Optional[str] = None
    country: Optional[str] = None
    admin1: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    precision: Optional[str] = Field(None, description="country | admin1 | city")


class EventSummary(BaseModel):
    id: int = Field(description="The event's row id in the store (stable for the life of the database).")
    document_id: int
    doc_id: str
    type: str = Field(description="PLOVER event type.")
    mode: Optional[str] = None
    trigger: Optional[Span] = None
    sentence: Optional[Span] = Field(None, description="The sentence the event was read from (document offsets).")
    actor: Optional[Party] = None
    recipient: Optional[Party] = None
    location: Optional[Location] = None
    date: Optional[dict[str, Any]] = None
    day: Optional[str] = Field(None, description="The event's date when known to the day, else the publication date.")
    counts: dict[str, Any] = Field(default_factory=dict)
    status: Optional[str] = None
    negated: bool = False
    confidence: Optional[float] = None
    source: Optional[str] = None
    published: Optional[str] = None
    title: Optional[str] = None
    url: Optional[str] = None
    story_id: Optional[int] = Field(None, description="Cross-source story cluster, when the store has one.")


class EventDetail(EventSummary):
    contexts: list[str] = Field(default_factory=list)
    historical: bool = False
    attribution: Optional[Span] = None
    evidence: list[Span] = Field(default_factory=list, description="Spans that support the event (document offsets).")
    event_key: Optional[str] = None


class EventPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[EventSummary]


class DocumentView(BaseModel):
    id: int
    doc_id: str
    title: Optional[str] = None
    published: Optional[str] = None
    source: Optional[str] = None
    url: Optional[str] = None
    text: str
    sentences: list[Span] = Field(default_factory=list)
    entities: list[Open] = Field(default_factory=list)
    actors: list[Open] = Field(default_factory=list)
    events: list[Open] = Field(default_factory=list, description="SCHEMA events; `row_id` links to /api/events/{id}.")


class SearchHit(BaseModel):
    id: int
    doc_id: str
    title: Optional[str] = None
    published: Optional[str] = None
    source: Optional[str] = None
    url: Optional[str] = None
    snippet: str
    score: float
    event_types: list[str] = Field(default_factory=list)


class SearchResult(BaseModel):
    query: str
    hits: list[SearchHit]


class DayCount(BaseModel):
    day: str
    type: str
    count: int


class PlaceCount(BaseModel):
    lat: float
    lon: float
    precision: Optional[str] = None
    place: Optional[str] = None
    country: Optional[str] = None
    count: int


class Stats(BaseModel):
    events: int = Field(description="Events that pass the filters.")
    documents: int = Field(description="Documents in the store.")
    by_type: dict[str, int]
    by_country: dict[str, int] = Field(description="Events per country of actor, recipient or location (once each).")
    by_source: dict[str, int]
    by_day: list[DayCount]
    places: list[PlaceCount] = Field(description="Map points: events per coordinate, most first.")


class AnalyzeRequest(BaseModel):
    text: str = Field(min_length=1, description="The article, as plain text.")
    published: Optional[str] = Field(None, description="YYYY-MM-DD, to resolve relative dates.")
    title: Optional[str] = None


class AnalyzedDocument(Open):
    id: str
    text: str
    sentences: list[Span] = Field(default_factory=list)
    entities: list[Open] = Field(default_factory=list)
    events: list[Open] = Field(default_factory=list)


class IngestRequest(AnalyzeRequest):
    id: Optional[str] = Field(None, description="Your id for the article (default: derived from the text).")
    url: Optional[str] = None
    source: Optional[str] = None


class IngestResult(BaseModel):
    id: int = Field(description="The document's row id (GET /api/documents/{id}).")
    created: bool = Field(description="False when the same content was already stored.")
    events: int
