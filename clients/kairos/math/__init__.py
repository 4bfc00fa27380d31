"""The program's arithmetic mirrored in Python: pure functions, no I/O.

- :mod:`kairos.math.health`: oracle prices per lot, collateral and position values,
  initial and maintenance health, the largest withdrawal;
- :mod:`kairos.math.liquidation`: who is liquidatable and how much each liquidation
  step takes;
- :mod:`kairos.math.borrow`: the quote borrow index, rate curve and interest;
- :mod:`kairos.math.funding`: mark price, funding rate, index rolls and pending funding;
- :mod:`kairos.math.orderbook`: L2/L3 views of a book in native and UI units;
- :mod:`kairos.math.execution_planning`: TWAP and VWAP schedules, slice sizes from depth.

Each function computes exactly what the program does (same rounding, same checks), so
the SDK, keepers and service can predict a transaction's outcome before sending it.
"""
