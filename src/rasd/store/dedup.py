"""Near-duplicate articles: MinHash signatures over word shingles, LSH band hashes kept in SQLite.

The same story republished by several outlets (a wire item with a new first line, a few words
changed) should be recognised as one cluster of documents, not as unrelated articles.

Design choices:
- Shingles are runs of SHINGLE_WORDS consecutive words of the normalised text (normalize_string:
  hamza forms, ta marbuta, alef maqsura, diacritics and tatweel folded), so spelling variants of the
  same sentence give the same shingles. A text shorter than that is one shingle.
- MinHash from datasketch with fixed parameters (NUM_PERM permutations, seed 1, the "affine32"
  scheme, sha1 hashing): the signature of a text is the same in every process and every run, which
  is what makes clustering deterministic and signatures storable. The parameters are written into the
  store (`store_meta`); a store signed with other parameters has its signatures recomputed from the
  stored texts before new ones are compared with them.
- LSH without process memory: the signature is cut into BANDS bands of ROWS values; each band is
  hashed (blake2b, with the band's number) into a 63-bit integer stored in `minhash_bands`
  (band, document_id), a WITHOUT ROWID table whose primary key is the lookup index. Candidates of a
  new document are the documents sharing at least one band hash: one indexed SQL query, which works
  the same for one run or many, one writer or a rerun after kill -9 (the bands are written in the
  document's own transaction). With 32 bands of 4 rows a pair with Jaccard similarity 0.5 becomes a
  candidate with probability 0.87, at 0.6 with 0.99, at 0.3 with 0.23.
- Candidates are verified with the signatures themselves (the share of equal MinHash values estimates
  the Jaccard similarity) against DUPLICATE_SIMILARITY; the best match (highest similarity, then the
  earliest document) is `near_duplicate_of`, and the new document joins that document's cluster.
- A document at least INDEX_SIMILARITY similar to an earlier one is not indexed itself (no bands, no
  signature): whatever would find it finds its original. Without this, a template published every
  day (prayer times, a market report) would make one band lookup return ever more documents.
  Clusters never merge and a stored document never changes cluster: a document's cluster is decided
  once, from what was stored before it, so an incremental run gives what one run over the same inputs
  in the same order gives.
"""
from __future__ import annotations

import hashlib
import re
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional, Sequence

from rasd.errors import require_extra
from rasd.text.normalize import normalize_string

NUM_PERM = 128
BANDS, ROWS = 32, 4
SHINGLE_WORDS = 3
SEED = 1
SCHEME = "affine32"
DUPLICATE_SIMILARITY = 0.5
INDEX_SIMILARITY = 0.9
MAX_CANDIDATES = 64
PARAMETERS = f"datasketch-{SCHEME} seed={SEED} perm={NUM_PERM} bands={BANDS}x{ROWS} shingle={SHINGLE_WORDS}w"

_WORD = re.compile(r"\w+")
assert BANDS * ROWS == NUM_PERM


def shingles(text: str) -> list[bytes]:
    """The distinct word shingles of `text` (UTF-8), in first-occurrence order; [] for a text without words."""
    words = _WORD.findall(normalize_string(text))
    if not words:
        return []
    if len(words) <= SHINGLE_WORDS:
        return [" ".join(words).encode("utf-8")]
    grams = (" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1))
    return [g.encode("utf-8") for g in dict.fromkeys(grams)]


@lru_cache(maxsize=1)
def available() -> bool:
    """Whether datasketch is installed. Without it documents are stored unclustered (cluster_id NULL) and
    the first write with it installed places them, in order (Store.place_pending)."""
    try:
        import datasketch  # noqa: F401
    except ImportError:
        return False
    return True


@lru_cache(maxsize=1)
def _permutations():
    datasketch = require_extra("datasketch", "ingest")
    return datasketch.MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def signature(text: str) -> Optional[list[int]]:
    """The MinHash signature of `text` (NUM_PERM unsigned 32-bit values), None when it has no words."""
    grams = shingles(text)
    if not grams:
        return None
    datasketch = require_extra("datasketch", "ingest")
    minhash = datasketch.MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, permutations=_permutations())
    minhash.update_batch(grams)
    return [int(v) for v in minhash.hashvalues]


def pack(values: Sequence[int]) -> bytes:
    return b"".join(int(v).to_bytes(4, "little") for v in values)


def unpack(blob: bytes) -> list[int]:
    return [int.from_bytes(blob[i:i + 4], "little") for i in range(0, len(blob), 4)]


def band_hashes(values: Sequence[int]) -> list[int]:
    """One signed 63-bit integer per band (SQLite INTEGER), distinct across band positions."""
    out = []
    for band in range(BANDS):
        chunk = pack(values[band * ROWS:(band + 1) * ROWS])
        digest = hashlib.blake2b(band.to_bytes(2, "little") + chunk, digest_size=8).digest()
        out.append(int.from_bytes(digest, "little") >> 1)
    return out


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of the two texts behind the signatures."""
    return sum(1 for x, y in zip(a, b) if x == y) / NUM_PERM


@dataclass(frozen=True)
class Placement:
    cluster_id: int
    near_duplicate_of: Optional[int]
    similarity: Optional[float]


def place_document(conn: sqlite3.Connection, document_id: int, values: Optional[Sequence[int]]) -> Placement:
    """Store the document's signature and bands and decide its cluster; runs inside the caller's transaction.

    Only documents stored before this one (smaller ids) are compared with it.
    """
    if values is None:
        conn.execute("UPDATE documents SET cluster_id = ? WHERE id = ?", (document_id, document_id))
        return Placement(document_id, None, None)
    bands = band_hashes(values)
    marks = ",".join("?" * len(bands))
    candidates = conn.execute(
        f"SELECT b.document_id, COUNT(*) AS shared FROM minhash_bands b WHERE b.band IN ({marks}) "
        f"AND b.document_id < ? GROUP BY b.document_id ORDER BY shared DESC, b.document_id LIMIT {MAX_CANDIDATES}",
        (*bands, document_id)).fetchall()
    best: Optional[tuple[float, int, int]] = None  # (similarity, -id, cluster)
    if candidates:
        ids = [row[0] for row in candidates]
        rows = conn.execute(
            f"SELECT s.document_id, s.signature, d.cluster_id FROM document_signatures s JOIN documents d "
            f"ON d.id = s.document_id WHERE s.document_id IN ({','.join('?' * len(ids))})", ids).fetchall()
        for other, blob, cluster in rows:
            score = similarity(values, unpack(blob))
            if score >= DUPLICATE_SIMILARITY and (best is None or (score, -other) > best[:2]):
                best = (score, -other, cluster if cluster is not None else other)
    if best is None or best[0] < INDEX_SIMILARITY:  # a near-copy adds nothing its original does not find
        conn.execute("INSERT INTO document_signatures (document_id, signature) VALUES (?, ?)",
                     (document_id, pack(values)))
        conn.executemany("INSERT OR IGNORE INTO minhash_bands (band, document_id) VALUES (?, ?)",
                         [(band, document_id) for band in bands])
    placement = (Placement(best[2], -best[1], round(best[0], 4)) if best
                 else Placement(document_id, None, None))
    conn.execute("UPDATE documents SET cluster_id = ?, near_duplicate_of = ?, similarity = ? WHERE id = ?",
                 (placement.cluster_id, placement.near_duplicate_of, placement.similarity, document_id))
    return placement


def ensure_parameters(conn: sqlite3.Connection) -> bool:
    """Recompute every stored signature when the store was signed with other parameters; True when it did.

    Runs in its own transaction; cluster assignments already made are kept.
    """
    row = conn.execute("SELECT value FROM store_meta WHERE key = 'minhash'").fetchone()
    if row is not None and row[0] == PARAMETERS:
        return False
    conn.execute("BEGIN IMMEDIATE")
    try:
        row = conn.execute("SELECT value FROM store_meta WHERE key = 'minhash'").fetchone()
        if row is not None and row[0] == PARAMETERS:
            conn.execute("COMMIT")
            return False
        signed = conn.execute("SELECT d.id, d.text FROM document_signatures s JOIN documents d ON d.id = s.document_id "
                              "ORDER BY d.id").fetchall()
        conn.execute("DELETE FROM minhash_bands")
        conn.execute("DELETE FROM document_signatures")
        for doc_id, text in signed:
            values = signature(text)
            if values is None:
                continue
            conn.execute("INSERT INTO document_signatures (document_id, signature) VALUES (?, ?)", (doc_id, pack(values)))
            conn.executemany("INSERT OR IGNORE INTO minhash_bands (band, document_id) VALUES (?, ?)",
                             [(band, doc_id) for band in band_hashes(values)])
        conn.execute("INSERT INTO store_meta (key, value) VALUES ('minhash', ?) "
                     "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (PARAMETERS,))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return True
