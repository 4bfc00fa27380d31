"""create_perp_market: the PerpMarket PDA, the zeroed book and queue, parameters, checks."""

from __future__ import annotations

from typing import Any

import pytest
from kairos.program import PROGRAM_ID
from solders.account import Account
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ..conftest import (
    ERR_CONSTRAINT_MUT,
    ERR_CONSTRAINT_SEEDS,
    ERR_DISCRIMINATOR_MISMATCH,
    ERR_INVALID_PROGRAM_ID,
    ERR_NOT_SIGNER,
    ERR_WRONG_OWNER,
    ERRORS,
    OracleInfo,
    account_index,
    non_canonical_pda,
    with_meta,
)
from .conftest import (
    DEFAULT_MARKET,
    EVENT_QUEUE_SIZE,
    MAX_PERP_MARKETS,
    ORDERBOOK_SIZE,
    PERP_MARKET_SEED,
    Market,
    Perp,
    events_named,
    perp_market_pda,
)

# Measured 4,780 for the whole transaction (two client create_account calls, the
# PDA derivation and creation by CPI, two one-syscall zero checks of 49 KB).
CREATE_PERP_MARKET_CU_BUDGET = 8_000
ERR_CONSTRAINT_ZERO = 2013
ERR_DID_NOT_DESERIALIZE = 3003


def index_of(name: str) -> int:
    return account_index("create_perp_market", name)


def test_creates_market_book_and_queue(perp: Perp) -> None:
    oracle = perp.kairos.create_oracle(100)
    market, meta = perp.create_market(oracle)
    assert market.address == perp_market_pda(0)

    state = perp.market_state(market)
    for name, value in DEFAULT_MARKET.items():
        stored = bytes(state.name) if name == "name" else getattr(state, name)
        assert stored == value, name
    assert state.oracle == oracle.address
    assert state.orderbook == market.orderbook
    assert state.event_queue == market.event_queue
    assert state.index == 0
    assert state.next_order_id == 1
    assert state.bump == Pubkey.find_program_address([PERP_MARKET_SEED, bytes(2)], PROGRAM_ID)[1]
    assert state.open_interest_lots == state.fees_accrued == state.pnl_pool == 0
    assert state.crank_lamports == 0
    book = perp.book(market)
    assert book.market == market.address and book.bid_count == book.ask_count == 0
    queue = perp.queue(market)
    assert queue.market == market.address and queue.count == queue.head == queue.seq_num == 0
    assert perp.kairos.exchange_state().perp_market_count == 1

    [created] = events_named(perp.chain, meta, "PerpMarketCreated")
    assert created.market == market.address and created.oracle == oracle.address
    assert (created.index, created.base_lot_size, created.tick_size) == (0, 1, 1)
    assert meta.compute_units_consumed() <= CREATE_PERP_MARKET_CU_BUDGET


def test_indexes_grow(perp: Perp) -> None:
    first, _ = perp.create_market()
    second, _ = perp.create_market(name=b"BTC-PERP".ljust(16, b"\0"))
    assert (first.index, second.index) == (0, 1)
    assert perp.market_state(second).index == 1
    assert perp.kairos.exchange_state().perp_market_count == 2


class Setup:
    """A market about to be created: its oracle and pre-created book and queue."""

    def __init__(self, perp: Perp) -> None:
        self.perp = perp
        self.oracle: OracleInfo = perp.kairos.create_oracle(100)
        self.orderbook, self.event_queue = Keypair(), Keypair()
        admin = perp.kairos.exchange.admin
        perp.chain.send(
            perp.book_accounts_ixs(self.orderbook, self.event_queue, admin.pubkey()),
            [admin, self.orderbook, self.event_queue],
        )

    def ix(self, **overrides: Any) -> Instruction:
        return self.perp.create_market_ix(
            oracle=self.oracle.address,
            orderbook=self.orderbook.pubkey(),
            event_queue=self.event_queue.pubkey(),
            **overrides,
        )

    def fail(self, ix: Instruction, expected: int, signers: list[Keypair] | None = None) -> None:
        self.perp.kairos.fail_unchanged(
            [ix], signers or [self.perp.kairos.exchange.admin], expected
        )
        assert self.perp.chain.svm.get_account(perp_market_pda(0)) is None


@pytest.fixture()
def setup(perp: Perp) -> Setup:
    return Setup(perp)


@pytest.mark.parametrize(
    ("params", "error"),
    [
        ({"base_lot_size": 0}, "InvalidArgument"),
        ({"tick_size": 0}, "InvalidArgument"),
        ({"min_order_lots": 0}, "InvalidArgument"),
        ({"open_interest_cap_lots": 0}, "InvalidArgument"),
        ({"max_confidence_bps": 10_001}, "InvalidArgument"),
        ({"maint_margin_bps": 0}, "InvalidWeights"),
        ({"maint_margin_bps": 1_000, "init_margin_bps": 1_000}, "InvalidWeights"),
        ({"maint_margin_bps": 1_500, "init_margin_bps": 1_000}, "InvalidWeights"),
        ({"init_margin_bps": 10_001}, "InvalidWeights"),
        ({"init_pnl_weight_bps": 10_001}, "InvalidWeights"),
        ({"taker_fee_bps": 10_001}, "InvalidFees"),
        ({"taker_fee_bps": 5, "maker_fee_bps": -6}, "InvalidFees"),
        ({"taker_fee_bps": 10_000, "maker_fee_bps": -10_001}, "InvalidFees"),
        ({"maker_fee_bps": 10_001}, "InvalidFees"),
    ],
)
def test_parameters_are_validated(setup: Setup, params: dict[str, int], error: str) -> None:
    setup.fail(setup.ix(**params), ERRORS[error])


def test_extreme_valid_parameters(setup: Setup) -> None:
    setup.perp.kairos.send(
        [
            setup.ix(
                init_margin_bps=10_000,
                maint_margin_bps=9_999,
                taker_fee_bps=10_000,
                maker_fee_bps=-10_000,
                tick_size=2**64 - 1,
                open_interest_cap_lots=2**64 - 1,
            )
        ],
        [setup.perp.kairos.exchange.admin],
    )


def test_only_the_admin(setup: Setup) -> None:
    intruder = setup.perp.chain.fund()
    setup.fail(setup.ix(admin=intruder.pubkey()), ERRORS["Unauthorized"], [intruder])


def test_admin_must_sign(setup: Setup) -> None:
    ix = with_meta(setup.ix(), index_of("admin"), is_signer=False)
    setup.fail(ix, ERR_NOT_SIGNER, [setup.perp.chain.fund()])


def test_exchange_must_be_writable(setup: Setup) -> None:
    ix = with_meta(setup.ix(), index_of("exchange"), is_writable=False)
    setup.fail(ix, ERR_CONSTRAINT_MUT)


def test_market_address_must_be_the_next_index_pda(setup: Setup) -> None:
    setup.fail(setup.ix(market=perp_market_pda(1)), ERR_CONSTRAINT_SEEDS)
    bumped = non_canonical_pda(PERP_MARKET_SEED, bytes(2))
    setup.fail(setup.ix(market=bumped), ERR_CONSTRAINT_SEEDS)
    setup.fail(setup.ix(market=Keypair().pubkey()), ERR_CONSTRAINT_SEEDS)


def test_system_program_is_checked(setup: Setup) -> None:
    ix = with_meta(setup.ix(), index_of("system_program"), pubkey=PROGRAM_ID)
    setup.fail(ix, ERR_INVALID_PROGRAM_ID)


@pytest.mark.parametrize("account", ["orderbook", "event_queue"])
def test_book_accounts_must_be_zeroed_program_accounts_of_exact_size(
    setup: Setup, account: str
) -> None:
    svm = setup.perp.chain.svm
    key = (setup.orderbook if account == "orderbook" else setup.event_queue).pubkey()
    size = ORDERBOOK_SIZE if account == "orderbook" else EVENT_QUEUE_SIZE
    lamports = svm.minimum_balance_for_rent_exemption(size + 8)

    svm.set_account(key, Account(lamports, bytes(size), Pubkey.default()))
    setup.fail(setup.ix(), ERR_WRONG_OWNER)
    svm.set_account(key, Account(lamports, bytes(size + 8), PROGRAM_ID))
    setup.fail(setup.ix(), ERR_DID_NOT_DESERIALIZE)
    for dirty_offset in (0, 8, size // 2, size - 1):
        data = bytearray(size)
        data[dirty_offset] = 1
        svm.set_account(key, Account(lamports, bytes(data), PROGRAM_ID))
        setup.fail(setup.ix(), ERR_CONSTRAINT_ZERO)
    svm.set_account(key, Account(lamports, bytes(size), PROGRAM_ID))
    ix = with_meta(setup.ix(), index_of(account), is_writable=False)
    setup.fail(ix, ERR_CONSTRAINT_MUT)
    setup.perp.kairos.send([setup.ix()], [setup.perp.kairos.exchange.admin])


def test_book_of_an_existing_market_cannot_be_reused(perp: Perp, market: Market) -> None:
    ix = perp.create_market_ix(
        oracle=market.oracle.address, orderbook=market.orderbook, event_queue=market.event_queue
    )
    perp.kairos.fail_unchanged([ix], [perp.kairos.exchange.admin], ERR_CONSTRAINT_ZERO)


def test_same_account_as_book_and_queue_is_refused(setup: Setup) -> None:
    ix = setup.ix()
    ix = with_meta(ix, index_of("event_queue"), pubkey=setup.orderbook.pubkey())
    setup.fail(ix, ERR_DID_NOT_DESERIALIZE)


def test_oracle_must_be_a_kairos_oracle(setup: Setup) -> None:
    ix = with_meta(setup.ix(), index_of("oracle"), pubkey=setup.perp.chain.fund().pubkey())
    setup.fail(ix, ERR_WRONG_OWNER)
    ix = with_meta(setup.ix(), index_of("oracle"), pubkey=setup.perp.kairos.exchange.address)
    setup.fail(ix, ERR_DISCRIMINATOR_MISMATCH)


def test_market_limit(setup: Setup) -> None:
    exchange = setup.perp.kairos.exchange_state()
    exchange.perp_market_count = MAX_PERP_MARKETS
    setup.perp.chain.write_account(setup.perp.kairos.exchange.address, "Exchange", exchange)
    ix = setup.ix(index=MAX_PERP_MARKETS, market=perp_market_pda(MAX_PERP_MARKETS))
    setup.perp.kairos.fail_unchanged(
        [ix], [setup.perp.kairos.exchange.admin], ERRORS["PerpMarketLimit"]
    )


def test_gate_closed(setup: Setup) -> None:
    setup.perp.kairos.halt("create_perp_market")
    setup.fail(setup.ix(), ERRORS["InstructionHalted"])


def test_malformed_args(setup: Setup) -> None:
    ix = setup.ix()
    short = Instruction(ix.program_id, bytes(ix.data)[:-1], list(ix.accounts))
    setup.fail(short, 102)
