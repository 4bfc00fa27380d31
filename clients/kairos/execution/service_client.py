"""The execution-quality API of a running Kairos service, from Python (httpx, async).

Each method is one endpoint of ``kairos_service.execution.routes``; a problem+json
answer raises :class:`ServiceError` with the service's status and detail.
"""

from __future__ import annotations

from types import TracebackType
from typing import Any

import httpx


class ServiceError(Exception):
    """The service refused the request (status, problem type and detail)."""

    def __init__(self, status: int, body: Any) -> None:
        detail = body.get("detail") if isinstance(body, dict) else body
        super().__init__(f"{status}: {detail}")
        self.status = status
        self.body = body


class ExecutionServiceClient:
    """``/api/execution/*`` and ``/api/routing/*`` with an optional API key."""

    def __init__(
        self,
        base_url: str,
        *,
        api_key: str | None = None,
        owner: str | None = None,
        timeout: float = 30.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        """``owner`` identifies the user when no ``api_key`` is given."""
        headers = {"X-API-Key": api_key} if api_key else {}
        self.owner = owner
        self._http = httpx.AsyncClient(
            base_url=base_url, headers=headers, timeout=timeout, transport=transport
        )

    async def __aenter__(self) -> ExecutionServiceClient:
        """Use as an async context manager."""
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Close the connection pool."""
        await self._http.aclose()

    async def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        response = await self._http.request(method, path, **kwargs)
        body = response.json()
        if response.status_code >= 400:
            raise ServiceError(response.status_code, body)
        return body

    def _owner(self) -> dict[str, str]:
        return {"owner": self.owner} if self.owner else {}

    async def slippage_estimate(self, market_index: int, side: str, lots: int) -> Any:
        """GET /api/execution/slippage-estimate."""
        params = {"market_index": market_index, "side": side, "lots": lots}
        return await self._call("GET", "/api/execution/slippage-estimate", params=params)

    async def custom_quote(
        self, market_index: int, side: str, lots: int, preferences: dict[str, Any] | None = None
    ) -> Any:
        """POST /api/routing/custom-quote (inline preferences, else the stored ones)."""
        body = {"market_index": market_index, "side": side, "lots": lots,
                "preferences": preferences, **self._owner()}  # fmt: skip
        return await self._call("POST", "/api/routing/custom-quote", json=body)

    async def advanced_swap(
        self,
        market_index: int,
        side: str,
        lots: int,
        margin_account: str,
        *,
        preferences: dict[str, Any] | None = None,
        priority_fee_lamports: int = 0,
    ) -> Any:
        """POST /api/execution/advanced-swap: the plan to sign and its execution id."""
        body = {"market_index": market_index, "side": side, "lots": lots,
                "margin_account": margin_account, "preferences": preferences,
                "priority_fee_lamports": priority_fee_lamports, **self._owner()}  # fmt: skip
        return await self._call("POST", "/api/execution/advanced-swap", json=body)

    async def twap_order(
        self,
        market_index: int,
        side: str,
        lots: int,
        *,
        slices: int,
        interval_seconds: int,
        profile: str = "twap",
        start_time: int | None = None,
    ) -> Any:
        """POST /api/execution/twap-order: TwapOrder arguments or a VWAP schedule."""
        body = {"market_index": market_index, "side": side, "lots": lots, "slices": slices,
                "interval_seconds": interval_seconds, "profile": profile,
                "start_time": start_time}  # fmt: skip
        return await self._call("POST", "/api/execution/twap-order", json=body)

    async def slippage_analysis(self, account: str | None = None) -> Any:
        """GET /api/execution/slippage-analysis (the user's executions, analysed)."""
        params = {**self._owner(), **({"account": account} if account else {})}
        return await self._call("GET", "/api/execution/slippage-analysis", params=params)

    async def strategies(self) -> Any:
        """GET /api/routing/strategies."""
        return await self._call("GET", "/api/routing/strategies")

    async def get_preferences(self) -> Any:
        """GET /api/routing/preferences."""
        return await self._call("GET", "/api/routing/preferences", params=self._owner())

    async def put_preferences(self, preferences: dict[str, Any]) -> Any:
        """PUT /api/routing/preferences (``template`` plus overrides)."""
        return await self._call(
            "PUT", "/api/routing/preferences", params=self._owner(), json=preferences
        )
