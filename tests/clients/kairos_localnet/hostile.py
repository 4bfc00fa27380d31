"""Hostile clients for the localnet's limits: shared by the tests and the benchmark.

A client library reads what the server sends (aiohttp and websockets even buffer
it for you), so the "never reads" websocket client speaks the protocol by hand on
a raw socket with a small receive buffer. Loopback only.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import socket
import struct
from typing import Any


def request(method: str, params: list[Any] | None = None, request_id: int = 1) -> dict[str, Any]:
    """Return one JSON-RPC request object."""
    out: dict[str, Any] = {"jsonrpc": "2.0", "id": request_id, "method": method}
    if params is not None:
        out["params"] = params
    return out


def slot_leaders_batch(count: int) -> bytes:
    """The batch attack: ``count`` getSlotLeaders(0, 5000) requests in one body."""
    batch = [request("getSlotLeaders", [0, 5000], i) for i in range(count)]
    return json.dumps(batch, separators=(",", ":")).encode()


def largest_slot_leaders_batch(max_bytes: int) -> bytes:
    """The largest getSlotLeaders(0, 5000) batch whose body fits in ``max_bytes``."""
    one = json.dumps(request("getSlotLeaders", [0, 5000], 0), separators=(",", ":"))
    count = max_bytes // len(one)
    while len(body := slot_leaders_batch(count)) > max_bytes:
        count -= 1
    return body


def deep_nesting(depth: int) -> bytes:
    """A request whose params nest ``depth`` arrays deep."""
    return (
        b'{"jsonrpc":"2.0","id":1,"method":"getSlot","params":' + b"[" * depth + b"]" * depth + b"}"
    )


def _frame(text: str) -> bytes:
    payload = text.encode()
    mask = os.urandom(4)
    header = bytes([0x81])  # FIN + text
    if len(payload) < 126:
        header += bytes([0x80 | len(payload)])
    elif len(payload) < 1 << 16:
        header += bytes([0x80 | 126]) + struct.pack(">H", len(payload))
    else:
        header += bytes([0x80 | 127]) + struct.pack(">Q", len(payload))
    masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    return header + mask + masked


class NonReadingWebsocket:
    """A websocket client that completes the handshake, then only ever writes."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer

    @classmethod
    async def connect(cls, host: str, port: int) -> NonReadingWebsocket:
        """Open the socket (4 KiB receive buffer) and upgrade it."""
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.setblocking(False)
        await asyncio.get_running_loop().sock_connect(sock, (host, port))
        reader, writer = await asyncio.open_connection(sock=sock, limit=1 << 16)
        key = base64.b64encode(os.urandom(16)).decode()
        writer.write(
            (
                f"GET / HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
                f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                "Sec-WebSocket-Version: 13\r\n\r\n"
            ).encode()
        )
        await writer.drain()
        status = await reader.readuntil(b"\r\n\r\n")
        if b" 101 " not in status.split(b"\r\n", 1)[0]:
            raise ConnectionError(f"websocket upgrade refused: {status[:80]!r}")
        # From here on nothing is read: the kernel buffers fill, then the server's.
        return cls(reader, writer)

    async def send(self, payload: Any, *, drain: bool = True) -> None:
        """Write one text frame."""
        self.writer.write(_frame(json.dumps(payload, separators=(",", ":"))))
        if drain:
            await self.writer.drain()

    async def send_raw(self, text: str) -> None:
        """Write one text frame holding ``text`` as is."""
        self.writer.write(_frame(text))
        await self.writer.drain()

    async def flood_subscriptions(self, count: int, method: str = "slotSubscribe") -> int:
        """Send ``count`` subscribe requests (bounded); return how many went out before a reset."""
        sent = 0
        try:
            for i in range(count):
                if self.writer.transport.is_closing():
                    break
                await self.send(request(method, None, i), drain=i % 500 == 499)
                sent += 1
            await self.writer.drain()
        except (ConnectionError, OSError):
            pass
        return sent

    def close(self) -> None:
        """Drop the socket."""
        self.writer.transport.abort()
