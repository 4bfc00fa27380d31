"""The ``rebalancer`` keeper: keeps opted-in margin accounts inside their utilization bands.

An owner opts up to 8 of its margin accounts into a ``RebalancePolicy`` (docs/
ARCHITECTURE.md, "Collateral rebalancing"): per account a band of utilization
(maintenance requirement ÷ weighted collateral), the assets that may move, the policy's
maximum utilization and a delegate key. This keeper runs under the delegate's key (or
the owner's). Every ``scan_seconds`` it reads the policies it may act for (this shard's,
by owner), values every member with the SDK's exact health mirror, and for each member
**above its band** (or with initial health below zero) moves free quote from siblings,
as ``rebalance_collateral``, until the member is back at the middle of its band:

- the amount each recipient needs is the least (binary search on the mirror) that brings
  its utilization to ``(low + high) / 2`` with initial health ≥ 0;
- a sibling gives at most what leaves it at or under its own band's top and the policy's
  maximum utilization, with initial health ≥ ``donor_health_floor`` and a positive quote
  balance (a move never borrows); siblings with the most room give first; a sibling with
  risk limits never gives (the program refuses it: a move out is a withdrawal);
- moves under ``min_move`` are not sent (dust), and each move is checked again by the
  program (initial health ≥ 0, utilization ≤ the policy's maximum on both sides).

Only the quote balance moves (bit 0 of the policy's asset mask); a policy without it is
skipped with a warning. Because utilization leaves out unrealized P&L, a band is an early
warning on collateral and margin use, not a liquidation price: the initial-health trigger
covers a position losing money.
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Callable

from kairos import errors
from kairos import instructions as ix
from kairos.accounts import MarginAccount, RebalancePolicy
from kairos.constants import QUOTE_ASSET_INDEX
from kairos.math.health import HealthBreakdown
from kairos.pda import collateral_asset_address
from prometheus_client import Counter, Gauge
from solders.pubkey import Pubkey

from kairos_keepers.config import setting
from kairos_keepers.keepers.chain_snapshot import ChainSnapshot, read_snapshot
from kairos_keepers.lifecycle import Keeper, KeeperRuntime
from kairos_keepers.registry import register
from kairos_keepers.rpc import account_filters

BPS = 10_000
QUOTE_BIT = 1 << QUOTE_ASSET_INDEX


@dataclasses.dataclass(frozen=True)
class RebalancerSettings:
    """``[keepers.rebalancer]`` settings."""

    scan_seconds: float = setting(5.0, "Read the policies and their accounts this often.", gt=0)
    min_move: int = setting(
        1_000_000, "Smallest move worth a transaction (quote native; 1 USDC).", ge=1
    )
    donor_health_floor: int = setting(
        0, "A sibling keeps at least this initial health after giving (quote native).", ge=0
    )


@dataclasses.dataclass(frozen=True)
class Move:
    """One planned ``rebalance_collateral`` of quote."""

    owner: Pubkey
    source: Pubkey
    destination: Pubkey
    amount: int
    destination_utilization_bps: int
    """The destination's utilization before the move."""
    destination_after_bps: int
    source_after_bps: int


Health = Callable[[MarginAccount], HealthBreakdown]


def _with_quote(account: MarginAccount, change: int) -> MarginAccount:
    return dataclasses.replace(account, quote_balance=account.quote_balance + change)


def _least(predicate: Callable[[int], bool], high: int) -> int | None:
    """The least ``a`` in [0, high] with ``predicate(a)`` (monotone), or None."""
    if not predicate(high):
        return None
    low = 0
    while low < high:
        middle = (low + high) // 2
        if predicate(middle):
            high = middle
        else:
            low = middle + 1
    return low


def _most(predicate: Callable[[int], bool], high: int) -> int:
    """The most ``a`` in [0, high] with ``predicate(a)`` (true at 0, monotone), or 0."""
    low = 0
    while low < high:
        middle = (low + high + 1) // 2
        if predicate(middle):
            low = middle
        else:
            high = middle - 1
    return low


def needs(member_health: HealthBreakdown, high_bps: int) -> bool:
    """A member above its band, or with initial health below zero, needs collateral."""
    return member_health.utilization_bps > high_bps or member_health.init < 0


def plan_moves(
    policy: RebalancePolicy,
    accounts: dict[Pubkey, MarginAccount],
    health: Health,
    *,
    min_move: int,
    donor_health_floor: int = 0,
) -> list[Move]:
    """The quote moves that bring every member above its band back to its middle.

    ``accounts`` holds the members' current states (a missing member is skipped);
    ``health`` values an account as the program does. Moves are planned in order and
    each one's effect is applied before the next is planned.
    """
    if not policy.asset_mask & QUOTE_BIT:
        return []
    state = dict(accounts)
    members = [m for m in policy.live_members() if m.margin_account in state]
    limit = policy.max_utilization_bps
    moves: list[Move] = []
    valued = {m.margin_account: health(state[m.margin_account]) for m in members}
    order = sorted(members, key=lambda m: -valued[m.margin_account].utilization_bps)
    for member in order:
        key = member.margin_account
        now = health(state[key])
        if not needs(now, member.target_high_bps):
            continue
        target = (member.target_low_bps + member.target_high_bps) // 2

        def enough(amount: int, key: Pubkey = key, target: int = target) -> bool:
            after = health(_with_quote(state[key], amount))
            return after.utilization_bps <= target and after.init >= 0

        donors = []
        for other in members:
            okey = other.margin_account
            account = state[okey]
            if okey == key or account.risk_limits_enabled or account.quote_balance <= 0:
                continue
            top = min(other.target_high_bps, limit)

            def keeps(amount: int, okey: Pubkey = okey, top: int = top) -> bool:
                after = health(_with_quote(state[okey], -amount))
                return after.utilization_bps <= top and after.init >= donor_health_floor

            if not keeps(0):
                continue
            room = _most(keeps, account.quote_balance)
            if room >= min_move:
                donors.append((room, okey))
        available = sum(room for room, _ in donors)
        wanted = _least(enough, available)
        if wanted is None:
            # Not enough room to reach the middle: help as far as the program accepts.
            after = health(_with_quote(state[key], available))
            if after.init < 0 or after.utilization_bps > limit:
                continue
            wanted = available
        for room, okey in sorted(donors, key=lambda d: -d[0]):
            if wanted < min_move:
                break
            amount = min(room, wanted)
            if amount < min_move:
                continue
            state[okey] = _with_quote(state[okey], -amount)
            state[key] = _with_quote(state[key], amount)
            moves.append(
                Move(
                    policy.owner,
                    okey,
                    key,
                    amount,
                    now.utilization_bps,
                    health(state[key]).utilization_bps,
                    health(state[okey]).utilization_bps,
                )
            )
            wanted -= amount
    return moves


@register
class RebalancerKeeper(Keeper):
    """Moves free quote between an owner's margin accounts to keep them in their bands."""

    name = "rebalancer"
    description = "Keeps opted-in margin accounts in their utilization bands (quote moves)."
    Settings = RebalancerSettings

    def __init__(self, runtime: KeeperRuntime) -> None:
        super().__init__(runtime)
        registry = self.metrics.registry
        keeper = ("keeper",)
        self.m_policies = Gauge(
            "kairos_keeper_rebalancer_policies",
            "Policies this keeper may act for (its shard, last scan).",
            keeper,
            registry=registry,
        )
        self.m_out_of_band = Gauge(
            "kairos_keeper_rebalancer_members_out_of_band",
            "Members above their band or below zero initial health (last scan).",
            keeper,
            registry=registry,
        )
        self.m_moves = Counter(
            "kairos_keeper_rebalancer_moves",
            "rebalance_collateral transactions that landed.",
            keeper,
            registry=registry,
        )
        self.m_moved = Counter(
            "kairos_keeper_rebalancer_moved_quote",
            "Quote moved by landed rebalances (native units).",
            keeper,
            registry=registry,
        )
        self.last_scan = -math.inf
        self.moves: list[tuple[Move, object]] = []
        """Landed moves and their signatures (for inspection and tests)."""

    async def _policies(self) -> list[RebalancePolicy]:
        me = self.payer.pubkey()
        _, items = await self.rpc.get_program_accounts(
            self.config.program_id, account_filters(RebalancePolicy)
        )
        found = []
        for _, info in items:
            policy = RebalancePolicy.decode(bytes(info.data))
            if me not in (policy.owner, policy.delegate) or not self.shard.owns(policy.owner):
                continue
            if not policy.asset_mask & QUOTE_BIT:
                self.log.warning("policy_without_quote", owner=policy.owner)
                continue
            found.append(policy)
        return found

    async def tick(self) -> None:
        """Every ``scan_seconds``: plan and send the moves of every policy of the shard."""
        settings: RebalancerSettings = self.settings
        if time.monotonic() - self.last_scan < settings.scan_seconds:
            return
        started = time.monotonic()
        policies = await self._policies()
        self.m_policies.labels(self.metrics.keeper).set(len(policies))
        keys = [m.margin_account for p in policies for m in p.live_members()]
        if keys:
            snap = await read_snapshot(self.rpc, self.config.program_id, keys)
            await self._rebalance(policies, snap)
        else:
            self.m_out_of_band.labels(self.metrics.keeper).set(0)
        self.last_scan = started

    async def _rebalance(self, policies: list[RebalancePolicy], snap: ChainSnapshot) -> None:
        settings: RebalancerSettings = self.settings
        out_of_band = 0
        quote_mint = snap.assets[QUOTE_ASSET_INDEX].mint
        for policy in policies:
            accounts = {
                m.margin_account: snap.margins[m.margin_account]
                for m in policy.live_members()
                if m.margin_account in snap.margins
            }
            try:
                valued = {key: snap.health(account) for key, account in accounts.items()}
            except (errors.KairosProgramError, KeyError) as exc:
                self.log.warning("policy_unvalued", owner=policy.owner, error=type(exc).__name__)
                continue
            out_of_band += sum(
                needs(valued[m.margin_account], m.target_high_bps)
                for m in policy.live_members()
                if m.margin_account in valued
            )
            moves = plan_moves(
                policy,
                accounts,
                snap.health,
                min_move=settings.min_move,
                donor_health_floor=settings.donor_health_floor,
            )
            for move in moves:
                if self.stopping:
                    return
                await self._send(move, snap, quote_mint)
        self.m_out_of_band.labels(self.metrics.keeper).set(out_of_band)

    async def _send(self, move: Move, snap: ChainSnapshot, quote_mint: Pubkey) -> None:
        program = self.config.program_id
        source = snap.margins[move.source]
        destination = snap.margins[move.destination]
        instruction = ix.rebalance_collateral(
            authority=self.payer.pubkey(),
            owner=move.owner,
            from_margin_account=move.source,
            to_margin_account=move.destination,
            collateral_asset=collateral_asset_address(quote_mint, program),
            amount=move.amount,
            from_health_accounts=ix.health_accounts(
                source, assets=snap.assets, markets=snap.markets, program_id=program
            ),
            to_health_accounts=ix.health_accounts(
                destination, assets=snap.assets, markets=snap.markets, program_id=program
            ),
            program_id=program,
        )
        outcome = await self.execute("rebalance_collateral", [instruction])
        if outcome.landed:
            self.m_moves.labels(self.metrics.keeper).inc()
            self.m_moved.labels(self.metrics.keeper).inc(move.amount)
            self.moves.append((move, outcome.signature))
            self.log.info(
                "rebalanced",
                owner=move.owner,
                source=move.source,
                destination=move.destination,
                amount=move.amount,
                utilization_before_bps=move.destination_utilization_bps,
                utilization_after_bps=move.destination_after_bps,
                source_after_bps=move.source_after_bps,
            )
