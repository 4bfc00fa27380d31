"""A rate-limited, retrying JSON-RPC client: every RPC call a keeper makes goes here.

:class:`RateLimitedRpc` posts JSON-RPC over one aiohttp session (about five times
the request rate of httpx, which solana-py uses). Every HTTP attempt first takes a
token from the process's shared :class:`~kairos_keepers.ratelimit.TokenBucket`; a
429 penalises the bucket (honouring ``Retry-After``) so every task backs off
together; retryable failures (connection reset, timeout, 5xx, node behind,
blockhash not found) are retried with full-jitter backoff; each attempt is counted
by method and status.

Code that needs solana-py's ``AsyncClient`` (AnchorPy, the Kairos SDK's
``KairosClient``) gets one from :meth:`RateLimitedRpc.async_client`: its HTTP
requests travel through the same limiter, retries and metrics.
"""

from __future__ import annotations

import asyncio
import base64
import collections
import dataclasses
import email.utils
import itertools
import json
import random
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import aiohttp
import httpx
from solders.account import Account
from solders.hash import Hash
from solders.pubkey import Pubkey
from solders.signature import Signature
from solders.transaction import VersionedTransaction

from kairos_keepers.errors import (
    ErrorKind,
    RetriesExhaustedError,
    RpcConnectionError,
    RpcError,
    RpcHttpError,
    RpcResponseError,
    RpcTimeoutError,
    classify,
)
from kairos_keepers.metrics import KeeperMetrics
from kairos_keepers.ratelimit import TokenBucket
from kairos_keepers.retry import RetryPolicy

if TYPE_CHECKING:
    from solana.rpc.async_api import AsyncClient

    from kairos_keepers.config import KeeperConfig

MAX_MULTIPLE_ACCOUNTS = 100
"""getMultipleAccounts takes at most 100 keys per request (Agave's limit)."""
MAX_SIGNATURE_STATUSES = 256


@dataclasses.dataclass(frozen=True)
class SimulationResult:
    """What simulateTransaction answered."""

    err: Any
    logs: list[str]
    units_consumed: int
    slot: int


@dataclasses.dataclass(frozen=True)
class SignatureStatus:
    """One entry of getSignatureStatuses."""

    slot: int
    err: Any
    confirmation_status: str | None


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date); None if absent."""
    if not value:
        return None
    text = value.strip()
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    try:
        moment = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())


def decode_account(value: Any) -> Account | None:
    """An account from its JSON-RPC form (base64 data); None for a missing account."""
    if value is None:
        return None
    data_field = value["data"]
    if isinstance(data_field, list):
        raw, encoding = data_field[0], data_field[1]
        if encoding != "base64":
            raise ValueError(f"unexpected account encoding {encoding!r}")
        data = base64.b64decode(raw)
    else:
        raise ValueError("account data must be [data, encoding]")
    return Account(
        lamports=int(value["lamports"]),
        data=data,
        owner=Pubkey.from_string(value["owner"]),
        executable=bool(value.get("executable", False)),
        rent_epoch=int(value.get("rentEpoch", 0)),
    )


def _method_of(body: bytes) -> str:
    """The JSON-RPC method of a request body ("batch" for a batch), for metrics."""
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return "unknown"
    if isinstance(payload, list):
        return "batch"
    method = payload.get("method") if isinstance(payload, dict) else None
    return method if isinstance(method, str) else "unknown"


class RateLimitedRpc:
    """JSON-RPC client with a shared token bucket, retries and per-method counts."""

    def __init__(
        self,
        url: str,
        *,
        limiter: TokenBucket | None = None,
        retry: RetryPolicy | None = None,
        metrics: KeeperMetrics | None = None,
        timeout: float = 10.0,
        max_connections: int = 32,
        commitment: str = "confirmed",
        rng: random.Random | None = None,
    ) -> None:
        self.url = url
        self.limiter = limiter or TokenBucket(10.0, 10)
        self.retry = retry or RetryPolicy()
        self.metrics = metrics
        self.timeout = timeout
        self.max_connections = max_connections
        self.commitment = commitment
        self._rng = rng or random.Random()
        self._ids = itertools.count(1)
        self._session: aiohttp.ClientSession | None = None
        self.calls: collections.Counter[str] = collections.Counter()
        """HTTP attempts per JSON-RPC method (also exported as metrics)."""
        self.retries: collections.Counter[str] = collections.Counter()
        """Retries per reason ("http_429", "timeout", "connection", "rpc_-32005", ...)."""
        self.last_response: float | None = None
        """Monotonic time of the last answer from the server (even a 429)."""
        self.last_success: float | None = None
        """Monotonic time of the last successful call."""

    @classmethod
    def from_config(
        cls, config: KeeperConfig, metrics: KeeperMetrics | None = None
    ) -> RateLimitedRpc:
        """A client set up from the keeper configuration."""
        return cls(
            config.rpc_url,
            limiter=TokenBucket(config.rpc_rps, config.rpc_burst),
            retry=RetryPolicy(
                max_attempts=config.rpc_max_retries + 1,
                base_delay=config.retry_base_delay,
                max_delay=config.retry_max_delay,
            ),
            metrics=metrics,
            timeout=config.rpc_timeout,
            max_connections=config.rpc_max_connections,
            commitment=config.commitment,
        )

    # --- session ---------------------------------------------------------------------

    def _get_session(self) -> aiohttp.ClientSession:
        # Created on first use, inside the running loop that will own it.
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self.max_connections),
                timeout=aiohttp.ClientTimeout(total=self.timeout),
                # Answers are read as bytes; a provider's gzip is still undone by aiohttp.
                headers={"Content-Type": "application/json"},
            )
        return self._session

    async def close(self) -> None:
        """Close the HTTP connections."""
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def __aenter__(self) -> RateLimitedRpc:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    # --- one attempt, and the retry loop -------------------------------------------------

    async def _attempt(self, method: str, body: bytes) -> bytes:
        """One HTTP POST behind the token bucket; raises an RpcError unless HTTP 200."""
        waited = await self.limiter.acquire()
        if self.metrics is not None:
            self.metrics.waited_for_token(waited)
        self.calls[method] += 1
        session = self._get_session()
        loop = asyncio.get_running_loop()
        started = loop.time()
        status = "ok"
        try:
            async with session.post(self.url, data=body) as response:
                payload = await response.read()
                self.last_response = time.monotonic()
                if response.status != 200:
                    status = "429" if response.status == 429 else f"http_{response.status}"
                    raise RpcHttpError(
                        method,
                        response.status,
                        payload.decode("utf-8", errors="replace"),
                        parse_retry_after(response.headers.get("Retry-After")),
                    )
                return payload
        except TimeoutError:
            status = "timeout"
            raise RpcTimeoutError(method, self.timeout) from None
        except (aiohttp.ClientError, OSError) as exc:
            status = "connection"
            raise RpcConnectionError(method, f"{type(exc).__name__}: {exc}") from None
        finally:
            if self.metrics is not None:
                self.metrics.rpc_request(method, status, loop.time() - started)

    def _retry_reason(self, exc: RpcError) -> str:
        if isinstance(exc, RpcHttpError):
            return "http_429" if exc.status == 429 else f"http_{exc.status}"
        if isinstance(exc, RpcTimeoutError):
            return "timeout"
        if isinstance(exc, RpcConnectionError):
            return "connection"
        if isinstance(exc, RpcResponseError):
            return f"rpc_{exc.code}"
        return type(exc).__name__

    async def _with_retries(self, method: str, body: bytes, *, parse: bool) -> Any:
        """POST until success or a permanent error; the parsed result if ``parse``."""
        attempt = 0
        while True:
            try:
                raw = await self._attempt(method, body)
                result = self._parse(method, raw) if parse else raw
            except RpcError as exc:
                kind = classify(exc)
                if kind is ErrorKind.RATE_LIMITED:
                    retry_after = exc.retry_after if isinstance(exc, RpcHttpError) else None
                    self.limiter.penalize(retry_after)
                    if self.metrics is not None:
                        self.metrics.rate_limited(method)
                if kind is ErrorKind.PERMANENT:
                    raise
                attempt += 1
                if attempt >= self.retry.max_attempts:
                    raise RetriesExhaustedError(method, attempt, exc) from exc
                reason = self._retry_reason(exc)
                self.retries[reason] += 1
                if self.metrics is not None:
                    self.metrics.rpc_retry(method, reason)
                # After a 429 the penalised bucket is the wait; no extra sleep on top.
                if kind is not ErrorKind.RATE_LIMITED:
                    await asyncio.sleep(self.retry.backoff(attempt - 1, self._rng))
                continue
            self.limiter.note_success()
            self.last_success = time.monotonic()
            return result

    def _parse(self, method: str, raw: bytes) -> Any:
        try:
            payload = json.loads(raw)
        except (ValueError, UnicodeDecodeError) as exc:
            raise RpcHttpError(method, 200, f"answer is not JSON: {exc}") from None
        if not isinstance(payload, dict):
            raise RpcHttpError(method, 200, "answer is not a JSON-RPC object")
        error = payload.get("error")
        if error is not None:
            code = int(error.get("code", 0)) if isinstance(error, dict) else 0
            message = str(error.get("message", "")) if isinstance(error, dict) else str(error)
            if self.metrics is not None:
                self.metrics.rpc_error(method, code)
            data = error.get("data") if isinstance(error, dict) else None
            raise RpcResponseError(method, code, message, data)
        return payload.get("result")

    # --- public calls ------------------------------------------------------------------

    async def call(self, method: str, params: Sequence[Any] | None = None) -> Any:
        """Call ``method`` with ``params``; the JSON ``result``, or an RpcError."""
        request: dict[str, Any] = {"jsonrpc": "2.0", "id": next(self._ids), "method": method}
        if params is not None:
            request["params"] = list(params)
        body = json.dumps(request, separators=(",", ":")).encode()
        return await self._with_retries(method, body, parse=True)

    async def post_raw(self, body: bytes, method: str | None = None) -> bytes:
        """POST a raw JSON-RPC body through the limiter and retries; the raw answer."""
        return bytes(await self._with_retries(method or _method_of(body), body, parse=False))

    def _commitment(self, commitment: str | None) -> dict[str, Any]:
        return {"commitment": commitment or self.commitment}

    async def get_health(self) -> bool:
        """True if the node answers getHealth with "ok"."""
        return bool(await self.call("getHealth") == "ok")

    async def get_slot(self, commitment: str | None = None) -> int:
        """The current slot."""
        return int(await self.call("getSlot", [self._commitment(commitment)]))

    async def get_block_height(self, commitment: str | None = None) -> int:
        """The current block height."""
        return int(await self.call("getBlockHeight", [self._commitment(commitment)]))

    async def get_latest_blockhash(self, commitment: str | None = None) -> tuple[Hash, int]:
        """The latest blockhash and its last valid block height."""
        result = await self.call("getLatestBlockhash", [self._commitment(commitment)])
        value = result["value"]
        return Hash.from_string(value["blockhash"]), int(value["lastValidBlockHeight"])

    async def get_account_info(
        self, key: Pubkey, commitment: str | None = None
    ) -> tuple[int, Account | None]:
        """(context slot, account or None)."""
        config = {**self._commitment(commitment), "encoding": "base64"}
        result = await self.call("getAccountInfo", [str(key), config])
        return int(result["context"]["slot"]), decode_account(result["value"])

    async def get_multiple_accounts_and_slot(
        self, keys: Sequence[Pubkey], commitment: str | None = None
    ) -> tuple[int, list[Account | None]]:
        """Accounts of ``keys`` in order, in requests of 100; and the oldest context slot."""
        if not keys:
            return 0, []
        config = {**self._commitment(commitment), "encoding": "base64"}
        chunks = [
            keys[i : i + MAX_MULTIPLE_ACCOUNTS] for i in range(0, len(keys), MAX_MULTIPLE_ACCOUNTS)
        ]
        results = await asyncio.gather(
            *(self.call("getMultipleAccounts", [[str(k) for k in c], config]) for c in chunks)
        )
        accounts: list[Account | None] = []
        for result in results:
            accounts.extend(decode_account(v) for v in result["value"])
        return min(int(r["context"]["slot"]) for r in results), accounts

    async def get_multiple_accounts(
        self, keys: Sequence[Pubkey], commitment: str | None = None
    ) -> list[Account | None]:
        """Accounts of ``keys`` in order (None where missing), fetched 100 at a time."""
        return (await self.get_multiple_accounts_and_slot(keys, commitment))[1]

    async def get_program_accounts(
        self,
        program_id: Pubkey,
        filters: Sequence[dict[str, Any]] | None = None,
        commitment: str | None = None,
    ) -> tuple[int, list[tuple[Pubkey, Account]]]:
        """(context slot, [(key, account)]) of the program's accounts matching ``filters``."""
        config: dict[str, Any] = {
            **self._commitment(commitment),
            "encoding": "base64",
            "withContext": True,
        }
        if filters:
            config["filters"] = list(filters)
        result = await self.call("getProgramAccounts", [str(program_id), config])
        if isinstance(result, dict):
            slot, items = int(result["context"]["slot"]), result["value"]
        else:  # a node ignoring withContext
            slot, items = 0, result
        pairs = []
        for item in items:
            account = decode_account(item["account"])
            if account is not None:
                pairs.append((Pubkey.from_string(item["pubkey"]), account))
        return slot, pairs

    async def simulate_transaction(
        self,
        tx: VersionedTransaction | bytes,
        *,
        sig_verify: bool = False,
        commitment: str | None = None,
    ) -> SimulationResult:
        """Simulate a transaction (the signatures need not be valid unless ``sig_verify``)."""
        wire = tx if isinstance(tx, bytes) else bytes(tx)
        config = {
            **self._commitment(commitment),
            "encoding": "base64",
            "sigVerify": sig_verify,
        }
        result = await self.call("simulateTransaction", [base64.b64encode(wire).decode(), config])
        value = result["value"]
        return SimulationResult(
            err=value.get("err"),
            logs=list(value.get("logs") or []),
            units_consumed=int(value.get("unitsConsumed") or 0),
            slot=int(result["context"]["slot"]),
        )

    async def send_transaction(
        self,
        tx: VersionedTransaction | bytes,
        *,
        skip_preflight: bool = True,
        preflight_commitment: str | None = None,
        max_retries: int | None = 0,
    ) -> Signature:
        """Send a signed transaction; its signature as the RPC reported it.

        ``max_retries=0`` asks the RPC node not to rebroadcast by itself: the
        sender rebroadcasts on its own schedule until the blockhash expires.
        """
        wire = tx if isinstance(tx, bytes) else bytes(tx)
        config: dict[str, Any] = {
            "encoding": "base64",
            "skipPreflight": skip_preflight,
            "preflightCommitment": preflight_commitment or self.commitment,
        }
        if max_retries is not None:
            config["maxRetries"] = max_retries
        result = await self.call("sendTransaction", [base64.b64encode(wire).decode(), config])
        return Signature.from_string(result)

    async def get_signature_statuses(
        self, signatures: Sequence[Signature]
    ) -> list[SignatureStatus | None]:
        """Statuses of ``signatures`` in order (None where unknown), 256 per request."""
        statuses: list[SignatureStatus | None] = []
        for i in range(0, len(signatures), MAX_SIGNATURE_STATUSES):
            chunk = [str(s) for s in signatures[i : i + MAX_SIGNATURE_STATUSES]]
            result = await self.call("getSignatureStatuses", [chunk])
            for value in result["value"]:
                statuses.append(
                    None
                    if value is None
                    else SignatureStatus(
                        slot=int(value["slot"]),
                        err=value.get("err"),
                        confirmation_status=value.get("confirmationStatus"),
                    )
                )
        return statuses

    async def get_signatures_for_address(
        self,
        address: Pubkey,
        *,
        until: Signature | None = None,
        limit: int = 100,
        commitment: str | None = None,
    ) -> list[dict[str, Any]]:
        """Signatures mentioning ``address``, newest first (raw JSON entries)."""
        config: dict[str, Any] = {**self._commitment(commitment), "limit": limit}
        if until is not None:
            config["until"] = str(until)
        result = await self.call("getSignaturesForAddress", [str(address), config])
        return list(result)

    async def get_transaction(
        self, signature: Signature, commitment: str | None = None
    ) -> dict[str, Any] | None:
        """A landed transaction (JSON encoding, with meta), or None."""
        config = {
            # getTransaction does not accept "processed".
            "commitment": "confirmed"
            if (commitment or self.commitment) == "processed"
            else commitment or self.commitment,
            "encoding": "json",
            "maxSupportedTransactionVersion": 0,
        }
        result = await self.call("getTransaction", [str(signature), config])
        return result if isinstance(result, dict) else None

    # --- solana-py ------------------------------------------------------------------

    def async_client(self) -> AsyncClient:
        """A solana-py AsyncClient whose requests go through this client's limiter.

        Pass it to AnchorPy or ``kairos.client.KairosClient``; closing it leaves this
        client open.
        """
        from solana.rpc.async_api import AsyncClient
        from solana.rpc.commitment import Commitment
        from solana.rpc.providers.async_http import AsyncHTTPProvider

        client = AsyncClient(self.url, commitment=Commitment(self.commitment))
        provider = client._provider
        if not isinstance(provider, AsyncHTTPProvider):  # pragma: no cover - solana-py changed
            raise RuntimeError("unexpected solana-py provider; cannot install the rate limiter")
        # solana-py offers no hook for a transport: swap its (unused) httpx session.
        provider.session = httpx.AsyncClient(transport=_GatedTransport(self))
        return client


class _GatedTransport(httpx.AsyncBaseTransport):
    """An httpx transport sending through a RateLimitedRpc (limiter, retries, metrics)."""

    def __init__(self, rpc: RateLimitedRpc) -> None:
        self._rpc = rpc

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        body = await request.aread()
        try:
            raw = await self._rpc.post_raw(body)
        except RpcError as exc:
            # Show solana-py the failure it would have seen itself (after our retries).
            last = exc.last if isinstance(exc, RetriesExhaustedError) else exc
            if isinstance(last, RpcHttpError):
                return httpx.Response(last.status, content=last.body.encode(), request=request)
            if isinstance(last, RpcTimeoutError):
                raise httpx.TimeoutException(str(exc), request=request) from exc
            raise httpx.ConnectError(str(exc), request=request) from exc
        return httpx.Response(
            200, content=raw, headers={"Content-Type": "application/json"}, request=request
        )

    async def aclose(self) -> None:
        # The RateLimitedRpc is shared: its owner closes it.
        return None
