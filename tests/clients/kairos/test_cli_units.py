"""Events rendered in UI units for the CLI's human output."""

from __future__ import annotations

from kairos.cli_units import UnitBook, event_fields_ui, lot_label
from kairos.constants import U64_MAX
from kairos.events import Deposited, OrderPlaced, PnlSettled
from kairos.orderbook import MarketUnits
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
