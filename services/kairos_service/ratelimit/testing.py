"""Pytest fixture: a private redis-server per test (fails loudly when it is not installed)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from kairos_service.ratelimit.redis_server import RedisServer


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    """A running private redis-server; fails loudly when the binary is missing."""
    with tempfile.TemporaryDirectory(prefix="kairos-redis-") as tmp:
        server = RedisServer(Path(tmp))
        server.start()
        try:
            yield server
        finally:
            server.stop()
