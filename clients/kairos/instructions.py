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
from solders.system_program import ID as SYSTEM_PROGRAM_ID
from spl.token.constants import TOKEN_PROGRAM_ID

from kairos import errors
from kairos.abi import instructions as abi_ix
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
    auction_address,
    collateral_asset_address,
    exchange_address,
    insurance_vault_address,
    margin_account_address,
    oracle_address,
    perp_market_address,
    trigger_order_address,
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
        if len(arg_names) == 1 and isinstance(only, dict) and only.get("defined") == (
            args_cls.IDL_NAME
        ):
            params.append(args_cls.from_dict(args[arg_names[0]]))
        else:
            params.append(args_cls.from_dict(args))
    return builder(
        *params, accounts_cls(**accounts), remaining_accounts, program_id=program_id
    )


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
    return build_instruction(
        "initialize_exchange",
        {"args": {"keeper_reward_lamports": keeper_reward_lamports}},
        {
            "exchange": exchange_address(program_id),
            "admin": admin,
            "quote_mint": quote_mint,
            "quote_asset": collateral_asset_address(quote_mint, program_id),
            "quote_vault": vault_address(quote_mint, program_id),
            "insurance_vault": insurance_vault_address(quote_mint, program_id),
            "token_program": token_program,
            "system_program": SYSTEM_PROGRAM_ID,
        },
        program_id=program_id,
    )


def set_instruction_gate(
    *, admin: Pubkey, gate: int, program_id: Pubkey = PROGRAM_ID
) -> Instruction:
    """Admin: set the bitmask of halted instructions (see ``constants.instruction_gate_bit``)."""
    return build_instruction(
        "set_instruction_gate",
        {"gate": gate},
        {"exchange": exchange_address(program_id), "admin": admin},
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
    return build_instruction(
        "set_market_order_rules",
        {
            "fill_band_bps": fill_band_bps,
            "rest_band_bps": rest_band_bps,
            "min_rest_lots": min_rest_lots,
        },
        {
            "exchange": exchange_address(program_id),
            "admin": admin,
            "perp_market": perp_market_address(market_index, program_id),
        },
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
    return build_instruction(
        "create_oracle",
        {"args": {"seed": seed, "price": price, "confidence": confidence, "exponent": exponent}},
        {
            "exchange": exchange_address(program_id),
            "oracle": oracle_address(authority, seed, program_id),
            "authority": authority,
            "system_program": SYSTEM_PROGRAM_ID,
        },
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
    return build_instruction(
        "update_oracle",
        {"price": price, "confidence": confidence},
        {"exchange": exchange_address(program_id), "oracle": oracle, "authority": authority},
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
    return build_instruction(
        "add_collateral_asset",
        {
            "args": {
                "deposit_cap": deposit_cap,
                "max_staleness_slots": max_staleness_slots,
                "init_asset_weight_bps": init_asset_weight_bps,
                "maint_asset_weight_bps": maint_asset_weight_bps,
                "max_confidence_bps": max_confidence_bps,
            }
        },
        {
            "exchange": exchange_address(program_id),
            "admin": admin,
            "mint": mint,
            "collateral_asset": collateral_asset_address(mint, program_id),
            "vault": vault_address(mint, program_id),
            "oracle": oracle,
            "token_program": token_program,
            "system_program": SYSTEM_PROGRAM_ID,
        },
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
    return build_instruction(
        "create_perp_market",
        {
            "args": {
                "name": list(market_name_bytes(name)),
                "base_lot_size": base_lot_size,
                "tick_size": tick_size,
                "min_order_lots": min_order_lots,
                "open_interest_cap_lots": open_interest_cap_lots,
                "max_staleness_slots": max_staleness_slots,
                "init_margin_bps": init_margin_bps,
                "maint_margin_bps": maint_margin_bps,
                "init_pnl_weight_bps": init_pnl_weight_bps,
                "taker_fee_bps": taker_fee_bps,
                "maker_fee_bps": maker_fee_bps,
                "max_confidence_bps": max_confidence_bps,
                "base_decimals": base_decimals,
            }
        },
        {
            "exchange": exchange_address(program_id),
            "admin": admin,
            "perp_market": perp_market_address(market_index, program_id),
            "orderbook": orderbook,
            "event_queue": event_queue,
            "oracle": oracle,
            "system_program": SYSTEM_PROGRAM_ID,
        },
        program_id=program_id,
    )


def create_margin_account(
    *, owner: Pubkey, account_index: int = 0, program_id: Pubkey = PROGRAM_ID
) -> Instruction:
    """Create the owner's margin account number ``account_index``."""
    return build_instruction(
        "create_margin_account",
        {"account_index": account_index},
        {
            "exchange": exchange_address(program_id),
            "margin_account": margin_account_address(owner, account_index, program_id),
            "owner": owner,
            "system_program": SYSTEM_PROGRAM_ID,
        },
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
    return build_instruction(
        "deposit",
        {"amount": amount},
        {
            "exchange": exchange_address(program_id),
            "margin_account": margin_account_address(owner, account_index, program_id),
            "owner": owner,
            "collateral_asset": collateral_asset_address(mint, program_id),
            "vault": vault_address(mint, program_id),
            "owner_token_account": owner_token_account,
            "token_program": token_program,
        },
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
    return build_instruction(
        "withdraw",
        {"amount": amount},
        {
            "exchange": exchange_address(program_id),
            "margin_account": margin_account_address(owner, account_index, program_id),
            "owner": owner,
            "collateral_asset": collateral_asset_address(mint, program_id),
            "vault": vault_address(mint, program_id),
            "destination_token_account": destination_token_account,
            "token_program": token_program,
        },
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
    return build_instruction(
        "place_order",
        {
            "args": {
                "side": int(side),
                "order_type": int(order_type),
                "price": price,
                "max_base_lots": max_base_lots,
                "client_order_id": client_order_id,
                "match_limit": match_limit,
            }
        },
        {
            "exchange": exchange_address(program_id),
            "margin_account": margin_account_address(owner, account_index, program_id),
            "owner": owner,
            "perp_market": perp_market_address(market_index, program_id),
            "orderbook": orderbook,
            "event_queue": event_queue,
            "oracle": oracle,
            "system_program": SYSTEM_PROGRAM_ID,
        },
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
    return build_instruction(
        "cancel_order",
        {"order_id": order_id, "is_client_id": is_client_id},
        {
            "exchange": exchange_address(program_id),
            "margin_account": margin_account_address(owner, account_index, program_id),
            "owner": owner,
            "perp_market": perp_market_address(market_index, program_id),
            "orderbook": orderbook,
        },
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
    return build_instruction(
        "cancel_all_orders",
        {"side_filter": int(side_filter), "limit": limit},
        {
            "exchange": exchange_address(program_id),
            "margin_account": margin_account_address(owner, account_index, program_id),
            "owner": owner,
            "perp_market": perp_market_address(market_index, program_id),
            "orderbook": orderbook,
        },
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
    return build_instruction(
        "consume_events",
        {"limit": limit},
        {
            "exchange": exchange_address(program_id),
            "perp_market": perp_market_address(market_index, program_id),
            "event_queue": event_queue,
            "cranker": cranker,
        },
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
    return build_instruction(
        "settle_pnl",
        {},
        {
            "exchange": exchange_address(program_id),
            "margin_account": margin_account,
            "perp_market": perp_market_address(market_index, program_id),
            "oracle": oracle,
            "quote_asset": collateral_asset_address(quote_mint, program_id),
        },
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
    return build_instruction(
        "close_margin_account",
        {},
        {
            "exchange": exchange_address(program_id),
            "margin_account": margin_account_address(owner, account_index, program_id),
            "owner": owner,
            "destination": destination,
        },
        program_id=program_id,
    )


def compute_health(
    *,
    margin_account: Pubkey,
    health_accounts: Sequence[AccountMeta],
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """View: compute initial and maintenance health (return data and HealthComputed)."""
    return build_instruction(
        "compute_health",
        {},
        {"exchange": exchange_address(program_id), "margin_account": margin_account},
        health_accounts,
        program_id=program_id,
    )


# --- order options and trigger orders (issue 4) ---------------------------------------


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
    return build_instruction(
        "place_order_v2",
        {
            "args": {
                "side": int(side),
                "order_type": int(order_type),
                "time_in_force": int(time_in_force),
                "self_trade_behavior": int(self_trade_behavior),
                "reduce_only": bool(reduce_only),
                "price": price,
                "max_base_lots": max_base_lots,
                "client_order_id": client_order_id,
                "match_limit": match_limit,
                "expiry_timestamp": expiry_timestamp,
                "iceberg_display_lots": iceberg_display_lots,
                "max_oracle_deviation_bps": max_oracle_deviation_bps,
            }
        },
        {
            "exchange": exchange_address(program_id),
            "margin_account": margin_account_address(owner, account_index, program_id),
            "owner": owner,
            "perp_market": perp_market_address(market_index, program_id),
            "orderbook": orderbook,
            "event_queue": event_queue,
            "oracle": oracle,
            "system_program": SYSTEM_PROGRAM_ID,
        },
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
    return build_instruction(
        "create_trigger_order",
        {
            "args": {
                "id": trigger_id,
                "side": int(side),
                "kind": int(kind),
                "condition": int(condition),
                "reduce_only": bool(reduce_only),
                "trailing_mode": int(trailing_mode),
                "match_limit": match_limit,
                "trigger_price": trigger_price,
                "limit_price": limit_price,
                "max_base_lots": max_base_lots,
                "client_order_id": client_order_id,
                "trailing_offset": trailing_offset,
                "max_oracle_deviation_bps": max_oracle_deviation_bps,
                "keeper_reward_lamports": keeper_reward_lamports,
                "expiry_timestamp": expiry_timestamp,
            }
        },
        {
            "exchange": exchange_address(program_id),
            "trigger_order": trigger_order_address(margin, trigger_id, program_id),
            "margin_account": margin,
            "owner": owner,
            "perp_market": perp_market_address(market_index, program_id),
            "linked_trigger": linked_trigger or program_id,
            "system_program": SYSTEM_PROGRAM_ID,
        },
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
    return build_instruction(
        "cancel_trigger_order",
        {},
        {
            "exchange": exchange_address(program_id),
            "trigger_order": trigger_order,
            "margin_account": margin_account_address(owner, account_index, program_id),
            "owner": owner,
            "linked_trigger": linked_trigger or program_id,
        },
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
    return build_instruction(
        "trigger_order",
        {},
        {
            "exchange": exchange_address(program_id),
            "trigger_order": trigger_order,
            "margin_account": margin_account,
            "owner": owner,
            "perp_market": perp_market_address(market_index, program_id),
            "orderbook": orderbook,
            "event_queue": event_queue,
            "oracle": oracle,
            "keeper": keeper,
            "linked_trigger": linked_trigger or program_id,
            "system_program": SYSTEM_PROGRAM_ID,
        },
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
    return build_instruction(
        "update_trailing_stop",
        {},
        {
            "exchange": exchange_address(program_id),
            "trigger_order": trigger_order,
            "perp_market": perp_market_address(market_index, program_id),
            "oracle": oracle,
        },
        program_id=program_id,
    )


# --- liquidation (issue 5; rules mirrored in kairos.liquidation) ---------------------


def set_liquidation_params(
    *,
    admin: Pubkey,
    small_position_quote: int,
    liquidation_buffer_bps: int,
    insurance_fee_share_bps: int,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Admin: buffer (bps of the maintenance requirement), insurance share, small size."""
    return build_instruction(
        "set_liquidation_params",
        {
            "small_position_quote": small_position_quote,
            "liquidation_buffer_bps": liquidation_buffer_bps,
            "insurance_fee_share_bps": insurance_fee_share_bps,
        },
        {"exchange": exchange_address(program_id), "admin": admin},
        program_id=program_id,
    )


def set_perp_liquidation_fee(
    *, admin: Pubkey, market_index: int, liquidation_fee_bps: int, program_id: Pubkey = PROGRAM_ID
) -> Instruction:
    """Admin: a market's liquidation fee (below its maintenance margin)."""
    return build_instruction(
        "set_perp_liquidation_fee",
        {"liquidation_fee_bps": liquidation_fee_bps},
        {
            "exchange": exchange_address(program_id),
            "admin": admin,
            "perp_market": perp_market_address(market_index, program_id),
        },
        program_id=program_id,
    )


def set_asset_liquidation_discount(
    *, admin: Pubkey, mint: Pubkey, liquidation_discount_bps: int, program_id: Pubkey = PROGRAM_ID
) -> Instruction:
    """Admin: an asset's liquidation discount (below 1 − maintenance weight)."""
    return build_instruction(
        "set_asset_liquidation_discount",
        {"liquidation_discount_bps": liquidation_discount_bps},
        {
            "exchange": exchange_address(program_id),
            "admin": admin,
            "collateral_asset": collateral_asset_address(mint, program_id),
        },
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
    return build_instruction(
        "force_cancel_orders",
        {"limit": limit},
        {
            "exchange": exchange_address(program_id),
            "margin_account": margin_account,
            "perp_market": perp_market_address(market_index, program_id),
            "orderbook": orderbook,
        },
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
    return build_instruction(
        "liquidate_perp",
        {"max_base_lots": max_base_lots, "liqee_health_accounts": len(liqee_health_accounts)},
        {
            "exchange": exchange_address(program_id),
            "liqee": liqee,
            "liquidator": liquidator,
            "liquidator_owner": liquidator_owner,
            "perp_market": perp_market_address(market_index, program_id),
            "oracle": oracle,
            "quote_asset": collateral_asset_address(quote_mint, program_id),
        },
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
    return build_instruction(
        "liquidate_collateral",
        {"max_amount": max_amount, "liqee_health_accounts": len(liqee_health_accounts)},
        {
            "exchange": exchange_address(program_id),
            "liqee": liqee,
            "liquidator": liquidator,
            "liquidator_owner": liquidator_owner,
            "collateral_asset": collateral_asset_address(mint, program_id),
            "oracle": oracle,
            "quote_asset": collateral_asset_address(quote_mint, program_id),
        },
        [*liqee_health_accounts, *liquidator_health_accounts],
        program_id=program_id,
    )


def _insurance_accounts(quote_mint: Pubkey, program_id: Pubkey) -> dict[str, Pubkey]:
    return {
        "quote_asset": collateral_asset_address(quote_mint, program_id),
        "quote_vault": vault_address(quote_mint, program_id),
        "insurance_vault": insurance_vault_address(quote_mint, program_id),
        "token_program": TOKEN_PROGRAM_ID,
    }


def resolve_bankruptcy(
    *,
    margin_account: Pubkey,
    market_index: int,
    quote_mint: Pubkey,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Permissionless: cover a bankrupt account from insurance, socialize the rest."""
    return build_instruction(
        "resolve_bankruptcy",
        {},
        {
            "exchange": exchange_address(program_id),
            "margin_account": margin_account,
            "perp_market": perp_market_address(market_index, program_id),
            **_insurance_accounts(quote_mint, program_id),
        },
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
    return build_instruction(
        "sweep_fees_to_insurance",
        {},
        {
            "exchange": exchange_address(program_id),
            "admin": admin,
            "perp_market": perp_market_address(market_index, program_id),
            "event_queue": event_queue,
            **_insurance_accounts(quote_mint, program_id),
        },
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
    return build_instruction(
        "health_guard",
        {"min_init_health": min_init_health},
        {"exchange": exchange_address(program_id), "margin_account": margin_account},
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
    return build_instruction(
        "set_asset_risk_params",
        {
            "init_weight_scale_threshold": init_weight_scale_threshold,
            "concentration_limit_bps": concentration_limit_bps,
        },
        {
            "exchange": exchange_address(program_id),
            "admin": admin,
            "collateral_asset": collateral_asset_address(mint, program_id),
        },
        program_id=program_id,
    )


# --- JIT liquidity auctions (issue 6; kairos.auctions has the client and the view) ---


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
    return build_instruction(
        "open_auction",
        {
            "args": {
                "auction_id": auction_id,
                "side": int(side),
                "rest_action": int(rest_action),
                "size_lots": size_lots,
                "limit_price": limit_price,
                "min_fill_lots": min_fill_lots,
                "duration_slots": duration_slots,
            }
        },
        {
            "exchange": exchange_address(program_id),
            "auction": auction_address(taker_margin, auction_id, program_id),
            "taker_margin_account": taker_margin,
            "owner": owner,
            "perp_market": perp_market_address(market_index, program_id),
            "oracle": oracle,
            "system_program": SYSTEM_PROGRAM_ID,
        },
        health_accounts,
        program_id=program_id,
    )


def _bid(
    name: str,
    *,
    provider: Pubkey,
    auction: Pubkey,
    market_index: int,
    oracle: Pubkey,
    price: int,
    base_lots: int,
    health_accounts: Sequence[AccountMeta],
    account_index: int,
    program_id: Pubkey,
) -> Instruction:
    return build_instruction(
        name,
        {"args": {"price": price, "base_lots": base_lots}},
        {
            "exchange": exchange_address(program_id),
            "auction": auction,
            "provider_margin_account": margin_account_address(provider, account_index, program_id),
            "provider": provider,
            "perp_market": perp_market_address(market_index, program_id),
            "oracle": oracle,
        },
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
    return _bid(
        "submit_bid",
        provider=provider,
        auction=auction,
        market_index=market_index,
        oracle=oracle,
        price=price,
        base_lots=base_lots,
        health_accounts=health_accounts,
        account_index=account_index,
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
    return _bid(
        "improve_bid",
        provider=provider,
        auction=auction,
        market_index=market_index,
        oracle=oracle,
        price=price,
        base_lots=base_lots,
        health_accounts=health_accounts,
        account_index=account_index,
        program_id=program_id,
    )


def cancel_bid(
    *, provider: Pubkey, auction: Pubkey, account_index: int = 0, program_id: Pubkey = PROGRAM_ID
) -> Instruction:
    """Withdraw the provider's bid before the deadline."""
    return build_instruction(
        "cancel_bid",
        {},
        {
            "exchange": exchange_address(program_id),
            "auction": auction,
            "provider_margin_account": margin_account_address(provider, account_index, program_id),
            "provider": provider,
        },
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
    return build_instruction(
        "settle_auction",
        {},
        {
            "exchange": exchange_address(program_id),
            "auction": auction,
            "taker_margin_account": taker_margin_account,
            "taker_owner": taker_owner,
            "settler": settler,
            "perp_market": perp_market_address(market_index, program_id),
            "orderbook": orderbook,
            "oracle": oracle,
        },
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
    return build_instruction(
        "expire_auction",
        {},
        {
            "exchange": exchange_address(program_id),
            "auction": auction,
            "taker_margin_account": taker_margin_account,
            "taker_owner": taker_owner,
            "expirer": expirer,
        },
        program_id=program_id,
    )


# TWAP and scheduled orders (issue 7): their builders are in kairos.scheduled_orders.


def accrue_borrow_interest(
    *,
    quote_mint: Pubkey,
    margin_accounts: Sequence[Pubkey],
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """Permissionless: roll the borrow index and checkpoint each account's borrow interest."""
    return build_instruction(
        "accrue_borrow_interest",
        {},
        {
            "exchange": exchange_address(program_id),
            "quote_asset": collateral_asset_address(quote_mint, program_id),
        },
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
    return build_instruction(
        "set_borrow_rate_params",
        {
            "base_rate_bps": base_rate_bps,
            "optimal_rate_bps": optimal_rate_bps,
            "max_rate_bps": max_rate_bps,
            "optimal_utilization_bps": optimal_utilization_bps,
        },
        {
            "exchange": exchange_address(program_id),
            "admin": admin,
            "quote_asset": collateral_asset_address(quote_mint, program_id),
        },
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
    return build_instruction(
        "update_funding",
        {},
        {
            "exchange": exchange_address(program_id),
            "perp_market": perp_market_address(market_index, program_id),
            "orderbook": orderbook,
            "event_queue": event_queue,
            "oracle": oracle,
            "reward_account": reward_account,
        },
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
    return build_instruction(
        "set_funding_params",
        {
            "period_seconds": period_seconds,
            "max_rate_bps": max_rate_bps,
            "mark_band_bps": mark_band_bps,
            "paused": int(paused),
            "crank_reward": crank_reward,
        },
        {
            "exchange": exchange_address(program_id),
            "admin": admin,
            "perp_market": perp_market_address(market_index, program_id),
        },
        program_id=program_id,
    )


# --- portfolio risk limits (issue 16; kairos.risk has the math) -----------------------


def _risk_values(values: RiskLimitValues) -> RiskLimitValues:
    return values


def risk_tail(margin_account: Pubkey, program_id: Pubkey = PROGRAM_ID) -> list[AccountMeta]:
    """The accounts a margin account with risk limits appends after its health accounts.

    Every instruction where its risk grows (orders, trigger/TWAP/scheduled runs,
    withdrawals) needs its RiskLimits (writable) then the RiskParameters.
    """
    return [
        AccountMeta(risk_limits_address(margin_account, program_id), False, True),
        AccountMeta(risk_parameters_address(program_id), False, False),
    ]


def initialize_risk_parameters(*, admin: Pubkey, program_id: Pubkey = PROGRAM_ID) -> Instruction:
    """Admin: create the exchange's RiskParameters (publisher = admin, nothing published)."""
    return build_instruction(
        "initialize_risk_parameters",
        {},
        {
            "exchange": exchange_address(program_id),
            "admin": admin,
            "risk_parameters": risk_parameters_address(program_id),
            "system_program": SYSTEM_PROGRAM_ID,
        },
        program_id=program_id,
    )


def _risk_admin_accounts(admin: Pubkey, program_id: Pubkey) -> dict[str, Pubkey]:
    return {
        "exchange": exchange_address(program_id),
        "admin": admin,
        "risk_parameters": risk_parameters_address(program_id),
    }


def set_risk_publisher(
    *, admin: Pubkey, publisher: Pubkey, program_id: Pubkey = PROGRAM_ID
) -> Instruction:
    """Admin: authorise ``publisher`` (the risk keeper) to publish risk parameters."""
    return build_instruction(
        "set_risk_publisher",
        {"publisher": publisher},
        _risk_admin_accounts(admin, program_id),
        program_id=program_id,
    )


def set_risk_factors(
    *, admin: Pubkey, sources: Sequence[Pubkey], program_id: Pubkey = PROGRAM_ID
) -> Instruction:
    """Admin: the risk factors are the distinct oracles of these PerpMarket/CollateralAsset."""
    return build_instruction(
        "set_risk_factors",
        {},
        _risk_admin_accounts(admin, program_id),
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
    return build_instruction(
        "set_risk_limit_caps",
        {"caps": _risk_values(caps), "defaults": _risk_values(defaults)},
        _risk_admin_accounts(admin, program_id),
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
    return build_instruction(
        "publish_risk_params",
        {
            "args": {
                "volatility_ppm": list(volatility_ppm),
                "correlation_bps": list(correlation_bps),
                "max_staleness_slots": max_staleness_slots,
                "half_life_seconds": half_life_seconds,
                "factor_count": factor_count,
            }
        },
        {
            "exchange": exchange_address(program_id),
            "publisher": publisher,
            "risk_parameters": risk_parameters_address(program_id),
        },
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
    return build_instruction(
        "create_risk_limits",
        {"delegate": delegate or Pubkey.default(), "limits": _risk_values(limits)},
        {
            "exchange": exchange_address(program_id),
            "margin_account": margin_account,
            "owner": owner,
            "risk_parameters": risk_parameters_address(program_id),
            "risk_limits": risk_limits_address(margin_account, program_id),
            "system_program": SYSTEM_PROGRAM_ID,
        },
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
    return build_instruction(
        "set_risk_limits",
        {"limits": _risk_values(limits), "delegate": delegate or Pubkey.default()},
        {
            "exchange": exchange_address(program_id),
            "margin_account": margin_account,
            "risk_parameters": risk_parameters_address(program_id),
            "risk_limits": risk_limits_address(margin_account, program_id),
            "authority": authority,
        },
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
    return build_instruction(
        "reset_high_water_mark",
        {},
        {
            "exchange": exchange_address(program_id),
            "margin_account": margin_account,
            "owner": owner,
            "risk_parameters": risk_parameters_address(program_id),
            "risk_limits": risk_limits_address(margin_account, program_id),
        },
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
    return build_instruction(
        "compute_risk",
        {},
        {
            "exchange": exchange_address(program_id),
            "margin_account": margin_account,
            "risk_parameters": risk_parameters_address(program_id),
            "risk_limits": risk_limits_address(margin_account, program_id),
        },
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
    padded = [*members, *(RebalanceMember() for _ in range(8 - len(members)))]
    return build_instruction(
        "set_rebalance_policy",
        {
            "delegate": delegate or Pubkey.default(),
            "asset_mask": asset_mask,
            "max_utilization_bps": max_utilization_bps,
            "members": padded,
            "member_count": len(members),
        },
        {
            "exchange": exchange_address(program_id),
            "owner": owner,
            "rebalance_policy": rebalance_policy_address(owner, program_id),
            "system_program": SYSTEM_PROGRAM_ID,
        },
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
    return build_instruction(
        "rebalance_collateral",
        {"amount": amount},
        {
            "exchange": exchange_address(program_id),
            "rebalance_policy": rebalance_policy_address(owner, program_id),
            "authority": authority,
            "from_margin_account": from_margin_account,
            "to_margin_account": to_margin_account,
            "collateral_asset": collateral_asset,
        },
        [*from_health_accounts, *to_health_accounts],
        program_id=program_id,
    )
