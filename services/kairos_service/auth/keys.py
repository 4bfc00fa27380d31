"""API keys: generation, parsing and hashing.

A key reads ``kairos_<id>_<secret>``: ``id`` (12 hex digits) is public and indexes the
stored row; ``secret`` is 32 random bytes (URL-safe base64). Only SHA-256 of the whole key
is stored. A slow password hash (bcrypt, argon2) protects low-entropy passwords against
guessing; a 256-bit random secret cannot be guessed, so a fast hash loses nothing and keeps
verification cheap on every request (the same choice as other services' access tokens).
Comparison is constant-time.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import re
import secrets

KEY_PREFIX = "kairos_"
API_KEY_HEADER = "X-API-Key"
"""Header carrying the key (``Authorization: Bearer <key>`` is accepted too)."""

_KEY_RE = re.compile(r"^kairos_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$")


class InvalidApiKey(ValueError):
    """The text is not a well-formed Kairos API key."""


@dataclasses.dataclass(frozen=True)
class NewKey:
    """A freshly generated key: the plaintext (shown once) and what is stored."""

    key_id: str
    plaintext: str
    key_hash: str


def hash_key(plaintext: str) -> str:
    """SHA-256 hex digest of the whole key text."""
    return hashlib.sha256(plaintext.encode()).hexdigest()


def generate_key() -> NewKey:
    """A new random key."""
    key_id = secrets.token_hex(6)
    plaintext = f"{KEY_PREFIX}{key_id}_{secrets.token_urlsafe(32)}"
    return NewKey(key_id, plaintext, hash_key(plaintext))


def parse_key(text: str) -> str:
    """The key id of a well-formed key; InvalidApiKey otherwise (no detail leaked)."""
    match = _KEY_RE.match(text.strip())
    if match is None:
        raise InvalidApiKey("malformed API key")
    return match.group(1)


def verify_key(plaintext: str, stored_hash: str) -> bool:
    """Constant-time check of ``plaintext`` against a stored hash."""
    return hmac.compare_digest(hash_key(plaintext.strip()), stored_hash)


def key_from_headers(headers: dict[str, str]) -> str | None:
    """The key sent in ``X-API-Key`` or ``Authorization: Bearer`` (lower-cased names)."""
    value = headers.get(API_KEY_HEADER.lower())
    if value:
        return value.strip()
    auth = headers.get("authorization", "")
    if auth[:7].lower() == "bearer ":
        return auth[7:].strip()
    return None
