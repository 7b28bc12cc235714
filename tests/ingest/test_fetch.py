"""Fetching URLs: a local http.server on 127.0.0.1 in a thread (reachable only with allow_private), the
refusal of non-public addresses at every redirect hop, the limits, and pages and feeds into the store."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from rasd.errors import InputTooLarge
from rasd.ingest.fetch import FetchError, FetchOptions, RefusedAddress, address_problem, fetch, is_url
from rasd.ingest.readers import ReadOptions, expand_inputs, read_inputs
from rasd.ingest.runner import ingest
from rasd.store import Store

from ingest_fixtures import ARTICLES, RSS, page

LOCAL = FetchOptions(allow_private=True, timeout=5)


class Handler(BaseHTTPRequestHandler):
    routes: dict = {}

    def do_GET(self):  # noqa: N802 (http.server's name)
        route = self.routes.get(self.path.split("?")[0])
        if route is None:
            self.send_response(404)
            self.end_headers()
            return
        try:
            status, headers, body = route(self)
        except _Done:
            return
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        if body is not None and "Content-Length" not in headers and "Transfer-Encoding" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body is not None:
            self.wfile.write(body)

    def log_message(self, *args):
        pass


def _endless(handler):
    """A body without Content-Length that goes on past any limit (the server stops when the client hangs up)."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    try:
        for _ in range(10_000):
            handler.wfile.write(b"<p>" + b"x" * 4096 + b"</p>")
    except OSError:
        pass
    handler.close_connection = True
    raise _Done


class _Done(Exception):
    """The route wrote its own response."""


def _slowly(*response):
    time.sleep(3)
    return response


@pytest.fixture(scope="module")
def server():
    html = page(0, url="https://site.example.com/a").encode("utf-8")
    rss = RSS.format(a=ARTICLES[2], b=ARTICLES[3]).encode("utf-8")
    routes = {
        "/page.html": lambda h: (200, {"Content-Type": "text/html; charset=utf-8"}, html),
        "/feed": lambda h: (200, {"Content-Type": "application/rss+xml"}, rss),
        "/untyped": lambda h: (200, {}, rss),
        "/note.txt": lambda h: (200, {"Content-Type": "text/plain; charset=utf-8"}, ARTICLES[1].encode()),
        "/logo.png": lambda h: (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
        "/redirect": lambda h: (302, {"Location": "/page.html"}, b""),
        "/loop": lambda h: (302, {"Location": "/loop"}, b""),
        "/elsewhere": lambda h: (301, {"Location": f"http://127.0.0.2:{h.server.server_port}/page.html"}, b""),
        "/missing-location": lambda h: (302, {}, b""),
        "/big": lambda h: (200, {"Content-Type": "text/html", "Content-Length": str(10**9)}, None),
        "/endless": _endless,
        "/slow": lambda h: _slowly(200, {"Content-Type": "text/html"}, html),
    }
    Handler.routes = routes
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("address, problem", [
    ("127.0.0.1", "loopback"), ("::1", "loopback"), ("10.1.2.3", "private"), ("192.168.0.10", "private"),
    ("172.16.5.4", "private"), ("fd00::1", "private"), ("169.254.169.254", "link-local"), ("fe80::1%eth0", "link-local"),
    ("224.0.0.251", "multicast"), ("0.0.0.0", "unspecified"), ("240.0.0.1", "reserved"),
    ("::ffff:127.0.0.1", "loopback"), ("100.64.1.1", "shared (carrier-grade NAT)"),
    ("8.8.8.8", None), ("2001:4860:4860::8888", None), ("1.1.1.1", None),
])
def test_address_classification(address, problem):
    assert address_problem(address) == problem


def test_urls_are_told_from_paths():
    assert is_url("https://example.org/a") and is_url("HTTP://x") and not is_url("news/a.html")
    assert not is_url("file:///etc/passwd") and not is_url("ftp://example.org/x")


def test_loopback_is_refused_without_allow_private(server):
    with pytest.raises(RefusedAddress) as refused:
        fetch(server + "/page.html")
    assert refused.value.source == server + "/page.html"
    assert "127.0.0.1 is a loopback address" in refused.value.message and "--allow-private" in refused.value.message


def test_a_host_resolving_to_a_metadata_address_is_refused_before_connecting():
    def resolve(host, port):
        assert host == "metadata.example" and port == 80
        return ["169.254.169.254"]
    with pytest.raises(RefusedAddress, match="metadata.example resolves to 169.254.169.254, a link-local"):
        fetch("http://metadata.example/latest/", resolve=resolve)


def test_a_page_and_a_redirect_are_fetched_with_allow_private(server):
    got = fetch(server + "/page.html", LOCAL)
    assert (got.status, got.content_type, got.charset, got.redirects) == (200, "text/html", "utf-8", ())
    assert ARTICLES[0].split()[0].encode() in got.data
    moved = fetch(server + "/redirect", LOCAL)
    assert moved.url == server + "/page.html" and moved.redirects == (server + "/page.html",)
    assert moved.data == got.data


def test_every_redirect_hop_is_checked(server):
    only_first_host = lambda address: address == "127.0.0.1"  # noqa: E731 (a stand-in for "public")
    assert fetch(server + "/redirect", LOCAL, allow_address=only_first_host).status == 200
    with pytest.raises(RefusedAddress, match=r"127\.0\.0\.2.*redirected to http://127\.0\.0\.2"):
        fetch(server + "/elsewhere", LOCAL, allow_address=only_first_host)


def test_limits_give_clear_errors_naming_the_url(server):
    with pytest.raises(FetchError, match="more than 3 redirects") as loop:
        fetch(server + "/loop", FetchOptions(allow_private=True, max_redirects=3))
    assert loop.value.source == server + "/loop"
    with pytest.raises(InputTooLarge, match="1,000,000,000 bytes"):
        fetch(server + "/big", LOCAL)
    with pytest.raises(InputTooLarge, match="larger than the limit of 100,000 bytes"):
        fetch(server + "/endless", FetchOptions(allow_private=True, max_bytes=100_000))
    with pytest.raises(FetchError, match="timed out after 0.5 s"):
        fetch(server + "/slow", FetchOptions(allow_private=True, timeout=0.5))
    with pytest.raises(FetchError, match=r"HTTP 404 Not Found \(http://127"):
        fetch(server + "/nothing-here", LOCAL)
    with pytest.raises(FetchError, match="without a Location"):
        fetch(server + "/missing-location", LOCAL)
    with pytest.raises(FetchError, match="only http and https"):
        fetch("ftp://example.org/file", LOCAL)


def test_pages_feeds_and_text_by_content_type_into_the_store(server, tmp_path, pipeline):
    pytest.importorskip("trafilatura")
    urls = [server + p for p in ("/redirect", "/feed", "/untyped", "/note.txt", "/logo.png")]
    refused_options = ReadOptions()
    refused = list(read_inputs(expand_inputs([urls[0]]), refused_options))
    assert len(refused) == 1 and "[R041] refused" in refused[0].problem and refused[0].where == urls[0]
    with Store.open(tmp_path / "s.db") as store:
        summary = ingest(read_inputs(expand_inputs(urls), ReadOptions(allow_private=True, timeout=5)), store,
                         pipeline=pipeline)
        # the feed is read twice (typed and untyped) and its items are stored once
        assert (summary.new, summary.duplicate, summary.failed) == (4, 2, 1)
        assert "unsupported content type image/png" in summary.failures[0].problem
        rows = {r["url"]: r for r in store.conn.execute("SELECT url, title, provenance FROM documents")}
    assert set(rows) == {"https://site.example.com/a", "https://news.example.org/1", "https://news.example.org/2",
                         server + "/note.txt"}
    assert '"fetched_url": "%s/page.html"' % server in rows["https://site.example.com/a"]["provenance"]
    assert rows["https://news.example.org/1"]["title"] == "الخبر الأول"
