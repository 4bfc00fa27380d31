"""kairos.webhooks: the receiver's signature check refuses every forgery and replay."""

from __future__ import annotations

import hashlib
import hmac

import pytest
from kairos.webhooks import (
    SignatureVerificationError,
    compute_signature,
    signature_header,
    verify_signature,
)

SECRET = "whsec_test_secret_0123456789"
BODY = b'{"id":"sig:0","type":"Deposited"}'
NOW = 1_800_000_000


def test_a_genuine_delivery_verifies() -> None:
    header = signature_header(BODY, SECRET, NOW)
    assert verify_signature(BODY, header, SECRET, 300, now=NOW + 299)
    assert verify_signature(BODY.decode(), header, SECRET, 300, now=NOW - 299)
    # Independent computation of the documented format.
    expected = hmac.new(SECRET.encode(), f"{NOW}.".encode() + BODY, hashlib.sha256).hexdigest()
    assert header == f"t={NOW},v1={expected}" and compute_signature(BODY, SECRET, NOW) == expected


@pytest.mark.parametrize(
    ("body", "header", "secret", "now", "reason"),
    [
        (BODY + b" ", None, SECRET, NOW, "tampered"),
        (BODY, None, "whsec_other_secret_987654", NOW, "wrong secret"),
        (BODY, None, SECRET, NOW + 301, "replayed late"),
        (BODY, None, SECRET, NOW - 301, "from the future"),
    ],
)
def test_forgeries_and_replays_are_refused(
    body: bytes, header: str | None, secret: str, now: int, reason: str
) -> None:
    real = signature_header(BODY, SECRET, NOW)
    with pytest.raises(SignatureVerificationError):
        verify_signature(body, header or real, secret, 300, now=now)


def test_a_resigned_timestamp_without_the_secret_fails() -> None:
    real = signature_header(BODY, SECRET, NOW)
    moved = real.replace(f"t={NOW}", f"t={NOW + 1000}")  # attacker refreshes the timestamp
    with pytest.raises(SignatureVerificationError, match="no signature matches"):
        verify_signature(BODY, moved, SECRET, 300, now=NOW + 1000)


@pytest.mark.parametrize(
    "header",
    ["", "garbage", f"t={NOW}", "v1=abcd", f"t=soon,v1={'0' * 64}", f"t={NOW},v0=abc"],
)
def test_malformed_headers_are_refused(header: str) -> None:
    with pytest.raises(SignatureVerificationError):
        verify_signature(BODY, header, SECRET, 300, now=NOW)


def test_secret_rotation_any_v1_may_match() -> None:
    old = compute_signature(BODY, "whsec_old_secret_000000000", NOW)
    new = compute_signature(BODY, SECRET, NOW)
    assert verify_signature(BODY, f"t={NOW},v1={old},v1={new}", SECRET, 300, now=NOW)
