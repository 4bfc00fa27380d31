"""Signing and verifying Kairos webhook deliveries (HMAC-SHA256, Stripe-style).

Every delivery the service POSTs carries::

    Kairos-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>." + body)>
    Kairos-Event-Id: <signature>:<index>      (also sent as Idempotency-Key)

The timestamp is inside the signed text, so an attacker who captured one delivery cannot
re-send it later: :func:`verify_signature` refuses a timestamp further than ``tolerance``
seconds from the receiver's clock. Several ``v1=`` entries may appear (secret rotation);
one matching is enough. Receivers should also remember the event ids they handled: a
delivery can arrive more than once (at-least-once), always with the same event id.

The standard library's ``hmac`` is the whole implementation: no webhook library signs
in this exact format, and the format is a few lines.
"""

from __future__ import annotations

import hashlib
import hmac
import time

SIGNATURE_HEADER = "Kairos-Signature"
EVENT_ID_HEADER = "Kairos-Event-Id"
IDEMPOTENCY_HEADER = "Idempotency-Key"
DEFAULT_TOLERANCE_SECONDS = 300.0


class SignatureVerificationError(ValueError):
    """The signature header is missing, malformed, stale or does not match the body."""


def _bytes(payload: bytes | str) -> bytes:
    return payload.encode() if isinstance(payload, str) else bytes(payload)


def compute_signature(payload: bytes | str, secret: str, timestamp: int) -> str:
    """Hex HMAC-SHA256 of ``"<timestamp>." + payload`` under ``secret``."""
    message = str(int(timestamp)).encode() + b"." + _bytes(payload)
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_header(payload: bytes | str, secret: str, timestamp: int | None = None) -> str:
    """The ``Kairos-Signature`` header value for ``payload`` signed now (or at ``timestamp``)."""
    t = int(time.time()) if timestamp is None else int(timestamp)
    return f"t={t},v1={compute_signature(payload, secret, t)}"


def verify_signature(
    payload: bytes | str,
    header: str | None,
    secret: str,
    tolerance: float = DEFAULT_TOLERANCE_SECONDS,
    *,
    now: float | None = None,
) -> bool:
    """Check a delivery: returns True, or raises :class:`SignatureVerificationError`.

    ``payload`` must be the raw request body exactly as received (not re-serialised JSON).
    ``tolerance`` bounds how old (or how far in the future) the signed timestamp may be;
    a non-positive tolerance disables the check (not recommended).
    """
    if not header:
        raise SignatureVerificationError(f"no {SIGNATURE_HEADER} header")
    timestamp: int | None = None
    candidates: list[str] = []
    for part in header.split(","):
        key, sep, value = part.strip().partition("=")
        if not sep:
            raise SignatureVerificationError("malformed signature header")
        if key == "t":
            try:
                timestamp = int(value)
            except ValueError:
                raise SignatureVerificationError("malformed signature timestamp") from None
        elif key == "v1":
            candidates.append(value)
    if timestamp is None:
        raise SignatureVerificationError("the signature header has no timestamp")
    if not candidates:
        raise SignatureVerificationError("the signature header has no v1 signature")
    current = time.time() if now is None else now
    if tolerance > 0 and abs(current - timestamp) > tolerance:
        raise SignatureVerificationError("the signature timestamp is outside the tolerance")
    expected = compute_signature(payload, secret, timestamp)
    if not any(hmac.compare_digest(expected, candidate) for candidate in candidates):
        raise SignatureVerificationError("no signature matches the payload")
    return True
