"""A rate-limited, retrying JSON-RPC client: every RPC call a keeper makes goes here.

Requests are solders' typed JSON-RPC requests (:mod:`solders.rpc.requests`) and
answers are parsed by solders' typed responses (:mod:`solders.rpc.responses`); calls
of one method over more keys than a request takes (getMultipleAccounts beyond 100,
getSignatureStatuses beyond 256) go as one JSON-RPC batch. Every HTTP attempt first
takes one token per call from the process's shared
:class:`~kairos_keepers.ratelimit.TokenBucket`; a 429 penalises the bucket
(honouring ``Retry-After``) so every task backs off together; retryable failures
(connection reset, timeout, 5xx, node behind, blockhash not found) are retried
with full-jitter backoff; each call is counted by method and status.

One HTTP stack carries every request of a keeper process: an aiohttp connection
pool. Code that needs solana-py's ``AsyncClient`` (AnchorPy, the Kairos SDK's
``KairosClient``) gets one from :meth:`RateLimitedRpc.async_client`, whose httpx
session is a transport posting through this client (limiter, retries, metrics): httpx
is solana-py's interface there and opens no connection. Not httpx for the wire:
``python benchmarks/keeper_rpc.py`` measures an httpx pool at a fraction of
aiohttp's calls per second on this kind of load (32 concurrent calls), see
docs/ARCHITECTURE.md.

Transaction errors (a simulation's, a signature status's, a preflight failure's)
are handed on in their JSON-RPC form (``{"InstructionError": [2, {"Custom": 6021}]}``),
the form the keepers and :func:`kairos.errors.describe_error_json` classify. A
failed call's error object is read from the answer's JSON: solders' error types
carry no common code field, and the code decides the retry.
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
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import aiohttp
import httpx
from based58 import b58encode
from solders.account import Account
from solders.account_decoder import UiAccountEncoding
from solders.commitment_config import CommitmentLevel
from solders.hash import Hash
from solders.pubkey import Pubkey
from solders.rpc import requests as rq
from solders.rpc import responses as rs
from solders.rpc.config import (
    RpcAccountInfoConfig,
    RpcContextConfig,
    RpcProgramAccountsConfig,
    RpcSendTransactionConfig,
    RpcSignaturesForAddressConfig,
    RpcSimulateTransactionConfig,
    RpcTransactionConfig,
)
from solders.rpc.filter import Memcmp
from solders.signature import Signature
from solders.transaction import VersionedTransaction
from solders.transaction_status import (
    EncodedConfirmedTransactionWithStatusMeta,
    TransactionConfirmationStatus,
    UiTransactionEncoding,
)

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
"""getSignatureStatuses takes at most 256 signatures per request."""
_COMMITMENTS = {
    "processed": CommitmentLevel.Processed,
    "confirmed": CommitmentLevel.Confirmed,
    "finalized": CommitmentLevel.Finalized,
}

R = TypeVar("R")


class _AccountType(Protocol):
    """An account layout with a discriminator and a fixed size (kairos.accounts)."""

    @classmethod
    def discriminator(cls) -> bytes: ...

    @classmethod
    def size(cls) -> int: ...


@dataclasses.dataclass(frozen=True)
class SimulationResult:
    """What simulateTransaction answered (``err`` in its JSON-RPC form)."""

    err: Any
    logs: list[str]
    units_consumed: int
    slot: int


@dataclasses.dataclass(frozen=True)
class SignatureStatus:
    """One entry of getSignatureStatuses (``err`` in its JSON-RPC form)."""

    slot: int
    err: Any
    confirmation_status: str | None


def account_filters(cls: _AccountType) -> list[dict[str, Any]]:
    """Filters (getProgramAccounts, programSubscribe) matching the accounts of ``cls``."""
    discriminator = b58encode(cls.discriminator()).decode("ascii")
    return [{"dataSize": cls.size()}, {"memcmp": {"offset": 0, "bytes": discriminator}}]


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
    """An account from a PubSub notification's JSON form (base64 data); None if missing.

    (solders' ``Account.from_json`` reads solders' own JSON form, not the RPC's.)
    """
    if value is None:
        return None
    data_field = value["data"]
    if not isinstance(data_field, list) or len(data_field) != 2:
        raise ValueError("account data must be [data, encoding]")
    if data_field[1] != "base64":
        raise ValueError(f"unexpected account encoding {data_field[1]!r}")
    return Account(
        lamports=int(value["lamports"]),
        data=base64.b64decode(data_field[0]),
        owner=Pubkey.from_string(value["owner"]),
        executable=bool(value.get("executable", False)),
        rent_epoch=int(value.get("rentEpoch", 0)),
    )


def transaction_error_json(holder: Any) -> Any:
    """The ``err`` of a solders result object in its JSON-RPC form (None if it has none).

    solders serialises its own types to exactly what the RPC sent: the keepers'
    error classification reads that form.
    """
    if getattr(holder, "err", None) is None:
        return None
    return json.loads(holder.to_json()).get("err")


def _filter(spec: dict[str, Any]) -> int | Memcmp:
    """A getProgramAccounts filter (JSON-RPC form) as solders' type."""
    if "dataSize" in spec:
        return int(spec["dataSize"])
    memcmp = spec["memcmp"]
    if memcmp.get("encoding", "base58") != "base58":
        raise ValueError("memcmp filters are base58 here")
    return Memcmp(int(memcmp["offset"]), str(memcmp["bytes"]))


def _methods_of(body: bytes) -> tuple[str, int]:
    """The JSON-RPC method of a raw request body (for metrics) and how many calls it holds."""
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return "unknown", 1
    items = payload if isinstance(payload, list) else [payload]
    methods = {i.get("method") for i in items if isinstance(i, dict)}
    method = methods.pop() if len(methods) == 1 else "batch"
    return (method if isinstance(method, str) else "unknown"), max(1, len(items))


def _response_error(method: str, item: Any) -> RpcResponseError | None:
    """The JSON-RPC error object of one answer as an RpcResponseError (None without)."""
    error = item.get("error") if isinstance(item, dict) else None
    if error is None:
        return None
    if not isinstance(error, dict):
        return RpcResponseError(method, 0, str(error))
    return RpcResponseError(
        method, int(error.get("code", 0)), str(error.get("message", "")), error.get("data")
    )


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
        """Calls per JSON-RPC method, every attempt (also exported as metrics)."""
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

    # --- connections -----------------------------------------------------------------

    def _get_session(self) -> aiohttp.ClientSession:
        # Created on first use, inside the running loop that will own it.
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self.max_connections),
                timeout=aiohttp.ClientTimeout(total=self.timeout),
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

    async def _attempt(self, method: str, count: int, body: bytes) -> bytes:
        """One HTTP POST behind the token bucket; raises an RpcError unless HTTP 200."""
        waited = 0.0
        for _ in range(count):  # a batch takes a token per call, as providers count them
            waited += await self.limiter.acquire()
        if self.metrics is not None:
            self.metrics.waited_for_token(waited)
        self.calls[method] += count
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
                for _ in range(count):
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

    async def _with_retries(
        self, method: str, count: int, body: bytes, parse: Callable[[bytes], R]
    ) -> R:
        """POST until success or a permanent error; ``parse`` of the answer."""
        attempt = 0
        while True:
            try:
                result = parse(await self._attempt(method, count, body))
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

    def _error_in(self, method: str, raw: bytes) -> RpcError | None:
        """The JSON-RPC error an answer (or one answer of a batch) carries, if any.

        Read before solders parses the answer: solders' error types differ per
        error, and it panics on some a provider may well send (a -32005 without
        ``data``). Only answers containing ``"error"`` are decoded here.
        """
        if b'"error"' not in raw:
            return None
        try:
            payload = json.loads(raw)
        except (ValueError, UnicodeDecodeError) as exc:
            return RpcHttpError(method, 200, f"answer is not JSON: {exc}")
        for item in payload if isinstance(payload, list) else [payload]:
            error = _response_error(method, item)
            if error is not None:
                if self.metrics is not None:
                    self.metrics.rpc_error(method, error.code)
                return error
        return None

    def _parser(self, method: str, cls: type[Any]) -> Callable[[bytes], Any]:
        def parse(raw: bytes) -> Any:
            error = self._error_in(method, raw)
            if error is not None:
                raise error
            try:
                parsed = cls.from_json(raw.decode())
            except (ValueError, UnicodeDecodeError):
                parsed = None  # solders' SerdeJSONError is a ValueError
            if not isinstance(parsed, cls):
                raise RpcHttpError(method, 200, f"unexpected answer: {raw[:200]!r}")
            return parsed

        return parse

    def _batch_parser(self, method: str, cls: type[Any], count: int) -> Callable[[bytes], Any]:
        def parse(raw: bytes) -> list[Any]:
            error = self._error_in(method, raw)
            if error is not None:
                raise error
            try:
                parsed = rs.batch_from_json(raw.decode(), [cls] * count)
            except (ValueError, UnicodeDecodeError):
                parsed = None
            if (
                parsed is None
                or len(parsed) != count
                or not all(isinstance(item, cls) for item in parsed)
            ):
                raise RpcHttpError(method, 200, f"unexpected answer: {raw[:200]!r}")
            return list(parsed)

        return parse

    async def _request(self, request: Any, cls: type[Any]) -> Any:
        """Send one typed request; its typed response (an RpcError on failure)."""
        method = _method_name(request)
        body = request.to_json().encode()
        return await self._with_retries(method, 1, body, self._parser(method, cls))

    async def _batch(self, requests: Sequence[Any], cls: type[Any]) -> list[Any]:
        """Send typed requests of one method as one JSON-RPC batch; responses in order."""
        if len(requests) == 1:
            return [await self._request(requests[0], cls)]
        method = _method_name(requests[0])
        body = rq.batch_to_json(list(requests)).encode()
        parse = self._batch_parser(method, cls, len(requests))
        result: list[Any] = await self._with_retries(method, len(requests), body, parse)
        return result

    # --- public calls ------------------------------------------------------------------

    async def call(self, method: str, params: Sequence[Any] | None = None) -> Any:
        """Call any ``method`` with JSON ``params``; the JSON ``result``, or an RpcError.

        For methods the typed calls below do not cover (tests, ``getVersion``).
        """
        request: dict[str, Any] = {"jsonrpc": "2.0", "id": next(self._ids), "method": method}
        if params is not None:
            request["params"] = list(params)
        body = json.dumps(request, separators=(",", ":")).encode()

        def parse(raw: bytes) -> Any:
            try:
                payload = json.loads(raw)
            except (ValueError, UnicodeDecodeError) as exc:
                raise RpcHttpError(method, 200, f"answer is not JSON: {exc}") from None
            if not isinstance(payload, dict):
                raise RpcHttpError(method, 200, "answer is not a JSON-RPC object")
            error = self._error_in(method, raw)
            if error is not None:
                raise error
            return payload.get("result")

        return await self._with_retries(method, 1, body, parse)

    async def post_raw(self, body: bytes, method: str | None = None) -> bytes:
        """POST a raw JSON-RPC body (or batch) through the limiter and retries; the answer."""
        found, count = _methods_of(body)
        return await self._with_retries(method or found, count, body, bytes)

    def _level(self, commitment: str | None) -> CommitmentLevel:
        return _COMMITMENTS[commitment or self.commitment]

    def _account_config(self, commitment: str | None) -> RpcAccountInfoConfig:
        return RpcAccountInfoConfig(UiAccountEncoding.Base64, commitment=self._level(commitment))

    async def get_health(self) -> bool:
        """True if the node answers getHealth with "ok"."""
        answer = await self._request(rq.GetHealth(next(self._ids)), rs.GetHealthResp)
        return bool(answer.value == "ok")

    async def get_slot(self, commitment: str | None = None) -> int:
        """The current slot."""
        config = RpcContextConfig(self._level(commitment))
        answer = await self._request(rq.GetSlot(config, next(self._ids)), rs.GetSlotResp)
        return int(answer.value)

    async def get_block_height(self, commitment: str | None = None) -> int:
        """The current block height."""
        config = RpcContextConfig(self._level(commitment))
        request = rq.GetBlockHeight(config, next(self._ids))
        return int((await self._request(request, rs.GetBlockHeightResp)).value)

    async def get_latest_blockhash(self, commitment: str | None = None) -> tuple[Hash, int]:
        """The latest blockhash and its last valid block height."""
        config = RpcContextConfig(self._level(commitment))
        request = rq.GetLatestBlockhash(config, next(self._ids))
        value = (await self._request(request, rs.GetLatestBlockhashResp)).value
        return value.blockhash, int(value.last_valid_block_height)

    async def get_account_info(
        self, key: Pubkey, commitment: str | None = None
    ) -> tuple[int, Account | None]:
        """(context slot, account or None)."""
        request = rq.GetAccountInfo(key, self._account_config(commitment), next(self._ids))
        answer = await self._request(request, rs.GetAccountInfoResp)
        return int(answer.context.slot), answer.value

    async def get_multiple_accounts_and_slot(
        self, keys: Sequence[Pubkey], commitment: str | None = None
    ) -> tuple[int, list[Account | None]]:
        """Accounts of ``keys`` in order, 100 a call in one batch; and the oldest context slot."""
        if not keys:
            return 0, []
        config = self._account_config(commitment)
        requests = [
            rq.GetMultipleAccounts(
                list(keys[i : i + MAX_MULTIPLE_ACCOUNTS]), config, next(self._ids)
            )
            for i in range(0, len(keys), MAX_MULTIPLE_ACCOUNTS)
        ]
        answers = await self._batch(requests, rs.GetMultipleAccountsResp)
        accounts: list[Account | None] = []
        for answer in answers:
            accounts.extend(answer.value)
        return min(int(a.context.slot) for a in answers), accounts

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
        """(context slot, [(key, account)]) of the program's accounts matching ``filters``.

        ``filters`` in their JSON-RPC form (:func:`account_filters`), as programSubscribe
        takes them too.
        """
        config = RpcProgramAccountsConfig(
            self._account_config(commitment),
            [_filter(f) for f in filters or ()] or None,
            with_context=True,
        )
        request = rq.GetProgramAccounts(program_id, config, next(self._ids))
        method = "getProgramAccounts"
        with_context = self._parser(method, rs.GetProgramAccountsWithContextResp)
        without = self._parser(method, rs.GetProgramAccountsResp)

        def parse(raw: bytes) -> tuple[int, list[Any]]:
            try:
                answer = with_context(raw)
            except RpcHttpError:  # a node ignoring withContext: no context slot
                return 0, list(without(raw).value)
            return int(answer.context.slot), list(answer.value)

        slot, items = await self._with_retries(method, 1, request.to_json().encode(), parse)
        return slot, [(item.pubkey, item.account) for item in items]

    async def simulate_transaction(
        self,
        tx: VersionedTransaction | bytes,
        *,
        sig_verify: bool = False,
        commitment: str | None = None,
    ) -> SimulationResult:
        """Simulate a transaction (the signatures need not be valid unless ``sig_verify``)."""
        transaction = VersionedTransaction.from_bytes(tx) if isinstance(tx, bytes) else tx
        config = RpcSimulateTransactionConfig(
            sig_verify=sig_verify, commitment=self._level(commitment)
        )
        request = rq.SimulateVersionedTransaction(transaction, config, next(self._ids))
        answer = await self._request(request, rs.SimulateTransactionResp)
        value = answer.value
        return SimulationResult(
            err=transaction_error_json(value),
            logs=list(value.logs or []),
            units_consumed=int(value.units_consumed or 0),
            slot=int(answer.context.slot),
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
        config = RpcSendTransactionConfig(
            skip_preflight=skip_preflight,
            preflight_commitment=self._level(preflight_commitment),
            max_retries=max_retries,
        )
        request = rq.SendRawTransaction(wire, config, next(self._ids))
        answer = await self._request(request, rs.SendTransactionResp)
        signature: Signature = answer.value
        return signature

    async def get_signature_statuses(
        self, signatures: Sequence[Signature]
    ) -> list[SignatureStatus | None]:
        """Statuses of ``signatures`` in order (None where unknown), 256 a call in one batch."""
        if not signatures:
            return []
        requests = [
            rq.GetSignatureStatuses(
                list(signatures[i : i + MAX_SIGNATURE_STATUSES]), None, next(self._ids)
            )
            for i in range(0, len(signatures), MAX_SIGNATURE_STATUSES)
        ]
        statuses: list[SignatureStatus | None] = []
        for answer in await self._batch(requests, rs.GetSignatureStatusesResp):
            for value in answer.value:
                if value is None:
                    statuses.append(None)
                    continue
                level = value.confirmation_status
                statuses.append(
                    SignatureStatus(
                        slot=int(value.slot),
                        err=transaction_error_json(value),
                        confirmation_status=_level_name(level),
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
    ) -> list[rs.RpcConfirmedTransactionStatusWithSignature]:
        """Signatures mentioning ``address``, newest first."""
        config = RpcSignaturesForAddressConfig(
            until=until, limit=limit, commitment=self._level(commitment)
        )
        request = rq.GetSignaturesForAddress(address, config, next(self._ids))
        return list((await self._request(request, rs.GetSignaturesForAddressResp)).value)

    async def get_transaction(
        self, signature: Signature, commitment: str | None = None
    ) -> EncodedConfirmedTransactionWithStatusMeta | None:
        """A landed transaction (JSON encoding, with its meta), or None."""
        # getTransaction does not accept "processed".
        level = self._level(commitment)
        if level == CommitmentLevel.Processed:
            level = CommitmentLevel.Confirmed
        config = RpcTransactionConfig(UiTransactionEncoding.Json, level, 0)
        request = rq.GetTransaction(signature, config, next(self._ids))
        found: EncodedConfirmedTransactionWithStatusMeta | None = (
            await self._request(request, rs.GetTransactionResp)
        ).value
        return found

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


_LEVEL_NAMES = (
    (TransactionConfirmationStatus.Processed, "processed"),
    (TransactionConfirmationStatus.Confirmed, "confirmed"),
    (TransactionConfirmationStatus.Finalized, "finalized"),
)
"""(solders' confirmation status, its JSON-RPC name): the enum is not hashable."""


def _level_name(level: TransactionConfirmationStatus | None) -> str | None:
    return next((name for known, name in _LEVEL_NAMES if known == level), None)


def _method_name(request: Any) -> str:
    """The JSON-RPC method name of a solders request (for counts and metrics)."""
    name = _METHOD_NAMES.get(type(request))
    if name is None:
        name = str(json.loads(request.to_json())["method"])
        _METHOD_NAMES[type(request)] = name
    return name


_METHOD_NAMES: dict[type, str] = {}


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
