"""The Ledger and codecs in-process: history purging, error wording, number formats."""

from __future__ import annotations

import os

import pytest
from kairos_localnet.codec import b58decode, b58encode, ui_amount_string
from kairos_localnet.errors import describe_transaction_error
from kairos_localnet.ledger import MAX_RECENT_BLOCKHASHES, Ledger
from solders.keypair import Keypair


def test_history_is_purged_once_blockhashes_expire() -> None:
    ledger = Ledger(history_limit=5)
    faucet = ledger.faucet.pubkey()
    early = []
    for _ in range(10):
        early.append(ledger.airdrop(Keypair().pubkey(), 1000))
        ledger.tick()
    assert len(ledger.signatures_for_address(faucet, limit=100)) == 10  # still recent
    for _ in range(MAX_RECENT_BLOCKHASHES):
        ledger.tick()
    late = ledger.airdrop(Keypair().pubkey(), 1000)
    kept = ledger.signatures_for_address(faucet, limit=100)
    assert [r.signature for r in kept] == [late.signature] + [r.signature for r in early[:5:-1]]
    assert ledger.transaction(early[0].signature) is None
    assert ledger.first_available_slot == early[6].slot == 6
    assert ledger.block_time(5) is None and ledger.block_time(6) is not None


def test_transaction_error_wording() -> None:
    assert describe_transaction_error("BlockhashNotFound") == "Blockhash not found"
    assert (
        describe_transaction_error({"InstructionError": [2, {"Custom": 6001}]})
        == "Error processing Instruction 2: custom program error: 0x1771"
    )
    assert (
        describe_transaction_error({"InstructionError": [0, "InvalidAccountData"]})
        == "Error processing Instruction 0: invalid account data for instruction"
    )
    assert (
        describe_transaction_error({"InsufficientFundsForRent": {"account_index": 3}})
        == "Transaction results in an account (3) with insufficient funds for rent"
    )


@pytest.mark.parametrize(
    ("amount", "decimals", "text"),
    [
        (0, 6, "0"),
        (5_000_000, 6, "5"),
        (3_750_000, 6, "3.75"),
        (1, 9, "0.000000001"),
        (42, 0, "42"),
    ],
)
def test_ui_amount_string(amount: int, decimals: int, text: str) -> None:
    assert ui_amount_string(amount, decimals) == text


def test_base58_round_trip() -> None:
    for data in (b"", b"\0", b"\0\0\x01", os.urandom(32), os.urandom(100)):
        assert b58decode(b58encode(data)) == data
    assert b58encode(bytes(Keypair().pubkey())) != ""
    with pytest.raises(ValueError):
        b58decode("0OIl")
