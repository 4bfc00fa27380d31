"""The scheduled refit of every market's impact model (a ``kairos serve`` worker)."""

from __future__ import annotations

import asyncio
import logging
import os
from typing import TYPE_CHECKING

from kairos_service.execution.service import refit_all

if TYPE_CHECKING:
    from kairos_service.runtime import ServiceRuntime

log = logging.getLogger("kairos_service.execution")
DEFAULT_REFIT_SECONDS = 300.0


def refit_seconds() -> float:
    """``KAIROS_IMPACT_REFIT_SECONDS`` (default 300 s; must be > 0)."""
    value = float(os.environ.get("KAIROS_IMPACT_REFIT_SECONDS", DEFAULT_REFIT_SECONDS))
    if not value > 0:
        raise ValueError("KAIROS_IMPACT_REFIT_SECONDS must be > 0")
    return value


async def refit_forever(runtime: ServiceRuntime) -> None:
    """Refit all markets' models, then sleep; a failed round is logged and retried."""
    period = refit_seconds()
    while True:
        try:
            async with runtime.sessions() as session, session.begin():
                fitted = await refit_all(session)
            log.info("impact models refitted for %d market(s)", fitted)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("impact model refit failed; retrying at the next tick")
        await asyncio.sleep(period)
