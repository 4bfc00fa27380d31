"""Sharding of accounts across keeper instances.

Instance ``i`` of ``n`` handles the accounts whose key hashes to ``i``: the first 8
bytes of ``sha256(pubkey)`` as a big-endian integer, modulo ``n``. SHA-256 rather
than the raw key bytes because program-derived addresses share structure that
could skew a plain modulo, and rather than Python's ``hash`` because that is
salted per process: every instance, in any language, must agree.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from solders.pubkey import Pubkey

T = TypeVar("T")


def shard_of(key: Pubkey | bytes, count: int) -> int:
    """The shard (0 ≤ shard < count) that owns ``key``."""
    if count < 1:
        raise ValueError("shard count must be at least 1")
    digest = hashlib.sha256(bytes(key)).digest()
    return int.from_bytes(digest[:8], "big") % count


@dataclasses.dataclass(frozen=True)
class Shard:
    """The shard an instance handles: ``index`` of ``count``."""

    index: int = 0
    count: int = 1

    def __post_init__(self) -> None:
        if self.count < 1:
            raise ValueError(f"shard count must be at least 1 (got {self.count})")
        if not 0 <= self.index < self.count:
            raise ValueError(f"shard index must be in [0, {self.count}) (got {self.index})")

    @property
    def label(self) -> str:
        """``"index/count"``, as in logs and metrics."""
        return f"{self.index}/{self.count}"

    @property
    def is_whole(self) -> bool:
        """True when one instance handles everything."""
        return self.count == 1

    def owns(self, key: Pubkey | bytes) -> bool:
        """True if this instance handles ``key``."""
        return self.count == 1 or shard_of(key, self.count) == self.index

    def filter(self, items: Iterable[T], key: Callable[[T], Pubkey | bytes]) -> Iterator[T]:
        """The items whose ``key(item)`` this instance owns."""
        return (item for item in items if self.owns(key(item)))

    def filter_keys(self, keys: Iterable[Pubkey]) -> list[Pubkey]:
        """The keys this instance owns, in order."""
        return [k for k in keys if self.owns(k)]
