"""A small real HTTP server that replays recorded Wikimedia API answers.

Point ``WIKIMEDIA_MIRROR`` (or ``WikimediaClient(mirror=...)``) at :attr:`ReplayServer.url`
and every request of the client arrives here as ``/<original host><original path>?<query>``.
The server answers from recordings keyed by host, path and the query parameters in any
order (``maxlag``, a transport setting, is left out of the key); it can be told to answer a
429, a 503 or a ``maxlag`` error first for a given request, and it logs every request it
saw so that tests count them. Real sockets, no mock of the client.

It imports nothing from Django or from the tests: the tests, the worker integration run and
the demo data use it alike. ``python -m core.wikimedia_replay`` serves a directory of
recordings until interrupted.

A directory of recordings holds the JSON bodies and a ``manifest.json``: a list of
``{"request": "<original URL>", "file": "<body file>", "status": 200}`` entries.
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import socket
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Literal
from urllib.parse import parse_qsl, unquote, urlsplit

#: The recordings shipped with the app (tests and demo data).
RECORDINGS_DIR = Path(__file__).resolve().parent / "recordings" / "wikimedia"
#: Parameters that do not change the answer, left out of the request key.
IGNORED_PARAMS = frozenset({"maxlag"})

RequestKey = tuple[str, str, tuple[tuple[str, str], ...]]
Fault = Literal["maxlag", "429", "503"]


@dataclass(frozen=True)
class Reply:
    """One HTTP answer of the replay server."""

    status: int = 200
    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)
    content_type: str = "application/json; charset=utf-8"

    @classmethod
    def json(cls, data: Any, status: int = 200, headers: Mapping[str, str] | None = None) -> Reply:
        return cls(status, json.dumps(data).encode(), headers or {})


@dataclass(frozen=True)
class SeenRequest:
    """A request the server received, with the status it answered."""

    host: str
    path: str
    params: dict[str, str]
    status: int
    matched: bool
    user_agent: str = ""


Handler = Callable[[str, str, dict[str, str]], Reply]


def split_url(url: str) -> tuple[str, str, dict[str, str]]:
    """Host, decoded path (doubled slashes collapsed) and query parameters of a URL."""
    parts = urlsplit(url)
    path = "/" + "/".join(p for p in unquote(parts.path).split("/") if p)
    return (parts.hostname or "").lower(), path, dict(parse_qsl(parts.query, keep_blank_values=True))


def request_key(host: str, path: str, params: Mapping[str, str]) -> RequestKey:
    """The order-independent key a recording is filed under."""
    kept = tuple(sorted((k, v) for k, v in params.items() if k not in IGNORED_PARAMS))
    return host.lower(), path, kept


class ReplayServer:
    """Serve recorded answers on ``127.0.0.1`` from a thread; use as a context manager."""

    def __init__(self, directory: str | Path | None = None, *, port: int = 0) -> None:
        self._answers: dict[RequestKey, Reply] = {}
        self._routes: list[tuple[str, str, Handler]] = []
        self._faults: dict[RequestKey, list[Reply]] = {}
        self._lock = threading.Lock()
        self.seen: list[SeenRequest] = []
        self._port = port
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        if directory is not None:
            self.load(directory)

    # --- What to answer ---

    def load(self, directory: str | Path) -> None:
        """Add every recording listed in ``<directory>/manifest.json``."""
        directory = Path(directory)
        for entry in json.loads((directory / "manifest.json").read_text(encoding="utf-8")):
            self.add(entry["request"], file=directory / entry["file"], status=entry.get("status", 200))

    def add(
        self,
        url: str,
        *,
        file: str | Path | None = None,
        body: bytes | str | dict[str, Any] | list[Any] | None = None,
        status: int = 200,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Answer ``url`` (the original Wikimedia URL) with a file or a body."""
        if file is not None:
            payload = Path(file).read_bytes()
        elif isinstance(body, bytes):
            payload = body
        elif isinstance(body, str):
            payload = body.encode()
        else:
            payload = json.dumps(body).encode()
        host, path, params = split_url(url)
        content_type = "application/problem+json" if status >= 400 else "application/json; charset=utf-8"
        self._answers[request_key(host, path, params)] = Reply(status, payload, headers or {}, content_type)

    def route(self, host: str, path_prefix: str, handler: Handler) -> None:
        """Compute answers for requests under ``host`` + ``path_prefix`` (when no recording
        matches): ``handler(host, path, params)`` returns a :class:`Reply`."""
        self._routes.append((host.lower(), path_prefix, handler))

    def fail_first(
        self, url: str, *, kind: Fault, times: int = 1, retry_after: int | None = None, lag: float = 3.45
    ) -> None:
        """Answer ``url`` with ``times`` faults before its real answer.

        ``maxlag`` replays the recorded Wikidata maxlag error body with the headers MediaWiki
        sends with it (``ApiMain::checkMaxLag``: ``Retry-After`` and ``X-Database-Lag``; pass
        ``retry_after=None`` to leave them out); ``429`` and ``503`` are short plain answers,
        with ``Retry-After`` when given.
        """
        headers: dict[str, str] = {}
        if retry_after is not None:
            headers["Retry-After"] = str(retry_after)
        if kind == "maxlag":
            recorded = json.loads((RECORDINGS_DIR / "error_maxlag_wikidata.json").read_text(encoding="utf-8"))
            recorded["error"]["lag"] = lag
            recorded["error"]["info"] = f"Waiting for all: {lag} seconds lagged."
            if retry_after is not None:
                headers["X-Database-Lag"] = str(int(lag))
            reply = Reply.json(recorded, 200, headers)
        else:
            text = {"429": "Too many requests.", "503": "Service Unavailable."}[kind]
            reply = Reply(int(kind), text.encode(), headers, "text/plain; charset=utf-8")
        host, path, params = split_url(url)
        self._faults.setdefault(request_key(host, path, params), []).extend([reply] * times)

    def answer(self, host: str, path: str, params: dict[str, str]) -> tuple[Reply, bool]:
        """The reply to one request and whether anything matched it."""
        key = request_key(host, path, params)
        with self._lock:
            faults = self._faults.get(key)
            if faults:
                return faults.pop(0), True
        if key in self._answers:
            return self._answers[key], True
        for route_host, prefix, handler in self._routes:
            if host == route_host and path.startswith(prefix):
                return handler(host, path, params), True
        missing = {"error": "no recording for this request", "host": host, "path": path, "params": params}
        return Reply.json(missing, 404), False

    # --- What was asked ---

    def requests_to(self, host: str | None = None, **params: str | None) -> list[SeenRequest]:
        """Requests seen for ``host`` whose parameters match ``params`` (``None``: absent)."""
        found = []
        for seen in list(self.seen):
            if host is not None and seen.host != host:
                continue
            if all(seen.params.get(k) == v for k, v in params.items()):
                found.append(seen)
        return found

    @property
    def unmatched(self) -> list[SeenRequest]:
        return [s for s in self.seen if not s.matched]

    # --- Life cycle ---

    @property
    def url(self) -> str:
        if self._httpd is None:
            raise RuntimeError("The replay server is not started.")
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def start(self) -> ReplayServer:
        replay = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go out as two writes

            def do_GET(self) -> None:
                host, _, rest = self.path.lstrip("/").partition("/")
                _, path, params = split_url(f"http://{host}/{rest}")
                reply, matched = replay.answer(host.lower(), path, params)
                with replay._lock:
                    agent = self.headers.get("User-Agent", "")
                    replay.seen.append(SeenRequest(host.lower(), path, params, reply.status, matched, agent))
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                self.send_header("Content-Length", str(len(reply.body)))
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(reply.body)

            def log_message(self, format: str, *args: Any) -> None:
                return  # quiet: the tests read ``seen`` instead

        self._httpd = ThreadingHTTPServer(("127.0.0.1", self._port), _Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="wikimedia-replay", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> ReplayServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


# --- Keeping tests off the network ----------------------------------------------------------


class OutsideNetworkBlocked(RuntimeError):  # noqa: N818
    """A connection to anything but this machine was attempted while it was forbidden."""


def _is_loopback(address: object) -> bool:
    if isinstance(address, (str, bytes)):
        return True  # an AF_UNIX socket path
    if isinstance(address, tuple) and address:
        host = address[0].decode() if isinstance(address[0], bytes) else str(address[0])
        if host == "localhost":
            return True
        try:
            return ipaddress.ip_address(host.split("%")[0]).is_loopback
        except ValueError:
            return False
    return False


@contextmanager
def no_outside_network() -> Iterator[None]:
    """Refuse every connection and name lookup that does not stay on this machine."""
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def connect(self: socket.socket, address: Any) -> None:
        if not _is_loopback(address):
            raise OutsideNetworkBlocked(f"network access to {address!r} is forbidden here")
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        if not _is_loopback(address):
            raise OutsideNetworkBlocked(f"network access to {address!r} is forbidden here")
        return real_connect_ex(self, address)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host is not None and not _is_loopback((host, 0)):
            raise OutsideNetworkBlocked(f"name lookup of {host!r} is forbidden here")
        return real_getaddrinfo(host, *args, **kwargs)

    socket.socket.connect = connect  # type: ignore[method-assign,assignment]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign,assignment]
    socket.getaddrinfo = getaddrinfo
    try:
        yield
    finally:
        socket.socket.connect = real_connect  # type: ignore[method-assign]
        socket.socket.connect_ex = real_connect_ex  # type: ignore[method-assign]
        socket.getaddrinfo = real_getaddrinfo


def main(argv: list[str] | None = None) -> None:
    """Serve a directory of recordings: ``python -m core.wikimedia_replay --port 9999``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--dir", default=str(RECORDINGS_DIR), help="directory holding manifest.json")
    parser.add_argument("--port", type=int, default=9999)
    args = parser.parse_args(argv)
    server = ReplayServer(args.dir, port=args.port).start()
    print(f"Replaying {args.dir} on {server.url} (WIKIMEDIA_MIRROR={server.url}); Ctrl-C stops.", flush=True)  # noqa: T201
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
