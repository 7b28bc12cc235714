"""The SQLite store: analysed documents with their layers, searchable and counted.

    >>> from rasd.store import Store
    >>> with Store.open("news.db") as store:
    ...     store.stats()["documents"]

`db` opens connections (WAL) and applies the numbered migrations; `repository` writes one document per
transaction and answers stats; `search` builds the Arabic-normalised full-text index and queries it.
"""
from rasd.store.db import connect, migrate
from rasd.store.repository import Store, content_hash

__all__ = ["Store", "connect", "migrate", "content_hash"]
