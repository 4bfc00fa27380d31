"""Program-derived addresses of every Kairos account (docs/ARCHITECTURE.md, "Accounts").

Each ``find_*`` returns ``(address, canonical bump)``; each ``*_address`` just the
address. The program only ever accepts the canonical bump.
"""

from __future__ import annotations

from solders.pubkey import Pubkey

from kairos.program import EXCHANGE_SEED, PROGRAM_ID, find_exchange_address

COLLATERAL_SEED = b"collateral"
VAULT_SEED = b"vault"
INSURANCE_SEED = b"insurance"
ORACLE_SEED = b"oracle"
PERP_MARKET_SEED = b"perp_market"
MARGIN_SEED = b"margin"

__all__ = [
    "COLLATERAL_SEED",
    "EXCHANGE_SEED",
    "INSURANCE_SEED",
    "MARGIN_SEED",
    "ORACLE_SEED",
    "PERP_MARKET_SEED",
    "VAULT_SEED",
    "collateral_asset_address",
    "exchange_address",
    "find_collateral_asset_address",
    "find_exchange_address",
    "find_insurance_vault_address",
    "find_margin_account_address",
    "find_oracle_address",
    "find_perp_market_address",
    "find_vault_address",
    "insurance_vault_address",
    "margin_account_address",
    "oracle_address",
    "perp_market_address",
    "vault_address",
    "find_trigger_order_address",
    "trigger_order_address",
]


def _check_range(value: int, bits: int, what: str) -> None:
    if not 0 <= value < 1 << bits:
        raise ValueError(f"{what} must be a u{bits}, got {value}")


def exchange_address(program_id: Pubkey = PROGRAM_ID) -> Pubkey:
    """The Exchange PDA ``["exchange"]``."""
    return find_exchange_address(program_id)[0]


def find_collateral_asset_address(
    mint: Pubkey, program_id: Pubkey = PROGRAM_ID
) -> tuple[Pubkey, int]:
    """The CollateralAsset PDA ``["collateral", mint]`` and its bump."""
    return Pubkey.find_program_address([COLLATERAL_SEED, bytes(mint)], program_id)


def collateral_asset_address(mint: Pubkey, program_id: Pubkey = PROGRAM_ID) -> Pubkey:
    """The CollateralAsset PDA ``["collateral", mint]``."""
    return find_collateral_asset_address(mint, program_id)[0]


def find_vault_address(mint: Pubkey, program_id: Pubkey = PROGRAM_ID) -> tuple[Pubkey, int]:
    """The asset vault PDA ``["vault", mint]`` (a token account owned by the Exchange)."""
    return Pubkey.find_program_address([VAULT_SEED, bytes(mint)], program_id)


def vault_address(mint: Pubkey, program_id: Pubkey = PROGRAM_ID) -> Pubkey:
    """The asset vault PDA ``["vault", mint]``."""
    return find_vault_address(mint, program_id)[0]


def find_insurance_vault_address(
    quote_mint: Pubkey, program_id: Pubkey = PROGRAM_ID
) -> tuple[Pubkey, int]:
    """The insurance fund vault PDA ``["insurance", quote_mint]``."""
    return Pubkey.find_program_address([INSURANCE_SEED, bytes(quote_mint)], program_id)


def insurance_vault_address(quote_mint: Pubkey, program_id: Pubkey = PROGRAM_ID) -> Pubkey:
    """The insurance fund vault PDA ``["insurance", quote_mint]``."""
    return find_insurance_vault_address(quote_mint, program_id)[0]


def find_oracle_address(
    authority: Pubkey, seed: int, program_id: Pubkey = PROGRAM_ID
) -> tuple[Pubkey, int]:
    """The Oracle PDA ``["oracle", authority, seed as u64 LE]``."""
    _check_range(seed, 64, "oracle seed")
    return Pubkey.find_program_address(
        [ORACLE_SEED, bytes(authority), seed.to_bytes(8, "little")], program_id
    )


def oracle_address(authority: Pubkey, seed: int, program_id: Pubkey = PROGRAM_ID) -> Pubkey:
    """The Oracle PDA ``["oracle", authority, seed as u64 LE]``."""
    return find_oracle_address(authority, seed, program_id)[0]


def find_perp_market_address(index: int, program_id: Pubkey = PROGRAM_ID) -> tuple[Pubkey, int]:
    """The PerpMarket PDA ``["perp_market", index as u16 LE]``."""
    _check_range(index, 16, "market index")
    return Pubkey.find_program_address([PERP_MARKET_SEED, index.to_bytes(2, "little")], program_id)


def perp_market_address(index: int, program_id: Pubkey = PROGRAM_ID) -> Pubkey:
    """The PerpMarket PDA ``["perp_market", index as u16 LE]``."""
    return find_perp_market_address(index, program_id)[0]


def find_margin_account_address(
    owner: Pubkey, account_index: int = 0, program_id: Pubkey = PROGRAM_ID
) -> tuple[Pubkey, int]:
    """The MarginAccount PDA ``["margin", owner, index as u8]``."""
    _check_range(account_index, 8, "margin account index")
    return Pubkey.find_program_address(
        [MARGIN_SEED, bytes(owner), bytes([account_index])], program_id
    )


def margin_account_address(
    owner: Pubkey, account_index: int = 0, program_id: Pubkey = PROGRAM_ID
) -> Pubkey:
    """The MarginAccount PDA ``["margin", owner, index as u8]``."""
    return find_margin_account_address(owner, account_index, program_id)[0]


TRIGGER_ORDER_SEED = b"trigger"


def find_trigger_order_address(
    margin_account: Pubkey, trigger_id: int, program_id: Pubkey = PROGRAM_ID
) -> tuple[Pubkey, int]:
    """The TriggerOrder PDA ``["trigger", margin_account, id as u64 LE]``."""
    _check_range(trigger_id, 64, "trigger order id")
    return Pubkey.find_program_address(
        [TRIGGER_ORDER_SEED, bytes(margin_account), trigger_id.to_bytes(8, "little")], program_id
    )


def trigger_order_address(
    margin_account: Pubkey, trigger_id: int, program_id: Pubkey = PROGRAM_ID
) -> Pubkey:
    """The TriggerOrder PDA ``["trigger", margin_account, id as u64 LE]``."""
    return find_trigger_order_address(margin_account, trigger_id, program_id)[0]


AUCTION_SEED = b"auction"


def auction_address(
    taker_margin: Pubkey, auction_id: int, program_id: Pubkey = PROGRAM_ID
) -> Pubkey:
    """The Auction PDA ``["auction", taker margin account, auction_id u64 LE]``."""
    _check_range(auction_id, 64, "auction id")
    return Pubkey.find_program_address(
        [AUCTION_SEED, bytes(taker_margin), auction_id.to_bytes(8, "little")], program_id
    )[0]
