"""Column types shared by the models."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import Numeric, String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine


class ExactInt(TypeDecorator[int]):
    """An exact integer of up to 39 digits (u64, i64, u128 and i128 money and ids).

    PostgreSQL stores it as ``NUMERIC(39, 0)``. SQLite's NUMERIC affinity would turn
    anything past 2^63 into a lossy REAL, so there it is stored as decimal text;
    arithmetic happens in Python on ints either way.
    """

    impl = Numeric(39, 0)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        """NUMERIC(39,0) on PostgreSQL, TEXT elsewhere."""
        if dialect.name == "postgresql":
            return dialect.type_descriptor(Numeric(39, 0, asdecimal=True))
        return dialect.type_descriptor(String(40))

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        """Ints in, exact representation out."""
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"ExactInt takes an int, got {type(value).__name__}")
        return Decimal(value) if dialect.name == "postgresql" else str(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> int | None:
        """Back to int."""
        return None if value is None else int(value)
