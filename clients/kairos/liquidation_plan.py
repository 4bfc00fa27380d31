"""One transaction that takes a liquidatable account to its target.

The program's liquidation instructions each do one bounded step and size it
themselves (:mod:`kairos.math.liquidation`): ``force_cancel_orders`` per market with
resting orders, ``liquidate_perp`` per position, ``liquidate_collateral`` per
holding. This module composes them into **one** transaction:

1. every ``force_cancel_orders`` the account needs (one per market with orders),
   then ``expire_auction`` for each auction the account opened as a taker (the
   cancel flags it ``being_liquidated``, which lets anyone expire its auctions at
   once; with no order to cancel, one ``force_cancel_orders`` in the auction's
   market sets the flag); the liquidator's owner is the expirer and collects the
   auctions' escrowed rewards;
2. the perp and collateral steps, cheapest for the liquidatee first: the fee (or
   discount) it pays per unit of maintenance shortfall the step removes, i.e.
   ``fee × 10⁴ / ((maint − fee) × 10⁴ + β × maint)`` for a perp and
   ``discount / (paid + β × (L − W) − W)`` for a holding (ties: the step that
   restores more first). Each step is sized by the program; the plan predicts it
   with the exact mirror and stops after the first step predicted to reach the
   target (a step that takes less than the whole position leaves the account at
   its target, by the program's sizing rule);
3. the liquidatee's and the liquidator's health accounts of every step are those
   the program will see at that point: a holding a previous step emptied is no
   longer listed for the liquidatee, and a position a previous step opened for the
   liquidator is listed for it. (A step only acts after every earlier step took its
   whole position or holding — otherwise the target was reached — so these lists
   are exact whenever the step runs.)

Prices move between planning and landing. If they move against the account, the
last step takes more (up to all of it) and the account may stay below its target:
the next transaction goes on. If they move for it, a step planned after a full
take may find the account already at its target and fail with ``NotLiquidatable``:
the transaction fails as a whole and changes nothing (a keeper re-plans). The
plan never includes settlement or bankruptcy resolution: those need the account
empty, which only the chain can confirm (:func:`bankruptcy_instructions`).

A transaction is at most 1,232 bytes; :func:`fit_transaction` drops trailing
steps until the message (with the sender's two compute-budget instructions and
the given address lookup tables) fits, and :func:`lookup_table_addresses` lists
the exchange-wide accounts worth putting in a lookup table.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping, Sequence

from solders.address_lookup_table_account import AddressLookupTableAccount
from solders.compute_budget import set_compute_unit_limit, set_compute_unit_price
from solders.hash import Hash
from solders.instruction import AccountMeta, Instruction
from solders.message import MessageV0
from solders.pubkey import Pubkey
from solders.signature import Signature
from solders.transaction import VersionedTransaction

from kairos import instructions as ix
from kairos.accounts import (
    Auction,
    CollateralAsset,
    CollateralPosition,
    Exchange,
    MarginAccount,
    Oracle,
    PerpMarket,
    PerpPosition,
)
from kairos.constants import BPS_DENOMINATOR, SLOT_ACTIVE, Side
from kairos.math import liquidation as liq
from kairos.math.funding import pending_funding
from kairos.math.health import (
    HealthBreakdown,
    OraclePrice,
    collateral_value,
    floor_div,
    health_breakdown,
    pending_socialized_loss,
    read_oracle,
)
from kairos.pda import collateral_asset_address, exchange_address, perp_market_address
from kairos.program import PROGRAM_ID

__all__ = [
    "MAX_TRANSACTION_BYTES",
    "AccountLiquidation",
    "ChainView",
    "PlannedStep",
    "bankruptcy_instructions",
    "fit_transaction",
    "fresh_account",
    "lookup_table_addresses",
    "open_positions",
    "plan_liquidation",
    "transaction_size",
    "value_at_risk",
]

MAX_TRANSACTION_BYTES = 1232
"""Solana's packet data size: the largest serialized transaction."""

NO_LIMIT = 2**63 - 1
"""``max_*`` that lets the program take what it computes."""

FORCE_CANCEL_LIMIT = 16
"""Orders one ``force_cancel_orders`` may cancel (every order of an account)."""


@dataclasses.dataclass(frozen=True)
class ChainView:
    """The exchange-wide state a plan reads (decoded accounts, slot and clock)."""

    exchange: Exchange
    assets: Mapping[int, CollateralAsset]
    markets: Mapping[int, PerpMarket]
    oracles: Mapping[Pubkey, Oracle]
    slot: int
    unix_timestamp: int | None = None
    auctions: Mapping[Pubkey, Auction] = dataclasses.field(default_factory=dict)
    """Open auctions by address (their takers' reservations block liquidation)."""

    def health(self, account: MarginAccount) -> HealthBreakdown:
        """The program's health of ``account`` in this view."""
        return health_breakdown(
            account,
            assets=self.assets,
            markets=self.markets,
            oracles=self.oracles,
            quote_decimals=self.exchange.quote_decimals,
            slot=self.slot,
            unix_timestamp=self.unix_timestamp,
        )

    def oracle(self, owner: PerpMarket | CollateralAsset) -> OraclePrice:
        """The checked oracle price of a market or asset."""
        return read_oracle(
            self.oracles[owner.oracle],
            slot=self.slot,
            max_staleness_slots=owner.max_staleness_slots,
            max_confidence_bps=owner.max_confidence_bps,
        )


@dataclasses.dataclass(frozen=True)
class PlannedStep:
    """One instruction of a plan, as predicted from the view."""

    action: str
    """``force_cancel_orders``, ``expire_auction``, ``liquidate_perp`` or
    ``liquidate_collateral``."""
    index: int
    """The market (cancel, auction, perp) or asset (collateral) index."""
    size: int = 0
    """Predicted lots or native units taken (0 for a cancel)."""
    full: bool = False
    """Predicted to take the whole position or holding."""
    reward: int = 0
    """Predicted fee or discount, before the insurance share."""


@dataclasses.dataclass(frozen=True)
class AccountLiquidation:
    """A plan for one account: its steps, their instructions, what it predicts."""

    liqee: Pubkey
    steps: tuple[PlannedStep, ...]
    instructions: tuple[Instruction, ...]
    health_before: HealthBreakdown
    predicted_shortfall: int
    """``ceil(β × M) − H`` predicted after the last step (≤ 0: target reached)."""
    predicted_account: MarginAccount | None = None
    """The liquidatee as the view predicts it after every step (perps and holdings
    moved at the oracle price less the fee; cancels and auctions released)."""

    @property
    def reward(self) -> int:
        """Predicted gross reward of the liquidator (fees and discounts)."""
        return sum(step.reward for step in self.steps)

    def net_reward(self, exchange: Exchange) -> int:
        """Predicted reward net of the insurance share."""
        return sum(
            step.reward - floor_div(step.reward * exchange.insurance_fee_share_bps, BPS_DENOMINATOR)
            for step in self.steps
        )

    @property
    def reaches_target(self) -> bool:
        """True when the view predicts the account ends at its target."""
        return self.predicted_shortfall <= 0

    def truncated(self, count: int) -> AccountLiquidation:
        """The plan's first ``count`` steps (their instructions match one to one)."""
        return dataclasses.replace(
            self,
            steps=self.steps[:count],
            instructions=self.instructions[:count],
            predicted_shortfall=self.predicted_shortfall if count >= len(self.steps) else 1,
        )


def value_at_risk(health: HealthBreakdown) -> int:
    """What the account's failure can cost others, in quote native units.

    The maintenance requirement ``M`` is the margin the exchange holds against the
    account's exposure (perp notional × maintenance margin, plus the haircut of its
    collateral): the loss the insurance fund and the other traders take on if the
    account is left to go bankrupt grows with it. Below zero maintenance health the
    missing margin ``−H`` is added (the account is already eating into it). A
    keeper serves the largest first.
    """
    return health.maint_requirement + max(-health.maint, 0)


# --- predicting the program's steps -----------------------------------------------------------


def _with_perp(account: MarginAccount, slot: int, position: PerpPosition) -> MarginAccount:
    positions = list(account.perp_positions)
    positions[slot] = position
    return dataclasses.replace(account, perp_positions=tuple(positions))


def _with_collateral(
    account: MarginAccount, slot: int, position: CollateralPosition
) -> MarginAccount:
    positions = list(account.collateral)
    positions[slot] = position
    return dataclasses.replace(account, collateral=tuple(positions))


def _after_cancel(account: MarginAccount, market_index: int) -> MarginAccount:
    """The account after ``force_cancel_orders`` in one market (every order there)."""
    orders = tuple(
        dataclasses.replace(order, active=0)
        if order.active == SLOT_ACTIVE and order.market_index == market_index
        else order
        for order in account.open_orders
    )
    account = dataclasses.replace(account, open_orders=orders, being_liquidated=liq.FLAG_SET)
    for slot, position in enumerate(account.perp_positions):
        if position.is_active and position.market_index == market_index:
            cleared = dataclasses.replace(
                position, bids_base_lots=0, asks_base_lots=0, bids_quote=0, asks_quote=0
            )
            if cleared.base_lots == 0 and cleared.quote_position == 0:
                cleared = _empty_perp(position)  # perp_position_close_if_empty
            account = _with_perp(account, slot, cleared)
    return account


def _after_expire(account: MarginAccount, auction: Auction) -> MarginAccount:
    """The account after ``expire_auction`` released the auction's reservation."""
    for slot, position in enumerate(account.perp_positions):
        if position.is_active and position.market_index == auction.market_index:
            # Clamped: a cancel in the market already cleared every reservation there.
            if auction.side == Side.BID:
                released = dataclasses.replace(
                    position,
                    bids_base_lots=max(position.bids_base_lots - auction.size_lots, 0),
                    bids_quote=max(
                        position.bids_quote - auction.size_lots * auction.limit_price, 0
                    ),
                )
            else:
                released = dataclasses.replace(
                    position,
                    asks_base_lots=max(position.asks_base_lots - auction.size_lots, 0),
                    asks_quote=max(
                        position.asks_quote - auction.size_lots * auction.limit_price, 0
                    ),
                )
            if (
                released.base_lots == 0
                and released.quote_position == 0
                and released.bids_base_lots == 0
                and released.asks_base_lots == 0
            ):
                released = _empty_perp(position)  # perp_position_close_if_empty
            return _with_perp(account, slot, released)
    return account


def _empty_perp(template: PerpPosition) -> PerpPosition:
    """A freed slot: every field zero (the program writes a zeroed PerpPosition)."""
    return dataclasses.replace(template, **{f.name: 0 for f in dataclasses.fields(template)})


def open_positions(account: MarginAccount, steps: Sequence[PlannedStep]) -> MarginAccount:
    """The liquidator's slots after ``steps`` ran (each opens its market or asset).

    A keeper with several liquidations in flight plans the next one against its
    account as these will leave it (the program opens a position in the first free
    slot, so the order of the steps matters).
    """
    for step in steps:
        if step.action == "liquidate_perp":
            account = _opened(account, market_index=step.index)
        elif step.action == "liquidate_collateral":
            account = _opened(account, asset_index=step.index)
    return account


def _opened(
    account: MarginAccount, *, market_index: int | None = None, asset_index: int | None = None
) -> MarginAccount:
    """The liquidator's slots after a step opened a position there (first free slot)."""
    if market_index is not None:
        if any(p.is_active and p.market_index == market_index for p in account.perp_positions):
            return account
        for slot, position in enumerate(account.perp_positions):
            if not position.is_active:
                return _with_perp(
                    account,
                    slot,
                    dataclasses.replace(position, market_index=market_index, active=SLOT_ACTIVE),
                )
        return account
    assert asset_index is not None
    if any(p.is_active and p.asset_index == asset_index for p in account.collateral):
        return account
    for slot, held in enumerate(account.collateral):
        if not held.is_active:
            return _with_collateral(
                account,
                slot,
                dataclasses.replace(held, asset_index=asset_index, active=SLOT_ACTIVE),
            )
    return account


@functools.cache
def fresh_account() -> MarginAccount:
    """An all-empty margin account (the liquidator's before it exists)."""
    return MarginAccount.decode(MarginAccount.discriminator() + bytes(MarginAccount.size() - 8))


@dataclasses.dataclass(frozen=True)
class _Candidate:
    cost: float  # fee paid per unit of shortfall removed (lower first)
    gain: int  # shortfall removed by taking all of it
    action: str
    index: int


def _perp_candidates(view: ChainView, account: MarginAccount) -> list[_Candidate]:
    exchange = view.exchange
    out = []
    for position in account.active_perp_positions():
        if position.base_lots == 0:
            continue
        market = view.markets[position.market_index]
        factor = (
            market.maint_margin_bps - market.liquidation_fee_bps
        ) * BPS_DENOMINATOR + exchange.liquidation_buffer_bps * market.maint_margin_bps
        price = liq.perp_price(market, view.oracle(market), exchange.quote_decimals)
        gain = abs(position.base_lots) * price * factor // BPS_DENOMINATOR**2
        cost = market.liquidation_fee_bps * BPS_DENOMINATOR / max(factor, 1)
        out.append(_Candidate(cost, gain, "liquidate_perp", market.index))
    return out


def _collateral_candidates(view: ChainView, account: MarginAccount) -> list[_Candidate]:
    exchange = view.exchange
    out = []
    for held in account.active_collateral():
        asset = view.assets[held.asset_index]
        oracle = view.oracle(asset)
        full = liq.collateral_purchase(asset, oracle, held.amount, exchange.quote_decimals)
        low = collateral_value(
            held.amount,
            oracle.low,
            exponent=oracle.exponent,
            quote_decimals=exchange.quote_decimals,
            asset_decimals=asset.decimals,
        )
        weighted = floor_div(low * asset.maint_asset_weight_bps, BPS_DENOMINATOR)
        freed = floor_div((low - weighted) * exchange.liquidation_buffer_bps, BPS_DENOMINATOR)
        gain = full.paid + freed - weighted
        if gain <= 0:
            continue  # the program could not size it either (never with valid params)
        out.append(_Candidate(full.discount / gain, gain, "liquidate_collateral", asset.index))
    return out


def _ordered_candidates(view: ChainView, account: MarginAccount) -> list[_Candidate]:
    candidates = _perp_candidates(view, account) + _collateral_candidates(view, account)
    candidates.sort(key=lambda c: (c.cost, -c.gain, c.action, c.index))
    return candidates


def _health_metas(
    view: ChainView, account: MarginAccount | None, program_id: Pubkey, **new: int
) -> list[AccountMeta]:
    return ix.health_accounts(
        account, assets=view.assets, markets=view.markets, program_id=program_id, **new
    )


def plan_liquidation(
    view: ChainView,
    liqee_key: Pubkey,
    liqee: MarginAccount,
    *,
    liquidator: Pubkey,
    liquidator_owner: Pubkey,
    liquidator_account: MarginAccount | None,
    program_id: Pubkey = PROGRAM_ID,
) -> AccountLiquidation | None:
    """The one-transaction liquidation of ``liqee`` (None: nothing to liquidate now).

    ``liquidator_account`` is the liquidator's margin account as it is now (None: not
    created yet); its health accounts after each step are derived from it. Raises
    :class:`kairos.errors.KairosError` when the view cannot price the account (a
    stale or missing oracle: the program would refuse too).
    """
    exchange = view.exchange
    health = view.health(liqee)
    if not liq.is_liquidatable(exchange, liqee, health):
        return None
    steps: list[PlannedStep] = []
    instructions: list[Instruction] = []
    account = liqee
    cancelled = False
    for market_index in sorted({o.market_index for o in liqee.active_open_orders()}):
        market = view.markets[market_index]
        instructions.append(
            ix.force_cancel_orders(
                margin_account=liqee_key,
                market_index=market_index,
                orderbook=market.orderbook,
                health_accounts=_health_metas(view, account, program_id),
                limit=FORCE_CANCEL_LIMIT,
                program_id=program_id,
            )
        )
        steps.append(PlannedStep("force_cancel_orders", market_index))
        account = _after_cancel(account, market_index)
        cancelled = True
    taken = sorted(
        (
            (address, auction)
            for address, auction in view.auctions.items()
            if auction.taker_margin_account == liqee_key
        ),
        key=lambda pair: bytes(pair[0]),
    )
    if taken and account.being_liquidated == 0:
        # No order to cancel: one force_cancel_orders flags the account.
        market_index = taken[0][1].market_index
        instructions.append(
            ix.force_cancel_orders(
                margin_account=liqee_key,
                market_index=market_index,
                orderbook=view.markets[market_index].orderbook,
                health_accounts=_health_metas(view, account, program_id),
                limit=FORCE_CANCEL_LIMIT,
                program_id=program_id,
            )
        )
        steps.append(PlannedStep("force_cancel_orders", market_index))
        account = dataclasses.replace(account, being_liquidated=liq.FLAG_SET)
    for address, auction in taken:
        instructions.append(
            ix.expire_auction(
                auction=address,
                taker_margin_account=liqee_key,
                taker_owner=auction.taker_owner,
                expirer=liquidator_owner,
                program_id=program_id,
            )
        )
        steps.append(PlannedStep("expire_auction", auction.market_index))
        account = _after_expire(account, auction)
        cancelled = True
    current = view.health(account)
    shortfall = liq.shortfall(exchange, current)
    if cancelled and shortfall <= 0:
        return AccountLiquidation(
            liqee_key, tuple(steps), tuple(instructions), health, shortfall, account
        )
    if liq.has_open_orders(account):
        # Reservations of fills the crank has not applied: the liquidation steps would
        # be refused (OpenOrdersRemain) until consume_events runs.
        return (
            AccountLiquidation(
                liqee_key, tuple(steps), tuple(instructions), health, shortfall, account
            )
            if steps
            else None
        )
    own = liquidator_account if liquidator_account is not None else fresh_account()
    quote_mint = exchange.quote_mint
    for candidate in _ordered_candidates(view, account):
        liqee_metas = _health_metas(view, account, program_id)
        if candidate.action == "liquidate_perp":
            market = view.markets[candidate.index]
            slot, position = next(
                (i, p)
                for i, p in enumerate(account.perp_positions)
                if p.is_active and p.market_index == candidate.index
            )
            price = liq.perp_price(market, view.oracle(market), exchange.quote_decimals)
            held = abs(position.base_lots)
            lots = liq.perp_liquidation_lots(
                exchange,
                market,
                health=current,
                position_lots=held,
                price=price,
                max_base_lots=NO_LIMIT,
            )
            fee = liq.perp_liquidation_fee(market, lots, price)
            instructions.append(
                ix.liquidate_perp(
                    liqee=liqee_key,
                    liquidator=liquidator,
                    liquidator_owner=liquidator_owner,
                    market_index=market.index,
                    oracle=market.oracle,
                    quote_mint=quote_mint,
                    liqee_health_accounts=liqee_metas,
                    liquidator_health_accounts=_health_metas(
                        view, own, program_id, new_market_index=market.index
                    ),
                    max_base_lots=NO_LIMIT,
                    program_id=program_id,
                )
            )
            steps.append(PlannedStep("liquidate_perp", market.index, lots, lots >= held, fee))
            own = _opened(own, market_index=market.index)
            # The fill first settles the socialized loss and the funding it owes.
            pending = pending_socialized_loss(position, market) + pending_funding(position, market)
            moved = lots if position.base_lots > 0 else -lots
            account = _with_perp(
                account,
                slot,
                dataclasses.replace(
                    position,
                    base_lots=position.base_lots - moved,
                    quote_position=position.quote_position - pending + moved * price - fee,
                    loss_index_snapshot=market.socialized_loss_per_lot,
                    funding_index_snapshot=market.funding_index,
                ),
            )
            if lots < held:
                shortfall = min(shortfall, 0)  # the sizing rule: at the target
                break
        else:
            asset = view.assets[candidate.index]
            oracle = view.oracle(asset)
            slot, holding = next(
                (i, p)
                for i, p in enumerate(account.collateral)
                if p.is_active and p.asset_index == candidate.index
            )
            amount = liq.collateral_liquidation_amount(
                exchange,
                asset,
                oracle,
                health=current,
                held=holding.amount,
                max_amount=NO_LIMIT,
                quote_decimals=exchange.quote_decimals,
            )
            bought = liq.collateral_purchase(asset, oracle, amount, exchange.quote_decimals)
            instructions.append(
                ix.liquidate_collateral(
                    liqee=liqee_key,
                    liquidator=liquidator,
                    liquidator_owner=liquidator_owner,
                    mint=asset.mint,
                    oracle=asset.oracle,
                    quote_mint=quote_mint,
                    liqee_health_accounts=liqee_metas,
                    liquidator_health_accounts=_health_metas(
                        view, own, program_id, new_asset_index=asset.index
                    ),
                    max_amount=NO_LIMIT,
                    program_id=program_id,
                )
            )
            steps.append(
                PlannedStep(
                    "liquidate_collateral",
                    asset.index,
                    amount,
                    amount >= holding.amount,
                    bought.discount,
                )
            )
            own = _opened(own, asset_index=asset.index)
            left = holding.amount - amount
            account = _with_collateral(
                account,
                slot,
                dataclasses.replace(holding, amount=left)
                if left
                else dataclasses.replace(holding, amount=0, asset_index=0, active=0),
            )
            account = dataclasses.replace(
                account, quote_balance=account.quote_balance + bought.paid
            )
            if left:
                shortfall = min(shortfall, 0)  # the sizing rule: at the target
                break
        current = view.health(account)
        shortfall = liq.shortfall(exchange, current)
        if shortfall <= 0:
            break
    if not steps:
        return None
    return AccountLiquidation(
        liqee_key, tuple(steps), tuple(instructions), health, shortfall, account
    )


def bankruptcy_instructions(
    view: ChainView, key: Pubkey, account: MarginAccount, *, program_id: Pubkey = PROGRAM_ID
) -> tuple[str, list[Instruction]] | None:
    """The next step of a bankrupt account once nothing is left to liquidate.

    ``("settle_pnl", ...)`` while emptied perp positions hold unsettled PnL (settling
    marks the markets whose loss put the account in debt, which ``resolve_bankruptcy``
    needs on chain first), then ``("resolve_bankruptcy", [...])`` for a negative
    quote balance. None when the account still holds a position or collateral, or
    owes nothing.
    """
    if account.active_collateral() or any(p.base_lots for p in account.active_perp_positions()):
        return None
    exchange = view.exchange
    emptied = account.active_perp_positions()
    if emptied:
        return "settle_pnl", [
            ix.settle_pnl(
                margin_account=key,
                market_index=p.market_index,
                oracle=view.markets[p.market_index].oracle,
                quote_mint=exchange.quote_mint,
                program_id=program_id,
            )
            for p in emptied
        ]
    if account.quote_balance >= 0:
        return None
    market_index = liq.bankruptcy_market(account, view.markets)
    if market_index is None:
        return None
    return "resolve_bankruptcy", [
        ix.resolve_bankruptcy(
            margin_account=key,
            market_index=market_index,
            quote_mint=exchange.quote_mint,
            program_id=program_id,
        )
    ]


# --- fitting one transaction -------------------------------------------------------------------


def transaction_size(
    payer: Pubkey,
    instructions: Sequence[Instruction],
    lookup_tables: Sequence[AddressLookupTableAccount] = (),
) -> int:
    """Serialized bytes of the v0 transaction a keeper's sender would send.

    Includes the two compute-budget instructions the sender puts in front and one
    signature per required signer.
    """
    budget = [set_compute_unit_limit(1_400_000), set_compute_unit_price(1)]
    message = MessageV0.try_compile(
        payer, [*budget, *instructions], list(lookup_tables), Hash.default()
    )
    signatures = [Signature.default()] * message.header.num_required_signatures
    return len(bytes(VersionedTransaction.populate(message, signatures)))


def fit_transaction(
    plan: AccountLiquidation,
    payer: Pubkey,
    lookup_tables: Sequence[AddressLookupTableAccount] = (),
    *,
    extra: Sequence[Instruction] = (),
) -> AccountLiquidation:
    """The longest prefix of ``plan`` that fits one transaction (with ``extra`` after it).

    Raises ``ValueError`` when not even its first step fits.
    """
    count = len(plan.steps)
    while count > 0:
        size = transaction_size(payer, [*plan.instructions[:count], *extra], lookup_tables)
        if size <= MAX_TRANSACTION_BYTES:
            return plan if count == len(plan.steps) else plan.truncated(count)
        count -= 1
    raise ValueError("not even one liquidation step fits in a transaction")


def lookup_table_addresses(view: ChainView, program_id: Pubkey = PROGRAM_ID) -> list[Pubkey]:
    """The exchange-wide accounts every liquidation names (for an address lookup table).

    The Exchange, every collateral asset and its oracle, every perp market with its
    oracle and order book: at most 1 + 2 × 16 + 3 × 64 = 225 ≤ 256 addresses.
    """
    keys: list[Pubkey] = [exchange_address(program_id)]
    for index in sorted(view.assets):
        asset = view.assets[index]
        keys.append(collateral_asset_address(asset.mint, program_id))
        if index != 0:
            keys.append(asset.oracle)
    for index in sorted(view.markets):
        market = view.markets[index]
        keys += [perp_market_address(index, program_id), market.oracle, market.orderbook]
    seen: set[Pubkey] = set()
    return [k for k in keys if not (k in seen or seen.add(k))]  # type: ignore[func-returns-value]
