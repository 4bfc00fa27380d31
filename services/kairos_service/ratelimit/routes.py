"""``/api/rate-limits/*``: where a key stands, what it used, its history, and upgrades."""

from __future__ import annotations

import datetime as dt
import math
import time
from typing import Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from kairos_service.api.problems import Problem, bad_parameter
from kairos_service.auth.store import NotFound, Principal
from kairos_service.ratelimit.bucket import Decision
from kairos_service.ratelimit.guard import Guard
from kairos_service.ratelimit.tiers import TIERS, bill_micro_usd
from kairos_service.ratelimit.usage import hour_of, month_start

router = APIRouter(prefix="/api/rate-limits", tags=["rate limits"])


def _guard(request: Request) -> Guard:
    guard: Guard = request.app.state.guard
    return guard


def _principal(request: Request) -> Principal:
    principal: Principal | None = getattr(request.state, "kairos_principal", None)
    if principal is None:  # only when the middleware is disabled
        raise Problem(500, "no-guard", "Rate limiting not installed", "no rate-limit guard")
    return principal


def _iso(unix: float) -> str:
    return dt.datetime.fromtimestamp(unix, dt.UTC).isoformat().replace("+00:00", "Z")


def _usd(micro: int) -> str:
    return f"{micro // 1_000_000}.{micro % 1_000_000:06d}"


@router.get("/status")
async def rate_limit_status(request: Request) -> dict[str, Any]:
    """The key's tier, limits, what is left now, features, A/B assignments and mode."""
    guard = _guard(request)
    principal = _principal(request)
    decision: Decision = request.state.kairos_decision
    tier = principal.tier
    mode = guard.switchboard.mode
    return {
        "key_id": principal.key_id,
        "name": principal.name,
        "anonymous": principal.anonymous,
        "tier": tier.name.value,
        "rate": tier.rate,
        "burst": tier.burst,
        "limit": decision.limit,
        "remaining": decision.remaining,
        "reset_seconds": math.ceil(decision.reset_us / 1_000_000),
        "backend": decision.backend,
        "enforced": mode.enforce,
        "strictness_factor": mode.factor,
        "all_accounts": principal.all_accounts,
        "bound_accounts": sorted(principal.bindings),
        "features": guard.switchboard.features_for(tier.name, principal.key_id),
        "experiments": guard.switchboard.variants_for(principal.key_id),
    }


@router.get("/usage")
async def rate_limit_usage(
    request: Request,
    month: str | None = Query(None, description="YYYY-MM (UTC); the current month if absent"),
) -> dict[str, Any]:
    """Requests, 429s, errors and latency per endpoint this month, and the bill so far."""
    guard = _guard(request)
    principal = _principal(request)
    if month is None:
        start = month_start(time.time())
    else:
        try:
            day = dt.datetime.strptime(month, "%Y-%m").replace(tzinfo=dt.UTC)
        except ValueError:
            raise bad_parameter("month", f"month {month!r} is not YYYY-MM") from None
        start = int(day.timestamp())
    end = month_start(start + 32 * 86_400)
    await guard.usage.flush()
    endpoints = await guard.usage.by_endpoint(principal.key_id, start, end)
    requests = sum(e["requests"] for e in endpoints)
    limited = sum(e["rate_limited"] for e in endpoints)
    billable = requests - limited
    tier = principal.tier
    total = bill_micro_usd(tier, billable)
    overage = max(0, billable - tier.included_requests)
    return {
        "key_id": principal.key_id,
        "tier": tier.name.value,
        "from": _iso(start),
        "to": _iso(end),
        "requests": requests,
        "rate_limited": limited,
        "billable": billable,
        "endpoints": endpoints,
        "bill": {
            "tier": tier.name.value,
            "base_micro_usd": tier.monthly_base_micro_usd,
            "included_requests": tier.included_requests,
            "overage_requests": overage,
            "overage_micro_usd": overage * tier.overage_micro_usd_per_request,
            "total_micro_usd": total,
            "total_usd": _usd(total),
        },
    }


@router.get("/history")
async def rate_limit_history(
    request: Request,
    hours: int = Query(24, ge=1, le=24 * 92, description="How many hours back (<= 92 days)"),
) -> dict[str, Any]:
    """Hourly roll-ups (requests, 429s, errors, latency) over the last ``hours`` hours."""
    guard = _guard(request)
    principal = _principal(request)
    until = hour_of(time.time()) + 3600
    since = until - hours * 3600
    await guard.usage.flush()
    rows = await guard.usage.hourly(principal.key_id, since, until)
    for row in rows:
        row["hour"] = _iso(row["hour"])
    return {"key_id": principal.key_id, "from": _iso(since), "to": _iso(until), "hours": rows}


class UpgradeBody(BaseModel):
    """An upgrade request."""

    tier: str = Field(description="The tier wanted: power or enterprise")
    reason: str = Field("", max_length=500)


@router.post("/upgrade", status_code=202)
async def rate_limit_upgrade(request: Request, body: UpgradeBody) -> dict[str, Any]:
    """Ask for a higher tier; an admin approves it with ``kairos api-keys upgrades approve``."""
    guard = _guard(request)
    principal = _principal(request)
    if principal.anonymous:
        raise Problem(401, "unauthorized", "API key required", "upgrades need an API key")
    if body.tier.strip().lower() not in {t.value for t in TIERS}:
        raise bad_parameter("tier", f"unknown tier {body.tier!r} (power, enterprise)")
    try:
        req = await guard.store.request_upgrade(principal.key_id, body.tier, body.reason)
    except FileExistsError as exc:
        raise Problem(409, "upgrade-pending", "Upgrade already requested", str(exc)) from None
    except ValueError as exc:
        raise bad_parameter("tier", str(exc)) from None
    except NotFound as exc:
        raise Problem(401, "unauthorized", "Invalid API key", str(exc)) from None
    req["created_at"] = _iso(req["created_at"])
    return req
