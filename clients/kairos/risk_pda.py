"""Addresses of the risk-limit accounts.

The exchange's RiskParameters and a margin account's RiskLimits, kept apart from
:mod:`kairos.risk` so that the instruction builders can use them without importing
the risk math. Generated from the IDL's seeds (:mod:`kairos.abi.pda`).
"""

from __future__ import annotations

from kairos.abi.pda import REBALANCE_POLICY_SEED as REBALANCE_POLICY_SEED
from kairos.abi.pda import RISK_LIMITS_SEED as RISK_LIMITS_SEED
from kairos.abi.pda import RISK_PARAMETERS_SEED as RISK_PARAMETERS_SEED
from kairos.abi.pda import rebalance_policy_address as rebalance_policy_address
from kairos.abi.pda import risk_limits_address as risk_limits_address
from kairos.abi.pda import risk_parameters_address as risk_parameters_address
