"""Tables of execution quality: fitted impact models, routing preferences, executions.

Money stays integer (quote native, lamports); slippage and shortfall are float bps.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, Float, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from kairos_service.db.base import Base
from kairos_service.db.types import ExactInt


class ImpactModelRow(Base):
    """The square-root impact model of one market, as last fitted on the indexer's fills."""

    __tablename__ = "exec_impact_models"
    market: Mapped[str] = mapped_column(String(44), primary_key=True)
    intercept: Mapped[float] = mapped_column(Float)
    coefficient: Mapped[float] = mapped_column(Float)
    depth_coefficient: Mapped[float] = mapped_column(Float, default=0.0)
    typical_lots: Mapped[float] = mapped_column(Float)
    residual_std_bps: Mapped[float] = mapped_column(Float)
    volatility_bps: Mapped[float] = mapped_column(Float)
    samples: Mapped[int] = mapped_column(Integer)
    holdout: Mapped[dict[str, Any]] = mapped_column(JSON)
    fitted_at: Mapped[float] = mapped_column(Float)


class RoutingPreferencesRow(Base):
    """A user's routing preferences; ``user`` is ``key:<key id>`` or ``owner:<wallet>``."""

    __tablename__ = "exec_routing_preferences"
    user: Mapped[str] = mapped_column(String(64), primary_key=True)
    template: Mapped[str] = mapped_column(String(32), default="")
    prefs: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[float] = mapped_column(Float)


class ExecutionRow(Base):
    """One execution planned through the API, and its post-trade analysis once filled.

    Arrival references are recorded when the plan is made: the book's mid and the
    oracle, both quote native per lot. The analysis fields stay null until fills of
    the account on that market and side are indexed after ``arrival_slot``.
    """

    __tablename__ = "exec_executions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user: Mapped[str] = mapped_column(String(64), index=True)
    margin_account: Mapped[str] = mapped_column(String(44), index=True)
    market: Mapped[str] = mapped_column(String(44))
    market_index: Mapped[int] = mapped_column(Integer)
    side: Mapped[int] = mapped_column(Integer)
    lots: Mapped[int] = mapped_column(ExactInt)
    route: Mapped[str] = mapped_column(String(16))
    ranked_first: Mapped[str] = mapped_column(String(16))
    worst_price: Mapped[int] = mapped_column(ExactInt)
    max_oracle_deviation_bps: Mapped[int] = mapped_column(Integer)
    arrival_slot: Mapped[int] = mapped_column(BigInteger)
    arrival_time: Mapped[float] = mapped_column(Float)
    arrival_mid: Mapped[int] = mapped_column(ExactInt)
    arrival_oracle: Mapped[int] = mapped_column(ExactInt)
    arrival_best: Mapped[int] = mapped_column(ExactInt)
    predicted_slippage_bps: Mapped[float] = mapped_column(Float)
    priority_fee_lamports: Mapped[int] = mapped_column(BigInteger, default=0)
    filled_lots: Mapped[int | None] = mapped_column(ExactInt, nullable=True)
    quote: Mapped[int | None] = mapped_column(ExactInt, nullable=True)
    fees: Mapped[int | None] = mapped_column(ExactInt, nullable=True)
    shortfall_mid_bps: Mapped[float | None] = mapped_column(Float, nullable=True)
    shortfall_oracle_bps: Mapped[float | None] = mapped_column(Float, nullable=True)
    realized_slippage_bps: Mapped[float | None] = mapped_column(Float, nullable=True)
    time_to_fill_seconds: Mapped[float | None] = mapped_column(Float, nullable=True)
    learned: Mapped[bool] = mapped_column(Boolean, default=False)
