"""HTTP plumbing: a listener with a wake-able accept loop, and the handler that reads and writes.

Each listener accepts connections in its own thread, waiting on a selector with a wake-up socket
(no polling interval), and serves each connection in a thread of its own (HTTP/1.1 keep-alive).
``stop_accepting``, ``abort_connections`` and ``server_close`` together end every thread.
"""

from __future__ import annotations

import contextlib
import logging
import selectors
import socket
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any, Protocol
from urllib.parse import parse_qsl, urlsplit

from fluxdesk.emulator.faults import Waiter
from fluxdesk.emulator.replies import Incoming, Reply, Transport, detail

log = logging.getLogger(__name__)

MAX_BODY = 64 * 1024 * 1024  # three 20 MB base64 images and then some
_SLOW_PIECES = 20


class Router(Protocol):
    def handle(self, req: Incoming) -> Reply: ...


@dataclass(frozen=True, slots=True)
class RecordedRequest:
    listener: str  # "api", "delivery" or "regional"
    method: str
    path: str  # with the query string
    headers: dict[str, str]  # lower-case names
    body: bytes


class Listener(HTTPServer):
    """One listening socket; a daemon thread per connection, all joined by ``server_close``."""

    # socketserver's default backlog of 5 drops SYNs when 24+ clients connect at once, and
    # each dropped one costs the client a 1 s retransmit.
    request_queue_size = 128

    def __init__(
        self,
        address: tuple[str, int],
        name: str,
        *,
        router: Router,
        waiter: Waiter,
        record: Callable[[RecordedRequest], None],
        verbose: bool = False,
    ) -> None:
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        super().__init__(address, Handler)
        self.name = name
        self.router, self.waiter, self.record = router, waiter, record
        self.verbose = verbose
        self._stopping = threading.Event()
        self._wake_read, self._wake_write = socket.socketpair()
        self._connections: set[socket.socket] = set()
        self._workers: list[threading.Thread] = []
        self._connections_lock = threading.Lock()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        host = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(str(host), str(host))
        return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"

    def accept_loop(self) -> None:
        with selectors.DefaultSelector() as selector:
            selector.register(self.socket, selectors.EVENT_READ)
            selector.register(self._wake_read, selectors.EVENT_READ)
            while not self._stopping.is_set():
                for key, _ in selector.select():
                    if key.fileobj is self.socket and not self._stopping.is_set():
                        self._handle_request_noblock()

    def stop_accepting(self) -> None:
        self._stopping.set()
        self._wake_write.send(b"\0")

    def process_request(self, request: Any, client_address: Any) -> None:
        # socketserver's ThreadingMixIn does not join daemon threads; these are joined on close.
        worker = threading.Thread(
            target=self._serve_connection,
            args=(request, client_address),
            name=f"fluxdesk-emulator-{self.name}-connection",
            daemon=True,
        )
        with self._connections_lock:
            self._connections.add(request)
            self._workers = [w for w in self._workers if w.is_alive()]
            self._workers.append(worker)
        worker.start()

    def _serve_connection(self, request: Any, client_address: Any) -> None:
        try:
            self.finish_request(request, client_address)
        except Exception:
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that hangs up mid-request is normal here; say so only when asked to.
        if self.verbose:
            log.warning("connection from %s failed", client_address, exc_info=True)

    def shutdown_request(self, request: Any) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def abort_connections(self) -> None:
        """Ends idle keep-alive connections so their threads see EOF and finish."""
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):  # already closed by the client
                connection.shutdown(socket.SHUT_RDWR)

    def server_close(self) -> None:
        super().server_close()
        self._wake_read.close()
        self._wake_write.close()
        with self._connections_lock:
            workers = list(self._workers)
        for worker in workers:
            worker.join()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle on, the second waits ~40 ms for an ACK.
    disable_nagle_algorithm = True
    timeout = 60  # an idle keep-alive connection is closed after a minute
    server: Listener

    def do_GET(self) -> None:
        self._serve()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = do_GET

    def version_string(self) -> str:
        return "uvicorn"  # the Server header BFL's API answers with

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.verbose:
            sys.stderr.write(f"[{self.server.name}] {format % args}\n")

    def _serve(self) -> None:
        listener = self.server
        try:
            body = self._read_body()
        except ValueError:  # a Content-Length or chunk size that is not a number
            self._send(detail(400, "Invalid HTTP request"), close=True)
            return
        if body is None:
            self._send(detail(413, "Request body too large"), close=True)
            return
        headers: dict[str, str] = {}
        for name, value in self.headers.items():
            name = name.lower()
            headers[name] = f"{headers[name]}, {value}" if name in headers else value
        listener.record(RecordedRequest(listener.name, self.command, self.path, headers, body))
        parts = urlsplit(self.path)
        incoming = Incoming(
            listener=listener.name,
            method=self.command,
            path=parts.path,
            query=dict(parse_qsl(parts.query, keep_blank_values=True)),
            headers=headers,
            body=body,
        )
        try:
            reply = listener.router.handle(incoming)
        except Exception:
            log.exception("emulator error on %s %s", self.command, parts.path)
            reply = detail(500, "Internal Server Error")
        try:
            self._send(reply)
        except OSError:  # the client went away; nothing to tell it
            self.close_connection = True

    def _read_body(self) -> bytes | None:
        """The request body; None if it is too large (it is then left unread)."""
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks, total = [], 0
            while size := int(self.rfile.readline().split(b";")[0].strip() or b"0", 16):
                total += size
                if total > MAX_BODY:
                    return None
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                pass  # trailers
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            return None
        return self.rfile.read(length) if length > 0 else b""

    def _send(self, reply: Reply, *, close: bool = False) -> None:
        if reply.transport is Transport.drop:
            self.close_connection = True
            return
        if reply.transport is Transport.upgrade and reply.stream is not None:
            self.send_response(101)
            for name, value in reply.headers:
                self.send_header(name, value)
            self.end_headers()
            self.wfile.flush()
            self.close_connection = True
            reply.stream(self.connection)
            return
        cut = reply.transport is Transport.truncate
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        for name, value in reply.headers:
            self.send_header(name, value)
        if close or cut:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command == "HEAD":
            return
        if cut:
            self.wfile.write(reply.body[: len(reply.body) // 2])
            self.close_connection = True
        elif reply.transport is Transport.slow:
            self._trickle(reply.body, reply.seconds)
        else:
            self.wfile.write(reply.body)

    def _trickle(self, body: bytes, seconds: float) -> None:
        piece = max(1, -(-len(body) // _SLOW_PIECES))
        waiter = self.server.waiter
        for start in range(0, len(body), piece):
            self.wfile.write(body[start : start + piece])
            self.wfile.flush()
            if start + piece < len(body) and not waiter.pause(seconds / _SLOW_PIECES):
                self.close_connection = True  # stopping: give up mid-body
                return
