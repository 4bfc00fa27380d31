"""The request guard: who is calling, may they, and how much budget is left.

One ``Guard`` per app holds the key store, the token-bucket backend, the switchboard (flags
and emergency switches), the saturation gate, the read cache, the usage recorder and the
metrics. The ASGI middleware (``middleware``) asks it about every request and WebSocket
message; the rate-limit endpoints (``routes``) read from it.
"""

from __future__ import annotations

import dataclasses
import math
from typing import TYPE_CHECKING, Literal

from cachetools import TTLCache
from prometheus_client import CollectorRegistry
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from kairos_service.auth.keys import InvalidApiKey, parse_key, verify_key
from kairos_service.auth.store import KeyStore, Principal
from kairos_service.ratelimit.bucket import (
    UNIT,
    BucketBackend,
    BucketSpec,
    Decision,
    InProcessBackend,
)
from kairos_service.ratelimit.cache import ReadCache
from kairos_service.ratelimit.flags import Switchboard
from kairos_service.ratelimit.metrics import ApiMetrics
from kairos_service.ratelimit.priority import PriorityGate
from kairos_service.ratelimit.redis_backend import FAILURE_POLICIES, FailurePolicy, RedisBackend
from kairos_service.ratelimit.tiers import TIERS, TierName, tier_named
from kairos_service.ratelimit.usage import UsageRecorder

if TYPE_CHECKING:
    from kairos_service.config import ServiceConfig

AuthMode = Literal["required", "optional"]


class ApiError(Exception):
    """A refusal the middleware turns into a problem+json answer (or a WS error)."""

    def __init__(
        self,
        status: int,
        title: str,
        detail: str,
        headers: dict[str, str] | None = None,
        extra: dict[str, object] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.title = title
        self.detail = detail
        self.headers = headers or {}
        self.extra = extra or {}


@dataclasses.dataclass(frozen=True)
class GuardSettings:
    """How the guard behaves; the service config fills it (``kairos serve`` flags)."""

    auth: AuthMode = "optional"
    anonymous_tier: TierName = TierName.ENTERPRISE
    redis_url: str | None = None
    on_redis_error: FailurePolicy = "local"
    key_cache_seconds: float = 2.0
    switch_refresh_seconds: float = 2.0
    usage_flush_seconds: float = 5.0
    max_in_flight: int = 64
    max_queue: int = 256
    max_wait_seconds: float = 5.0
    cache_seconds: float = 30.0
    enabled: bool = True

    @classmethod
    def from_config(cls, config: ServiceConfig) -> GuardSettings:
        """The guard settings of a service config; ValueError names a bad field."""
        if config.api_keys not in ("optional", "required"):
            raise ValueError(f"api_keys must be optional or required, not {config.api_keys!r}")
        if config.redis_failure_policy not in FAILURE_POLICIES:
            raise ValueError(
                f"redis_failure_policy must be one of {', '.join(FAILURE_POLICIES)}, "
                f"not {config.redis_failure_policy!r}"
            )
        if config.redis_url is not None and not config.redis_url.startswith(
            ("redis://", "rediss://", "unix://")
        ):
            raise ValueError(f"redis_url must be redis://HOST:PORT/DB, not {config.redis_url!r}")
        anonymous = tier_named(config.anonymous_tier).name
        return cls(
            auth=config.api_keys,  # type: ignore[arg-type]
            anonymous_tier=anonymous,
            redis_url=config.redis_url or None,
            on_redis_error=config.redis_failure_policy,
            key_cache_seconds=config.key_cache_seconds,
            switch_refresh_seconds=config.switch_refresh_seconds,
            usage_flush_seconds=config.usage_flush_seconds,
            max_in_flight=config.rate_limit_max_in_flight,
            max_queue=config.rate_limit_max_queue,
            max_wait_seconds=config.rate_limit_max_wait_seconds,
            cache_seconds=config.rate_limit_cache_seconds,
        )


#: Route-template prefixes and the feature each needs (longest prefix wins).
FEATURES_BY_PREFIX: dict[str, str] = {
    "/api/accounts": "api.accounts",
    "/api/performance": "api.performance",
    "/api/performance/attribution": "api.performance.advanced",
    "/api/performance/benchmarks": "api.performance.advanced",
    "/api/trades": "api.trades",
    "/ws": "ws.stream",
}

#: GET routes whose stale answers are safe to serve to an over-limit key (their bodies
#: carry their own slot or time). Status and usage are never served stale.
CACHEABLE_PREFIXES: tuple[str, ...] = (
    "/api/accounts/",
    "/api/performance/",
    "/api/trades",
    "/accounts/",
)

#: Path and query parameters that name a margin account or owner (owner-scoped reads).
ACCOUNT_PARAMS: tuple[str, ...] = ("pubkey", "account", "owner")


def feature_for(template: str) -> str | None:
    """The feature a route template needs, or None."""
    best: str | None = None
    for prefix in FEATURES_BY_PREFIX:
        if template.startswith(prefix) and (best is None or len(prefix) > len(best)):
            best = prefix
    return FEATURES_BY_PREFIX[best] if best is not None else None


AUTH_FAILURE_SPEC = BucketSpec.of(TIERS[TierName.FREE])
"""Failed authentications allowed per client address: Free-tier burst, then its rate."""


def rate_headers(decision: Decision) -> dict[str, str]:
    """X-RateLimit-Limit / -Remaining / -Reset (seconds until the bucket is full)."""
    return {
        "X-RateLimit-Limit": str(decision.limit),
        "X-RateLimit-Remaining": str(decision.remaining),
        "X-RateLimit-Reset": str(math.ceil(decision.reset_us / 1_000_000)),
    }


class Guard:
    """Authentication, owner scoping, feature gates and token buckets for one app."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        settings: GuardSettings | None = None,
        *,
        backend: BucketBackend | None = None,
        registry: CollectorRegistry | None = None,
    ) -> None:
        self.settings = settings = settings or GuardSettings()
        self.store = KeyStore(sessions)
        if backend is None:
            backend = (
                RedisBackend(settings.redis_url, on_error=settings.on_redis_error)
                if settings.redis_url
                else InProcessBackend()
            )
        self.backend = backend
        self.switchboard = Switchboard(self.store.load_switchboard, settings.switch_refresh_seconds)
        self.gate = PriorityGate(
            settings.max_in_flight, settings.max_queue, settings.max_wait_seconds
        )
        self.cache = ReadCache(ttl_seconds=settings.cache_seconds)
        self.usage = UsageRecorder(sessions, settings.usage_flush_seconds)
        self.registry = registry or CollectorRegistry()
        self.metrics = ApiMetrics(
            self.registry,
            backend_up=lambda: float(getattr(self.backend, "up", True)),
            queue_depth=lambda: float(self.gate.queued),
        )
        self._principals: TTLCache[str, tuple[Principal, str] | None] = TTLCache(
            maxsize=50_000, ttl=max(settings.key_cache_seconds, 1e-6)
        )
        self._owners: TTLCache[str, str | None] = TTLCache(maxsize=100_000, ttl=60.0)
        # Failed authentications per client address (this replica): a flood of made-up keys
        # is refused with 429 before it reaches the database.
        self._auth_failures = InProcessBackend(label="auth-failures")

    async def start(self) -> None:
        """Load switches and flags, start their refresh and the usage flush."""
        await self.switchboard.start()
        self.usage.start()

    async def stop(self) -> None:
        """Stop background work, flush usage, close the backend."""
        await self.switchboard.stop()
        await self.usage.stop()
        await self.backend.close()

    # -- who ------------------------------------------------------------------------

    async def authenticate(self, plaintext: str | None, client: str) -> Principal:
        """The principal of a request; ApiError 401 for a missing, unknown or revoked key.

        Each 401 costs the client address a token of a Free-tier bucket; once it is empty,
        further keyed attempts from that address get 429 without a database lookup.
        """
        if plaintext:
            blocked = self._auth_failures.peek_now("ip:" + client, AUTH_FAILURE_SPEC)
            if not blocked.allowed:
                raise ApiError(
                    429, "Too Many Requests",
                    "too many failed authentications from this address",
                    headers={"Retry-After": str(max(1, -(-blocked.retry_after_us // 1_000_000)))},
                )
        try:
            return await self._authenticate(plaintext, client)
        except ApiError as error:
            if error.status == 401:
                self._auth_failures.hit_now("ip:" + client, AUTH_FAILURE_SPEC)
            raise

    async def _authenticate(self, plaintext: str | None, client: str) -> Principal:
        if not plaintext:
            if self.settings.auth == "required":
                raise ApiError(
                    401, "API key required", "send your key in the X-API-Key header",
                    {"WWW-Authenticate": "ApiKey"},
                )
            return Principal(
                key_id=f"anon:{client}", tier=TIERS[self.settings.anonymous_tier],
                all_accounts=True,
                anonymous=True,
            )
        try:
            key_id = parse_key(plaintext)
        except InvalidApiKey:
            raise ApiError(401, "Invalid API key", "the API key is malformed") from None
        if key_id in self._principals:
            found = self._principals[key_id]
        else:
            found = await self.store.lookup(key_id)
            self._principals[key_id] = found
        if found is None or not verify_key(plaintext, found[1]):
            raise ApiError(401, "Invalid API key", "unknown API key")
        principal = found[0]
        if principal.revoked:
            raise ApiError(401, "Invalid API key", "this API key has been revoked")
        return principal

    async def check_account(self, principal: Principal, account: str) -> None:
        """ApiError 403 unless ``principal`` may read margin account (or owner) ``account``."""
        if principal.all_accounts or account in principal.bindings:
            return
        if account in self._owners:
            owner = self._owners[account]
        else:
            owner = await self.store.owner_of(account)
            self._owners[account] = owner
        if not principal.may_read(account, owner):
            raise ApiError(
                403, "Forbidden", f"this API key may not read account {account}"
            )

    def check_feature(self, principal: Principal, feature: str | None) -> None:
        """ApiError 403 when the key's tier, the rollout or a switch withholds ``feature``."""
        if feature is None:
            return
        if not self.switchboard.feature_on(feature, principal.tier.name, principal.key_id):
            raise ApiError(
                403, "Feature not available",
                f"feature {feature} is not available to this key "
                f"(tier {principal.tier.name.value}); see GET /api/rate-limits/status",
                extra={"feature": feature},
            )

    # -- how much -------------------------------------------------------------------

    def spec_for(self, principal: Principal) -> BucketSpec:
        """The bucket of the principal's tier, made stricter by the ``ratelimit`` switch."""
        mode = self.switchboard.mode
        tier = principal.tier if mode.factor == 1.0 else principal.tier.scaled(mode.factor)
        return BucketSpec.of(tier)

    async def take(self, principal: Principal, cost: int = 1) -> Decision:
        """Take from the principal's bucket (or report a full one when limiting is off)."""
        spec = self.spec_for(principal)
        if not (self.settings.enabled and self.switchboard.mode.enforce):
            limit = spec.capacity // UNIT
            return Decision(True, limit, limit, 0, 0, "disabled")
        decision = await self.backend.hit("key:" + principal.key_id, spec, cost)
        if decision.degraded:
            self.metrics.degraded.labels(decision.backend).inc()
        return decision


def limited_error(principal: Principal, decision: Decision) -> ApiError:
    """The 429 for an over-limit request."""
    retry = max(1, math.ceil(decision.retry_after_us / 1_000_000))
    tier = principal.tier
    return ApiError(
        429,
        "Too Many Requests",
        f"rate limit of tier {tier.name.value} ({tier.rate}, burst {tier.burst}) exceeded; "
        f"retry in {retry} s",
        headers={"Retry-After": str(retry), **rate_headers(decision)},
        extra={
            "tier": tier.name.value,
            "limit": decision.limit,
            "remaining": decision.remaining,
            "retry_after_seconds": retry,
        },
    )
