"""The Redis token-bucket backend: one atomic Lua script per check, shared by every replica.

redis-py supplies the client, the connection pool and script caching (``register_script``:
EVALSHA with a reload on NOSCRIPT). The script itself is ours because ``limits`` has no token
bucket (see ``bucket``). It reads the clock with Redis ``TIME``, so replicas whose clocks
disagree still share one timeline, and it runs atomically in Redis, so two ``kairos serve``
replicas hammering one key enforce exactly one limit.

When Redis cannot be reached the backend follows its ``on_error`` policy (documented in
docs/ARCHITECTURE.md, "Rate limiting"):

* ``local`` (default): each replica falls back to its own in-process bucket with the same
  tier parameters, so limits still hold per replica (at most N x the limit over N replicas)
  while ``kairos_ratelimit_backend_up`` reads 0 and degraded decisions are counted;
* ``open``: every request passes (alert metric only);
* ``closed``: every request is refused with 429 and ``Retry-After`` = the probe interval.

After a failure the backend does not touch Redis for ``probe_seconds`` (so a dead Redis
costs no per-request timeout), then tries again; the first success switches back.
"""

from __future__ import annotations

import time
from typing import Literal

from redis.asyncio import BlockingConnectionPool, Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError

from kairos_service.ratelimit.bucket import (
    UNIT,
    BucketSpec,
    Decision,
    InProcessBackend,
    check_cost,
    decision_from,
)

FailurePolicy = Literal["local", "open", "closed"]
FAILURE_POLICIES: tuple[FailurePolicy, ...] = ("local", "open", "closed")

# KEYS[1] = bucket; ARGV = capacity units, refill units per microsecond, cost units.
# Same arithmetic as bucket.take; numbers stay below 2**53 so Lua doubles are exact
# (elapsed is capped at the time to full before it is multiplied by the rate).
TOKEN_BUCKET_LUA = """
local cap = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local level = cap
local ts = now
local since = now
local state = redis.call('HMGET', KEYS[1], 'level', 'ts', 'since')
if state[1] then
  level = tonumber(state[1])
  ts = tonumber(state[2])
  since = tonumber(state[3]) or now
  if level > cap then level = cap end
  if now > ts then
    local elapsed = now - ts
    local to_full = math.ceil((cap - level) / rate)
    if elapsed > to_full then elapsed = to_full end
    level = level + elapsed * rate
    if level > cap then level = cap end
    ts = now
  end
end
local allowed = 0
if level >= cost then
  level = level - cost
  allowed = 1
end
redis.call('HSET', KEYS[1], 'level', string.format('%.0f', level),
  'ts', string.format('%.0f', ts), 'since', string.format('%.0f', since))
local ttl_ms = math.ceil((cap - level) / rate / 1000) + 1000
redis.call('PEXPIRE', KEYS[1], ttl_ms)
return {allowed, string.format('%.0f', level), string.format('%.0f', ts)}
"""


class RedisBackend:
    """Token buckets in Redis, one Lua script per check, with a failure policy."""

    name = "redis"

    def __init__(
        self,
        url: str,
        *,
        on_error: FailurePolicy = "local",
        probe_seconds: float = 1.0,
        timeout_seconds: float = 1.0,
        max_connections: int = 32,
        key_prefix: str = "kairos:rl:",
    ) -> None:
        if on_error not in FAILURE_POLICIES:
            raise ValueError(f"on_error must be one of {', '.join(FAILURE_POLICIES)}")
        self.url = url
        self.on_error: FailurePolicy = on_error
        self._probe_seconds = probe_seconds
        self._prefix = key_prefix
        # No retries inside redis-py: the failure policy, not a retry loop, answers a dead
        # Redis, and a request must not wait for reconnect backoff. A bounded pool: under a
        # burst, checks queue for a connection instead of opening hundreds of sockets.
        pool = BlockingConnectionPool.from_url(
            url,
            max_connections=max_connections,
            timeout=timeout_seconds,
            socket_connect_timeout=timeout_seconds,
            socket_timeout=timeout_seconds,
            retry=Retry(NoBackoff(), 0),
            decode_responses=True,
        )
        self._redis: Redis = Redis(connection_pool=pool)
        self._script = self._redis.register_script(TOKEN_BUCKET_LUA)
        self._fallback = InProcessBackend(label="in-process-fallback")
        self._down_until = 0.0
        self.up = True
        """False while Redis is considered unreachable (exported as a metric)."""
        self.failures = 0
        """Redis errors seen (each opens a probe window)."""
        self.last_error: str | None = None

    @property
    def redis(self) -> Redis:
        """The underlying client (for the switchboard and the tests)."""
        return self._redis

    async def hit(self, key: str, spec: BucketSpec, cost: int = 1) -> Decision:
        """Take ``cost`` tokens from ``key`` in Redis, or apply the failure policy."""
        cost_units = check_cost(spec, cost)
        if time.monotonic() >= self._down_until:
            try:
                allowed, level, _ts = await self._script(
                    keys=[self._prefix + key],
                    args=[spec.capacity, spec.refill_per_us, cost_units],
                )
            except (RedisError, OSError) as exc:
                self._mark_down(exc)
            else:
                self.up = True
                return decision_from(bool(allowed), int(level), spec, cost_units, "redis")
        return self._degraded(key, spec, cost, cost_units)

    def _mark_down(self, exc: BaseException) -> None:
        self.up = False
        self.failures += 1
        self.last_error = f"{type(exc).__name__}: {exc}"
        self._down_until = time.monotonic() + self._probe_seconds

    def _degraded(self, key: str, spec: BucketSpec, cost: int, cost_units: int) -> Decision:
        if self.on_error == "local":
            return self._fallback.hit_now(key, spec, cost)
        probe_us = int(self._probe_seconds * 1_000_000)
        if self.on_error == "open":
            return Decision(True, spec.capacity // UNIT, spec.capacity // UNIT, 0, 0, "fail-open")
        return Decision(False, spec.capacity // UNIT, 0, probe_us, probe_us, "fail-closed")

    async def state(self, key: str) -> dict[str, int] | None:
        """The raw bucket (level, ts, since in units/us) or None; for tests and benchmarks."""
        raw = await self._redis.hgetall(self._prefix + key)
        return {str(k): int(v) for k, v in raw.items()} if raw else None

    async def close(self) -> None:
        """Close the connection pool."""
        await self._redis.aclose()
        await self._redis.connection_pool.disconnect()
