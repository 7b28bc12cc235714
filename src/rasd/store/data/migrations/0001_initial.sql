-- rasd store, migration 1: documents with their analysis layers, sources, and the full-text index.
-- Offsets are Python str indices into documents.text, end exclusive (SCHEMA.md).

CREATE TABLE sources (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    first_seen  TEXT NOT NULL
);

CREATE TABLE documents (
    id            INTEGER PRIMARY KEY,
    doc_id        TEXT NOT NULL,             -- the id given with the input, or one derived from the text
    content_hash  TEXT NOT NULL UNIQUE,      -- sha256 of the normalised text: the idempotency key
    text          TEXT NOT NULL,
    published     TEXT,                      -- YYYY-MM-DD
    source_id     INTEGER REFERENCES sources(id),
    url           TEXT,
    title         TEXT,
    author        TEXT,
    provenance    TEXT NOT NULL,             -- JSON: input, member, line/record, encoding, reader
    analysed      TEXT NOT NULL,             -- JSON: the full SCHEMA document
    word_count    INTEGER NOT NULL,
    ingested_at   TEXT NOT NULL
);
CREATE INDEX documents_published ON documents(published);
CREATE INDEX documents_source ON documents(source_id);
CREATE INDEX documents_url ON documents(url);

CREATE TABLE entities (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start        INTEGER NOT NULL,
    "end"        INTEGER NOT NULL,
    text         TEXT NOT NULL,
    label        TEXT NOT NULL,
    subtype      TEXT,
    kb_id        TEXT,
    country      TEXT,
    sector       TEXT,
    name_en      TEXT
);
CREATE INDEX entities_document ON entities(document_id);
CREATE INDEX entities_kb ON entities(kb_id);

CREATE TABLE actors (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start        INTEGER NOT NULL,
    "end"        INTEGER NOT NULL,
    text         TEXT NOT NULL,
    kind         TEXT,
    kb_id        TEXT,
    country      TEXT,
    sector       TEXT,
    name_en      TEXT
);
CREATE INDEX actors_document ON actors(document_id);

-- One row per event mention. story_id is filled by the cross-source clustering of a later migration
-- (one real-world event, many reports); it stays NULL until then.
CREATE TABLE events (
    id                 INTEGER PRIMARY KEY,
    document_id        INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    event_key          TEXT,                 -- the event's id inside its document
    type               TEXT NOT NULL,
    mode               TEXT,
    contexts           TEXT NOT NULL,        -- JSON list
    trigger_start      INTEGER,
    trigger_end        INTEGER,
    trigger_text       TEXT,
    sentence_start     INTEGER,
    sentence_end       INTEGER,
    actor              TEXT,                 -- JSON party (with offsets) or NULL
    actor_country      TEXT,
    actor_sector       TEXT,
    recipient          TEXT,
    recipient_country  TEXT,
    recipient_sector   TEXT,
    location           TEXT,                 -- JSON place or NULL
    location_country   TEXT,
    lat                REAL,
    lon                REAL,
    date               TEXT,                 -- JSON when or NULL
    date_iso           TEXT,
    date_precision     TEXT,
    counts             TEXT NOT NULL,        -- JSON object
    attribution        TEXT,                 -- JSON span or NULL
    status             TEXT,
    negated            INTEGER NOT NULL DEFAULT 0,
    historical         INTEGER NOT NULL DEFAULT 0,
    confidence         REAL,
    evidence           TEXT NOT NULL,        -- JSON list of spans
    story_id           INTEGER
);
CREATE INDEX events_document ON events(document_id);
CREATE INDEX events_type ON events(type);
CREATE INDEX events_actor_country ON events(actor_country);
CREATE INDEX events_recipient_country ON events(recipient_country);
CREATE INDEX events_location_country ON events(location_country);
CREATE INDEX events_date ON events(date_iso);

-- Contentless: the index holds normalised surfaces and clitic-free stems (see rasd.store.search);
-- the rowid is documents.id and snippets are cut from documents.text.
CREATE VIRTUAL TABLE documents_fts USING fts5(title, body, content='', tokenize='unicode61 remove_diacritics 0');
