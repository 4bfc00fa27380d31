"""Errors raised by the keeper runtime's RPC layer, and what each one means for a retry.

Every failure of an RPC call becomes one of these, so the retry policy, the rate
limiter and the metrics classify them in one place (:func:`classify`).
"""

from __future__ import annotations

import enum
from typing import Any

# JSON-RPC error codes (Agave's rpc_custom_error.rs and the JSON-RPC spec).
BLOCK_NOT_AVAILABLE = -32004
NODE_UNHEALTHY = -32005
SEND_TRANSACTION_PREFLIGHT_FAILURE = -32002
NO_SNAPSHOT = -32008
BLOCK_STATUS_NOT_AVAILABLE_YET = -32014
MIN_CONTEXT_SLOT_NOT_REACHED = -32016
EPOCH_REWARDS_PERIOD_ACTIVE = -32017
INTERNAL_ERROR = -32603

# Transient by nature: the node is behind, or the data will exist in a moment.
_RETRYABLE_CODES = frozenset(
    {
        BLOCK_NOT_AVAILABLE,
        NODE_UNHEALTHY,
        NO_SNAPSHOT,
        BLOCK_STATUS_NOT_AVAILABLE_YET,
        MIN_CONTEXT_SLOT_NOT_REACHED,
        EPOCH_REWARDS_PERIOD_ACTIVE,
        INTERNAL_ERROR,
    }
)
# Some providers answer a rate limit inside an HTTP 200 JSON-RPC error.
_RATE_LIMIT_CODES = frozenset({429, -32429})
_RATE_LIMIT_WORDS = ("rate limit", "too many requests")


class ErrorKind(enum.Enum):
    """How the retry policy treats an error."""

    RETRYABLE = "retryable"
    """Transient (connection, timeout, 5xx, node behind, blockhash not yet seen)."""
    RATE_LIMITED = "rate_limited"
    """The RPC asked us to slow down (HTTP 429): back off the shared limiter, then retry."""
    PERMANENT = "permanent"
    """Retrying the same request cannot succeed."""


class RpcError(Exception):
    """Base of every error an RPC call raises."""

    method: str = ""


class RpcConnectionError(RpcError):
    """The connection could not be made, or was reset before an answer."""

    def __init__(self, method: str, detail: str) -> None:
        super().__init__(f"{method}: connection failed: {detail}")
        self.method = method


class RpcTimeoutError(RpcError):
    """No answer within the request timeout."""

    def __init__(self, method: str, timeout: float) -> None:
        super().__init__(f"{method}: no answer within {timeout:g} s")
        self.method = method
        self.timeout = timeout


class RpcHttpError(RpcError):
    """An HTTP status other than 200 (429 rate limit, 5xx, ...)."""

    def __init__(
        self, method: str, status: int, body: str = "", retry_after: float | None = None
    ) -> None:
        super().__init__(f"{method}: HTTP {status}: {body[:200]}")
        self.method = method
        self.status = status
        self.body = body
        self.retry_after = retry_after


class RpcResponseError(RpcError):
    """A JSON-RPC error object in the answer."""

    def __init__(self, method: str, code: int, message: str, data: Any = None) -> None:
        super().__init__(f"{method}: RPC error {code}: {message}")
        self.method = method
        self.code = code
        self.message = message
        self.data = data

    @property
    def transaction_error(self) -> Any:
        """The transaction error of a preflight failure (``data.err``), if any."""
        if isinstance(self.data, dict):
            return self.data.get("err")
        return None


class RetriesExhaustedError(RpcError):
    """A retryable error persisted through every attempt; ``last`` is the final one."""

    def __init__(self, method: str, attempts: int, last: BaseException) -> None:
        super().__init__(f"{method}: gave up after {attempts} attempts: {last}")
        self.method = method
        self.attempts = attempts
        self.last = last


def is_blockhash_not_found(exc: BaseException) -> bool:
    """True for 'Blockhash not found' (a node behind the one that gave us the blockhash)."""
    if not isinstance(exc, RpcResponseError):
        return False
    return exc.transaction_error == "BlockhashNotFound" or "blockhash not found" in (
        exc.message.lower()
    )


def classify(exc: BaseException) -> ErrorKind:
    """Tell whether an error is worth retrying, and whether it is a rate limit."""
    if isinstance(exc, RpcHttpError):
        if exc.status == 429:
            return ErrorKind.RATE_LIMITED
        # 408 request timeout and every 5xx are the server's transient trouble.
        if exc.status >= 500 or exc.status == 408:
            return ErrorKind.RETRYABLE
        return ErrorKind.PERMANENT
    if isinstance(exc, RpcConnectionError | RpcTimeoutError):
        return ErrorKind.RETRYABLE
    if isinstance(exc, RpcResponseError):
        message = exc.message.lower()
        if exc.code in _RATE_LIMIT_CODES or any(word in message for word in _RATE_LIMIT_WORDS):
            return ErrorKind.RATE_LIMITED
        if exc.code in _RETRYABLE_CODES or is_blockhash_not_found(exc):
            return ErrorKind.RETRYABLE
        return ErrorKind.PERMANENT
    if isinstance(exc, ConnectionError | TimeoutError):
        return ErrorKind.RETRYABLE
    return ErrorKind.PERMANENT
