"""Resource limits of the localnet, and the JSON reading that enforces nesting depth.

Numbers taken from Agave (rpc/src/rpc.rs, rpc_service.rs, rpc_pubsub_service.rs):

- an HTTP request body is at most 50 KiB (``MAX_REQUEST_BODY_SIZE``; larger bodies
  get HTTP 413, as jsonrpc-http-server answers);
- a websocket message is at most 4 KiB (soketto's max message/frame size there);
- JSON nested deeper than 128 levels is a parse error (-32700): serde_json's
  recursion limit, which jsonrpc-core reports as a parse error;
- the whole node serves at most 1,000,000 subscriptions; a refused one is answered
  -32603 "Internal Error: Subscription refused. Node subscription limit reached";
- a websocket client that falls behind the notification queue is disconnected
  (Agave's shared broadcast queue: 10,000,000 items / 256 MiB).

Where Agave has no number of its own, or relies on threads Python does not give
us, the localnet sets one (and docs/ARCHITECTURE.md says so): a batch holds at
most 1,000 requests (Agave bounds it only through the body size: ~1,100 of the
smallest requests fit in 50 KiB); one HTTP response is at most 16 MiB (further
requests of a batch are answered with an error instead of being run); at most
10,000 subscriptions per connection and 100,000 in total (each slot fans out to
every slot subscription on the one event loop); a connection's outbound queue
holds at most 10,000 messages or 8 MiB, past which the client is disconnected.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
from dataclasses import dataclass
from typing import Any

MAX_REQUEST_BODY_BYTES = 50 * 1024
MAX_WS_MESSAGE_BYTES = 4096
MAX_JSON_DEPTH = 128
MAX_BATCH_REQUESTS = 1000
MAX_RESPONSE_BYTES = 16 * 1024 * 1024
MAX_SUBSCRIPTIONS_PER_CONNECTION = 10_000
MAX_ACTIVE_SUBSCRIPTIONS = 100_000
MAX_QUEUED_MESSAGES = 10_000
MAX_QUEUED_BYTES = 8 * 1024 * 1024
# Long work for one client (a batch, a burst of websocket messages) runs on the
# event loop in slices of about BATCH_SLICE_SECONDS, with a pause of
# PAUSE_SECONDS between slices: long enough for the loop to poll the sockets and
# carry other clients' short requests through their few steps, not only one.
BATCH_SLICE_SECONDS = 0.002
PAUSE_SECONDS = 0.0005


@dataclass(frozen=True)
class Limits:
    """The limits one Localnet enforces (defaults above; tests may shrink them)."""

    max_request_body_bytes: int = MAX_REQUEST_BODY_BYTES
    max_ws_message_bytes: int = MAX_WS_MESSAGE_BYTES
    max_batch_requests: int = MAX_BATCH_REQUESTS
    max_response_bytes: int = MAX_RESPONSE_BYTES
    max_subscriptions_per_connection: int = MAX_SUBSCRIPTIONS_PER_CONNECTION
    max_active_subscriptions: int = MAX_ACTIVE_SUBSCRIPTIONS
    max_queued_messages: int = MAX_QUEUED_MESSAGES
    max_queued_bytes: int = MAX_QUEUED_BYTES


class TooDeepError(ValueError):
    """The JSON text nests arrays/objects deeper than ``MAX_JSON_DEPTH``."""


_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def _nests_deeper(text: str, max_depth: int) -> bool:
    # Drop string literals (brackets inside them don't nest), keep only brackets,
    # and walk the running depth, stopping at the first level past the limit.
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    return any(d > max_depth for d in itertools.accumulate(map(_STEP.__getitem__, brackets)))


def loads(data: bytes | str, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """Parse JSON, refusing nesting deeper than ``max_depth`` before the parser recurses.

    Raises ValueError (TooDeepError for nesting) or UnicodeDecodeError; never
    RecursionError. The character scan runs only when the text has more opening
    brackets than ``max_depth`` (a cheap count), so ordinary requests skip it.
    """
    text = data.decode() if isinstance(data, bytes) else data
    if text.count("[") + text.count("{") > max_depth and _nests_deeper(text, max_depth):
        raise TooDeepError(f"recursion limit exceeded (more than {max_depth} levels)")
    try:
        return json.loads(text)
    except RecursionError:  # pragma: no cover - the scan above bounds the depth
        raise TooDeepError("recursion limit exceeded") from None


async def pause() -> None:
    """Let other clients run between two slices of one client's long work."""
    await asyncio.sleep(PAUSE_SECONDS)
