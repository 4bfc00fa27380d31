"""A lean async JSON-RPC client over httpx for the indexer's few read calls.

solana-py's AsyncClient parses every answer into solders objects; the indexer only
needs the raw JSON of five methods, so it posts them directly (and can batch).
"""

from __future__ import annotations

import itertools
from typing import Any

import httpx


class RpcError(RuntimeError):
    """The node answered with a JSON-RPC error."""

    def __init__(self, method: str, error: dict[str, Any]) -> None:
        super().__init__(f"{method}: {error.get('message', error)}")
        self.error = error


class Rpc:
    """JSON-RPC calls to one node."""

    def __init__(self, url: str, timeout: float = 30.0) -> None:
        self.url = url
        self._client = httpx.AsyncClient(timeout=timeout)
        self._ids = itertools.count(1)

    async def close(self) -> None:
        """Close the HTTP client."""
        await self._client.aclose()

    async def call(self, method: str, *params: Any) -> Any:
        """One call; raises :class:`RpcError` on an error answer."""
        body = {"jsonrpc": "2.0", "id": next(self._ids), "method": method, "params": list(params)}
        response = await self._client.post(self.url, json=body)
        response.raise_for_status()
        answer = response.json()
        if "error" in answer:
            raise RpcError(method, answer["error"])
        return answer["result"]

    async def batch(self, calls: list[tuple[str, list[Any]]]) -> list[Any]:
        """Several calls in one request, answers in order (errors raise)."""
        if not calls:
            return []
        first = next(self._ids)
        body = [
            {"jsonrpc": "2.0", "id": first + i, "method": method, "params": params}
            for i, (method, params) in enumerate(calls)
        ]
        for _ in range(len(calls) - 1):
            next(self._ids)
        response = await self._client.post(self.url, json=body)
        response.raise_for_status()
        answers = {item["id"]: item for item in response.json()}
        out = []
        for i, (method, _params) in enumerate(calls):
            item = answers[first + i]
            if "error" in item:
                raise RpcError(method, item["error"])
            out.append(item["result"])
        return out
