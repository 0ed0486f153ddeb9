"""The server side of ComfyUI's ``/ws``: the RFC 6455 handshake and text frames, stdlib only.

The emulator only sends text frames and answers the client's ping and close; previews (binary
frames) are never sent. Each socket's session runs on its connection's handler thread and ends
when the client closes, the connection drops or the emulator stops.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import queue
import select
import socket
from collections.abc import Callable

from fluxdesk.emulator.faults import Waiter

_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
_TEXT, _CLOSE, _PING, _PONG = 0x1, 0x8, 0x9, 0xA


def accept_key(client_key: str) -> str:
    digest = hashlib.sha1((client_key + _GUID).encode()).digest()
    return base64.b64encode(digest).decode()


def frame(opcode: int, payload: bytes) -> bytes:
    size = len(payload)
    if size < 126:
        header = bytes([0x80 | opcode, size])
    elif size < 65536:
        header = bytes([0x80 | opcode, 126]) + size.to_bytes(2, "big")
    else:
        header = bytes([0x80 | opcode, 127]) + size.to_bytes(8, "big")
    return header + payload


def _exactly(connection: socket.socket, count: int) -> bytes:
    data = b""
    while len(data) < count:
        chunk = connection.recv(count - len(data))
        if not chunk:
            raise ConnectionError("closed")
        data += chunk
    return data


def _read_frame(connection: socket.socket) -> tuple[int, bytes]:
    first, second = _exactly(connection, 2)
    size = second & 0x7F
    if size == 126:
        size = int.from_bytes(_exactly(connection, 2), "big")
    elif size == 127:
        size = int.from_bytes(_exactly(connection, 8), "big")
    mask = _exactly(connection, 4) if second & 0x80 else b"\0\0\0\0"
    payload = bytes(b ^ mask[i % 4] for i, b in enumerate(_exactly(connection, size)))
    return first & 0x0F, payload


def session(
    outbox: queue.Queue[str], waiter: Waiter, on_end: Callable[[], None]
) -> Callable[[socket.socket], None]:
    """A session that sends what is put in `outbox` until the socket or the emulator ends."""

    def run(connection: socket.socket) -> None:
        try:
            while waiter.pause(0.01):
                while True:
                    try:
                        text = outbox.get_nowait()
                    except queue.Empty:
                        break
                    connection.sendall(frame(_TEXT, text.encode()))
                readable, _, _ = select.select([connection], [], [], 0)
                if readable:
                    opcode, payload = _read_frame(connection)
                    if opcode == _CLOSE:
                        connection.sendall(frame(_CLOSE, payload[:2]))
                        return
                    if opcode == _PING:
                        connection.sendall(frame(_PONG, payload))
        except (OSError, ConnectionError, ValueError):
            return  # the client went away
        finally:
            on_end()
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

    return run
