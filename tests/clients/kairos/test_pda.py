"""kairos.pda: every seed of ARCHITECTURE / the IDL docs, canonical bumps, argument ranges."""

from __future__ import annotations

import hashlib

import pytest
from kairos import pda
from kairos.program import PROGRAM_ID
from solders.pubkey import Pubkey

OWNER = Pubkey.from_string("BUyrzMZ8qu2gYjxH8wtx7a2e9G1eyDhrdHr3T6GzpBDj")
MINT = Pubkey.from_string("EJJhwAPXuhxX9Q7CAHxeaQ9dzuBErCxxjySBGB5dkF3r")


def test_addresses_use_the_documented_seeds() -> None:
    find = Pubkey.find_program_address
    assert pda.exchange_address() == find([b"exchange"], PROGRAM_ID)[0]
    assert pda.collateral_asset_address(MINT) == find([b"collateral", bytes(MINT)], PROGRAM_ID)[0]
    assert pda.vault_address(MINT) == find([b"vault", bytes(MINT)], PROGRAM_ID)[0]
    assert pda.insurance_vault_address(MINT) == find([b"insurance", bytes(MINT)], PROGRAM_ID)[0]
    assert (
        pda.oracle_address(OWNER, 258)
        == find([b"oracle", bytes(OWNER), (258).to_bytes(8, "little")], PROGRAM_ID)[0]
    )
    assert pda.perp_market_address(3) == find([b"perp_market", b"\x03\x00"], PROGRAM_ID)[0]
    assert (
        pda.margin_account_address(OWNER, 7)
        == find([b"margin", bytes(OWNER), b"\x07"], PROGRAM_ID)[0]
    )


def _derive(seeds: list[bytes], bump: int) -> Pubkey:
    # Solana's create_program_address, written out: sha256(seeds ‖ bump ‖ program ‖ marker).
    digest = hashlib.sha256(
        b"".join(seeds) + bytes([bump]) + bytes(PROGRAM_ID) + b"ProgramDerivedAddress"
    ).digest()
    return Pubkey(digest)


def test_find_functions_return_the_canonical_bump() -> None:
    seeds = [b"margin", bytes(OWNER), b"\x00"]
    address, bump = pda.find_margin_account_address(OWNER, 0)
    assert _derive(seeds, bump) == address and not address.is_on_curve()
    # Canonical: every higher bump gives an on-curve point (not a valid PDA).
    assert all(_derive(seeds, higher).is_on_curve() for higher in range(bump + 1, 256))


def test_program_id_parameter_changes_the_address() -> None:
    other = Pubkey.new_unique()
    assert pda.exchange_address(other) != pda.exchange_address()
    assert (
        pda.perp_market_address(0, other)
        == Pubkey.find_program_address([b"perp_market", b"\x00\x00"], other)[0]
    )


@pytest.mark.parametrize(
    ("call", "bad"),
    [
        (lambda v: pda.perp_market_address(v), 65_536),
        (lambda v: pda.margin_account_address(OWNER, v), 256),
        (lambda v: pda.oracle_address(OWNER, v), 2**64),
        (lambda v: pda.perp_market_address(v), -1),
    ],
)
def test_out_of_range_indexes_are_refused(call, bad) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError):
        call(bad)


