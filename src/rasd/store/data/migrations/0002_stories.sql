-- rasd store, migration 2: one event, many reports.
-- Near-duplicate documents (MinHash/LSH, rasd.store.dedup) and stories: the event mentions of different
-- articles that describe the same real-world event (rasd.store.stories). Only additions: the tables and
-- columns of migration 1 keep their names and meaning.

CREATE TABLE store_meta (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

-- cluster_id: documents.id of the first stored document of its near-duplicate cluster (its own id when it
-- is the first); NULL only for documents stored before this migration, until the next ingest places them.
-- near_duplicate_of: the earlier document it is most similar to (NULL when none reaches the threshold);
-- similarity: the estimated Jaccard similarity of their word shingles.
ALTER TABLE documents ADD COLUMN cluster_id INTEGER;
ALTER TABLE documents ADD COLUMN near_duplicate_of INTEGER;
ALTER TABLE documents ADD COLUMN similarity REAL;
CREATE INDEX documents_cluster ON documents(cluster_id);

CREATE TABLE document_signatures (
    document_id  INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    signature    BLOB NOT NULL                 -- MinHash values, 4 bytes little-endian each
);

CREATE TABLE minhash_bands (
    band         INTEGER NOT NULL,             -- 63-bit hash of one band of the signature (with its position)
    document_id  INTEGER NOT NULL,
    PRIMARY KEY (band, document_id)
) WITHOUT ROWID;

-- One row per story. events.story_id (migration 1) points here; every event of a document stored after
-- this migration has one (a story of one event when nothing else matches).
-- day: the anchor day of its first event (the event's own date when it is a day, else the article's
-- publication date); NULL when neither is known (such a story never gains other events).
-- counts / dates: conflicting values are kept, never averaged: JSON
--   counts = {"dead": [{"value": 5, "documents": ["doc-a", "doc-b"]}, {"value": 7, "documents": ["doc-c"]}], ...}
--   dates  = [{"value": "2022-01-13", "documents": [...]}, ...]   (events.date_iso values)
CREATE TABLE stories (
    id                 INTEGER PRIMARY KEY,
    type               TEXT NOT NULL,
    negated            INTEGER NOT NULL DEFAULT 0,
    day                TEXT,
    first_event_id     INTEGER NOT NULL,
    first_document_id  INTEGER NOT NULL,
    num_events         INTEGER NOT NULL,
    num_articles       INTEGER NOT NULL,
    num_sources        INTEGER NOT NULL,
    date_min           TEXT,
    date_max           TEXT,
    location_country   TEXT,
    place              TEXT,
    lat                REAL,
    lon                REAL,
    actor_country      TEXT,
    recipient_country  TEXT,
    counts             TEXT NOT NULL,
    dates              TEXT NOT NULL,
    conflicts          TEXT NOT NULL,          -- JSON list of the fields whose values disagree ("dead", "date", ...)
    updated_at         TEXT NOT NULL
);
CREATE INDEX stories_type_day ON stories(type, day);

-- The lookup index of story linking: one 63-bit hash per (type, negation, anchor day, kind of evidence,
-- value) of an event, for the evidence kinds that can link on their own (place, actor or recipient
-- knowledge-base id, the three countries together); see rasd.store.stories.
CREATE TABLE story_keys (
    key       INTEGER NOT NULL,
    event_id  INTEGER NOT NULL,
    PRIMARY KEY (key, event_id)
) WITHOUT ROWID;
CREATE INDEX stories_articles ON stories(num_articles);
CREATE INDEX events_story ON events(story_id);
