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
    program id, commitment, compute budget). Namespaces: ``admin`` (exchange set-up
    and settings), ``oracles`` (the wallet's price feeds), ``margin`` (create, close,
    deposit, withdraw, settle PnL, health), ``orders`` (orders, the event-queue crank,
    brackets), ``triggers`` (trigger orders, OCO pairs), ``auctions`` (JIT liquidity
    auctions, routing), ``twap``, ``schedules``, ``liquidation``, ``borrow``,
    ``funding``, ``risk`` (risk parameters and limits) and ``tokens`` (SPL helpers).
    """

    admin = namespace(AdminNamespace)
    oracles = namespace(OraclesNamespace)
    margin = namespace(MarginNamespace)
    orders = namespace(OrdersNamespace)
    triggers = namespace(TriggersNamespace)
    auctions = namespace(AuctionsNamespace)
    twap = namespace(TwapNamespace)
    schedules = namespace(SchedulesNamespace)
    liquidation = namespace(LiquidationNamespace)
    borrow = namespace(BorrowNamespace)
    funding = namespace(FundingNamespace)
    risk = namespace(RiskNamespace)
    tokens = namespace(TokensNamespace)
