"""Program-derived addresses of every Kairos account (docs/ARCHITECTURE.md, "Accounts").

The derivations are generated from the IDL's ``pda`` seeds (:mod:`kairos.abi.pda`, the
seeds the program checks); this module gives them the SDK's established names. Each
``find_*`` returns ``(address, canonical bump)``; each ``*_address`` just the address.
The program only ever accepts the canonical bump.
"""

from __future__ import annotations

from solders.pubkey import Pubkey

from kairos.abi import pda as _generated
from kairos.abi.constants import PROGRAM_ID
from kairos.abi.pda import AUCTION_SEED as AUCTION_SEED
from kairos.abi.pda import COLLATERAL_SEED as COLLATERAL_SEED
from kairos.abi.pda import EXCHANGE_SEED as EXCHANGE_SEED
from kairos.abi.pda import INSURANCE_SEED as INSURANCE_SEED
from kairos.abi.pda import MARGIN_SEED as MARGIN_SEED
from kairos.abi.pda import ORACLE_SEED as ORACLE_SEED
from kairos.abi.pda import PERP_MARKET_SEED as PERP_MARKET_SEED
from kairos.abi.pda import RISK_LIMITS_SEED as RISK_LIMITS_SEED
from kairos.abi.pda import RISK_PARAMETERS_SEED as RISK_PARAMETERS_SEED
from kairos.abi.pda import SCHEDULE_SEED as SCHEDULE_SEED
from kairos.abi.pda import TRIGGER_SEED as TRIGGER_SEED
from kairos.abi.pda import TWAP_SEED as TWAP_SEED
from kairos.abi.pda import VAULT_SEED as VAULT_SEED
from kairos.abi.pda import exchange_address as exchange_address
from kairos.abi.pda import find_exchange_address as find_exchange_address
from kairos.abi.pda import find_risk_limits_address as find_risk_limits_address
from kairos.abi.pda import find_risk_parameters_address as find_risk_parameters_address
from kairos.abi.pda import risk_limits_address as risk_limits_address
from kairos.abi.pda import risk_parameters_address as risk_parameters_address

TRIGGER_ORDER_SEED = TRIGGER_SEED

find_collateral_asset_address = _generated.find_collateral_address
collateral_asset_address = _generated.collateral_address
find_vault_address = _generated.find_vault_address
vault_address = _generated.vault_address
find_insurance_vault_address = _generated.find_insurance_address
insurance_vault_address = _generated.insurance_address
find_oracle_address = _generated.find_oracle_address
oracle_address = _generated.oracle_address
find_perp_market_address = _generated.find_perp_market_address
perp_market_address = _generated.perp_market_address
find_trigger_order_address = _generated.find_trigger_address
trigger_order_address = _generated.trigger_address
find_auction_address = _generated.find_auction_address
auction_address = _generated.auction_address
find_twap_order_address = _generated.find_twap_address
twap_order_address = _generated.twap_address
find_scheduled_order_address = _generated.find_schedule_address
scheduled_order_address = _generated.schedule_address


def find_margin_account_address(
    owner: Pubkey, account_index: int = 0, program_id: Pubkey = PROGRAM_ID
) -> tuple[Pubkey, int]:
    """The MarginAccount PDA ``["margin", owner, index as u8]`` and its bump."""
    return _generated.find_margin_address(owner, account_index, program_id)


def margin_account_address(
    owner: Pubkey, account_index: int = 0, program_id: Pubkey = PROGRAM_ID
) -> Pubkey:
    """The MarginAccount PDA ``["margin", owner, index as u8]`` (account 0 by default)."""
    return _generated.margin_address(owner, account_index, program_id)
