"""The database side of API keys, upgrade requests, flags and switches.

``KeyStore`` is used by the request path (lookup, owner resolution, upgrade requests) and by
the admin CLI (create, list, revoke, re-tier, approve). Every mutation validates first and
changes nothing on bad input.
"""

from __future__ import annotations

import contextlib
import dataclasses
import time
from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from kairos_service.auth.keys import generate_key
from kairos_service.auth.models import (
    ApiKeyBindingRow,
    ApiKeyRow,
    FeatureFlagRow,
    SwitchRow,
    UpgradeRequestRow,
)
from kairos_service.db.models import MarginAccountRow
from kairos_service.ratelimit.flags import FeatureFlag, validate_switch
from kairos_service.ratelimit.tiers import TIERS, Tier, TierName, tier_named


class NotFound(LookupError):
    """An API key, upgrade request or flag named by an admin does not exist."""


@dataclasses.dataclass(frozen=True)
class Principal:
    """Who a request acts as: a key (or the anonymous caller), its tier and what it may read."""

    key_id: str
    tier: Tier
    name: str = ""
    all_accounts: bool = False
    bindings: frozenset[str] = frozenset()
    anonymous: bool = False
    revoked: bool = False

    def may_read(self, account: str, owner: str | None) -> bool:
        """True when this principal may read margin account ``account`` owned by ``owner``."""
        if self.all_accounts:
            return True
        return account in self.bindings or (owner is not None and owner in self.bindings)


@dataclasses.dataclass(frozen=True)
class KeyInfo:
    """A key as the admin CLI lists it (never the secret)."""

    key_id: str
    name: str
    tier: str
    all_accounts: bool
    owners: tuple[str, ...]
    created_at: float
    revoked_at: float | None


def _pubkey(text: str) -> str:
    from solders.pubkey import Pubkey

    try:
        return str(Pubkey.from_string(text.strip()))
    except ValueError:
        raise ValueError(f"{text!r} is not a base58 public key") from None


class KeyStore:
    """API keys and the admin objects around them, in the service database."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self.sessions = sessions

    # -- keys -------------------------------------------------------------------------

    async def create_key(
        self,
        name: str,
        tier: str = "free",
        owners: Iterable[str] = (),
        all_accounts: bool = False,
    ) -> tuple[KeyInfo, str]:
        """Create a key; returns its info and the plaintext (shown once, never stored)."""
        tier_obj = tier_named(tier)
        bound = sorted({_pubkey(o) for o in owners})
        new = generate_key()
        now = time.time()
        async with self.sessions.begin() as session:
            session.add(
                ApiKeyRow(
                    key_id=new.key_id,
                    key_hash=new.key_hash,
                    name=name,
                    tier=tier_obj.name.value,
                    all_accounts=all_accounts,
                    created_at=now,
                    revoked_at=None,
                )
            )
            await session.flush()
            session.add_all(ApiKeyBindingRow(key_id=new.key_id, pubkey=p) for p in bound)
        info = KeyInfo(new.key_id, name, tier_obj.name.value, all_accounts, tuple(bound), now, None)
        return info, new.plaintext

    async def list_keys(self, include_revoked: bool = False) -> list[KeyInfo]:
        """Every key (revoked ones too when asked), oldest first."""
        async with self.sessions() as session:
            query = select(ApiKeyRow).order_by(ApiKeyRow.created_at)
            if not include_revoked:
                query = query.where(ApiKeyRow.revoked_at.is_(None))
            rows = (await session.scalars(query)).all()
            bindings = (await session.execute(select(ApiKeyBindingRow))).scalars().all()
        owners: dict[str, list[str]] = {}
        for b in bindings:
            owners.setdefault(b.key_id, []).append(b.pubkey)
        return [
            KeyInfo(
                r.key_id, r.name, r.tier, r.all_accounts,
                tuple(sorted(owners.get(r.key_id, []))), r.created_at, r.revoked_at,
            )
            for r in rows
        ]

    async def _row(self, session: AsyncSession, key_id: str) -> ApiKeyRow:
        row = await session.get(ApiKeyRow, key_id)
        if row is None:
            raise NotFound(f"no API key {key_id!r}")
        return row

    async def revoke(self, key_id: str) -> None:
        """Revoke a key (idempotent); LookupError when it does not exist."""
        async with self.sessions.begin() as session:
            row = await self._row(session, key_id)
            if row.revoked_at is None:
                row.revoked_at = time.time()

    async def set_tier(self, key_id: str, tier: str) -> str:
        """Move a key to ``tier``; returns the previous tier."""
        tier_obj = tier_named(tier)
        async with self.sessions.begin() as session:
            row = await self._row(session, key_id)
            if row.revoked_at is not None:
                raise ValueError(f"API key {key_id} is revoked")
            previous, row.tier = row.tier, tier_obj.name.value
        return previous

    async def bind(self, key_id: str, pubkeys: Iterable[str], *, unbind: bool = False) -> None:
        """Add (or remove) margin accounts / owners a key may read."""
        keys = sorted({_pubkey(p) for p in pubkeys})
        async with self.sessions.begin() as session:
            await self._row(session, key_id)
            if unbind:
                await session.execute(
                    delete(ApiKeyBindingRow).where(
                        ApiKeyBindingRow.key_id == key_id, ApiKeyBindingRow.pubkey.in_(keys)
                    )
                )
                return
            have = set(
                (
                    await session.scalars(
                        select(ApiKeyBindingRow.pubkey).where(ApiKeyBindingRow.key_id == key_id)
                    )
                ).all()
            )
            session.add_all(
                ApiKeyBindingRow(key_id=key_id, pubkey=p) for p in keys if p not in have
            )

    async def lookup(self, key_id: str) -> tuple[Principal, str] | None:
        """The principal of ``key_id`` and its stored hash, or None when unknown."""
        async with self.sessions() as session:
            row = await session.get(ApiKeyRow, key_id)
            if row is None:
                return None
            bound = (
                await session.scalars(
                    select(ApiKeyBindingRow.pubkey).where(ApiKeyBindingRow.key_id == key_id)
                )
            ).all()
        principal = Principal(
            key_id=row.key_id,
            tier=TIERS[TierName(row.tier)],
            name=row.name,
            all_accounts=row.all_accounts,
            bindings=frozenset(bound),
            revoked=row.revoked_at is not None,
        )
        return principal, row.key_hash

    async def owner_of(self, account: str) -> str | None:
        """The owner wallet of a margin account the indexer knows, else None."""
        async with self.sessions() as session:
            return await session.scalar(
                select(MarginAccountRow.owner).where(MarginAccountRow.address == account)
            )

    # -- upgrade requests -------------------------------------------------------------

    async def request_upgrade(self, key_id: str, to_tier: str, reason: str = "") -> dict[str, Any]:
        """File a request to move ``key_id`` to a higher tier (one pending at a time)."""
        target = tier_named(to_tier)
        if len(reason) > 500:
            raise ValueError("reason: at most 500 characters")
        async with self.sessions.begin() as session:
            row = await self._row(session, key_id)
            current = TIERS[TierName(row.tier)]
            if target.priority <= current.priority:
                raise ValueError(
                    f"{target.name.value} is not above the key's tier {current.name.value}"
                )
            pending = await session.scalar(
                select(UpgradeRequestRow).where(
                    UpgradeRequestRow.key_id == key_id, UpgradeRequestRow.status == "pending"
                )
            )
            if pending is not None:
                raise FileExistsError(f"upgrade request {pending.id} is already pending")
            req = UpgradeRequestRow(
                key_id=key_id,
                from_tier=current.name.value,
                to_tier=target.name.value,
                reason=reason,
                status="pending",
                created_at=time.time(),
            )
            session.add(req)
            await session.flush()
            return _upgrade_dict(req)

    async def list_upgrades(
        self, status: str | None = "pending", key_id: str | None = None
    ) -> list[dict[str, Any]]:
        """Upgrade requests, newest first, filtered by status and key."""
        query = select(UpgradeRequestRow).order_by(UpgradeRequestRow.id.desc())
        if status is not None:
            query = query.where(UpgradeRequestRow.status == status)
        if key_id is not None:
            query = query.where(UpgradeRequestRow.key_id == key_id)
        async with self.sessions() as session:
            return [_upgrade_dict(r) for r in (await session.scalars(query)).all()]

    async def decide_upgrade(self, request_id: int, approve: bool) -> dict[str, Any]:
        """Approve (the key moves to the tier) or deny a pending request."""
        async with self.sessions.begin() as session:
            req = await session.get(UpgradeRequestRow, request_id)
            if req is None:
                raise NotFound(f"no upgrade request {request_id}")
            if req.status != "pending":
                raise ValueError(f"upgrade request {request_id} is already {req.status}")
            req.status = "approved" if approve else "denied"
            req.decided_at = time.time()
            if approve:
                await session.execute(
                    update(ApiKeyRow).where(ApiKeyRow.key_id == req.key_id).values(tier=req.to_tier)
                )
            return _upgrade_dict(req)

    # -- switches and flags -----------------------------------------------------------

    async def set_switch(self, name: str, value: str) -> None:
        """Set an emergency switch (validated; ``normal``/``on`` clears it)."""
        validate_switch(name, value)
        async with self.sessions.begin() as session:
            row = await session.get(SwitchRow, name)
            if value in ("normal", "on"):
                if row is not None:
                    await session.delete(row)
                return
            if row is None:
                session.add(SwitchRow(name=name, value=value, updated_at=time.time()))
            else:
                row.value, row.updated_at = value, time.time()

    async def set_flag(self, flag: FeatureFlag) -> None:
        """Create or replace a feature flag."""
        async with self.sessions.begin() as session:
            row = await session.get(FeatureFlagRow, flag.name)
            values = {
                "tiers": ",".join(sorted(t.value for t in flag.tiers)),
                "rollout_percent": flag.rollout_percent,
                "enabled": flag.enabled,
                "variants": [[n, w] for n, w in flag.variants],
                "updated_at": time.time(),
            }
            if row is None:
                session.add(FeatureFlagRow(name=flag.name, **values))
            else:
                for k, v in values.items():
                    setattr(row, k, v)

    async def load_switchboard(self) -> tuple[Mapping[str, str], Sequence[FeatureFlag]]:
        """Switches and flags as stored (the Switchboard's loader)."""
        async with self.sessions() as session:
            switches = {r.name: r.value for r in (await session.scalars(select(SwitchRow))).all()}
            rows = (await session.scalars(select(FeatureFlagRow))).all()
        flags = [
            FeatureFlag(
                name=r.name,
                tiers=frozenset(TierName(t) for t in r.tiers.split(",") if t),
                rollout_percent=r.rollout_percent,
                enabled=r.enabled,
                variants=tuple((str(n), int(w)) for n, w in (r.variants or [])),
            )
            for r in rows
        ]
        return switches, flags


def _upgrade_dict(req: UpgradeRequestRow) -> dict[str, Any]:
    return {
        "id": req.id,
        "key_id": req.key_id,
        "from_tier": req.from_tier,
        "to_tier": req.to_tier,
        "reason": req.reason,
        "status": req.status,
        "created_at": req.created_at,
        "decided_at": req.decided_at,
    }


@contextlib.asynccontextmanager
async def open_store(database_url: str, *, migrate: bool = True) -> AsyncIterator[KeyStore]:
    """A KeyStore on ``database_url`` (migrated to head first), for the admin CLI."""
    from kairos_service.db.migrate import upgrade
    from kairos_service.db.session import make_engine, make_sessionmaker

    engine = make_engine(database_url)
    try:
        if migrate:
            await upgrade(engine)
        yield KeyStore(make_sessionmaker(engine))
    finally:
        await engine.dispose()
