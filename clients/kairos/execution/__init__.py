"""Execution quality: slippage prediction and protection, routes and preferences.

:mod:`kairos.execution.impact` predicts slippage (book walk + square-root impact
model fitted on recorded fills) and turns a tolerance into on-chain limits;
:mod:`kairos.execution.routes` builds candidate routes, ranks them by a user's
preferences (five templates) and learns from outcomes.
"""
