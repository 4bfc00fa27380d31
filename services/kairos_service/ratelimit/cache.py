"""Cached answers for rate-limited safe reads.

When a key is over its limit on a read that is safe to serve stale, the last successful
answer to *the same key* for the same path and query, if younger than ``ttl_seconds``, is
served instead of a 429, marked ``X-Kairos-Cache: stale`` with an ``Age`` header. Safe means:
a GET on a route named safe by the service (reads whose body carries its own as-of slot or
time, so a stale answer describes itself), after authentication, feature and owner checks
have passed for this request. Entries are per API key, so one key can never be served
another key's answer. Storage is ``cachetools.TTLCache`` (bounded, LRU within TTL).
"""

from __future__ import annotations

import dataclasses
import time

from cachetools import TTLCache


@dataclasses.dataclass(frozen=True)
class CachedAnswer:
    """A stored 200 answer."""

    body: bytes
    content_type: str
    stored_at: float

    @property
    def age_seconds(self) -> int:
        """Whole seconds since it was stored."""
        return int(time.monotonic() - self.stored_at)


class ReadCache:
    """Last good answer per (key, path, query), bounded in size and age."""

    def __init__(
        self, maxsize: int = 10_000, ttl_seconds: float = 30.0, max_body_bytes: int = 256_000
    ) -> None:
        self._cache: TTLCache[tuple[str, str, str], CachedAnswer] = TTLCache(
            maxsize=maxsize, ttl=ttl_seconds
        )
        self.max_body_bytes = max_body_bytes
        self.served = 0

    def store(self, key_id: str, path: str, query: str, body: bytes, content_type: str) -> None:
        """Remember a 200 answer (bodies above ``max_body_bytes`` are not kept)."""
        if len(body) <= self.max_body_bytes:
            self._cache[(key_id, path, query)] = CachedAnswer(body, content_type, time.monotonic())

    def get(self, key_id: str, path: str, query: str) -> CachedAnswer | None:
        """The stored answer, or None when absent or expired."""
        answer = self._cache.get((key_id, path, query))
        if answer is not None:
            self.served += 1
        return answer
