"""Instruction builders: plain values in, a solders ``Instruction`` out, no I/O.

Data and account lists come from the builders generated from the IDL
(:mod:`kairos.abi.instructions`: typed args and accounts, IDL order, signer and writable
flags), so nothing here restates a layout; these functions keep the SDK's keyword
signatures and derive the PDAs from an owner and indexes. What needs chain state (health
accounts, a market's order book) is passed in: :class:`kairos.client.KairosClient`
fetches it for you.

Health accounts (remaining accounts of withdraw, place_order and compute_health)
follow docs/ARCHITECTURE.md: per active collateral position in slot order its
CollateralAsset and Oracle, then per active perp position in slot order its
PerpMarket and Oracle; :func:`health_accounts` assembles them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, get_type_hints

from pyheck import snake
from solders.instruction import AccountMeta, Instruction
from solders.pubkey import Pubkey
from spl.token.constants import TOKEN_PROGRAM_ID

from kairos import errors
from kairos.abi import instructions as abi_ix
from kairos.abi import types as abi_types
from kairos.accounts import (
    CollateralAsset,
    MarginAccount,
    PerpMarket,
    RebalanceMember,
    RiskLimitValues,
)
from kairos.constants import (
    MAX_COLLATERAL_POSITIONS,
    MAX_MATCHES_PER_ORDER,
    MAX_OPEN_ORDERS,
    MAX_PERP_POSITIONS,
    QUOTE_ASSET_INDEX,
    AuctionRest,
    OrderType,
    SelfTradeBehavior,
    Side,
    SideFilter,
    TimeInForce,
    TrailingMode,
    TriggerCondition,
    TriggerKind,
)
from kairos.pda import (
    collateral_asset_address,
    insurance_vault_address,
    margin_account_address,
    perp_market_address,
    vault_address,
)
from kairos.program import PROGRAM_ID, idl_json
from kairos.risk_pda import (
    rebalance_policy_address,
    risk_limits_address,
    risk_parameters_address,
)

MARKET_NAME_BYTES = 16
AUCTION_DEFAULT_DURATION_SLOTS = 10
"""Default auction deadline: 10 slots (~4 s at 400 ms slots)."""


def _idl_instruction(name: str) -> dict[str, Any]:
    for ix in idl_json()["instructions"]:
        if snake(ix["name"]) == name:
            found: dict[str, Any] = ix
            return found
    raise KeyError(f"no instruction {name!r} in the IDL")


def named_account_count(name: str) -> int:
    """How many accounts the IDL names for instruction ``name`` (snake_case).

    The remaining accounts (health accounts, makers, ...) start at this index.
    """
    return abi_ix.INSTRUCTION_ACCOUNT_COUNTS[name]


def build_instruction(
    name: str,
    args: Mapping[str, Any],
    accounts: Mapping[str, Pubkey],
    remaining_accounts: Sequence[AccountMeta] = (),
    *,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Build any IDL instruction by name from snake_case args and accounts.

    A by-name front of the generated builders (:mod:`kairos.abi.instructions`):
    ``accounts`` must name exactly the IDL's accounts; ``args`` the IDL's arguments, as
    AnchorPy takes them (nested dicts, int lists). ``remaining_accounts`` are appended.
    """
    idl_ix = _idl_instruction(name)
    builder: Callable[..., Instruction] = getattr(abi_ix, name)
    accounts_cls = getattr(abi_ix, f"{idl_ix['name'][0].upper()}{idl_ix['name'][1:]}Accounts")
    expected = [snake(a["name"]) for a in idl_ix["accounts"]]
    missing = [account for account in expected if account not in accounts]
    if missing:
        raise ValueError(f"{name}: account {missing[0]!r} not provided")
    unknown = set(accounts) - set(expected)
    if unknown:
        raise ValueError(f"{name}: unknown accounts {sorted(unknown)}")
    arg_names = [snake(arg["name"]) for arg in idl_ix["args"]]
    if sorted(arg_names) != sorted(args):
        raise ValueError(f"{name}: expected args {arg_names}, got {sorted(args)}")
    params: list[Any] = []
    if arg_names:
        args_cls = get_type_hints(builder)["args"]
        only = idl_ix["args"][0]["type"]
        if (
            len(arg_names) == 1
            and isinstance(only, dict)
            and only.get("defined") == (args_cls.IDL_NAME)
        ):
            params.append(args_cls.from_dict(args[arg_names[0]]))
        else:
            params.append(args_cls.from_dict(args))
    return builder(*params, accounts_cls(**accounts), remaining_accounts, program_id=program_id)


def market_name_bytes(name: str | bytes) -> bytes:
    """A market name as the 16 zero-padded bytes the program stores."""
    raw = name.encode("utf-8") if isinstance(name, str) else bytes(name)
    if len(raw) > MARKET_NAME_BYTES:
        raise ValueError(f"market name is {len(raw)} bytes, at most {MARKET_NAME_BYTES}")
    return raw.ljust(MARKET_NAME_BYTES, b"\0")


# --- health accounts ----------------------------------------------------------------


def _slots_with(
    current: list[int | None], new_index: int | None, limit_error: type[errors.ProgramError]
) -> list[int | None]:
    # A position the instruction creates takes the first free slot, so it is listed
    # where the program will find it after the instruction.
    if new_index is None or new_index in current:
        return current
    for slot, index in enumerate(current):
        if index is None:
            return [*current[:slot], new_index, *current[slot + 1 :]]
    raise limit_error()


def health_accounts(
    account: MarginAccount | None,
    *,
    assets: Mapping[int, CollateralAsset],
    markets: Mapping[int, PerpMarket],
    new_asset_index: int | None = None,
    new_market_index: int | None = None,
    removed_asset_index: int | None = None,
    program_id: Pubkey = PROGRAM_ID,
) -> list[AccountMeta]:
    """The health accounts of a margin account, read-only, in the program's order.

    The quote collateral asset leads (it holds the borrow index, kairos.borrow), so
    ``assets`` must hold index 0. They describe the account as the program sees it
    when it computes health, i.e. after the instruction's own changes. ``assets``
    and ``markets`` map indexes to the decoded accounts (only their mint, index and
    oracle are used).
    ``new_asset_index`` / ``new_market_index`` name a position the instruction
    creates (e.g. the market of a first order there): the program opens it in the
    first free slot, so it is listed there. ``removed_asset_index`` names a
    collateral slot the instruction empties (a withdrawal of the whole amount),
    which the program frees. ``account`` None means a fresh account.
    Raises ``KeyError`` if a needed asset or market is missing from the maps, and
    :class:`kairos.errors.CollateralPositionLimit` / ``PerpPositionLimit`` if the
    new position has no free slot.
    """
    if account is None:
        collateral: list[int | None] = [None] * MAX_COLLATERAL_POSITIONS
        perps: list[int | None] = [None] * MAX_PERP_POSITIONS
    else:
        collateral = [p.asset_index if p.is_active else None for p in account.collateral]
        perps = [p.market_index if p.is_active else None for p in account.perp_positions]
    if removed_asset_index is not None:
        collateral = [None if index == removed_asset_index else index for index in collateral]
    if new_asset_index == QUOTE_ASSET_INDEX:
        new_asset_index = None  # the quote is the quote balance, never a position
    collateral = _slots_with(collateral, new_asset_index, errors.CollateralPositionLimit)
    perps = _slots_with(perps, new_market_index, errors.PerpPositionLimit)

    metas: list[AccountMeta] = [
        _readonly(collateral_asset_address(assets[QUOTE_ASSET_INDEX].mint, program_id))
    ]
    for asset_index in collateral:
        if asset_index is None:
            continue
        asset = assets[asset_index]
        metas.append(_readonly(collateral_asset_address(asset.mint, program_id)))
        metas.append(_readonly(asset.oracle))
    for market_index in perps:
        if market_index is None:
            continue
        market = markets[market_index]
        metas.append(_readonly(perp_market_address(market.index, program_id)))
        metas.append(_readonly(market.oracle))
    return metas


def _readonly(key: Pubkey) -> AccountMeta:
    return AccountMeta(key, is_signer=False, is_writable=False)


# --- one builder per instruction ----------------------------------------------------


def initialize_exchange(
    *,
    admin: Pubkey,
    quote_mint: Pubkey,
    keeper_reward_lamports: int = 0,
    token_program: Pubkey = TOKEN_PROGRAM_ID,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Create the Exchange, the quote collateral asset, its vault and the insurance vault."""
    return abi_ix.initialize_exchange(
        abi_types.InitializeExchangeArgs(keeper_reward_lamports=keeper_reward_lamports),
        abi_ix.InitializeExchangeAccounts(
            admin=admin, quote_mint=quote_mint, token_program=token_program
        ),
        program_id=program_id,
    )


def set_instruction_gate(
    *, admin: Pubkey, gate: int, program_id: Pubkey = PROGRAM_ID
) -> Instruction:
    """Admin: set the bitmask of halted instructions (see ``constants.instruction_gate_bit``)."""
    return abi_ix.set_instruction_gate(
        abi_ix.SetInstructionGateArgs(gate=gate),
        abi_ix.SetInstructionGateAccounts(admin=admin),
        program_id=program_id,
    )


def set_market_order_rules(
    *,
    admin: Pubkey,
    market_index: int,
    fill_band_bps: int,
    rest_band_bps: int,
    min_rest_lots: int,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Admin: a market's fill and resting price bands (bps around the oracle), min resting size."""
    return abi_ix.set_market_order_rules(
        abi_ix.SetMarketOrderRulesArgs(
            fill_band_bps=fill_band_bps, rest_band_bps=rest_band_bps, min_rest_lots=min_rest_lots
        ),
        abi_ix.SetMarketOrderRulesAccounts(
            admin=admin, perp_market=perp_market_address(market_index, program_id)
        ),
        program_id=program_id,
    )


def create_oracle(
    *,
    authority: Pubkey,
    seed: int,
    price: int,
    confidence: int,
    exponent: int,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Create the price feed at ``oracle_address(authority, seed)``."""
    return abi_ix.create_oracle(
        abi_types.CreateOracleArgs(
            seed=seed, price=price, confidence=confidence, exponent=exponent
        ),
        abi_ix.CreateOracleAccounts(authority=authority),
        program_id=program_id,
    )


def update_oracle(
    *,
    authority: Pubkey,
    oracle: Pubkey,
    price: int,
    confidence: int,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Publish a price and confidence (in the oracle's exponent) at the current slot."""
    return abi_ix.update_oracle(
        abi_ix.UpdateOracleArgs(price=price, confidence=confidence),
        abi_ix.UpdateOracleAccounts(oracle=oracle, authority=authority),
        program_id=program_id,
    )


def add_collateral_asset(
    *,
    admin: Pubkey,
    mint: Pubkey,
    oracle: Pubkey,
    deposit_cap: int,
    max_staleness_slots: int,
    init_asset_weight_bps: int,
    maint_asset_weight_bps: int,
    max_confidence_bps: int,
    token_program: Pubkey = TOKEN_PROGRAM_ID,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Admin: list ``mint`` as collateral (asset PDA and vault derived from the mint)."""
    return abi_ix.add_collateral_asset(
        abi_types.AddCollateralAssetArgs(
            deposit_cap=deposit_cap,
            max_staleness_slots=max_staleness_slots,
            init_asset_weight_bps=init_asset_weight_bps,
            maint_asset_weight_bps=maint_asset_weight_bps,
            max_confidence_bps=max_confidence_bps,
        ),
        abi_ix.AddCollateralAssetAccounts(
            admin=admin, mint=mint, oracle=oracle, token_program=token_program
        ),
        program_id=program_id,
    )


def create_perp_market(
    *,
    admin: Pubkey,
    market_index: int,
    orderbook: Pubkey,
    event_queue: Pubkey,
    oracle: Pubkey,
    name: str | bytes,
    base_lot_size: int,
    tick_size: int,
    min_order_lots: int,
    open_interest_cap_lots: int,
    max_staleness_slots: int,
    init_margin_bps: int,
    maint_margin_bps: int,
    init_pnl_weight_bps: int,
    taker_fee_bps: int,
    maker_fee_bps: int,
    max_confidence_bps: int,
    base_decimals: int,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Admin: create market ``market_index`` (the Exchange's ``perp_market_count``).

    ``orderbook`` and ``event_queue`` must already exist, zeroed, owned by the program
    and of exact size (created in the same transaction; see the client).
    """
    return abi_ix.create_perp_market(
        abi_types.CreatePerpMarketArgs(
            name=market_name_bytes(name),
            base_lot_size=base_lot_size,
            tick_size=tick_size,
            min_order_lots=min_order_lots,
            open_interest_cap_lots=open_interest_cap_lots,
            max_staleness_slots=max_staleness_slots,
            init_margin_bps=init_margin_bps,
            maint_margin_bps=maint_margin_bps,
            init_pnl_weight_bps=init_pnl_weight_bps,
            taker_fee_bps=taker_fee_bps,
            maker_fee_bps=maker_fee_bps,
            max_confidence_bps=max_confidence_bps,
            base_decimals=base_decimals,
        ),
        abi_ix.CreatePerpMarketAccounts(
            admin=admin,
            perp_market=perp_market_address(market_index, program_id),
            orderbook=orderbook,
            event_queue=event_queue,
            oracle=oracle,
        ),
        program_id=program_id,
    )


def create_margin_account(
    *, owner: Pubkey, account_index: int = 0, program_id: Pubkey = PROGRAM_ID
) -> Instruction:
    """Create the owner's margin account number ``account_index``."""
    return abi_ix.create_margin_account(
        abi_ix.CreateMarginAccountArgs(account_index=account_index),
        abi_ix.CreateMarginAccountAccounts(owner=owner),
        program_id=program_id,
    )


def deposit(
    *,
    owner: Pubkey,
    mint: Pubkey,
    amount: int,
    owner_token_account: Pubkey,
    account_index: int = 0,
    token_program: Pubkey = TOKEN_PROGRAM_ID,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Deposit ``amount`` native units of ``mint`` from ``owner_token_account``."""
    return abi_ix.deposit(
        abi_ix.DepositArgs(amount=amount),
        abi_ix.DepositAccounts(
            margin_account=margin_account_address(owner, account_index, program_id),
            owner=owner,
            collateral_asset=collateral_asset_address(mint, program_id),
            vault=vault_address(mint, program_id),
            owner_token_account=owner_token_account,
            token_program=token_program,
        ),
        program_id=program_id,
    )


def withdraw(
    *,
    owner: Pubkey,
    mint: Pubkey,
    amount: int,
    destination_token_account: Pubkey,
    health_accounts: Sequence[AccountMeta],
    account_index: int = 0,
    token_program: Pubkey = TOKEN_PROGRAM_ID,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Withdraw ``amount`` native units of ``mint``; initial health must stay >= 0."""
    return abi_ix.withdraw(
        abi_ix.WithdrawArgs(amount=amount),
        abi_ix.WithdrawAccounts(
            margin_account=margin_account_address(owner, account_index, program_id),
            owner=owner,
            collateral_asset=collateral_asset_address(mint, program_id),
            vault=vault_address(mint, program_id),
            destination_token_account=destination_token_account,
            token_program=token_program,
        ),
        health_accounts,
        program_id=program_id,
    )


def place_order(
    *,
    owner: Pubkey,
    market_index: int,
    orderbook: Pubkey,
    event_queue: Pubkey,
    oracle: Pubkey,
    side: Side,
    price: int,
    max_base_lots: int,
    health_accounts: Sequence[AccountMeta],
    order_type: OrderType = OrderType.LIMIT,
    client_order_id: int = 0,
    match_limit: int = MAX_MATCHES_PER_ORDER,
    account_index: int = 0,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Place a limit or market order (price in quote native per lot; worst price for market)."""
    return abi_ix.place_order(
        abi_types.PlaceOrderArgs(
            side=int(side),
            order_type=int(order_type),
            price=price,
            max_base_lots=max_base_lots,
            client_order_id=client_order_id,
            match_limit=match_limit,
        ),
        abi_ix.PlaceOrderAccounts(
            margin_account=margin_account_address(owner, account_index, program_id),
            owner=owner,
            perp_market=perp_market_address(market_index, program_id),
            orderbook=orderbook,
            event_queue=event_queue,
            oracle=oracle,
        ),
        health_accounts,
        program_id=program_id,
    )


def cancel_order(
    *,
    owner: Pubkey,
    market_index: int,
    orderbook: Pubkey,
    order_id: int,
    is_client_id: bool = False,
    account_index: int = 0,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Cancel one resting order by order id (or client order id)."""
    return abi_ix.cancel_order(
        abi_ix.CancelOrderArgs(order_id=order_id, is_client_id=is_client_id),
        abi_ix.CancelOrderAccounts(
            margin_account=margin_account_address(owner, account_index, program_id),
            owner=owner,
            perp_market=perp_market_address(market_index, program_id),
            orderbook=orderbook,
        ),
        program_id=program_id,
    )


def cancel_all_orders(
    *,
    owner: Pubkey,
    market_index: int,
    orderbook: Pubkey,
    side_filter: SideFilter = SideFilter.BOTH,
    limit: int = MAX_OPEN_ORDERS,
    account_index: int = 0,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Cancel up to ``limit`` of the account's resting orders in a market."""
    return abi_ix.cancel_all_orders(
        abi_ix.CancelAllOrdersArgs(side_filter=int(side_filter), limit=limit),
        abi_ix.CancelAllOrdersAccounts(
            margin_account=margin_account_address(owner, account_index, program_id),
            owner=owner,
            perp_market=perp_market_address(market_index, program_id),
            orderbook=orderbook,
        ),
        program_id=program_id,
    )


def consume_events(
    *,
    market_index: int,
    event_queue: Pubkey,
    cranker: Pubkey,
    limit: int,
    maker_accounts: Sequence[Pubkey],
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Crank: apply up to ``limit`` queued fills; ``maker_accounts`` are their margin accounts."""
    return abi_ix.consume_events(
        abi_ix.ConsumeEventsArgs(limit=limit),
        abi_ix.ConsumeEventsAccounts(
            perp_market=perp_market_address(market_index, program_id),
            event_queue=event_queue,
            cranker=cranker,
        ),
        [AccountMeta(maker, is_signer=False, is_writable=True) for maker in maker_accounts],
        program_id=program_id,
    )


def settle_pnl(
    *,
    margin_account: Pubkey,
    market_index: int,
    oracle: Pubkey,
    quote_mint: Pubkey,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Settle a position's PnL at the oracle price (permissionless; checkpoints its borrow)."""
    return abi_ix.settle_pnl(
        abi_ix.SettlePnlAccounts(
            margin_account=margin_account,
            perp_market=perp_market_address(market_index, program_id),
            oracle=oracle,
            quote_asset=collateral_asset_address(quote_mint, program_id),
        ),
        program_id=program_id,
    )


def close_margin_account(
    *,
    owner: Pubkey,
    destination: Pubkey,
    account_index: int = 0,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Close an empty margin account; its rent goes to ``destination``."""
    return abi_ix.close_margin_account(
        abi_ix.CloseMarginAccountAccounts(
            margin_account=margin_account_address(owner, account_index, program_id),
            owner=owner,
            destination=destination,
        ),
        program_id=program_id,
    )


def compute_health(
    *,
    margin_account: Pubkey,
    health_accounts: Sequence[AccountMeta],
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """View: compute initial and maintenance health (return data and HealthComputed)."""
    return abi_ix.compute_health(
        abi_ix.ComputeHealthAccounts(margin_account=margin_account),
        health_accounts,
        program_id=program_id,
    )


# --- order options and trigger orders ---------------------------------------


def place_order_v2(
    *,
    owner: Pubkey,
    market_index: int,
    orderbook: Pubkey,
    event_queue: Pubkey,
    oracle: Pubkey,
    side: Side,
    price: int,
    max_base_lots: int,
    health_accounts: Sequence[AccountMeta],
    order_type: OrderType = OrderType.LIMIT,
    time_in_force: TimeInForce = TimeInForce.GTC,
    self_trade_behavior: SelfTradeBehavior = SelfTradeBehavior.CANCEL_RESTING,
    reduce_only: bool = False,
    client_order_id: int = 0,
    match_limit: int = MAX_MATCHES_PER_ORDER,
    expiry_timestamp: int = 0,
    iceberg_display_lots: int = 0,
    max_oracle_deviation_bps: int = 0,
    account_index: int = 0,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Place an order with every option (place_order's accounts).

    ``time_in_force``: GTC rests the remainder, IOC/FOK never rest (FOK fills all
    or fails), POST_ONLY fails if it would cross, POST_ONLY_SLIDE reprices one tick
    inside the best opposite order. ``expiry_timestamp`` (unix seconds, 0 = never)
    expires a resting order; ``iceberg_display_lots`` shows only that many lots at a
    time; ``max_oracle_deviation_bps`` bounds a market/IOC/FOK order's worst price
    at the oracle price per lot ± that many bps (``price`` 0 = the band alone).
    """
    return abi_ix.place_order_v2(
        abi_types.PlaceOrderV2Args(
            side=int(side),
            order_type=int(order_type),
            time_in_force=int(time_in_force),
            self_trade_behavior=int(self_trade_behavior),
            reduce_only=bool(reduce_only),
            price=price,
            max_base_lots=max_base_lots,
            client_order_id=client_order_id,
            match_limit=match_limit,
            expiry_timestamp=expiry_timestamp,
            iceberg_display_lots=iceberg_display_lots,
            max_oracle_deviation_bps=max_oracle_deviation_bps,
        ),
        abi_ix.PlaceOrderV2Accounts(
            margin_account=margin_account_address(owner, account_index, program_id),
            owner=owner,
            perp_market=perp_market_address(market_index, program_id),
            orderbook=orderbook,
            event_queue=event_queue,
            oracle=oracle,
        ),
        health_accounts,
        program_id=program_id,
    )


def create_trigger_order(
    *,
    owner: Pubkey,
    market_index: int,
    trigger_id: int,
    side: Side,
    kind: TriggerKind,
    trigger_price: int,
    max_base_lots: int,
    keeper_reward_lamports: int,
    limit_price: int = 0,
    condition: TriggerCondition | None = None,
    reduce_only: bool = False,
    trailing_mode: TrailingMode = TrailingMode.NONE,
    trailing_offset: int = 0,
    max_oracle_deviation_bps: int = 0,
    client_order_id: int = 0,
    match_limit: int = MAX_MATCHES_PER_ORDER,
    expiry_timestamp: int = 0,
    linked_trigger: Pubkey | None = None,
    account_index: int = 0,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Create a TriggerOrder (PDA ``["trigger", margin, trigger_id]``).

    Prices are quote native per lot (the trigger is compared with the oracle price
    per lot). ``condition`` defaults to the only one the program accepts for
    ``kind`` and ``side``. ``linked_trigger``: an unlinked trigger order of the same
    account to pair with as OCO. The owner escrows ``keeper_reward_lamports`` +
    ``match_limit`` × the exchange's crank reward.
    """
    margin = margin_account_address(owner, account_index, program_id)
    if condition is None:
        condition = TriggerCondition.for_order(TriggerKind(kind), Side(side))
    return abi_ix.create_trigger_order(
        abi_types.CreateTriggerOrderArgs(
            id=trigger_id,
            side=int(side),
            kind=int(kind),
            condition=int(condition),
            reduce_only=bool(reduce_only),
            trailing_mode=int(trailing_mode),
            match_limit=match_limit,
            trigger_price=trigger_price,
            limit_price=limit_price,
            max_base_lots=max_base_lots,
            client_order_id=client_order_id,
            trailing_offset=trailing_offset,
            max_oracle_deviation_bps=max_oracle_deviation_bps,
            keeper_reward_lamports=keeper_reward_lamports,
            expiry_timestamp=expiry_timestamp,
        ),
        abi_ix.CreateTriggerOrderAccounts(
            margin_account=margin,
            owner=owner,
            perp_market=perp_market_address(market_index, program_id),
            linked_trigger=linked_trigger or program_id,
        ),
        program_id=program_id,
    )


def cancel_trigger_order(
    *,
    owner: Pubkey,
    trigger_order: Pubkey,
    linked_trigger: Pubkey | None = None,
    account_index: int = 0,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Close a trigger order and its OCO partner (``linked_trigger``, if linked)."""
    return abi_ix.cancel_trigger_order(
        abi_ix.CancelTriggerOrderAccounts(
            trigger_order=trigger_order,
            margin_account=margin_account_address(owner, account_index, program_id),
            owner=owner,
            linked_trigger=linked_trigger or program_id,
        ),
        program_id=program_id,
    )


def trigger_order(
    *,
    trigger_order: Pubkey,
    margin_account: Pubkey,
    owner: Pubkey,
    market_index: int,
    orderbook: Pubkey,
    event_queue: Pubkey,
    oracle: Pubkey,
    keeper: Pubkey,
    health_accounts: Sequence[AccountMeta],
    linked_trigger: Pubkey | None = None,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Permissionless: fire a trigger order whose condition holds (keeper gets the reward).

    Errors a keeper counts as outcompeted: ``TriggerNotReady`` and
    ``TriggerOrderNotActive``. ``health_accounts`` are the owner's, after the order.
    """
    return abi_ix.trigger_order(
        abi_ix.TriggerOrderAccounts(
            trigger_order=trigger_order,
            margin_account=margin_account,
            owner=owner,
            perp_market=perp_market_address(market_index, program_id),
            orderbook=orderbook,
            event_queue=event_queue,
            oracle=oracle,
            keeper=keeper,
            linked_trigger=linked_trigger or program_id,
        ),
        health_accounts,
        program_id=program_id,
    )


def update_trailing_stop(
    *,
    trigger_order: Pubkey,
    market_index: int,
    oracle: Pubkey,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Permissionless: ratchet a trailing stop with the oracle (TrailingStopNotImproved else)."""
    return abi_ix.update_trailing_stop(
        abi_ix.UpdateTrailingStopAccounts(
            trigger_order=trigger_order,
            perp_market=perp_market_address(market_index, program_id),
            oracle=oracle,
        ),
        program_id=program_id,
    )


# --- liquidation (rules mirrored in kairos.math.liquidation) ---------------------


def set_liquidation_params(
    *,
    admin: Pubkey,
    small_position_quote: int,
    liquidation_buffer_bps: int,
    insurance_fee_share_bps: int,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Admin: buffer (bps of the maintenance requirement), insurance share, small size."""
    return abi_ix.set_liquidation_params(
        abi_ix.SetLiquidationParamsArgs(
            small_position_quote=small_position_quote,
            liquidation_buffer_bps=liquidation_buffer_bps,
            insurance_fee_share_bps=insurance_fee_share_bps,
        ),
        abi_ix.SetLiquidationParamsAccounts(admin=admin),
        program_id=program_id,
    )


def set_perp_liquidation_fee(
    *, admin: Pubkey, market_index: int, liquidation_fee_bps: int, program_id: Pubkey = PROGRAM_ID
) -> Instruction:
    """Admin: a market's liquidation fee (below its maintenance margin)."""
    return abi_ix.set_perp_liquidation_fee(
        abi_ix.SetPerpLiquidationFeeArgs(liquidation_fee_bps=liquidation_fee_bps),
        abi_ix.SetPerpLiquidationFeeAccounts(
            admin=admin, perp_market=perp_market_address(market_index, program_id)
        ),
        program_id=program_id,
    )


def set_asset_liquidation_discount(
    *, admin: Pubkey, mint: Pubkey, liquidation_discount_bps: int, program_id: Pubkey = PROGRAM_ID
) -> Instruction:
    """Admin: an asset's liquidation discount (below 1 − maintenance weight)."""
    return abi_ix.set_asset_liquidation_discount(
        abi_ix.SetAssetLiquidationDiscountArgs(liquidation_discount_bps=liquidation_discount_bps),
        abi_ix.SetAssetLiquidationDiscountAccounts(
            admin=admin, collateral_asset=collateral_asset_address(mint, program_id)
        ),
        program_id=program_id,
    )


def force_cancel_orders(
    *,
    margin_account: Pubkey,
    market_index: int,
    orderbook: Pubkey,
    health_accounts: Sequence[AccountMeta],
    limit: int = 16,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Permissionless: cancel a liquidatable account's orders in one market."""
    return abi_ix.force_cancel_orders(
        abi_ix.ForceCancelOrdersArgs(limit=limit),
        abi_ix.ForceCancelOrdersAccounts(
            margin_account=margin_account,
            perp_market=perp_market_address(market_index, program_id),
            orderbook=orderbook,
        ),
        health_accounts,
        program_id=program_id,
    )


def liquidate_perp(
    *,
    liqee: Pubkey,
    liquidator: Pubkey,
    liquidator_owner: Pubkey,
    market_index: int,
    oracle: Pubkey,
    quote_mint: Pubkey,
    liqee_health_accounts: Sequence[AccountMeta],
    liquidator_health_accounts: Sequence[AccountMeta],
    max_base_lots: int,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Take over part of a liquidatable position (sized by the program)."""
    return abi_ix.liquidate_perp(
        abi_ix.LiquidatePerpArgs(
            max_base_lots=max_base_lots, liqee_health_accounts=len(liqee_health_accounts)
        ),
        abi_ix.LiquidatePerpAccounts(
            liqee=liqee,
            liquidator=liquidator,
            liquidator_owner=liquidator_owner,
            perp_market=perp_market_address(market_index, program_id),
            oracle=oracle,
            quote_asset=collateral_asset_address(quote_mint, program_id),
        ),
        [*liqee_health_accounts, *liquidator_health_accounts],
        program_id=program_id,
    )


def liquidate_collateral(
    *,
    liqee: Pubkey,
    liquidator: Pubkey,
    liquidator_owner: Pubkey,
    mint: Pubkey,
    oracle: Pubkey,
    quote_mint: Pubkey,
    liqee_health_accounts: Sequence[AccountMeta],
    liquidator_health_accounts: Sequence[AccountMeta],
    max_amount: int,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Buy part of a liquidatable account's collateral at a discount, for quote."""
    return abi_ix.liquidate_collateral(
        abi_ix.LiquidateCollateralArgs(
            max_amount=max_amount, liqee_health_accounts=len(liqee_health_accounts)
        ),
        abi_ix.LiquidateCollateralAccounts(
            liqee=liqee,
            liquidator=liquidator,
            liquidator_owner=liquidator_owner,
            collateral_asset=collateral_asset_address(mint, program_id),
            oracle=oracle,
            quote_asset=collateral_asset_address(quote_mint, program_id),
        ),
        [*liqee_health_accounts, *liquidator_health_accounts],
        program_id=program_id,
    )


def _insurance_accounts(quote_mint: Pubkey, program_id: Pubkey) -> dict[str, Pubkey]:
    return {
        "quote_asset": collateral_asset_address(quote_mint, program_id),
        "quote_vault": vault_address(quote_mint, program_id),
        "insurance_vault": insurance_vault_address(quote_mint, program_id),
    }


def resolve_bankruptcy(
    *,
    margin_account: Pubkey,
    market_index: int,
    quote_mint: Pubkey,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Permissionless: cover a bankrupt account from insurance, socialize the rest."""
    return abi_ix.resolve_bankruptcy(
        abi_ix.ResolveBankruptcyAccounts(
            margin_account=margin_account,
            perp_market=perp_market_address(market_index, program_id),
            **_insurance_accounts(quote_mint, program_id),
        ),
        program_id=program_id,
    )


def sweep_fees_to_insurance(
    *,
    admin: Pubkey,
    market_index: int,
    event_queue: Pubkey,
    quote_mint: Pubkey,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Admin: move a market's fees (less the rebates its queue owes) to the insurance vault."""
    return abi_ix.sweep_fees_to_insurance(
        abi_ix.SweepFeesToInsuranceAccounts(
            admin=admin,
            perp_market=perp_market_address(market_index, program_id),
            event_queue=event_queue,
            **_insurance_accounts(quote_mint, program_id),
        ),
        program_id=program_id,
    )


def health_guard(
    *,
    margin_account: Pubkey,
    health_accounts: Sequence[AccountMeta],
    min_init_health: int = 0,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Fail the transaction unless the account's initial health is ≥ ``min_init_health``."""
    return abi_ix.health_guard(
        abi_ix.HealthGuardArgs(min_init_health=min_init_health),
        abi_ix.HealthGuardAccounts(margin_account=margin_account),
        health_accounts,
        program_id=program_id,
    )


def set_asset_risk_params(
    *,
    admin: Pubkey,
    mint: Pubkey,
    init_weight_scale_threshold: int,
    concentration_limit_bps: int,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Admin: deposit-scaled initial weight (0: off) and concentration limit (0: off)."""
    return abi_ix.set_asset_risk_params(
        abi_ix.SetAssetRiskParamsArgs(
            init_weight_scale_threshold=init_weight_scale_threshold,
            concentration_limit_bps=concentration_limit_bps,
        ),
        abi_ix.SetAssetRiskParamsAccounts(
            admin=admin, collateral_asset=collateral_asset_address(mint, program_id)
        ),
        program_id=program_id,
    )


# --- JIT liquidity auctions (kairos.auctions has the client and the view) ---


def open_auction(
    *,
    owner: Pubkey,
    market_index: int,
    oracle: Pubkey,
    auction_id: int,
    side: Side,
    size_lots: int,
    limit_price: int,
    health_accounts: Sequence[AccountMeta],
    min_fill_lots: int = 0,
    duration_slots: int = AUCTION_DEFAULT_DURATION_SLOTS,
    rest_action: AuctionRest = AuctionRest.CANCEL,
    account_index: int = 0,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Open an auction; ``health_accounts`` describe the taker with the market's position."""
    taker_margin = margin_account_address(owner, account_index, program_id)
    return abi_ix.open_auction(
        abi_types.OpenAuctionArgs(
            auction_id=auction_id,
            side=int(side),
            rest_action=int(rest_action),
            size_lots=size_lots,
            limit_price=limit_price,
            min_fill_lots=min_fill_lots,
            duration_slots=duration_slots,
        ),
        abi_ix.OpenAuctionAccounts(
            taker_margin_account=taker_margin,
            owner=owner,
            perp_market=perp_market_address(market_index, program_id),
            oracle=oracle,
        ),
        health_accounts,
        program_id=program_id,
    )


def submit_bid(
    *,
    provider: Pubkey,
    auction: Pubkey,
    market_index: int,
    oracle: Pubkey,
    price: int,
    base_lots: int,
    health_accounts: Sequence[AccountMeta],
    account_index: int = 0,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Bid ``base_lots`` at ``price``; health accounts include the auction's market."""
    return abi_ix.submit_bid(
        abi_types.AuctionBidArgs(price=price, base_lots=base_lots),
        abi_ix.SubmitBidAccounts(
            auction=auction,
            provider_margin_account=margin_account_address(provider, account_index, program_id),
            provider=provider,
            perp_market=perp_market_address(market_index, program_id),
            oracle=oracle,
        ),
        health_accounts,
        program_id=program_id,
    )


def improve_bid(
    *,
    provider: Pubkey,
    auction: Pubkey,
    market_index: int,
    oracle: Pubkey,
    price: int,
    base_lots: int,
    health_accounts: Sequence[AccountMeta],
    account_index: int = 0,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Improve the provider's bid (price no worse, lots no fewer, one strictly better)."""
    return abi_ix.improve_bid(
        abi_types.AuctionBidArgs(price=price, base_lots=base_lots),
        abi_ix.ImproveBidAccounts(
            auction=auction,
            provider_margin_account=margin_account_address(provider, account_index, program_id),
            provider=provider,
            perp_market=perp_market_address(market_index, program_id),
            oracle=oracle,
        ),
        health_accounts,
        program_id=program_id,
    )


def cancel_bid(
    *, provider: Pubkey, auction: Pubkey, account_index: int = 0, program_id: Pubkey = PROGRAM_ID
) -> Instruction:
    """Withdraw the provider's bid before the deadline."""
    return abi_ix.cancel_bid(
        abi_ix.CancelBidAccounts(
            auction=auction,
            provider_margin_account=margin_account_address(provider, account_index, program_id),
            provider=provider,
        ),
        program_id=program_id,
    )


def settle_auction(
    *,
    auction: Pubkey,
    taker_margin_account: Pubkey,
    taker_owner: Pubkey,
    market_index: int,
    orderbook: Pubkey,
    oracle: Pubkey,
    settler: Pubkey,
    provider_accounts: Sequence[AccountMeta],
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Settle an auction.

    ``provider_accounts``: per reached bid, best first, the provider's margin
    account (writable) then its health accounts with the auction's market.
    """
    return abi_ix.settle_auction(
        abi_ix.SettleAuctionAccounts(
            auction=auction,
            taker_margin_account=taker_margin_account,
            taker_owner=taker_owner,
            settler=settler,
            perp_market=perp_market_address(market_index, program_id),
            orderbook=orderbook,
            oracle=oracle,
        ),
        provider_accounts,
        program_id=program_id,
    )


def expire_auction(
    *,
    auction: Pubkey,
    taker_margin_account: Pubkey,
    taker_owner: Pubkey,
    expirer: Pubkey,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Expire an auction without trading (permissionless).

    Accepted from ``deadline_slot + AUCTION_EXPIRY_GRACE_SLOTS`` on, or at any
    slot while the taker is flagged as being liquidated. The expirer receives
    the escrowed reward, the taker's owner the rent.
    """
    return abi_ix.expire_auction(
        abi_ix.ExpireAuctionAccounts(
            auction=auction,
            taker_margin_account=taker_margin_account,
            taker_owner=taker_owner,
            expirer=expirer,
        ),
        program_id=program_id,
    )


# TWAP and scheduled orders: their builders are in kairos.scheduled_orders.


def accrue_borrow_interest(
    *,
    quote_mint: Pubkey,
    margin_accounts: Sequence[Pubkey],
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Permissionless: roll the borrow index and checkpoint each account's borrow interest."""
    return abi_ix.accrue_borrow_interest(
        abi_ix.AccrueBorrowInterestAccounts(
            quote_asset=collateral_asset_address(quote_mint, program_id)
        ),
        [AccountMeta(key, is_signer=False, is_writable=True) for key in margin_accounts],
        program_id=program_id,
    )


def set_borrow_rate_params(
    *,
    admin: Pubkey,
    quote_mint: Pubkey,
    base_rate_bps: int,
    optimal_rate_bps: int,
    max_rate_bps: int,
    optimal_utilization_bps: int,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Admin: the quote borrow rate curve (yearly bps, kinked at the optimal utilization)."""
    return abi_ix.set_borrow_rate_params(
        abi_ix.SetBorrowRateParamsArgs(
            base_rate_bps=base_rate_bps,
            optimal_rate_bps=optimal_rate_bps,
            max_rate_bps=max_rate_bps,
            optimal_utilization_bps=optimal_utilization_bps,
        ),
        abi_ix.SetBorrowRateParamsAccounts(
            admin=admin, quote_asset=collateral_asset_address(quote_mint, program_id)
        ),
        program_id=program_id,
    )


def update_funding(
    *,
    market_index: int,
    orderbook: Pubkey,
    event_queue: Pubkey,
    oracle: Pubkey,
    reward_account: Pubkey,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Crank: sample a market's funding TWAPs and roll its funding index once per period.

    ``reward_account`` is any margin account; a roll pays it the market's crank reward.
    """
    return abi_ix.update_funding(
        abi_ix.UpdateFundingAccounts(
            perp_market=perp_market_address(market_index, program_id),
            orderbook=orderbook,
            event_queue=event_queue,
            oracle=oracle,
            reward_account=reward_account,
        ),
        program_id=program_id,
    )


def set_funding_params(
    *,
    admin: Pubkey,
    market_index: int,
    period_seconds: int,
    max_rate_bps: int,
    mark_band_bps: int,
    paused: bool = False,
    crank_reward: int = 0,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Admin: a market's funding period, rate clamp per period, mark band, pause, reward."""
    return abi_ix.set_funding_params(
        abi_ix.SetFundingParamsArgs(
            period_seconds=period_seconds,
            max_rate_bps=max_rate_bps,
            mark_band_bps=mark_band_bps,
            paused=int(paused),
            crank_reward=crank_reward,
        ),
        abi_ix.SetFundingParamsAccounts(
            admin=admin, perp_market=perp_market_address(market_index, program_id)
        ),
        program_id=program_id,
    )


# --- portfolio risk limits (kairos.risk has the math) -----------------------


def risk_tail(margin_account: Pubkey, program_id: Pubkey = PROGRAM_ID) -> list[AccountMeta]:
    """The accounts a margin account with risk limits appends after its health accounts.

    Every instruction where its risk grows (orders, trigger/TWAP/scheduled runs,
    withdrawals) needs its RiskLimits (writable) then the RiskParameters.
    """
    return [
        AccountMeta(risk_limits_address(margin_account, program_id), False, True),
        AccountMeta(risk_parameters_address(program_id), False, False),
    ]


def risk_tail_if_limited(
    margin: MarginAccount | None, margin_account: Pubkey, program_id: Pubkey = PROGRAM_ID
) -> list[AccountMeta]:
    """:func:`risk_tail` when the account has risk limits (its flag is set), else nothing.

    What every order-path builder appends after an account's health accounts (orders,
    trigger fires, TWAP slices, scheduled runs, auction opens).
    """
    if margin is None or not margin.risk_limits_enabled:
        return []
    return risk_tail(margin_account, program_id)


def initialize_risk_parameters(*, admin: Pubkey, program_id: Pubkey = PROGRAM_ID) -> Instruction:
    """Admin: create the exchange's RiskParameters (publisher = admin, nothing published)."""
    return abi_ix.initialize_risk_parameters(
        abi_ix.InitializeRiskParametersAccounts(admin=admin), program_id=program_id
    )


def set_risk_publisher(
    *, admin: Pubkey, publisher: Pubkey, program_id: Pubkey = PROGRAM_ID
) -> Instruction:
    """Admin: authorise ``publisher`` (the risk keeper) to publish risk parameters."""
    return abi_ix.set_risk_publisher(
        abi_ix.SetRiskPublisherArgs(publisher=publisher),
        abi_ix.SetRiskPublisherAccounts(admin=admin),
        program_id=program_id,
    )


def set_risk_factors(
    *, admin: Pubkey, sources: Sequence[Pubkey], program_id: Pubkey = PROGRAM_ID
) -> Instruction:
    """Admin: the risk factors are the distinct oracles of these PerpMarket/CollateralAsset."""
    return abi_ix.set_risk_factors(
        abi_ix.SetRiskFactorsAccounts(admin=admin),
        [AccountMeta(source, False, False) for source in sources],
        program_id=program_id,
    )


def set_risk_limit_caps(
    *,
    admin: Pubkey,
    caps: RiskLimitValues,
    defaults: RiskLimitValues,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Admin: the loosest per-account limits allowed (0: uncapped) and the defaults."""
    return abi_ix.set_risk_limit_caps(
        abi_ix.SetRiskLimitCapsArgs(caps=caps, defaults=defaults),
        abi_ix.SetRiskLimitCapsAccounts(admin=admin),
        program_id=program_id,
    )


def publish_risk_params(
    *,
    publisher: Pubkey,
    volatility_ppm: Sequence[int],
    correlation_bps: Sequence[int],
    max_staleness_slots: int,
    half_life_seconds: int,
    factor_count: int,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Admin or publisher: volatilities (16, ppm/day) and the correlation matrix (256 bps)."""
    return abi_ix.publish_risk_params(
        abi_types.PublishRiskParamsArgs(
            volatility_ppm=tuple(volatility_ppm),
            correlation_bps=tuple(correlation_bps),
            max_staleness_slots=max_staleness_slots,
            half_life_seconds=half_life_seconds,
            factor_count=factor_count,
        ),
        abi_ix.PublishRiskParamsAccounts(publisher=publisher),
        program_id=program_id,
    )


def create_risk_limits(
    *,
    owner: Pubkey,
    margin_account: Pubkey,
    limits: RiskLimitValues,
    delegate: Pubkey | None = None,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Owner: create the margin account's RiskLimits; enforcement starts at once."""
    return abi_ix.create_risk_limits(
        abi_ix.CreateRiskLimitsArgs(delegate=delegate or Pubkey.default(), limits=limits),
        abi_ix.CreateRiskLimitsAccounts(margin_account=margin_account, owner=owner),
        program_id=program_id,
    )


def set_risk_limits(
    *,
    authority: Pubkey,
    margin_account: Pubkey,
    limits: RiskLimitValues,
    delegate: Pubkey | None = None,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Owner or delegate: tighter limits at once, looser ones after the cooldown.

    ``delegate`` is the delegate to keep or (owner only) to set; a delegate signing
    must pass itself.
    """
    return abi_ix.set_risk_limits(
        abi_ix.SetRiskLimitsArgs(limits=limits, delegate=delegate or Pubkey.default()),
        abi_ix.SetRiskLimitsAccounts(margin_account=margin_account, authority=authority),
        program_id=program_id,
    )


def reset_high_water_mark(
    *,
    owner: Pubkey,
    margin_account: Pubkey,
    health_accounts: Sequence[AccountMeta],
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Owner, after the cooldown: high-water mark and day-open equity := equity."""
    return abi_ix.reset_high_water_mark(
        abi_ix.ResetHighWaterMarkAccounts(margin_account=margin_account, owner=owner),
        health_accounts,
        program_id=program_id,
    )


def compute_risk(
    *,
    margin_account: Pubkey,
    health_accounts: Sequence[AccountMeta],
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """View: every risk metric and its headroom (return data RiskMetrics, RiskComputed)."""
    return abi_ix.compute_risk(
        abi_ix.ComputeRiskAccounts(margin_account=margin_account),
        health_accounts,
        program_id=program_id,
    )


def set_rebalance_policy(
    *,
    owner: Pubkey,
    members: Sequence[RebalanceMember],
    asset_mask: int,
    max_utilization_bps: int,
    delegate: Pubkey | None = None,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Owner: its rebalancing policy over up to 8 of its margin accounts (kairos.risk)."""
    if not 0 < len(members) <= 8:
        raise ValueError("a policy has 1 to 8 members")
    padded = (*members, *(RebalanceMember() for _ in range(8 - len(members))))
    return abi_ix.set_rebalance_policy(
        abi_ix.SetRebalancePolicyArgs(
            delegate=delegate or Pubkey.default(),
            asset_mask=asset_mask,
            max_utilization_bps=max_utilization_bps,
            members=padded,
            member_count=len(members),
        ),
        abi_ix.SetRebalancePolicyAccounts(owner=owner),
        [AccountMeta(member.margin_account, False, False) for member in members],
        program_id=program_id,
    )


def rebalance_collateral(
    *,
    authority: Pubkey,
    owner: Pubkey,
    from_margin_account: Pubkey,
    to_margin_account: Pubkey,
    collateral_asset: Pubkey,
    amount: int,
    from_health_accounts: Sequence[AccountMeta],
    to_health_accounts: Sequence[AccountMeta],
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Owner or delegate: move free collateral between two member accounts.

    The health accounts describe each account after the move (an emptied source slot is
    not listed; a new destination slot is).
    """
    return abi_ix.rebalance_collateral(
        abi_ix.RebalanceCollateralArgs(amount=amount),
        abi_ix.RebalanceCollateralAccounts(
            rebalance_policy=rebalance_policy_address(owner, program_id),
            authority=authority,
            from_margin_account=from_margin_account,
            to_margin_account=to_margin_account,
            collateral_asset=collateral_asset,
        ),
        [*from_health_accounts, *to_health_accounts],
        program_id=program_id,
    )
