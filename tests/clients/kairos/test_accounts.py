"""kairos.accounts: decoding, encoding, helpers and fetching of the typed accounts."""

from __future__ import annotations

import dataclasses

import pytest
from anchorpy import Program, Provider, Wallet
from hypothesis import given, settings
from hypothesis import strategies as st
from kairos import accounts
from kairos.accounts import (
    ACCOUNT_TYPES,
    AccountDecodeError,
    EventQueue,
    FillEvent,
    MarginAccount,
    Orderbook,
    PerpMarket,
    decode_any_account,
)
from kairos.constants import Side
from kairos.program import PROGRAM_ID, load_idl
from solana.rpc.async_api import AsyncClient
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from .. import factories as f


def test_sizes_match_anchorpy_account_clients() -> None:
    program = Program(
        load_idl(), PROGRAM_ID, Provider(AsyncClient("http://127.0.0.1:1"), Wallet(Keypair()))
    )
    for cls in ACCOUNT_TYPES:
        assert cls.size() == program.account[cls.__name__].size
    assert Orderbook.size() == 8 + 32 + 4 + 4 + 56 + 2 * 128 * 104


def test_decode_checks_discriminator_and_size() -> None:
    data = f.margin_account(5).encode()
    assert MarginAccount.decode(data).quote_balance == 5
    with pytest.raises(AccountDecodeError, match="discriminator"):
        PerpMarket.decode(data)
    with pytest.raises(AccountDecodeError, match="bytes"):
        MarginAccount.decode(data + b"\0")
    with pytest.raises(AccountDecodeError, match="bytes"):
        MarginAccount.decode(data[:-8])
    assert isinstance(decode_any_account(data), MarginAccount)
    with pytest.raises(AccountDecodeError):
        decode_any_account(b"\1" * 64)


def test_encode_zeroes_padding_and_reserved() -> None:
    market = f.market(3, Pubkey.new_unique())
    data = market.encode()
    assert len(data) == PerpMarket.size()
    reserved = PerpMarket.field_offset("reserved")
    assert data[reserved:] == bytes(len(data) - reserved)
    assert PerpMarket.decode(data) == market


def test_field_offsets_locate_the_bytes() -> None:
    owner = Pubkey.new_unique()
    data = f.margin_account(0, owner=owner).encode()
    offset = MarginAccount.field_offset("owner")
    assert offset == 8
    assert data[offset : offset + 32] == bytes(owner)
    quote = MarginAccount.field_offset("quote_balance")
    assert int.from_bytes(data[quote : quote + 8], "little", signed=True) == 0


i64 = st.integers(-(2**63), 2**63 - 1)
u64 = st.integers(0, 2**64 - 1)


@settings(max_examples=50, deadline=None)
@given(balance=i64, amount=u64, base=i64, quote=i64, order_id=u64, slot=st.integers(0, 7))
def test_margin_account_round_trip(
    balance: int, amount: int, base: int, quote: int, order_id: int, slot: int
) -> None:
    orders = [dataclasses.replace(f.EMPTY_ORDER, order_id=order_id, active=1, side=1)]
    account = f.margin_account(
        balance,
        [None] * slot + [f.holding(2, amount)],
        [f.perp(1, base, quote, bids_quote=amount)],
        orders,
    )
    decoded = MarginAccount.decode(account.encode())
    assert decoded == account
    assert decoded.collateral_position(2) == f.holding(2, amount)
    assert decoded.perp_position(1) is not None and decoded.perp_position(9) is None
    assert Side(decoded.active_open_orders()[0].side) is Side.ASK


def test_event_queue_pending_follows_the_ring() -> None:
    events = [
        FillEvent(Pubkey.default(), Pubkey.default(), i, 0, 0, 0, i, 0, 0, 0, 0) for i in range(256)
    ]
    queue = EventQueue(market=Pubkey.default(), head=254, count=4, seq_num=0, events=tuple(events))
    assert [event.seq for event in queue.pending()] == [254, 255, 0, 1]
    assert EventQueue.decode(queue.encode()) == queue


def test_market_name() -> None:
    assert f.market(0, Pubkey.default(), name="BTC-PERP").name_str == "BTC-PERP"


def test_memcmp_filter_encodes_base58() -> None:
    owner = Pubkey.new_unique()
    flt = accounts.memcmp_filter(MarginAccount, "owner", owner)
    assert flt.offset == 8 and flt.bytes == str(owner)
    disc = accounts.discriminator_filter(MarginAccount)
    assert disc.offset == 0


class _Response:
    def __init__(self, value: object) -> None:
        self.value = value


class _Info:
    def __init__(self, data: bytes) -> None:
        self.data = data


class _FakeConnection:
    """Answers getMultipleAccounts from a dict and records each request's size."""

    def __init__(self, stored: dict[Pubkey, bytes]) -> None:
        self.stored = stored
        self.requests: list[int] = []

    async def get_multiple_accounts(
        self, keys: list[Pubkey], commitment: object = None, encoding: str = "base64"
    ) -> _Response:
        assert encoding == "base64"
        self.requests.append(len(keys))
        return _Response([_Info(self.stored[k]) if k in self.stored else None for k in keys])


async def test_fetch_accounts_batches_by_100_and_keeps_order() -> None:
    keys = [Pubkey.new_unique() for _ in range(250)]
    stored = {key: f.margin_account(i).encode() for i, key in enumerate(keys) if i % 3}
    connection = _FakeConnection(stored)
    found = await accounts.fetch_accounts(connection, MarginAccount, keys)  # type: ignore[arg-type]
    assert sorted(connection.requests) == [50, 100, 100]
    assert [None if a is None else a.quote_balance for a in found] == [
        None if i % 3 == 0 else i for i in range(250)
    ]
    with pytest.raises(AccountDecodeError):
        await accounts.fetch_accounts(connection, PerpMarket, keys[1:2])  # type: ignore[arg-type]
