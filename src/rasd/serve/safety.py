"""The protective layer of `rasd serve`: body-size limit, security headers, JSON errors, read connections.

Design choices:
- One pure ASGI middleware (not Starlette's BaseHTTPMiddleware, which buffers streamed responses)
  does two things: it refuses a request body larger than the limit with 413 — from the
  Content-Length header before reading anything, and while reading for chunked bodies that carry
  none — and it adds the security headers to every response, streamed exports included.
- Content-Security-Policy allows only 'self': the dashboard has no inline script or style and no
  CDN. The Swagger UI page (/docs) alone also allows inline styles, which its React components set.
- Every error is {"error": {"code", "message"}}; an unexpected exception is logged on the server
  and answered with a fixed message, never a traceback.
- Read connections: SQLite read-only connections in a small LIFO pool, opened on demand with
  check_same_thread=False (a streamed export is iterated from several worker threads). The store is
  in WAL mode, so these readers run while POST /api/documents or `rasd ingest` writes.
"""
from __future__ import annotations

import json
import logging
import queue
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, Optional

from fastapi import HTTPException

log = logging.getLogger("rasd.serve")

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"geolocation=(), camera=(), microphone=()"),
]


def error_body(code: str, message: str) -> bytes:
    return json.dumps({"error": {"code": code, "message": message}}, ensure_ascii=False).encode("utf-8")


class GuardMiddleware:
    """Body-size limit (413) and security headers, as raw ASGI so streamed responses stay streamed."""

    def __init__(self, app, max_body_bytes: int):
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.max_body_bytes
        declared = dict(scope.get("headers") or ()).get(b"content-length")
        if declared is not None:
            try:
                too_big = int(declared) > limit
            except ValueError:
                await self._reject(scope, send, 400, "bad_request", "invalid Content-Length header")
                return
            if too_big:
                await self._reject(scope, send, 413, "payload_too_large",
                                   f"the request body is larger than the limit of {limit:,} bytes")
                return
        csp = DOCS_CSP if scope.get("path", "").startswith("/docs") else CSP
        received = 0

        async def limited_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # FastAPI passes an HTTPException raised while reading the body on to its handler.
                    raise HTTPException(413, f"the request body is larger than the limit of {limit:,} bytes")
            return message

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"content-security-policy"]
                headers += SECURITY_HEADERS + [(b"content-security-policy", csp.encode())]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, limited_receive, send_with_headers)

    @staticmethod
    async def _reject(scope, send, status: int, code: str, message: str) -> None:
        body = error_body(code, message)
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                   *SECURITY_HEADERS, (b"content-security-policy", CSP.encode())]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


class ReadPool:
    """Read-only SQLite connections to one store, reused across requests."""

    def __init__(self, path: Path, size: int = 8, timeout: float = 10.0,
                 setup: Optional[Callable[[sqlite3.Connection], None]] = None,
                 before_use: Optional[Callable[[], object]] = None):
        self.path = Path(path)
        self.timeout = timeout
        self.setup = setup            # run once on each new connection (e.g. ATTACH the day index)
        self.before_use = before_use  # run at each acquire (e.g. a throttled refresh of that index)
        self._idle: queue.LifoQueue = queue.LifoQueue(maxsize=size)

    def _open(self) -> sqlite3.Connection:
        conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=self.timeout, isolation_level=None,
                               check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
        conn.row_factory = sqlite3.Row
        if self.setup is not None:
            self.setup(conn)
        return conn

    def acquire(self) -> sqlite3.Connection:
        if self.before_use is not None:
            self.before_use()
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            return self._open()

    def release(self, conn: sqlite3.Connection) -> None:
        if conn.in_transaction:
            conn.rollback()
        try:
            self._idle.put_nowait(conn)
        except queue.Full:
            conn.close()

    @contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        conn = self.acquire()
        try:
            yield conn
        finally:
            self.release(conn)

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return
