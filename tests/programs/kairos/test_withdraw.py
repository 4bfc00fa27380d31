"""withdraw: vault to a token account, signed by the Exchange PDA; init health must stay >= 0."""

from __future__ import annotations

from typing import Any

import pytest
from solders.instruction import AccountMeta, Instruction
from solders.pubkey import Pubkey

from .conftest import (
    BPS,
    ERR_CONSTRAINT_MUT,
    ERR_DISCRIMINATOR_MISMATCH,
    ERR_INSTRUCTION_DID_NOT_DESERIALIZE,
    ERR_INVALID_PROGRAM_ID,
    ERR_NOT_ENOUGH_KEYS,
    ERR_NOT_SIGNER,
    ERR_WRONG_OWNER,
    ERRORS,
    I64_MAX,
    MAX_COLLATERAL_POSITIONS,
    U64_MAX,
    AssetInfo,
    Kairos,
    Trader,
    account_index,
    with_data,
    with_meta,
)

# The budget. Measured ~7.4k with no collateral positions (the SPL
# transfer is ~4.6k) and ~14k with eight positions to value.
WITHDRAW_CU_BUDGET = 20_000


def index_of(name: str) -> int:
    return account_index("withdraw", name)


def readonly(key: Pubkey) -> AccountMeta:
    return AccountMeta(key, is_signer=False, is_writable=False)


def with_deposit(kairos: Kairos, asset: AssetInfo, amount: int) -> Trader:
    trader = kairos.new_trader()
    kairos.deposit(trader, asset, amount)
    return trader


def test_quote_withdrawal(kairos: Kairos) -> None:
    trader = with_deposit(kairos, kairos.quote, 1_000)
    destination = trader.token_accounts[kairos.quote.mint]
    meta = kairos.send([kairos.withdraw_ix(trader, kairos.quote, 400)], [trader.owner])
    assert meta.compute_units_consumed() <= WITHDRAW_CU_BUDGET
    assert kairos.margin(trader.margin).quote_balance == 600
    assert kairos.asset_state(kairos.quote).total_deposits == 600
    assert kairos.chain.token_amount(kairos.quote.vault) == 600
    assert kairos.chain.token_amount(destination) == 400

    events = kairos.chain.events(meta)
    assert [e.name for e in events] == ["Withdrawn"]
    data = events[0].data
    assert (data.margin_account, data.asset) == (trader.margin, kairos.quote.address)
    assert (data.amount, data.balance_after, data.init_health_after) == (400, 600, 600)
    assert (data.asset_total_deposits, data.weighted_collateral) == (600, 600)
    assert data.maint_requirement == 0  # no positions: no margin in use


def test_collateral_withdrawal_frees_the_emptied_slot(kairos: Kairos) -> None:
    asset = kairos.add_asset(decimals=9, price=150, init_weight_bps=8_000)
    trader = with_deposit(kairos, asset, 3_000_000_000)
    meta = kairos.send([kairos.withdraw_ix(trader, asset, 1_000_000_000)], [trader.owner])
    assert meta.compute_units_consumed() <= WITHDRAW_CU_BUDGET
    slot = kairos.margin(trader.margin).collateral[0]
    assert (slot.active, slot.asset_index, slot.amount) == (1, asset.index, 2_000_000_000)
    event = kairos.chain.events(meta)[0].data
    # 2 units × 150 quote × 10^6 native, weighted 80 %.
    assert event.balance_after == 2_000_000_000
    assert event.init_health_after == 2 * 150 * 10**6 * 8_000 // BPS

    meta = kairos.send([kairos.withdraw_ix(trader, asset, 2_000_000_000)], [trader.owner])
    slot = kairos.margin(trader.margin).collateral[0]
    assert (slot.active, slot.asset_index, slot.amount) == (0, 0, 0)
    event = kairos.chain.events(meta)[0].data
    assert (event.balance_after, event.init_health_after) == (0, 0)
    assert kairos.chain.token_amount(trader.token_accounts[asset.mint]) == 3_000_000_000


def test_freed_slot_is_reused(kairos: Kairos) -> None:
    first, second, third = (kairos.add_asset(decimals=0) for _ in range(3))
    trader = kairos.new_trader()
    kairos.deposit(trader, first, 5)
    kairos.deposit(trader, second, 5)
    kairos.withdraw(trader, first, 5)
    kairos.deposit(trader, third, 5)
    indices = [(slot.active, slot.asset_index) for slot in kairos.margin(trader.margin).collateral]
    assert indices[:2] == [(1, third.index), (1, second.index)]


def test_budget_with_every_slot_in_use(kairos: Kairos) -> None:
    assets = [
        kairos.add_asset(decimals=6 + i % 4, price=1_000 + i, confidence=i % 2, exponent=-(i % 3))
        for i in range(MAX_COLLATERAL_POSITIONS)
    ]
    trader = kairos.new_trader()
    kairos.deposit(trader, kairos.quote, 1_000)
    for asset in assets:
        kairos.deposit(trader, asset, 10**9)
    meta = kairos.send([kairos.withdraw_ix(trader, assets[3], 10**8)], [trader.owner])
    assert meta.compute_units_consumed() <= WITHDRAW_CU_BUDGET
    meta = kairos.send([kairos.withdraw_ix(trader, kairos.quote, 1_000)], [trader.owner])
    assert meta.compute_units_consumed() <= WITHDRAW_CU_BUDGET


@pytest.mark.parametrize("amount", [1_001, I64_MAX, I64_MAX + 1, U64_MAX])
def test_more_than_the_quote_balance(kairos: Kairos, amount: int) -> None:
    trader = with_deposit(kairos, kairos.quote, 1_000)
    ix = kairos.withdraw_ix(trader, kairos.quote, amount)
    kairos.fail_unchanged([ix], [trader.owner], ERRORS["InsufficientBalance"])


@pytest.mark.parametrize("amount", [101, U64_MAX])
def test_more_than_the_collateral(kairos: Kairos, amount: int) -> None:
    asset = kairos.add_asset()
    trader = with_deposit(kairos, asset, 100)
    ix = kairos.withdraw_ix(
        trader, asset, amount, health_accounts=kairos.health_accounts(trader.margin)
    )
    kairos.fail_unchanged([ix], [trader.owner], ERRORS["InsufficientBalance"])


def test_an_asset_not_held(kairos: Kairos) -> None:
    held, other = kairos.add_asset(), kairos.add_asset()
    trader = with_deposit(kairos, held, 100)
    with_deposit(kairos, other, 100)  # the vault has tokens, this account has none
    ix = kairos.withdraw_ix(trader, other, 1)
    kairos.fail_unchanged([ix], [trader.owner], ERRORS["InsufficientBalance"])


def test_zero_amount(kairos: Kairos) -> None:
    trader = with_deposit(kairos, kairos.quote, 10)
    ix = kairos.withdraw_ix(trader, kairos.quote, 0)
    kairos.fail_unchanged([ix], [trader.owner], ERRORS["InvalidArgument"])


def test_vault_liquidity(kairos: Kairos) -> None:
    # Quote balances can exceed the vault: a settled loss leaves a negative balance
    # elsewhere (crafted here, the sum unchanged so the invariant holds).
    rich = with_deposit(kairos, kairos.quote, 100)
    borrower = kairos.new_trader()
    kairos.craft_margin(rich.margin, quote_balance=300)
    kairos.craft_margin(borrower.margin, quote_balance=-200)
    kairos.check_invariants()
    ix = kairos.withdraw_ix(rich, kairos.quote, 101)
    kairos.fail_unchanged([ix], [rich.owner], ERRORS["InsufficientVaultLiquidity"])
    kairos.withdraw(rich, kairos.quote, 100)
    assert kairos.margin(rich.margin).quote_balance == 200


def test_refused_when_init_health_would_go_negative(kairos: Kairos) -> None:
    # 1 unit at 100 quote, weighted 80 %: 80 quote of init health. A settled loss of
    # 50 quote (crafted: the market's pnl pool holds it) leaves room for 30.
    asset = kairos.add_asset(decimals=0, price=100, init_weight_bps=8_000, maint_weight_bps=9_000)
    trader = kairos.new_trader()
    kairos.deposit(trader, asset, 10)  # 10 units: 800 quote of init health
    loss = 750 * 10**6
    oracle = kairos.create_oracle(1)
    kairos.craft_perp_market(0, oracle.address, pnl_pool=loss)
    kairos.craft_margin(trader.margin, quote_balance=-loss)
    kairos.check_invariants()
    assert kairos.compute_health(trader.margin) == (50 * 10**6, 150 * 10**6)

    # Withdrawing 1 unit leaves 720 - 750 < 0.
    ix = kairos.withdraw_ix(trader, asset, 1)
    failure = kairos.fail_unchanged([ix], [trader.owner], ERRORS["InsufficientHealth"])
    assert any("InsufficientHealth" in line for line in failure.meta().logs())
    # A negative quote balance cannot be withdrawn either.
    kairos.fail_unchanged(
        [kairos.withdraw_ix(trader, kairos.quote, 1)], [trader.owner], ERRORS["InsufficientBalance"]
    )
    # Depositing more collateral makes room: 11 units -> 880 - 750 = 130; minus one unit = 50.
    kairos.deposit(trader, asset, 1)
    meta = kairos.withdraw(trader, asset, 1)
    assert kairos.chain.events(meta)[0].data.init_health_after == 50 * 10**6


def test_withdraw_to_exactly_zero_init_health(kairos: Kairos) -> None:
    asset = kairos.add_asset(decimals=0, price=100, init_weight_bps=5_000, maint_weight_bps=6_000)
    trader = kairos.new_trader()
    kairos.deposit(trader, asset, 4)  # init health 200 quote
    oracle = kairos.create_oracle(1)
    kairos.craft_perp_market(0, oracle.address, pnl_pool=100 * 10**6)
    kairos.craft_margin(trader.margin, quote_balance=-100 * 10**6)
    meta = kairos.withdraw(trader, asset, 2)  # 2 units left: 100 - 100 = 0
    assert kairos.chain.events(meta)[0].data.init_health_after == 0
    kairos.fail_unchanged(
        [kairos.withdraw_ix(trader, asset, 1)], [trader.owner], ERRORS["InsufficientHealth"]
    )


def test_perp_margin_blocks_withdrawal(kairos: Kairos) -> None:
    # A crafted 1-unit long at 150 (10 % initial margin = 15 quote) against 20 quote.
    trader = with_deposit(kairos, kairos.quote, 20 * 10**6)
    oracle = kairos.create_oracle(15_000, exponent=-2)
    market = kairos.craft_perp_market(3, oracle.address)
    kairos.craft_perp_position(
        trader.margin, 1, market_index=market.index, base_lots=100, quote_position=-150 * 10**6
    )
    assert kairos.compute_health(trader.margin)[0] == 5 * 10**6
    kairos.fail_unchanged(
        [kairos.withdraw_ix(trader, kairos.quote, 5 * 10**6 + 1)],
        [trader.owner],
        ERRORS["InsufficientHealth"],
    )
    kairos.withdraw(trader, kairos.quote, 5 * 10**6)


def test_stale_oracle(kairos: Kairos) -> None:
    asset = kairos.add_asset(max_staleness_slots=10)
    trader = with_deposit(kairos, asset, 100)
    kairos.chain.warp(11)
    ix = kairos.withdraw_ix(trader, asset, 1)
    kairos.fail_unchanged([ix], [trader.owner], ERRORS["StaleOracle"])
    kairos.refresh_oracles()
    kairos.send([kairos.withdraw_ix(trader, asset, 1)], [trader.owner])


def test_stale_oracle_blocks_even_a_quote_withdrawal(kairos: Kairos) -> None:
    # Health values every position, so every oracle must be fresh.
    asset = kairos.add_asset(max_staleness_slots=10)
    trader = with_deposit(kairos, asset, 100)
    kairos.deposit(trader, kairos.quote, 100)
    kairos.chain.warp(10)
    kairos.withdraw(trader, kairos.quote, 1)  # exactly max_staleness_slots old: fine
    kairos.chain.warp(1)
    ix = kairos.withdraw_ix(trader, kairos.quote, 1)
    kairos.fail_unchanged([ix], [trader.owner], ERRORS["StaleOracle"])


def test_confidence_too_wide(kairos: Kairos) -> None:
    asset = kairos.add_asset(price=10_000, max_confidence_bps=100)
    trader = with_deposit(kairos, asset, 100)
    assert asset.oracle is not None
    kairos.update_oracle(asset.oracle, 10_000, 101)  # 1.01 % > 1 %
    ix = kairos.withdraw_ix(trader, asset, 1)
    kairos.fail_unchanged([ix], [trader.owner], ERRORS["OracleConfidenceTooWide"])
    kairos.update_oracle(asset.oracle, 10_000, 100)  # exactly 1 %
    kairos.send([kairos.withdraw_ix(trader, asset, 1)], [trader.owner])


def _two_asset_trader(kairos: Kairos) -> tuple[Trader, AssetInfo, AssetInfo]:
    first, second = kairos.add_asset(), kairos.add_asset()
    trader = with_deposit(kairos, first, 100)
    kairos.deposit(trader, second, 100)
    kairos.deposit(trader, kairos.quote, 100)
    return trader, first, second


@pytest.mark.parametrize(
    "mangle",
    [
        lambda metas: metas[:-2],  # a position left out
        lambda metas: metas[:-1],  # half a pair
        lambda metas: [],
        lambda metas: metas[2:] + metas[:2],  # slot order swapped
        lambda metas: metas + metas[:2],  # an extra pair
        lambda metas: [metas[0], metas[3], metas[2], metas[1]],  # oracles swapped
        lambda metas: [metas[0], metas[1], metas[0], metas[1]],  # the same position twice
    ],
)
def test_health_accounts_must_match(kairos: Kairos, mangle: Any) -> None:
    trader, _, _ = _two_asset_trader(kairos)
    # The quote asset heads the list; the pairs after it are mangled.
    quote, *pairs = kairos.health_accounts(trader.margin)
    metas = [quote, *mangle(pairs)]
    ix = kairos.withdraw_ix(trader, kairos.quote, 1, health_accounts=metas)
    kairos.fail_unchanged([ix], [trader.owner], ERRORS["HealthAccountsMismatch"])


@pytest.mark.parametrize(
    "impostor",
    [
        lambda k, metas: [readonly(k.exchange.address), metas[1], *metas[2:]],
        lambda k, metas: [readonly(k.quote.address), metas[1], *metas[2:]],
        lambda k, metas: [readonly(k.quote.vault), metas[1], *metas[2:]],
        lambda k, metas: [metas[0], readonly(k.exchange.address), *metas[2:]],
        lambda k, metas: [metas[0], readonly(k.create_oracle(100).address), *metas[2:]],
    ],
)
def test_health_accounts_are_checked(kairos: Kairos, impostor: Any) -> None:
    trader, _, _ = _two_asset_trader(kairos)
    quote, *pairs = kairos.health_accounts(trader.margin)
    metas = [quote, *impostor(kairos, pairs)]
    ix = kairos.withdraw_ix(trader, kairos.quote, 1, health_accounts=metas)
    kairos.fail_unchanged([ix], [trader.owner], ERRORS["HealthAccountsMismatch"])


@pytest.mark.parametrize(
    "head",
    [
        lambda k, asset: [],  # no quote asset at all
        lambda k, asset: [readonly(asset.address)],  # a collateral asset, not the quote
        lambda k, asset: [readonly(k.exchange.address)],  # not a CollateralAsset
        lambda k, asset: [readonly(k.quote.address)] * 2,  # the quote asset twice
    ],
)
def test_quote_asset_heads_the_health_accounts(kairos: Kairos, head: Any) -> None:
    # The quote CollateralAsset (the borrow index) must lead every health list.
    trader, first, _ = _two_asset_trader(kairos)
    _, *pairs = kairos.health_accounts(trader.margin)
    ix = kairos.withdraw_ix(trader, kairos.quote, 1, health_accounts=[*head(kairos, first), *pairs])
    kairos.fail_unchanged([ix], [trader.owner], ERRORS["HealthAccountsMismatch"])


def test_emptied_slot_is_not_listed(kairos: Kairos) -> None:
    trader, first, _ = _two_asset_trader(kairos)
    # Listing the position this withdrawal closes is a mismatch: health sees the
    # account after the withdrawal.
    stale_list = kairos.health_accounts(trader.margin)
    ix = kairos.withdraw_ix(trader, first, 100, health_accounts=stale_list)
    kairos.fail_unchanged([ix], [trader.owner], ERRORS["HealthAccountsMismatch"])
    kairos.withdraw(trader, first, 100)


def test_someone_elses_margin_account(kairos: Kairos) -> None:
    victim = with_deposit(kairos, kairos.quote, 100)
    thief = kairos.new_trader()
    ix = with_meta(
        kairos.withdraw_ix(thief, kairos.quote, 100, health_accounts=[]),
        index_of("margin_account"),
        pubkey=victim.margin,
    )
    kairos.fail_unchanged([ix], [thief.owner], ERRORS["Unauthorized"])


def test_owner_must_sign(kairos: Kairos) -> None:
    trader = with_deposit(kairos, kairos.quote, 100)
    ix = with_meta(kairos.withdraw_ix(trader, kairos.quote, 1), index_of("owner"), is_signer=False)
    kairos.fail_unchanged([ix], [kairos.chain.payer], ERR_NOT_SIGNER)


@pytest.mark.parametrize(
    "account", ["margin_account", "collateral_asset", "vault", "destination_token_account"]
)
def test_accounts_must_be_writable(kairos: Kairos, account: str) -> None:
    trader = with_deposit(kairos, kairos.quote, 100)
    ix = with_meta(
        kairos.withdraw_ix(trader, kairos.quote, 1), index_of(account), is_writable=False
    )
    kairos.fail_unchanged([ix], [trader.owner], ERR_CONSTRAINT_MUT)


def test_vault_must_be_the_assets_vault(kairos: Kairos) -> None:
    asset = kairos.add_asset()
    with_deposit(kairos, asset, 1_000)  # tokens in the other vault to steal
    trader = with_deposit(kairos, kairos.quote, 100)
    for wrong in (asset.vault, kairos.exchange.insurance_vault):
        ix = with_meta(kairos.withdraw_ix(trader, kairos.quote, 1), index_of("vault"), pubkey=wrong)
        kairos.fail_unchanged([ix], [trader.owner], ERRORS["AssetMismatch"])


def test_destination_of_another_mint(kairos: Kairos) -> None:
    asset = kairos.add_asset()
    trader = with_deposit(kairos, kairos.quote, 100)
    other_mint_account = kairos.token_account(trader.owner.pubkey(), asset.mint)
    ix = kairos.withdraw_ix(trader, kairos.quote, 1, destination=other_mint_account)
    kairos.fail_unchanged([ix], [trader.owner], ERRORS["AssetMismatch"])


def test_destination_cannot_be_the_vault(kairos: Kairos) -> None:
    trader = with_deposit(kairos, kairos.quote, 100)
    ix = kairos.withdraw_ix(trader, kairos.quote, 1, destination=kairos.quote.vault)
    kairos.fail_unchanged([ix], [trader.owner], ERRORS["InvalidArgument"])


def test_destination_may_belong_to_anyone(kairos: Kairos) -> None:
    trader = with_deposit(kairos, kairos.quote, 100)
    friend = kairos.token_account(kairos.chain.fund().pubkey(), kairos.quote.mint)
    kairos.send([kairos.withdraw_ix(trader, kairos.quote, 60, destination=friend)], [trader.owner])
    assert kairos.chain.token_amount(friend) == 60


@pytest.mark.parametrize(
    ("account", "impostor", "expected"),
    [
        ("margin_account", lambda k: k.exchange.quote_asset, ERR_DISCRIMINATOR_MISMATCH),
        ("collateral_asset", lambda k: k.exchange.address, ERR_DISCRIMINATOR_MISMATCH),
        ("collateral_asset", lambda k: k.quote.vault, ERR_WRONG_OWNER),
        ("destination_token_account", lambda k: k.exchange.quote_asset, ERR_WRONG_OWNER),
        ("exchange", lambda k: k.exchange.quote_asset, ERR_DISCRIMINATOR_MISMATCH),
    ],
)
def test_account_types(kairos: Kairos, account: str, impostor: Any, expected: int) -> None:
    trader = with_deposit(kairos, kairos.quote, 100)
    ix = with_meta(
        kairos.withdraw_ix(trader, kairos.quote, 1), index_of(account), pubkey=impostor(kairos)
    )
    kairos.fail_unchanged([ix], [trader.owner], expected)


def test_token_program(kairos: Kairos) -> None:
    trader = with_deposit(kairos, kairos.quote, 100)
    ix = with_meta(
        kairos.withdraw_ix(trader, kairos.quote, 1),
        index_of("token_program"),
        pubkey=Pubkey.from_string("TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb"),
    )
    kairos.fail_unchanged([ix], [trader.owner], ERR_INVALID_PROGRAM_ID)


def test_account_being_liquidated(kairos: Kairos) -> None:
    trader = with_deposit(kairos, kairos.quote, 100)
    kairos.craft_margin(trader.margin, being_liquidated=1)
    ix = kairos.withdraw_ix(trader, kairos.quote, 1)
    kairos.fail_unchanged([ix], [trader.owner], ERRORS["AccountBeingLiquidated"])


def test_gate(kairos: Kairos) -> None:
    trader = with_deposit(kairos, kairos.quote, 100)
    ix = kairos.withdraw_ix(trader, kairos.quote, 1)
    kairos.halt("withdraw")
    kairos.fail_unchanged([ix], [trader.owner], ERRORS["InstructionHalted"])
    kairos.set_gate(0)
    kairos.send([ix], [trader.owner])


def test_malformed(kairos: Kairos) -> None:
    trader = with_deposit(kairos, kairos.quote, 100)
    ix = kairos.withdraw_ix(trader, kairos.quote, 1)
    kairos.fail_unchanged(
        [with_data(ix, bytes(ix.data) + b"\x00")],
        [trader.owner],
        ERR_INSTRUCTION_DID_NOT_DESERIALIZE,
    )
    # Without the token program (and the health list after it).
    short = Instruction(ix.program_id, ix.data, list(ix.accounts)[:-2])
    kairos.fail_unchanged([short], [trader.owner], ERR_NOT_ENOUGH_KEYS)
