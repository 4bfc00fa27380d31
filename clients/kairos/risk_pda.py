"""Addresses of the risk-limit accounts (issue 16).

The exchange's RiskParameters and a margin account's RiskLimits, kept apart from
:mod:`kairos.risk` so that the instruction builders can use them without importing
the risk math.
"""

from __future__ import annotations

from solders.pubkey import Pubkey

from kairos.program import PROGRAM_ID

RISK_PARAMETERS_SEED = b"risk_parameters"
RISK_LIMITS_SEED = b"risk_limits"
REBALANCE_POLICY_SEED = b"rebalance_policy"


def risk_parameters_address(program_id: Pubkey = PROGRAM_ID) -> Pubkey:
    """The exchange's RiskParameters PDA ``["risk_parameters"]``."""
    return Pubkey.find_program_address([RISK_PARAMETERS_SEED], program_id)[0]


def risk_limits_address(margin_account: Pubkey, program_id: Pubkey = PROGRAM_ID) -> Pubkey:
    """A margin account's RiskLimits PDA ``["risk_limits", margin_account]``."""
    return Pubkey.find_program_address([RISK_LIMITS_SEED, bytes(margin_account)], program_id)[0]


def rebalance_policy_address(owner: Pubkey, program_id: Pubkey = PROGRAM_ID) -> Pubkey:
    """An owner's RebalancePolicy PDA ``["rebalance_policy", owner]``."""
    return Pubkey.find_program_address([REBALANCE_POLICY_SEED, bytes(owner)], program_id)[0]
