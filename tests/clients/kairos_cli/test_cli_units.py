"""Events rendered in UI units for the CLI's human output."""

from __future__ import annotations

from kairos.constants import U64_MAX
from kairos.events import Deposited, OrderPlaced, PnlSettled
from kairos.math.orderbook import MarketUnits
from kairos_cli.units import UnitBook, event_fields_ui, lot_label
from solders.pubkey import Pubkey

MARKET, ASSET, OTHER = Pubkey.new_unique(), Pubkey.new_unique(), Pubkey.new_unique()
BOOK = UnitBook({MARKET: MarketUnits(10**7, 100, 9, 6)}, {ASSET: 9}, 6)


def test_order_event_in_market_units() -> None:
    placed = OrderPlaced(OTHER, MARKET, 7, 0, 0, 0, 1_495_000, 200, 50, 74_750_000, 150, 37_375)
    shown = event_fields_ui(placed, BOOK)
    assert shown["price"] == "149.5" and shown["max_size"] == "2" and shown["resting_size"] == "1.5"
    assert shown["filled_quote"] == "74.75" and shown["taker_fee"] == "0.037375"
    assert shown["order_id"] == 7 and shown["margin_account"] == OTHER
    assert "max_base_lots" not in shown


def test_asset_amounts_and_caps() -> None:
    shown = event_fields_ui(Deposited(OTHER, ASSET, 5 * 10**9, 5 * 10**9, 10**10, U64_MAX), BOOK)
    assert shown["amount"] == "5" and shown["asset_total_deposits"] == "10"
    assert shown["asset_deposit_cap"] == "unlimited"


def test_unknown_market_or_asset_stays_native() -> None:
    placed = OrderPlaced(OTHER, OTHER, 7, 0, 0, 0, 1_495_000, 200, 0, 0, 200, 0)
    assert event_fields_ui(placed, BOOK)["price"] == 1_495_000
    assert event_fields_ui(Deposited(OTHER, OTHER, 5, 5, 5, 5), BOOK)["amount"] == 5


def test_pnl_amount_is_quote() -> None:
    settled = PnlSettled(OTHER, MARKET, -2_500_000, 1_000_000, 0, 0)
    assert event_fields_ui(settled, BOOK)["amount"] == "-2.5"


def test_lot_labels() -> None:
    assert lot_label("size_lots") == "size" and lot_label("filled_base_lots") == "filled_size"
    assert lot_label("rest_lots") == "rest_size"


# --- events naming no market take the transaction's market (issue 13 item 5) -------------


def test_order_account_events_take_the_transactions_market() -> None:
    from kairos.events import OracleUpdated, TriggerOrderCreated
    from kairos_cli.units import transaction_events_ui

    book = UnitBook(BOOK.markets, BOOK.assets, 6, {0: BOOK.markets[MARKET]})
    created = TriggerOrderCreated(OTHER, OTHER, OTHER, 1, 0, 1, 0, 0, 1_495_000, 200)
    [(name, shown)] = transaction_events_ui([created], book, market_index=0)
    assert name == "TriggerOrderCreated"
    assert shown["trigger_price"] == "149.5" and shown["max_size"] == "2"
    # Without the command's market, the one market the other events name.
    placed = OrderPlaced(OTHER, MARKET, 7, 0, 0, 0, 1_495_000, 200, 0, 0, 200, 0)
    _, (_, shown) = transaction_events_ui([placed, created], book)
    assert shown["trigger_price"] == "149.5"
    # No market known: native, never guessed.
    [(_, shown)] = transaction_events_ui([created], book)
    assert shown["trigger_price"] == 1_495_000 and shown["max_base_lots"] == 200
    # An oracle's price is not a market price, even in a transaction with a market.
    oracle = OracleUpdated(*_zeros(OracleUpdated, price=123_456))
    _, (_, shown) = transaction_events_ui([placed, oracle], book, market_index=0)
    assert shown["price"] == 123_456


def _zeros(cls: type, **values: object) -> list[object]:
    import dataclasses
    import typing

    hints = typing.get_type_hints(cls)
    out: list[object] = []
    for field in dataclasses.fields(cls):
        kind = hints[field.name]
        default: object = Pubkey.default() if kind is Pubkey else b"\0" * 48 if kind is bytes else 0
        out.append(values.get(field.name, default))
    return out


# --- the trigger, TWAP, schedule and auction tables (fake client) -------------------------

import json  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402
from kairos.accounts import Auction, AuctionBid, ScheduledOrder, TriggerOrder, TwapOrder  # noqa: E402
from kairos.auctions import AuctionView  # noqa: E402
from kairos_cli import common as cli_common  # noqa: E402

from .test_cli import FakeClient, invoke  # noqa: E402

ADDRESS = Pubkey.new_unique()
# The fake's market 0: 10^7 base native per lot (0.01 base unit), tick 100, 9 and 6 decimals:
# 995_000 quote native per lot is 99.5 quote per base unit; 150 lots are 1.5 base units.


class TimedOrdersClient(FakeClient):
    """The fake CLI client, with one trigger, TWAP, scheduled order and auction."""

    async def triggers__list(self, account_index: int = 0) -> list[tuple[Any, Any]]:
        values = _zeros(TriggerOrder, trigger_price=995_000, limit_price=990_000, max_base_lots=150)
        return [(ADDRESS, TriggerOrder(*values))]

    async def twap__list(self, margin_account: Pubkey) -> list[tuple[Any, Any]]:
        values = _zeros(TwapOrder, total_base_lots=150, filled_base_lots=50, slice_count=3)
        return [(ADDRESS, TwapOrder(*values))]

    async def schedules__list(self, margin_account: Pubkey) -> list[tuple[Any, Any]]:
        values = _zeros(ScheduledOrder, order_price=995_000, order_max_base_lots=150)
        return [(ADDRESS, ScheduledOrder(*values))]

    async def auctions__list(self) -> list[AuctionView]:
        bids = (AuctionBid(OTHER, 990_000, 50, 0, 0),) + (AuctionBid(OTHER, 0, 0, 0, 0),) * 7
        values = _zeros(
            Auction, size_lots=150, limit_price=995_000, min_fill_lots=50, bids=bids, bid_count=1
        )
        return [AuctionView.of(ADDRESS, Auction(*values))]

    async def get_perp_market(self, index: int) -> Any:
        return self.market

    async def auctions__view(self, address: Pubkey) -> AuctionView:
        return (await self.auctions__list())[0]


@pytest.fixture
def timed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> TimedOrdersClient:
    client = TimedOrdersClient()
    monkeypatch.setattr(cli_common, "make_client", lambda state: client)
    monkeypatch.setenv("KAIROS_CONFIG", str(tmp_path / "none.toml"))
    return client


NATIVE_VALUES = ("995000", "990000", "150")


@pytest.mark.parametrize(
    ("command", "shown"),
    [
        (("order", "triggers"), ("99.5", "99", "1.5")),
        (("twap", "show"), ("1.5", "0.5")),
        (("schedule", "show"), ("99.5", "1.5")),
        (("auction", "show"), ("99.5", "99", "1.5", "0.5")),
    ],
)
def test_tables_are_in_ui_units_json_and_native_flag_stay_native(
    timed: TimedOrdersClient, command: tuple[str, ...], shown: tuple[str, ...]
) -> None:
    """Issue 13: a table printing native prices or lots fails here."""
    human = invoke(*command)
    assert human.exit_code == 0, human.output
    words = human.stdout.replace("│", " ").replace(",", " ").split()
    for value in shown:
        assert value in words, (value, human.stdout)
    for native in NATIVE_VALUES:
        assert native not in words, (native, human.stdout)
    as_json = json.loads(invoke("--json", *command).stdout)
    assert "150" in json.dumps(as_json) and "1.5" not in json.dumps(as_json)
    native = invoke(*command, "--native")
    assert native.exit_code == 0, native.output
    assert "150" in native.stdout.replace("│", " ").split() or "150 lots" in native.stdout
    assert "1.5" not in native.stdout


AUCTION = str(ADDRESS)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("order", "trigger", "0", "stop-market", "sell", "-2", "90"), "size -2 must be positive"),
        (
            ("order", "trigger", "0", "stop-market", "sell", "2", "-90"),
            "price -90 must be positive",
        ),
        (("order", "trailing", "0", "sell", "-2", "90", "--offset", "5"), "size -2 must be"),
        (("order", "oco", "0", "sell", "-2", "--take-profit", "110", "--stop", "90"), "size -2"),
        (
            ("order", "bracket", "0", "buy", "-1", "--price", "100", "--take-profit", "110")
            + ("--stop", "90"),
            "size -1 must be positive",
        ),
        (("order", "trigger", "0", "stop-market", "sell", "-2", "90", "--native"), "size '-2'"),
        (("twap", "create", "0", "buy", "-3", "--interval", "60"), "size -3 must be positive"),
        (
            ("twap", "create", "0", "buy", "3", "--interval", "60", "--limit", "-1"),
            "price -1 must be positive",
        ),
        (
            ("schedule", "create", "0", "buy", "-1", "--price", "100", "--at", "+60"),
            "size -1 must be positive",
        ),
        (("auction", "open", "0", "buy", "-1", "--price", "100"), "size -1 must be positive"),
        (
            ("auction", "open", "0", "buy", "1", "--price", "100", "--min-fill", "-1"),
            "--min-fill -1 must be positive",
        ),
        (("auction", "bid", AUCTION, "-0.5", "--price", "99"), "size -0.5 must be positive"),
        (("auction", "improve", AUCTION, "0.5", "--price", "-99"), "price -99 must be positive"),
    ],
)
def test_negative_numbers_reach_the_argument_and_are_refused_by_name(
    timed: TimedOrdersClient, args: tuple[str, ...], words: str
) -> None:
    """Issue 13: not click's "No such option"; a usage error naming the argument; no call."""
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert words in result.output, result.output
    assert "No such option" not in result.output and "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)
    assert timed.calls == []
