"""``KairosClient``: the SDK entry point, a core plus one namespace per feature.

The core (:class:`kairos.core.KairosCore`) holds the connection and the wallet, fetches
and decodes accounts, and sends: one generic :meth:`~kairos.core.KairosCore.send` that
simulates, sets the compute-unit limit and the priority fee, signs, sends, confirms and
decodes errors and events. Namespaces build instructions from one typed params object
per instruction (:mod:`kairos.params`), fetching the chain state they need::

    async with KairosClient(url, wallet) as client:
        result = await client.send(
            client.orders.place(PlaceOrderParams(0, Side.BID, price, lots))
        )
        print(result.signature, result.events, result.compute_units)

Several instructions (of any namespaces) go in one transaction:
``await client.send(client.orders.cancel_all(...), client.orders.place(...))``.
"""

from __future__ import annotations

from kairos.admin import AdminNamespace, OraclesNamespace, PerpMarketSetup
from kairos.auctions import AuctionsNamespace
from kairos.borrow import BorrowNamespace
from kairos.core import Bundle, KairosCore, TxParams, TxResult, namespace
from kairos.funding import FundingNamespace
from kairos.liquidation import LiquidationNamespace
from kairos.margin import MarginNamespace
from kairos.orders import OrdersNamespace
from kairos.params import PerpMarketParams
from kairos.risk_client import RiskNamespace
from kairos.scheduled_orders import SchedulesNamespace, TwapNamespace
from kairos.tokens import TokensNamespace
from kairos.triggers import TriggersNamespace

__all__ = [
    "Bundle",
    "KairosClient",
    "PerpMarketParams",
    "PerpMarketSetup",
    "TxParams",
    "TxResult",
]


class KairosClient(KairosCore):
    """Async client for the Kairos program: the core and its feature namespaces.

    Constructed as :class:`kairos.core.KairosCore` (connection or RPC URL, wallet,
    program id, commitment, compute budget).
    """

    admin = namespace(AdminNamespace)
    """Exchange set-up and admin settings."""
    oracles = namespace(OraclesNamespace)
    """The wallet's price feeds."""
    margin = namespace(MarginNamespace)
    """Margin accounts: create, close, deposit, withdraw, settle PnL, health."""
    orders = namespace(OrdersNamespace)
    """Orders, the event-queue crank and brackets."""
    triggers = namespace(TriggersNamespace)
    """Trigger orders and OCO pairs."""
    auctions = namespace(AuctionsNamespace)
    """JIT liquidity auctions and market-order routing."""
    twap = namespace(TwapNamespace)
    """TWAP orders."""
    schedules = namespace(SchedulesNamespace)
    """Scheduled orders."""
    liquidation = namespace(LiquidationNamespace)
    """Liquidation and bankruptcy."""
    borrow = namespace(BorrowNamespace)
    """Quote borrowing."""
    funding = namespace(FundingNamespace)
    """Funding crank and views."""
    risk = namespace(RiskNamespace)
    """Risk parameters and per-account risk limits."""
    tokens = namespace(TokensNamespace)
    """SPL token helpers (tests, demos, localnets)."""
