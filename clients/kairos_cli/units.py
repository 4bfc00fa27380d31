"""Events in human units for the CLI's human output (``--json`` keeps native units).

Kairos events carry native integers. An event naming a perp market (``market``)
has its prices in quote native per lot and its sizes in lots; one naming a
collateral asset (``asset``) has its amounts in that token's native units; quote
amounts (fees, PnL, health) are in the quote token's. This module knows which
field is which by name, and renders each known one in UI units; other fields are
shown as logged. A field it does not know stays native rather than guessed.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from kairos.constants import U64_MAX
from kairos.events import KairosEvent
from kairos.math.orderbook import MarketUnits
from solders.pubkey import Pubkey

if TYPE_CHECKING:
    from kairos.client import KairosClient

MARKET_PRICE_FIELDS = frozenset(
    {"price", "limit_price", "worst_price", "trigger_price", "reference_price", "oracle_price"}
)
"""Quote native per lot of the event's (or the row's) market."""
MARKET_LOT_FIELDS = frozenset(
    {
        "base_lots",
        "max_base_lots",
        "filled_base_lots",
        "resting_base_lots",
        "size_lots",
        "min_fill_lots",
        "filled_lots",
        "rest_lots",
        "total_base_lots",
        "requested_base_lots",
    }
)
"""Lots of the event's (or the row's) market."""
ASSET_AMOUNT_FIELDS = frozenset(
    {"amount", "balance_after", "asset_total_deposits", "asset_deposit_cap"}
)
"""Native units of the event's collateral asset (when it names one)."""
QUOTE_FIELDS = frozenset(
    {
        "filled_quote",
        "taker_fee",
        "maker_fee",
        "quote_balance_after",
        "pnl_pool_after",
        "socialized_loss",
        "init_health_after",
        "maint_requirement",
        "weighted_collateral",
        "init_health",
        "maint_health",
        "liquidation_fee",
        "insurance_fee",
        "maint_health_before",
        "maint_health_after",
        "maint_requirement_after",
        "weighted_collateral_after",
        "liquidator_init_health_after",
        "quote_paid",
        "loss",
        "insurance_covered",
        "socialized",
        "insurance_remaining",
        "fees",
        "insurance_share",
        "insurance_vault_after",
        "borrow_interest",
        "interest",
        "borrow_after",
    }
)
"""Quote native units."""

ORDER_ACCOUNT_FIELDS = frozenset({"trigger_order", "twap_order", "scheduled_order", "auction"})
"""Events naming one of these accounts (and no market) are about one market's order: they
take the transaction's market (an oracle's ``price`` never does)."""


@dataclasses.dataclass(frozen=True)
class UnitBook:
    """What the converter needs: markets and assets by address, and the quote decimals."""

    markets: dict[Pubkey, MarketUnits]
    assets: dict[Pubkey, int]
    quote_decimals: int
    by_index: dict[int, MarketUnits] = dataclasses.field(default_factory=dict)
    """The same markets by market index (for events and accounts that carry only that)."""

    @classmethod
    async def fetch(cls, client: KairosClient) -> UnitBook:
        """Read every market and asset of the exchange (two RPC calls and the exchange)."""
        quote_decimals = await client.get_quote_decimals()
        by_index = await market_units_by_index(client, quote_decimals)
        markets = {client.perp_market_address(index): units for index, units in by_index.items()}
        assets = {
            client.collateral_asset_address(asset.mint): asset.decimals
            for asset in (await client.get_collateral_assets()).values()
        }
        return cls(markets, assets, quote_decimals, by_index)


async def market_units_by_index(
    client: KairosClient, quote_decimals: int | None = None
) -> dict[int, MarketUnits]:
    """Every perp market's units, by market index (one RPC call, two without the decimals)."""
    if quote_decimals is None:
        quote_decimals = await client.get_quote_decimals()
    return {
        index: MarketUnits.of(market, quote_decimals)
        for index, market in (await client.get_perp_markets()).items()
    }


def _plain(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def lot_label(name: str) -> str:
    """A lots field's name once it shows base units (``max_base_lots`` → ``max_size``)."""
    if name == "size_lots":
        return "size"
    return name.replace("base_lots", "size").replace("_lots", "_size")


def _event_values(event: KairosEvent) -> dict[str, Any]:
    return {
        f.name: getattr(event, f.name)
        for f in dataclasses.fields(event)  # type: ignore[arg-type]  # IdlStruct dataclasses
    }


def event_fields_ui(
    event: KairosEvent, book: UnitBook, default_market: MarketUnits | None = None
) -> dict[str, Any]:
    """The event's fields, known amounts, prices and sizes in UI units.

    An event about an order account that names no market (``TriggerOrderCreated``,
    ``TwapSliceExecuted``...) takes ``default_market``: the market of the transaction it
    was logged in. An event naming a market the book does not know stays native.
    """
    values = _event_values(event)
    market_key, asset_key = values.get("market"), values.get("asset")
    if isinstance(market_key, Pubkey):
        market = book.markets.get(market_key)
    elif "market" not in values and isinstance(values.get("market_index"), int):
        market = book.by_index.get(values["market_index"])
    elif "market" not in values and ORDER_ACCOUNT_FIELDS.intersection(values):
        market = default_market
    else:
        market = None
    asset_decimals = book.assets.get(asset_key) if isinstance(asset_key, Pubkey) else None
    shown: dict[str, Any] = {}
    for name, value in values.items():
        if isinstance(value, bool) or not isinstance(value, int):
            shown[name] = value
        elif market is not None and name in MARKET_PRICE_FIELDS:
            shown[name] = _plain(market.price_to_decimal(value))
        elif market is not None and name in MARKET_LOT_FIELDS:
            shown[lot_label(name)] = _plain(market.lots_to_decimal(value))
        elif asset_decimals is not None and name in ASSET_AMOUNT_FIELDS:
            shown[name] = (
                "unlimited" if value == U64_MAX else _plain(Decimal(value).scaleb(-asset_decimals))
            )
        elif name in QUOTE_FIELDS or (name == "amount" and market is not None):
            shown[name] = _plain(Decimal(value).scaleb(-book.quote_decimals))
        else:
            shown[name] = value
    return shown


def transaction_events_ui(
    events: list[KairosEvent], book: UnitBook, market_index: int | None = None
) -> list[tuple[str, dict[str, Any]]]:
    """A transaction's events in UI units, by event name.

    Events naming no market take the transaction's market: ``market_index`` when the
    command knows it, else the one market the transaction's other events name (if they
    name exactly one); without either, their prices and sizes stay native.
    """
    default: MarketUnits | None = None
    if market_index is not None:
        default = book.by_index.get(market_index)
    else:
        named = {
            key
            for key in (_event_values(event).get("market") for event in events)
            if isinstance(key, Pubkey) and key in book.markets
        }
        if len(named) == 1:
            default = book.markets[named.pop()]
    return [(type(event).__name__, event_fields_ui(event, book, default)) for event in events]


def row_ui(row: dict[str, Any], units: MarketUnits | None) -> dict[str, Any]:
    """A table row of native fields with its prices and lots in UI units.

    Prices (quote per base unit) and sizes (base units) are recognised by the same
    field names as events'; a zero price shows as ``-`` (none); other fields, and
    every field when ``units`` is None (an unknown market), stay as they are.
    """
    if units is None:
        return dict(row)
    shown: dict[str, Any] = {}
    for name, value in row.items():
        if isinstance(value, bool) or not isinstance(value, int | float):
            shown[name] = value
        elif name in MARKET_PRICE_FIELDS or name == "expected_average_price":
            if value == 0:
                shown[name] = "-"
            elif isinstance(value, float):  # an average: a fraction of a native price
                shown[name] = _plain(Decimal(str(value)) * units.price_to_decimal(1))
            else:
                shown[name] = _plain(units.price_to_decimal(value))
        elif name in MARKET_LOT_FIELDS and isinstance(value, int):
            shown[lot_label(name)] = _plain(units.lots_to_decimal(value))
        else:
            shown[name] = value
    return shown
