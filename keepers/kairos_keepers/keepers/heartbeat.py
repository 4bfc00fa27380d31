"""The ``heartbeat`` keeper: logs the slot every poll; proves the RPC and the runtime.

Useful in operations as a canary beside the real keepers (same RPC, same limits,
same metrics and health endpoint) and to spot a stalled RPC node: it warns when
the slot has not advanced for ``stall_warning_seconds``.
"""

from __future__ import annotations

import dataclasses
import time

from kairos_keepers.config import setting
from kairos_keepers.lifecycle import Keeper, KeeperRuntime
from kairos_keepers.registry import register


@dataclasses.dataclass(frozen=True)
class HeartbeatSettings:
    """``[keepers.heartbeat]`` settings."""

    stall_warning_seconds: float = setting(
        30.0, "Warn when the slot has not advanced for this long.", gt=0
    )


@register
class HeartbeatKeeper(Keeper):
    """Logs the current slot every poll and warns when it stalls."""

    name = "heartbeat"
    description = "Logs the slot each poll (RPC canary; warns when the slot stalls)."
    Settings = HeartbeatSettings
    needs_keypair = False

    def __init__(self, runtime: KeeperRuntime) -> None:
        super().__init__(runtime)
        self.slot_gauge = self.metrics.gauge(
            "heartbeat_slot", "Last slot the heartbeat keeper saw."
        )
        self.last_slot: int | None = None
        self.last_advance = time.monotonic()
        self.stall_warned = False

    async def tick(self) -> None:
        """Read the slot, log it, warn if it has not moved for too long."""
        slot = await self.rpc.get_slot()
        now = time.monotonic()
        delta = None if self.last_slot is None else slot - self.last_slot
        if delta is None or delta > 0:
            self.last_advance = now
            self.stall_warned = False
        self.last_slot = slot
        self.slot_gauge.labels(self.metrics.keeper).set(slot)
        self.log.info("heartbeat", slot=slot, slot_delta=delta)
        stalled_for = now - self.last_advance
        settings: HeartbeatSettings = self.settings
        if stalled_for >= settings.stall_warning_seconds and not self.stall_warned:
            self.stall_warned = True
            self.log.warning("slot_stalled", slot=slot, seconds=round(stalled_for, 1))
