"""Service configuration: defaults, then ``KAIROS_SERVICE_*`` environment, then CLI flags."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from kairos.program import PROGRAM_ID
from solders.pubkey import Pubkey

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///kairos-service.db"
DEFAULT_RPC_URL = "http://127.0.0.1:8899"


def ws_url_for(rpc_url: str) -> str:
    """The PubSub URL Solana's tools derive from an RPC URL (ws scheme, port + 1)."""
    from kairos_localnet.testing import ws_url_for as derive

    return derive(rpc_url)


def normalise_database_url(url: str) -> str:
    """Pick the async driver for a plain ``sqlite://`` / ``postgresql://`` URL.

    Raises ValueError for any other scheme: the service supports exactly these two.
    """
    if url.startswith("sqlite+aiosqlite://") or url.startswith("postgresql+asyncpg://"):
        return url
    if url.startswith("sqlite://"):
        return "sqlite+aiosqlite://" + url[len("sqlite://") :]
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url[len(prefix) :]
    raise ValueError(
        f"unsupported database URL {url!r}: use sqlite:///PATH or postgresql://USER@HOST/DB"
    )


@dataclasses.dataclass(frozen=True)
class ServiceConfig:
    """Everything ``kairos serve`` needs; every field has a working default."""

    database_url: str = DEFAULT_DATABASE_URL
    rpc_url: str = DEFAULT_RPC_URL
    ws_url: str | None = None
    program_id: Pubkey = PROGRAM_ID
    host: str = "127.0.0.1"
    port: int = 8080
    # Equity snapshots of every known margin account, every N seconds.
    snapshot_seconds: float = 300.0
    # Oracle price samples (benchmarks, marks), every N seconds.
    oracle_sample_seconds: float = 60.0
    # Live P&L / health pushes to /ws subscribers, every N seconds.
    live_seconds: float = 1.0
    # How often non-finalized events are checked for promotion to finalized.
    finality_poll_seconds: float = 2.0
    # Backfill page size for getSignaturesForAddress (the RPC caps it at 1,000).
    backfill_page: int = 1000
    # /ws: heartbeat period and the per-client queue bound (a full queue drops the client).
    ws_heartbeat_seconds: float = 15.0
    ws_queue_size: int = 256
    # Run the indexer and samplers inside the API process (False: API replica only).
    run_indexer: bool = True
    # An API replica still follows the program's accounts (account state, /ws pushes);
    # False for a process with no chain at all (database-only tools, benchmarks).
    follow_accounts: bool = True
    # Benchmarks: symbol -> oracle; empty means "markets named SOL-PERP/BTC-PERP/ETH-PERP".
    benchmark_oracles: tuple[tuple[str, Pubkey], ...] = ()
    # Rate limiting (docs/ARCHITECTURE.md, "Rate limiting"). api_keys: "optional"
    # (a caller without a key is anonymous, Free tier per client address, and may read every
    # account: the embedded single-user default) or "required" (what operators run).
    api_keys: str = "optional"
    # The tier of keyless callers in "optional" mode (one bucket per client address).
    anonymous_tier: str = "enterprise"
    # False: no guard at all (no keys, limits, analytics; the benchmark's baseline).
    rate_limit: bool = True
    # Shared token buckets for several replicas; None: in-process buckets.
    redis_url: str | None = None
    # When Redis is unreachable: "local" (per-replica buckets), "open" or "closed".
    redis_failure_policy: str = "local"
    # Saturation: requests in flight per replica, then a bounded queue (premium tiers first).
    rate_limit_max_in_flight: int = 64
    rate_limit_max_queue: int = 256
    rate_limit_max_wait_seconds: float = 5.0
    # How old a cached answer to a rate-limited safe read may be.
    rate_limit_cache_seconds: float = 30.0
    # Replicas see a revoked or re-tiered key, a switch or a flag within these periods.
    key_cache_seconds: float = 2.0
    switch_refresh_seconds: float = 2.0
    usage_flush_seconds: float = 5.0
    # Webhooks (docs/ARCHITECTURE.md, "Webhooks"): run a delivery worker in this process;
    # one attempt's time limit; attempts before the dead letter; backoff base and cap
    # (full jitter); endpoints delivered in parallel; whether subscriptions may target
    # private/loopback addresses (the embedded single-user default; refuse it for
    # untrusted keys).
    webhook_worker: bool = True
    webhook_timeout_seconds: float = 10.0
    webhook_max_attempts: int = 15
    webhook_backoff_base_seconds: float = 60.0
    webhook_backoff_cap_seconds: float = 21600.0
    webhook_concurrency: int = 8
    webhook_allow_private: bool = True

    @property
    def pubsub_url(self) -> str:
        """The PubSub URL (given, or derived from the RPC URL)."""
        return self.ws_url or ws_url_for(self.rpc_url)

    @property
    def async_database_url(self) -> str:
        """The database URL with its async driver."""
        return normalise_database_url(self.database_url)

    @classmethod
    def from_env(cls, **overrides: object) -> ServiceConfig:
        """Defaults, overridden by ``KAIROS_SERVICE_*`` variables, then by ``overrides``."""
        values: dict[str, object] = {}
        env = os.environ
        for field in dataclasses.fields(cls):
            raw = env.get(f"KAIROS_SERVICE_{field.name.upper()}")
            if raw is None or field.name == "benchmark_oracles":
                continue
            if field.name == "program_id":
                values[field.name] = Pubkey.from_string(raw)
            elif field.type in ("int",):
                values[field.name] = int(raw)
            elif field.type in ("float",):
                values[field.name] = float(raw)
            elif field.type in ("bool",):
                values[field.name] = raw.lower() in ("1", "true", "yes")
            else:
                values[field.name] = raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]


def static_dir() -> Path:
    """Where the web page's files are."""
    return Path(__file__).resolve().parent / "web" / "static"
