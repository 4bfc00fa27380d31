"""HTTP API of execution quality: /api/execution/* and /api/routing/*.

Who "the user" is: the API key when the request carries one (``key:<id>``), else the
``owner`` wallet given in the request (``owner:<pubkey>``), which keyless
deployments trust as stated (see docs/ARCHITECTURE.md, "Execution quality").
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Request
from pydantic import BaseModel, Field
from solders.pubkey import Pubkey

from kairos_service.api.problems import Problem, bad_parameter
from kairos_service.execution import service as svc

router = APIRouter(tags=["execution"])

MarketQ = Annotated[int, Query(ge=0, le=65_535, description="Perp market index.")]
SideQ = Annotated[str, Query(description="buy or sell.")]
LotsQ = Annotated[int, Query(gt=0, description="Order size in lots.")]
OwnerQ = Annotated[
    str | None, Query(description="Owner wallet (base58) when the request has no API key.")
]


class OrderBody(BaseModel):
    """An order to quote or plan."""

    market_index: int = Field(ge=0, le=65_535)
    side: str
    lots: int = Field(gt=0)
    preferences: dict[str, Any] | None = None
    """Inline preferences (``template`` plus overrides); the stored ones when absent."""
    owner: str | None = None


class SwapBody(OrderBody):
    """An advanced swap: the order plus the margin account that will trade it."""

    margin_account: str
    priority_fee_lamports: int = Field(default=0, ge=0)


class TwapBody(BaseModel):
    """A split order: TWAP (one TwapOrder) or VWAP (scheduled orders from the volume profile)."""

    market_index: int = Field(ge=0, le=65_535)
    side: str
    lots: int = Field(gt=0)
    slices: int = Field(gt=0, le=10_000)
    interval_seconds: int = Field(gt=0)
    profile: str = "twap"
    start_time: int | None = None


def _pubkey(value: str, name: str) -> str:
    try:
        return str(Pubkey.from_string(value))
    except ValueError:
        raise bad_parameter(name, f"{value!r} is not a base58 public key") from None


def user_of(request: Request, owner: str | None) -> str:
    """``key:<id>`` for a keyed request, else ``owner:<wallet>`` (required then)."""
    principal = getattr(request.state, "kairos_principal", None)
    if principal is not None and not principal.anonymous:
        return f"key:{principal.key_id}"
    if owner is None:
        raise bad_parameter("owner", "give an API key or the owner wallet")
    return f"owner:{_pubkey(owner, 'owner')}"


def _chain(request: Request) -> svc.ChainReader:
    return svc.ChainReader(request.app.state.runtime.config.rpc_url)


async def _call(request: Request, fn: Any, *args: Any, write: bool = False, **kw: Any) -> Any:
    sessions = request.app.state.runtime.sessions
    try:
        async with sessions() as session:
            if write:
                async with session.begin():
                    return await fn(session, *args, **kw)
            return await fn(session, *args, **kw)
    except svc.ExecutionInputError as exc:
        raise bad_parameter(exc.parameter, str(exc)) from None
    except OSError as exc:
        raise Problem(503, "chain-unavailable", "Chain unavailable", str(exc)) from None


def _side(value: str) -> Any:
    try:
        return svc.parse_side(value)
    except svc.ExecutionInputError as exc:
        raise bad_parameter(exc.parameter, str(exc)) from None


async def _prefs(request: Request, inline: dict[str, Any] | None, owner: str | None) -> Any:
    if inline is not None:
        try:
            return svc.resolve_preferences(inline)[1]
        except svc.ExecutionInputError as exc:
            raise bad_parameter(exc.parameter, str(exc)) from None
    user = user_of(request, owner)
    return (await _call(request, svc.get_preferences, user))[1]


@router.get("/api/execution/slippage-estimate")
async def slippage_estimate(
    request: Request, market_index: MarketQ, side: SideQ, lots: LotsQ
) -> dict[str, Any]:
    """Expected price, slippage (bps) with a confidence band and the recommended tolerance."""
    return await _call(  # type: ignore[no-any-return]
        request, svc.slippage_estimate, _chain(request), market_index, _side(side), lots
    )


@router.post("/api/routing/custom-quote", tags=["routing"])
async def custom_quote(request: Request, body: OrderBody) -> dict[str, Any]:
    """Every route ranked by the given (or stored) preferences, with cost parts."""
    prefs = await _prefs(request, body.preferences, body.owner)
    return await _call(  # type: ignore[no-any-return]
        request, svc.custom_quote, _chain(request), body.market_index, _side(body.side),
        body.lots, prefs,
    )  # fmt: skip


@router.post("/api/execution/advanced-swap")
async def advanced_swap(request: Request, body: SwapBody) -> dict[str, Any]:
    """Plan the order's first route with its on-chain limits; recorded for analysis."""
    owner = body.owner
    user = user_of(request, owner)
    account = _pubkey(body.margin_account, "margin_account")
    prefs = await _prefs(request, body.preferences, owner)
    return await _call(  # type: ignore[no-any-return]
        request, svc.advanced_swap, _chain(request), user, account, body.market_index,
        _side(body.side), body.lots, prefs, priority_fee_lamports=body.priority_fee_lamports,
        write=True,
    )  # fmt: skip


@router.post("/api/execution/twap-order")
async def twap_order(request: Request, body: TwapBody) -> dict[str, Any]:
    """A TWAP (TwapOrder arguments) or VWAP (scheduled orders) plan with limits."""
    return await _call(  # type: ignore[no-any-return]
        request, svc.twap_order_plan, _chain(request), body.market_index, _side(body.side),
        body.lots, slices=body.slices, interval_seconds=body.interval_seconds,
        profile=body.profile, start_time=body.start_time,
    )  # fmt: skip


@router.get("/api/execution/slippage-analysis")
async def slippage_analysis(
    request: Request,
    owner: OwnerQ = None,
    account: Annotated[str | None, Query(description="Only this margin account.")] = None,
) -> dict[str, Any]:
    """The user's executions with implementation shortfall, fees and time to fill."""
    user = user_of(request, owner)
    margin = _pubkey(account, "account") if account is not None else None
    return await _call(  # type: ignore[no-any-return]
        request, svc.slippage_analysis, user=user, margin_account=margin, write=True
    )


@router.get("/api/routing/strategies", tags=["routing"])
async def routing_strategies() -> dict[str, Any]:
    """The five templates."""
    return {"strategies": svc.strategies()}


@router.get("/api/routing/preferences", tags=["routing"])
async def get_preferences(request: Request, owner: OwnerQ = None) -> dict[str, Any]:
    """The user's preferences (Balanced until set)."""
    user = user_of(request, owner)
    template, prefs = await _call(request, svc.get_preferences, user)
    return {"user": user, "template": template, "preferences": prefs.to_dict()}


@router.put("/api/routing/preferences", tags=["routing"])
async def put_preferences(
    request: Request, body: Annotated[dict[str, Any], Body()], owner: OwnerQ = None
) -> dict[str, Any]:
    """Store ``{"template": name, ...overrides}``; refused whole on any bad field."""
    user = user_of(request, owner)
    template, prefs = await _call(request, svc.put_preferences, user, body, write=True)
    return {"user": user, "template": template, "preferences": prefs.to_dict()}
