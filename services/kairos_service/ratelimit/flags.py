"""Feature flags per tier, gradual rollout, stable A/B assignment and emergency switches.

Flags and switches live in the service database (tables ``feature_flags`` and
``service_switches``); every replica's :class:`Switchboard` reloads them every few seconds,
so an admin's ``kairos service switch`` or ``kairos service flag`` takes effect everywhere
within one refresh interval, on SQLite and PostgreSQL alike, with or without Redis.

Rollout and A/B use a hash of (flag, key id): the same key always lands in the same place,
and raising a rollout share only adds keys (a key in at 10% stays in at 20%).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import hashlib
import logging
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping

from kairos_service.ratelimit.tiers import TierName

log = logging.getLogger(__name__)

RATELIMIT_SWITCH = "ratelimit"
"""Switch name: ``normal`` (default), ``off`` or ``strict:<factor in (0,1]>``."""

FEATURE_SWITCH_PREFIX = "feature."
"""Switch ``feature.<name>`` = ``off`` kills a feature for everyone at once."""

ALL_TIERS = frozenset(TierName)


def hash_share(*parts: str) -> float:
    """A stable number in [0, 1) for ``parts`` (SHA-256; same on every replica and run)."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


@dataclasses.dataclass(frozen=True)
class FeatureFlag:
    """A feature: which tiers may use it, the share of their keys that get it, A/B variants.

    ``variants`` are ``(name, weight)`` pairs; an empty tuple means no experiment.
    """

    name: str
    tiers: frozenset[TierName] = ALL_TIERS
    rollout_percent: float = 100.0
    enabled: bool = True
    variants: tuple[tuple[str, int], ...] = ()

    def __post_init__(self) -> None:
        if not 0.0 <= self.rollout_percent <= 100.0:
            raise ValueError(f"rollout of {self.name!r} must be within 0..100 percent")
        if any(w < 0 for _, w in self.variants) or (
            self.variants and sum(w for _, w in self.variants) == 0
        ):
            raise ValueError(f"variants of {self.name!r} need non-negative weights, some > 0")

    def enabled_for(self, tier: TierName, key_id: str) -> bool:
        """Whether the key ``key_id`` on ``tier`` has this feature."""
        if not self.enabled or tier not in self.tiers:
            return False
        return hash_share("rollout", self.name, key_id) * 100.0 < self.rollout_percent

    def variant_for(self, key_id: str) -> str | None:
        """The A/B variant of ``key_id`` (stable per key), or None without variants."""
        if not self.variants:
            return None
        total = sum(w for _, w in self.variants)
        point = hash_share("variant", self.name, key_id) * total
        for name, weight in self.variants:
            if point < weight:
                return name
            point -= weight
        return self.variants[-1][0]


#: Flags in force until the database says otherwise.
DEFAULT_FLAGS: tuple[FeatureFlag, ...] = (
    FeatureFlag("api.accounts"),
    FeatureFlag("api.performance"),
    FeatureFlag("api.performance.advanced", frozenset({TierName.POWER, TierName.ENTERPRISE})),
    FeatureFlag("api.trades"),
    FeatureFlag("ws.stream"),
    FeatureFlag(
        "routing.preference",
        variants=(("book-first", 50), ("auction-first", 50)),
    ),
)


@dataclasses.dataclass(frozen=True)
class RateLimitMode:
    """What the ``ratelimit`` switch says: enforce (with a factor) or not."""

    enforce: bool = True
    factor: float = 1.0

    @classmethod
    def parse(cls, value: str | None) -> RateLimitMode:
        """Parse a switch value; ValueError with the accepted forms."""
        text = (value or "normal").strip().lower()
        if text == "normal":
            return cls()
        if text == "off":
            return cls(enforce=False)
        if text.startswith("strict:"):
            with contextlib.suppress(ValueError):
                factor = float(text.split(":", 1)[1])
                if 0 < factor <= 1:
                    return cls(factor=factor)
        raise ValueError("ratelimit switch: 'normal', 'off' or 'strict:<factor in (0,1]>'")


def validate_switch(name: str, value: str) -> None:
    """ValueError when ``name``/``value`` is not a switch the service understands."""
    if name == RATELIMIT_SWITCH:
        RateLimitMode.parse(value)
    elif name.startswith(FEATURE_SWITCH_PREFIX) and len(name) > len(FEATURE_SWITCH_PREFIX):
        if value not in ("on", "off"):
            raise ValueError(f"{name}: 'on' or 'off'")
    else:
        raise ValueError(f"unknown switch {name!r} (ratelimit, feature.<name>)")


Loader = Callable[[], Awaitable[tuple[Mapping[str, str], Iterable[FeatureFlag]]]]


class Switchboard:
    """The replica's view of the switches and flags, reloaded every ``refresh_seconds``."""

    def __init__(self, loader: Loader | None = None, refresh_seconds: float = 2.0) -> None:
        self._loader = loader
        self.refresh_seconds = refresh_seconds
        self.switches: dict[str, str] = {}
        self.flags: dict[str, FeatureFlag] = {f.name: f for f in DEFAULT_FLAGS}
        self.mode = RateLimitMode()
        self.loaded_at = 0.0
        self._task: asyncio.Task[None] | None = None

    def apply(self, switches: Mapping[str, str], flags: Iterable[FeatureFlag]) -> None:
        """Install a snapshot (bad switch values are logged and ignored, never half-applied)."""
        merged = {f.name: f for f in DEFAULT_FLAGS}
        merged.update({f.name: f for f in flags})
        try:
            mode = RateLimitMode.parse(switches.get(RATELIMIT_SWITCH))
        except ValueError as exc:
            log.error("ignoring bad ratelimit switch: %s", exc)
            mode = self.mode
        self.switches = dict(switches)
        self.flags = merged
        self.mode = mode
        self.loaded_at = time.monotonic()

    async def refresh(self) -> None:
        """Reload once from the loader."""
        if self._loader is not None:
            switches, flags = await self._loader()
            self.apply(switches, list(flags))

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.refresh_seconds)
            try:
                await self.refresh()
            except Exception:  # keep the last good snapshot; retry next tick
                log.exception("switchboard refresh failed")

    async def start(self) -> None:
        """Load now, then keep reloading in the background."""
        await self.refresh()
        if self._loader is not None and self._task is None:
            self._task = asyncio.create_task(self._run(), name="kairos-switchboard")

    async def stop(self) -> None:
        """Stop the background reload."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    def feature_on(self, name: str, tier: TierName, key_id: str) -> bool:
        """Whether ``key_id`` on ``tier`` may use feature ``name`` right now."""
        if self.switches.get(FEATURE_SWITCH_PREFIX + name) == "off":
            return False
        flag = self.flags.get(name)
        return flag is not None and flag.enabled_for(tier, key_id)

    def features_for(self, tier: TierName, key_id: str) -> dict[str, bool]:
        """Every known feature and whether this key has it."""
        return {name: self.feature_on(name, tier, key_id) for name in sorted(self.flags)}

    def variants_for(self, key_id: str) -> dict[str, str]:
        """The key's A/B assignment in every experiment."""
        out: dict[str, str] = {}
        for name, flag in sorted(self.flags.items()):
            variant = flag.variant_for(key_id)
            if variant is not None:
                out[name] = variant
        return out
