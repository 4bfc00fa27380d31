"""Typed Kairos accounts: decoding, encoding and fetching.

The byte layouts are AnchorPy's, built from the IDL (``coder()``); this module only
gives them typed, immutable Python shapes. Each dataclass lists the IDL fields of
its account or type in IDL order, minus ``padding`` and ``reserved`` (always zero);
a test checks the field lists against the IDL, so the two cannot drift apart.

Fetch helpers work on any solana-py ``AsyncClient``: one account, many accounts in
``getMultipleAccounts`` batches of 100, or every account of a type through
``getProgramAccounts`` filtered by discriminator and exact data size.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Any, TypeVar, get_args, get_origin, get_type_hints

from anchorpy.coder.accounts import _account_discriminator
from anchorpy.coder.coder import Coder
from anchorpy.coder.common import _account_size
from anchorpy.program.common import NamedInstruction
from based58 import b58encode
from pyheck import snake
from solana.rpc.async_api import AsyncClient
from solana.rpc.commitment import Commitment
from solana.rpc.types import MemcmpOpts
from solders.pubkey import Pubkey

from kairos.constants import SLOT_ACTIVE, Side
from kairos.program import PROGRAM_ID, idl_json, load_idl

# Fields that carry no information: zero in every account the program writes
# (also every ``*_padding`` field carved out of ``reserved``).
_FILLER_FIELDS = frozenset({"padding", "reserved"})
_MULTIPLE_ACCOUNTS_LIMIT = 100  # getMultipleAccounts' maximum per request

S = TypeVar("S", bound="IdlStruct")
A = TypeVar("A", bound="KairosAccount")


class AccountDecodeError(ValueError):
    """Account data is not an account of the expected type (discriminator or size)."""


class AccountNotFoundError(LookupError):
    """An account the caller needs does not exist on the cluster."""


@lru_cache(maxsize=1)
def coder() -> Coder:
    """AnchorPy's coder for the Kairos IDL (instructions, accounts, events)."""
    return Coder(load_idl())


@cache
def idl_fields(name: str) -> list[dict[str, Any]]:
    """The IDL field list (name, type) of an account, a struct type or an event."""
    document = idl_json()
    for entry in [*document["accounts"], *document["types"]]:
        if entry["name"] == name:
            fields: list[dict[str, Any]] = entry["type"]["fields"]
            return fields
    for entry in document.get("events", []):
        if entry["name"] == name:
            event_fields: list[dict[str, Any]] = entry["fields"]
            return event_fields
    raise KeyError(f"no account, type or event {name!r} in the IDL")


def _idl_zero(idl_type: Any) -> Any:
    if isinstance(idl_type, str):
        return Pubkey.default() if idl_type == "publicKey" else 0
    if "array" in idl_type:
        element, length = idl_type["array"]
        return [_idl_zero(element) for _ in range(int(length))]
    if "defined" in idl_type:
        return {snake(f["name"]): _idl_zero(f["type"]) for f in idl_fields(idl_type["defined"])}
    raise ValueError(f"unsupported IDL type {idl_type!r}")


def _from_decoded(hint: Any, value: Any) -> Any:
    if isinstance(hint, type) and issubclass(hint, IdlStruct):
        return hint.from_decoded(value)
    if get_origin(hint) is tuple:
        element = get_args(hint)[0]
        return tuple(_from_decoded(element, item) for item in value)
    if hint is bytes:
        return bytes(value)
    if hint is int:
        return int(value)
    return value


def _to_idl(value: Any) -> Any:
    if isinstance(value, IdlStruct):
        return value.to_idl_dict()
    if isinstance(value, bytes):
        return list(value)
    if isinstance(value, tuple | list):
        return [_to_idl(item) for item in value]
    return value


class IdlStruct:
    """Base of the typed IDL structs: conversion from and to AnchorPy's values."""

    @classmethod
    def idl_name(cls) -> str:
        """The account or type name in the IDL (the class name)."""
        return cls.__name__

    @classmethod
    @cache
    def _hints(cls) -> dict[str, Any]:
        return get_type_hints(cls)

    @classmethod
    def from_decoded(cls: type[S], decoded: Any) -> S:
        """Build from AnchorPy's decoded object (attribute access, snake_case names)."""
        hints = cls._hints()
        values = {
            field.name: _from_decoded(hints[field.name], getattr(decoded, field.name))
            for field in dataclasses.fields(cls)  # type: ignore[arg-type]
        }
        return cls(**values)

    def to_idl_dict(self) -> dict[str, Any]:
        """The value as AnchorPy's encoder takes it: every IDL field, fillers zeroed."""
        result: dict[str, Any] = {}
        for field in idl_fields(self.idl_name()):
            name = snake(field["name"])
            if hasattr(self, name):
                result[name] = _to_idl(getattr(self, name))
            else:
                result[name] = _idl_zero(field["type"])
        return result


class KairosAccount(IdlStruct):
    """Base of the typed program accounts (discriminator, size, decode, encode)."""

    @classmethod
    def discriminator(cls) -> bytes:
        """``sha256("account:<Name>")[:8]``."""
        return _account_discriminator(cls.idl_name())

    @classmethod
    def size(cls) -> int:
        """Exact account data size: 8 discriminator bytes + the IDL layout's size."""
        return _account_size_of(cls.idl_name())

    @classmethod
    def decode(cls: type[A], data: bytes) -> A:
        """Decode account data; raises :class:`AccountDecodeError` on a wrong type or size."""
        if bytes(data[:8]) != cls.discriminator():
            raise AccountDecodeError(f"data is not a {cls.idl_name()} account (discriminator)")
        if len(data) != cls.size():
            raise AccountDecodeError(
                f"{cls.idl_name()} data is {len(data)} bytes, expected {cls.size()}"
            )
        return cls.from_decoded(coder().accounts.decode(bytes(data)))

    def encode(self) -> bytes:
        """Account data (discriminator + layout), as the program would write it."""
        named = NamedInstruction(name=self.idl_name(), data=self.to_idl_dict())
        data: bytes = coder().accounts.build(named)
        return data

    @classmethod
    def field_offset(cls, field: str) -> int:
        """Byte offset of a top-level field in the account data (for memcmp filters)."""
        return _field_offsets(cls.idl_name())[field]


@cache
def _account_size_of(name: str) -> int:
    idl = load_idl()
    for account in idl.accounts:
        if account.name == name:
            return 8 + _account_size(idl, account)
    raise KeyError(name)


@cache
def _field_offsets(name: str) -> dict[str, int]:
    # AnchorPy wraps each account layout as Renamed(_DataclassStruct(CStruct)): the
    # CStruct's subcons are the fields in order, each with its fixed size.
    layout: Any = coder().accounts._accounts_layout[name]
    struct = layout.subcon.subcon
    offsets: dict[str, int] = {}
    offset = 8
    for subcon in struct.subcons:
        offsets[subcon.name] = offset
        offset += subcon.sizeof()
    return offsets


# --- IDL types ----------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class CollateralPosition(IdlStruct):
    """A margin account's holding of one collateral asset (never the quote asset 0)."""

    amount: int
    asset_index: int
    active: int

    @property
    def is_active(self) -> bool:
        """True if the slot holds a position."""
        return self.active == SLOT_ACTIVE


@dataclasses.dataclass(frozen=True)
class PerpPosition(IdlStruct):
    """A margin account's position in one perp market, with its open-order reservations."""

    base_lots: int
    quote_position: int
    cost_basis: int
    realized_pnl: int
    bids_base_lots: int
    asks_base_lots: int
    bids_quote: int
    asks_quote: int
    market_index: int
    active: int
    loss_index_snapshot: int = 0
    """The market's ``socialized_loss_per_lot`` when the position last paid its share."""
    funding_index_snapshot: int = 0
    """The market's ``funding_index`` when the position last settled its funding."""

    @property
    def is_active(self) -> bool:
        """True if the slot holds a position."""
        return self.active == SLOT_ACTIVE


@dataclasses.dataclass(frozen=True)
class OpenOrder(IdlStruct):
    """A resting order as recorded in its owner's margin account."""

    order_id: int
    client_order_id: int
    price: int
    market_index: int
    side: int
    active: int

    @property
    def is_active(self) -> bool:
        """True if the slot holds an order."""
        return self.active == SLOT_ACTIVE

    @property
    def order_side(self) -> Side:
        """The side as an enum."""
        return Side(self.side)


@dataclasses.dataclass(frozen=True)
class AccountStats(IdlStruct):
    """Lifetime statistics of a margin account."""

    volume_quote: int
    fees_paid: int
    realized_pnl: int
    fill_count: int


@dataclasses.dataclass(frozen=True)
class BookOrder(IdlStruct):
    """An order on a book side (``owner`` is the maker's margin account)."""

    order_id: int
    price: int
    base_lots: int
    client_order_id: int
    timestamp: int
    owner: Pubkey
    owner_slot: int
    expiry_timestamp: int = 0
    """Unix time at which the order expires (0: never)."""
    display_lots: int = 0
    """An iceberg's visible size (0: not an iceberg)."""
    hidden_lots: int = 0
    """An iceberg's hidden reserve."""

    @property
    def total_lots(self) -> int:
        """Visible plus hidden lots."""
        return self.base_lots + self.hidden_lots


@dataclasses.dataclass(frozen=True)
class FillEvent(IdlStruct):
    """A maker fill waiting in a market's event queue for ``consume_events``."""

    maker: Pubkey
    taker: Pubkey
    maker_order_id: int
    price: int
    base_lots: int
    timestamp: int
    seq: int
    taker_side: int
    maker_out: int
    maker_slot: int
    event_type: int


# --- accounts -----------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Exchange(KairosAccount):
    """The exchange config (PDA ``["exchange"]``)."""

    admin: Pubkey
    quote_mint: Pubkey
    quote_vault: Pubkey
    insurance_vault: Pubkey
    instruction_gate: int
    keeper_reward_lamports: int
    collateral_asset_count: int
    perp_market_count: int
    quote_decimals: int
    bump: int
    version: int
    # Liquidation and insurance (docs/ARCHITECTURE.md, "Liquidation").
    insurance_pending: int = 0
    small_position_quote: int = 0
    socialized_loss_total: int = 0
    liquidation_buffer_bps: int = 0
    insurance_fee_share_bps: int = 0


@dataclasses.dataclass(frozen=True)
class CollateralAsset(KairosAccount):
    """A listed collateral asset (PDA ``["collateral", mint]``); index 0 is the quote."""

    mint: Pubkey
    vault: Pubkey
    oracle: Pubkey
    deposit_cap: int
    total_deposits: int
    max_staleness_slots: int
    init_asset_weight_bps: int
    maint_asset_weight_bps: int
    max_confidence_bps: int
    index: int
    decimals: int
    bump: int
    vault_bump: int
    liquidation_discount_bps: int = 0
    init_weight_scale_threshold: int = 0
    concentration_limit_bps: int = 0
    # Quote asset only (kairos.borrow): the borrow index and its rate curve.
    borrow_index: int = 0
    borrow_index_timestamp: int = 0
    total_borrows: int = 0
    borrow_interest_pending: int = 0
    borrow_rate_base_bps: int = 0
    borrow_rate_optimal_bps: int = 0
    borrow_rate_max_bps: int = 0
    borrow_optimal_utilization_bps: int = 0


@dataclasses.dataclass(frozen=True)
class Oracle(KairosAccount):
    """A price feed (PDA ``["oracle", authority, seed]``): ``price × 10^exponent``."""

    authority: Pubkey
    price: int
    confidence: int
    publish_slot: int
    publish_time: int
    seed: int
    exponent: int
    bump: int


@dataclasses.dataclass(frozen=True)
class PerpMarket(KairosAccount):
    """A perpetual futures market (PDA ``["perp_market", index]``)."""

    name: bytes
    oracle: Pubkey
    orderbook: Pubkey
    event_queue: Pubkey
    base_lot_size: int
    tick_size: int
    min_order_lots: int
    open_interest_cap_lots: int
    open_interest_lots: int
    next_order_id: int
    fees_accrued: int
    pnl_pool: int
    crank_lamports: int
    max_staleness_slots: int
    init_margin_bps: int
    maint_margin_bps: int
    init_pnl_weight_bps: int
    taker_fee_bps: int
    maker_fee_bps: int
    max_confidence_bps: int
    index: int
    base_decimals: int
    bump: int
    socialized_loss: int = 0
    liquidation_fee_bps: int = 0
    socialized_loss_per_lot: int = 0
    """Bankruptcy losses socialized on the market, quote native per lot of position."""
    position_lots: int = 0
    """Σ |base_lots| of the market's applied positions (what a socialized loss divides)."""
    fill_band_bps: int = 0
    """Every fill lies within this band around the oracle (bps; 0: the initial margin)."""
    rest_band_bps: int = 0
    """Resting orders lie within this band around the oracle (bps; >= the fill band)."""
    min_rest_lots: int = 0
    """The smallest order that may rest in the book (lots)."""
    funding_index: int = 0
    """Cumulative funding per lot paid by a long, quote native × ``FUNDING_INDEX_ONE``."""
    funding_index_previous: int = 0
    """``funding_index`` before the last roll (owed by maker fills queued before it)."""
    funding_roll_seq: int = 0
    """The event queue's ``seq_num`` at the last roll."""
    funding_last_roll_ts: int = 0
    """Unix time of the last roll (0: funding not started)."""
    funding_twap_ts: int = 0
    """Unix time of the last TWAP sample."""
    oracle_twap: int = 0
    """Time-weighted oracle price per lot over one funding period."""
    mark_twap: int = 0
    """Time-weighted mark price per lot over one funding period."""
    last_oracle_sample: int = 0
    """The oracle price per lot at the last sample (held until the next)."""
    last_mark_sample: int = 0
    """The mark price per lot at the last sample (held until the next)."""
    funding_rate: int = 0
    """The last roll's rate for its period, ``FUNDING_INDEX_ONE`` units (positive: longs pay)."""
    funding_settled_net: int = 0
    """Σ funding charged to positions: the rounding residue left in the PnL pool."""
    funding_crank_reward: int = 0
    """Quote native paid from ``fees_accrued`` to the cranker of each roll."""
    funding_period_seconds: int = 0
    """Seconds between rolls (0: the default)."""
    funding_max_rate_bps: int = 0
    """Clamp of the rate per period (0: the default)."""
    funding_mark_band_bps: int = 0
    """Band of the mark around the oracle (0: the default)."""
    funding_paused: int = 0
    """1: rolls move no funding."""
    funding_sampled: int = 0
    """1 once the TWAPs hold a first sample."""
    funding_started: int = 0
    """1 once the first ``update_funding`` started the funding periods."""

    @property
    def name_str(self) -> str:
        """The market name without its zero padding."""
        return self.name.rstrip(b"\0").decode("utf-8", errors="replace")


@dataclasses.dataclass(frozen=True)
class Orderbook(KairosAccount):
    """Both sides of a market's book; only the first ``*_count`` entries are live.

    Each side is sorted worst to best: the best order is the last live entry.
    See :mod:`kairos.orderbook` for L2/L3 views.
    """

    market: Pubkey
    bid_count: int
    ask_count: int
    bids: tuple[BookOrder, ...]
    asks: tuple[BookOrder, ...]


@dataclasses.dataclass(frozen=True)
class EventQueue(KairosAccount):
    """A market's ring buffer of maker fills: ``count`` events from ``head``."""

    market: Pubkey
    head: int
    count: int
    seq_num: int
    events: tuple[FillEvent, ...]

    def pending(self) -> list[FillEvent]:
        """The queued events in the order ``consume_events`` applies them."""
        capacity = len(self.events)
        return [self.events[(self.head + i) % capacity] for i in range(self.count)]


@dataclasses.dataclass(frozen=True)
class MarginAccount(KairosAccount):
    """A trader's margin account (PDA ``["margin", owner, index]``)."""

    owner: Pubkey
    quote_balance: int
    account_index: int
    bump: int
    being_liquidated: int
    collateral: tuple[CollateralPosition, ...]
    perp_positions: tuple[PerpPosition, ...]
    open_orders: tuple[OpenOrder, ...]
    stats: AccountStats
    trigger_order_count: int = 0
    """Live TriggerOrder accounts of this margin account."""
    borrow_index_snapshot: int = 0
    """The quote borrow index at the last borrow checkpoint (0: never)."""
    borrow_principal: int = 0
    """The debt recorded at the last borrow checkpoint (kairos.borrow)."""
    loss_market_mask: int = 0
    """Bit i: a settled loss in market i put the account in debt (bankruptcy's market)."""
    risk_limits_enabled: int = 0
    """1: the account has RiskLimits (kairos.risk); risk-increasing instructions need them."""

    def loss_markets(self) -> list[int]:
        """Markets a bankruptcy of this account may be socialized on (empty: any)."""
        return [i for i in range(64) if self.loss_market_mask >> i & 1]

    def active_collateral(self) -> list[CollateralPosition]:
        """Active collateral positions in slot order."""
        return [p for p in self.collateral if p.is_active]

    def active_perp_positions(self) -> list[PerpPosition]:
        """Active perp positions in slot order."""
        return [p for p in self.perp_positions if p.is_active]

    def active_open_orders(self) -> list[OpenOrder]:
        """Active open orders in slot order."""
        return [o for o in self.open_orders if o.is_active]

    def collateral_position(self, asset_index: int) -> CollateralPosition | None:
        """The active position in an asset, if any."""
        for position in self.collateral:
            if position.is_active and position.asset_index == asset_index:
                return position
        return None

    def perp_position(self, market_index: int) -> PerpPosition | None:
        """The active position in a market, if any."""
        for position in self.perp_positions:
            if position.is_active and position.market_index == market_index:
                return position
        return None


@dataclasses.dataclass(frozen=True)
class AuctionBid(IdlStruct):
    """A liquidity provider's bid in an auction (``provider`` is its margin account)."""

    provider: Pubkey
    price: int
    base_lots: int
    seq: int
    slot: int


@dataclasses.dataclass(frozen=True)
class Auction(KairosAccount):
    """A taker's JIT liquidity auction (PDA ``["auction", taker margin, id u64 LE]``).

    ``bids[:bid_count]`` are the live bids, unordered; :mod:`kairos.auctions`
    ranks them as the program does.
    """

    market: Pubkey
    taker_margin_account: Pubkey
    taker_owner: Pubkey
    auction_id: int
    size_lots: int
    limit_price: int
    min_fill_lots: int
    open_slot: int
    deadline_slot: int
    reward_lamports: int
    next_bid_seq: int
    market_index: int
    side: int
    rest_action: int
    bid_count: int
    bump: int
    bids: tuple[AuctionBid, ...]

    def live_bids(self) -> list[AuctionBid]:
        """The live bids in slot order."""
        return list(self.bids[: self.bid_count])


@dataclasses.dataclass(frozen=True)
class TriggerOrder(KairosAccount):
    """A conditional order (PDA ``["trigger", margin_account, id u64 LE]``).

    The permissionless ``trigger_order`` places it once the market's oracle price
    per lot meets ``condition`` against ``trigger_price``; ``linked_trigger`` is
    its OCO partner (the default key for none). See :mod:`kairos.orders`.
    """

    margin_account: Pubkey
    owner: Pubkey
    market: Pubkey
    linked_trigger: Pubkey
    id: int
    trigger_price: int
    limit_price: int
    max_base_lots: int
    client_order_id: int
    trailing_offset: int
    trailing_reference_price: int
    keeper_reward_lamports: int
    expiry_timestamp: int
    created_slot: int
    market_index: int
    max_oracle_deviation_bps: int
    side: int
    kind: int
    condition: int
    reduce_only: int
    trailing_mode: int
    match_limit: int
    bump: int

    @property
    def is_linked(self) -> bool:
        """True when the order is half of an OCO pair."""
        return self.linked_trigger != Pubkey.default()


@dataclasses.dataclass(frozen=True)
class TwapOrder(KairosAccount):
    """A TWAP order (PDA ``["twap", margin_account, id u64 LE]``); see docs/ARCHITECTURE.md."""

    margin_account: Pubkey
    owner: Pubkey
    market: Pubkey
    twap_id: int
    total_base_lots: int
    slice_base_lots: int
    start_time: int
    interval_seconds: int
    random_window_seconds: int
    limit_price: int
    keeper_reward_lamports: int
    crank_reserve_lamports: int
    filled_base_lots: int
    filled_quote: int
    last_executed_time: int
    slice_count: int
    next_slice: int
    executed_slices: int
    skipped_slices: int
    max_deviation_bps: int
    market_index: int
    side: int
    missed_slice_policy: int
    paused: int
    bump: int
    match_limit: int

    @property
    def finished(self) -> bool:
        """True once every slice was executed or skipped."""
        return self.next_slice >= self.slice_count


@dataclasses.dataclass(frozen=True)
class ScheduledOrder(KairosAccount):
    """A scheduled order (PDA ``["schedule", margin_account, id u64 LE]``)."""

    margin_account: Pubkey
    owner: Pubkey
    market: Pubkey
    schedule_id: int
    start_time: int
    next_run_time: int
    interval_seconds: int
    end_time: int
    skip_window_seconds: int
    keeper_reward_lamports: int
    crank_reserve_lamports: int
    last_run_time: int
    order_price: int
    order_max_base_lots: int
    order_client_order_id: int
    cron_minutes: int
    cron_hours: int
    cron_days_of_month: int
    cron_months: int
    cron_days_of_week: int
    cron_flags: int
    max_runs: int
    run_count: int
    skipped_count: int
    market_index: int
    kind: int
    finished: int
    bump: int
    order_side: int
    order_type: int
    order_match_limit: int
    cron_expression: bytes
    # The rest of the stored PlaceOrderV2Args (scheduled orders of any type).
    order_expiry_timestamp: int
    order_iceberg_display_lots: int
    order_max_oracle_deviation_bps: int
    order_time_in_force: int
    order_self_trade_behavior: int
    order_reduce_only: int

    @property
    def cron_text(self) -> str:
        """The cron expression as text (empty for non-cron schedules)."""
        return bytes(self.cron_expression).rstrip(b"\0").decode()

    @property
    def next_run_index(self) -> int:
        """The run_index the next execute_scheduled_order must name."""
        return self.run_count + self.skipped_count


@dataclasses.dataclass(frozen=True)
class RiskLimitValues(IdlStruct):
    """One set of per-account risk limits (bps; 0: no limit), see :mod:`kairos.risk`."""

    max_leverage_bps: int
    max_position_bps: int
    max_concentration_bps: int
    max_daily_loss_bps: int
    max_drawdown_bps: int
    max_var_bps: int
    max_correlated_exposure_bps: int
    max_liquidity_take_bps: int
    liquidity_band_bps: int
    loosen_cooldown_seconds: int


@dataclasses.dataclass(frozen=True)
class RiskMetrics(IdlStruct):
    """compute_risk's return data: every risk metric and, per limit, its headroom."""

    equity: int
    day_open_equity: int
    high_water_mark: int
    gross_notional: int
    leverage_bps: int
    max_position_bps: int
    concentration_bps: int
    daily_loss_bps: int
    drawdown_bps: int
    var_quote: int
    var_bps: int
    correlated_exposure_quote: int
    correlated_exposure_bps: int
    maint_requirement: int
    weighted_collateral: int
    utilization_bps: int
    reduce_only_until: int
    headroom: tuple[int, ...]


@dataclasses.dataclass(frozen=True)
class RiskParameters(KairosAccount):
    """Exchange-wide risk factors and published figures (PDA ``["risk_parameters"]``)."""

    publisher: Pubkey
    publish_slot: int
    publish_timestamp: int
    max_staleness_slots: int
    half_life_seconds: int
    factor_count: int
    bump: int
    version: int
    caps: RiskLimitValues
    defaults: RiskLimitValues
    factor_oracles: tuple[Pubkey, ...]
    volatility_ppm: tuple[int, ...]
    correlation_bps: tuple[int, ...]
    perp_factor: tuple[int, ...]
    collateral_factor: tuple[int, ...]


@dataclasses.dataclass(frozen=True)
class RiskLimits(KairosAccount):
    """A margin account's risk limits (PDA ``["risk_limits", margin_account]``)."""

    margin_account: Pubkey
    owner: Pubkey
    delegate: Pubkey
    active: RiskLimitValues
    pending: RiskLimitValues
    pending_effective_timestamp: int
    day_index: int
    day_open_equity: int
    high_water_mark: int
    reduce_only_until: int
    last_breach_timestamp: int
    hwm_reset_timestamp: int
    last_equity: int
    reduce_only_reason: int
    bump: int
    version: int
    reset_armed: int


@dataclasses.dataclass(frozen=True)
class RebalanceMember(IdlStruct):
    """A margin account in a rebalancing policy and its utilization band (bps)."""

    margin_account: Pubkey
    target_low_bps: int
    target_high_bps: int


@dataclasses.dataclass(frozen=True)
class RebalancePolicy(KairosAccount):
    """An owner's collateral rebalancing policy (PDA ``["rebalance_policy", owner]``)."""

    owner: Pubkey
    delegate: Pubkey
    asset_mask: int
    max_utilization_bps: int
    member_count: int
    bump: int
    members: tuple[RebalanceMember, ...]

    def live_members(self) -> list[RebalanceMember]:
        """The members in policy order."""
        return list(self.members[: self.member_count])


ACCOUNT_TYPES: tuple[type[KairosAccount], ...] = (
    Exchange,
    CollateralAsset,
    Oracle,
    PerpMarket,
    Orderbook,
    EventQueue,
    MarginAccount,
    Auction,
    TriggerOrder,
    TwapOrder,
    ScheduledOrder,
    RiskParameters,
    RiskLimits,
    RebalancePolicy,
)
"""Every typed account, one per IDL account."""

TYPE_STRUCTS: tuple[type[IdlStruct], ...] = (
    CollateralPosition,
    PerpPosition,
    OpenOrder,
    AccountStats,
    BookOrder,
    FillEvent,
    AuctionBid,
    RiskLimitValues,
    RiskMetrics,
    RebalanceMember,
)
"""The typed IDL structs nested in accounts."""


def decode_any_account(data: bytes) -> KairosAccount:
    """Decode account data of any Kairos account type (chosen by discriminator)."""
    for cls in ACCOUNT_TYPES:
        if bytes(data[:8]) == cls.discriminator():
            return cls.decode(data)
    raise AccountDecodeError("data has no Kairos account discriminator")


# --- fetching -----------------------------------------------------------------------


async def fetch_account(
    connection: AsyncClient,
    cls: type[A],
    address: Pubkey,
    *,
    commitment: Commitment | None = None,
) -> A | None:
    """One account decoded as ``cls``, or None if it does not exist.

    Raises :class:`AccountDecodeError` if it exists but is another type.
    """
    response = await connection.get_account_info(address, commitment=commitment)
    if response.value is None:
        return None
    return cls.decode(response.value.data)


async def fetch_accounts(
    connection: AsyncClient,
    cls: type[A],
    addresses: Sequence[Pubkey],
    *,
    commitment: Commitment | None = None,
) -> list[A | None]:
    """Many accounts decoded as ``cls`` (None where missing), in batches of 100.

    The batches run concurrently. Raises :class:`AccountDecodeError` if an existing
    account is another type.
    """
    chunks = [
        list(addresses[i : i + _MULTIPLE_ACCOUNTS_LIMIT])
        for i in range(0, len(addresses), _MULTIPLE_ACCOUNTS_LIMIT)
    ]
    responses = await asyncio.gather(
        *(
            connection.get_multiple_accounts(chunk, commitment=commitment, encoding="base64")
            for chunk in chunks
        )
    )
    result: list[A | None] = []
    for response in responses:
        for account in response.value:
            result.append(None if account is None else cls.decode(account.data))
    return result


def discriminator_filter(cls: type[KairosAccount]) -> MemcmpOpts:
    """The ``memcmp`` filter at offset 0 matching ``cls``'s discriminator."""
    return MemcmpOpts(offset=0, bytes=b58encode(cls.discriminator()).decode("ascii"))


def memcmp_filter(cls: type[KairosAccount], field: str, value: bytes | Pubkey) -> MemcmpOpts:
    """A ``memcmp`` filter on a top-level field (``MarginAccount``, ``"owner"``, key)."""
    raw = bytes(value)
    return MemcmpOpts(offset=cls.field_offset(field), bytes=b58encode(raw).decode("ascii"))


async def fetch_all_accounts(
    connection: AsyncClient,
    cls: type[A],
    *,
    program_id: Pubkey = PROGRAM_ID,
    filters: Sequence[MemcmpOpts] = (),
    commitment: Commitment | None = None,
) -> list[tuple[Pubkey, A]]:
    """Every account of type ``cls`` (``getProgramAccounts`` by discriminator and size).

    ``filters`` adds more ``memcmp`` filters (see :func:`memcmp_filter`).
    """
    response = await connection.get_program_accounts(
        program_id,
        commitment=commitment,
        encoding="base64",
        filters=[cls.size(), discriminator_filter(cls), *filters],
    )
    return [(keyed.pubkey, cls.decode(keyed.account.data)) for keyed in response.value]
