"""Fetching http(s) URLs for ingest, defensively: public addresses only, bounded in time, size and redirects.

Design choices:
- Standard library only (http.client): no new dependency, and full control of the connection, which
  the address check needs.
- Public addresses only: the host is resolved first and every address it resolves to must be globally
  routable; loopback, private (RFC 1918, unique-local), link-local (cloud metadata at 169.254.169.254),
  multicast, reserved, unspecified, carrier-grade NAT and IPv4-mapped forms of these are refused
  unless `allow_private`. The connection then goes to the address that was checked (the socket is
  opened on it, the Host header and the TLS server name stay the host name), so a second DNS answer
  cannot swap in an internal address between the check and the connection (DNS rebinding).
- Redirects are followed by hand, at most `max_redirects`, and each hop goes through the same checks:
  a public page redirecting to http://127.0.0.1/ is refused like a direct request would be. Only
  http and https, on any port.
- Bounded: `timeout` applies to the connection and to each read, `deadline` to the whole fetch with
  its redirects (a server trickling one byte at a time cannot hold an ingest forever), and the body
  is refused beyond `max_bytes`, from Content-Length before reading when declared and while reading
  otherwise. `Accept-Encoding: identity` asks for no compression, so the limit is on the real size.
- Every error is a FetchError (or InputTooLarge) naming the URL it is about, so it is one clear
  failure line in the ingest summary.
"""
from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from typing import Callable, Optional
from urllib.parse import urljoin, urlsplit

from rasd.errors import InputError, InputTooLarge

DEFAULT_TIMEOUT = 20.0
DEFAULT_DEADLINE = 120.0
DEFAULT_MAX_REDIRECTS = 5
CHUNK = 64 * 1024
ACCEPT = ("text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
          "application/xml;q=0.9, text/xml;q=0.9, text/plain;q=0.8, */*;q=0.1")
_CGNAT = ipaddress.ip_network("100.64.0.0/10")


class FetchError(InputError):
    """A URL that could not be fetched: unreachable, an HTTP error, too slow, too many redirects."""
    code = "R040"


class RefusedAddress(FetchError):
    """A URL whose host is (or resolves to) an address that is not public."""
    code = "R041"


def is_url(text: str) -> bool:
    return text[:8].lower().startswith(("http://", "https://"))


def address_problem(address: str) -> Optional[str]:
    """Why an IP address is not a public one ("loopback", "private", ...), or None when it is public."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    mapped = getattr(ip, "ipv4_mapped", None)
    if mapped is not None:
        ip = mapped
    for name, flag in (("loopback", ip.is_loopback), ("unspecified", ip.is_unspecified),
                       ("link-local", ip.is_link_local), ("multicast", ip.is_multicast),
                       ("reserved", ip.is_reserved), ("private", ip.is_private)):
        if flag:
            return name
    if ip.version == 4 and ip in _CGNAT:
        return "shared (carrier-grade NAT)"
    if not ip.is_global:
        return "not globally routable"
    return None


@dataclass(frozen=True)
class FetchOptions:
    timeout: float = DEFAULT_TIMEOUT
    deadline: float = DEFAULT_DEADLINE
    max_bytes: int = 20_000_000
    max_redirects: int = DEFAULT_MAX_REDIRECTS
    allow_private: bool = False
    user_agent: str = "rasd (Arabic news event extraction; +https://github.com/rasd)"


@dataclass(frozen=True)
class Fetched:
    requested: str
    url: str                      # after redirects
    status: int
    content_type: str             # the media type, lower case, without parameters ("" when none)
    charset: Optional[str]
    data: bytes
    redirects: tuple[str, ...] = ()


def _resolve(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))


def fetch(url: str, options: FetchOptions = FetchOptions(), *,
          resolve: Callable[[str, int], list[str]] = _resolve,
          allow_address: Optional[Callable[[str], bool]] = None) -> Fetched:
    """GET `url` under the options' limits. `resolve` maps (host, port) to IP addresses; `allow_address`,
    when given, replaces the public-address rule (tests use both to exercise every hop's check)."""
    started = time.monotonic()
    current, hops = url, []
    while True:
        response_or_redirect = _one_request(current, url, options, started, resolve, allow_address)
        if isinstance(response_or_redirect, Fetched):
            return Fetched(url, response_or_redirect.url, response_or_redirect.status,
                           response_or_redirect.content_type, response_or_redirect.charset,
                           response_or_redirect.data, tuple(hops))
        if len(hops) >= options.max_redirects:
            raise FetchError(f"more than {options.max_redirects} redirects (last to {response_or_redirect})",
                             source=url)
        hops.append(response_or_redirect)
        current = response_or_redirect


def _check_host(url: str, original: str, options: FetchOptions, resolve, allow_address) -> tuple[str, str, int, str]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(f"only http and https URLs are fetched, not {scheme or 'no scheme'} ({url})", source=original)
    host = parts.hostname
    if not host:
        raise FetchError(f"no host in the URL {url}", source=original)
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        raise FetchError(f"bad port in the URL {url}", source=original) from None
    try:
        addresses = resolve(host, port)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve the host {host} ({exc})", source=original) from None
    if not addresses:
        raise FetchError(f"the host {host} has no address", source=original)
    for address in addresses:
        if allow_address is not None:
            problem = None if allow_address(address) else "not allowed"
        else:
            problem = None if options.allow_private else address_problem(address)
        if problem:
            hop = "" if url == original else f" (redirected to {url})"
            what = f"{host} is" if host == address else f"{host} resolves to {address},"
            raise RefusedAddress(f"refused: {what} a {problem} address{hop}; only public addresses are fetched "
                                 "(--allow-private to fetch from this network)", source=original)
    return scheme, host, port, addresses[0]


def _one_request(url, original, options, started, resolve, allow_address):
    """Fetched for a final response, or the absolute URL a redirect points to."""
    scheme, host, port, address = _check_host(url, original, options, resolve, allow_address)
    remaining = options.deadline - (time.monotonic() - started)
    if remaining <= 0:
        raise FetchError(f"gave up after {options.deadline:g} s (the whole fetch, with redirects)", source=original)
    timeout = min(options.timeout, remaining)
    if scheme == "https":
        conn = http.client.HTTPSConnection(host, port, timeout=timeout, context=ssl.create_default_context())
    else:
        conn = http.client.HTTPConnection(host, port, timeout=timeout)

    def connect_to_checked_address(_address, timeout=timeout, source_address=None):
        return socket.create_connection((address, port), timeout, source_address)
    conn._create_connection = connect_to_checked_address  # the socket goes to the address we checked
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        conn.request("GET", target, headers={"User-Agent": options.user_agent, "Accept": ACCEPT,
                                             "Accept-Encoding": "identity", "Connection": "close"})
        response = conn.getresponse()
        if response.status in (301, 302, 303, 307, 308):
            location = response.getheader("Location")
            if not location:
                raise FetchError(f"HTTP {response.status} redirect without a Location ({url})", source=original)
            return urljoin(url, location.strip())
        if response.status != 200:
            raise FetchError(f"HTTP {response.status} {response.reason} ({url})", source=original)
        data = _read_body(response, url, original, options, started)
        media = response.getheader("Content-Type") or ""
        content_type = media.split(";", 1)[0].strip().lower()
        charset = None
        for param in media.split(";")[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                charset = value.strip().strip("\"'").lower()
        return Fetched(original, url, response.status, content_type, charset, data)
    except (socket.timeout, TimeoutError):
        raise FetchError(f"timed out after {timeout:g} s ({url})", source=original) from None
    except ssl.SSLError as exc:
        raise FetchError(f"TLS error ({exc.reason or exc}) ({url})", source=original) from None
    except (http.client.HTTPException, OSError) as exc:
        raise FetchError(f"cannot fetch ({type(exc).__name__}: {exc}) ({url})", source=original) from None
    finally:
        conn.close()


def _read_body(response, url: str, original: str, options: FetchOptions, started: float) -> bytes:
    declared = response.getheader("Content-Length")
    if declared and declared.strip().isdigit() and int(declared) > options.max_bytes:
        raise InputTooLarge(f"the response is {int(declared):,} bytes, more than the limit of {options.max_bytes:,} "
                            f"(--max-bytes) ({url})", source=original)
    chunks, size = [], 0
    while True:
        chunk = response.read(CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > options.max_bytes:
            raise InputTooLarge(f"the response is larger than the limit of {options.max_bytes:,} bytes (--max-bytes) "
                                f"({url})", source=original)
        if time.monotonic() - started > options.deadline:
            raise FetchError(f"gave up after {options.deadline:g} s while reading ({url})", source=original)
        chunks.append(chunk)
