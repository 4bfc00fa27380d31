"""Deploy a program into LiteSVM through the upgradeable loader's own instructions.

``LiteSVM.add_program`` skips the loader's deployment checks: a bad ELF or an
unknown syscall shows up only when called, without detail. Deploying the way
``solana program deploy`` does (buffer, writes, DeployWithMaxDataLen) runs the
strict verifier, whose messages (``Unresolved symbol (x) at instruction #30``)
end up in the DeployError. It needs a LiteSVM from ``kairos_localnet.svm.make_svm``
(the feature ``disable_new_loader_v3_deployments`` off).

Instruction data is bincode of the loader's ``UpgradeableLoaderInstruction``
(solana-loader-v3-interface): a u32 little-endian variant tag, then the fields.
"""

from __future__ import annotations

import struct

from solders.hash import Hash
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.litesvm import LiteSVM
from solders.message import Message
from solders.pubkey import Pubkey
from solders.system_program import ID as SYSTEM_PROGRAM_ID
from solders.system_program import CreateAccountParams, create_account
from solders.sysvar import CLOCK, RENT
from solders.transaction import Transaction
from solders.transaction_metadata import FailedTransactionMetadata

BPF_LOADER_UPGRADEABLE_ID = Pubkey.from_string("BPFLoaderUpgradeab1e11111111111111111111111")

# UpgradeableLoaderState sizes: u32 tag + Option<Pubkey> authority for a buffer,
# u32 tag + programdata address for a program.
BUFFER_METADATA_SIZE = 37
PROGRAM_ACCOUNT_SIZE = 36
PACKET_DATA_SIZE = 1232  # the largest serialized transaction a validator accepts

_INITIALIZE_BUFFER, _WRITE, _DEPLOY_WITH_MAX_DATA_LEN = 0, 1, 2


class DeployError(Exception):
    """A deployment transaction failed; the message carries the loader's logs."""


def programdata_address(program_id: Pubkey) -> Pubkey:
    """Return the ProgramData account the loader derives for ``program_id``."""
    return Pubkey.find_program_address([bytes(program_id)], BPF_LOADER_UPGRADEABLE_ID)[0]


def initialize_buffer_ix(buffer: Pubkey, authority: Pubkey) -> Instruction:
    """Build InitializeBuffer: [buffer (w), authority]."""
    return Instruction(
        BPF_LOADER_UPGRADEABLE_ID,
        struct.pack("<I", _INITIALIZE_BUFFER),
        [AccountMeta(buffer, False, True), AccountMeta(authority, False, False)],
    )


def write_ix(buffer: Pubkey, authority: Pubkey, offset: int, chunk: bytes) -> Instruction:
    """Build Write { offset: u32, bytes: Vec<u8> }: [buffer (w), authority (s)]."""
    return Instruction(
        BPF_LOADER_UPGRADEABLE_ID,
        struct.pack("<IIQ", _WRITE, offset, len(chunk)) + chunk,
        [AccountMeta(buffer, False, True), AccountMeta(authority, True, False)],
    )


def deploy_with_max_data_len_ix(
    payer: Pubkey, program_id: Pubkey, buffer: Pubkey, authority: Pubkey, max_data_len: int
) -> Instruction:
    """Build DeployWithMaxDataLen { max_data_len: u64 } with the loader's 8 accounts."""
    return Instruction(
        BPF_LOADER_UPGRADEABLE_ID,
        struct.pack("<IQ", _DEPLOY_WITH_MAX_DATA_LEN, max_data_len),
        [
            AccountMeta(payer, True, True),
            AccountMeta(programdata_address(program_id), False, True),
            AccountMeta(program_id, False, True),
            AccountMeta(buffer, False, True),
            AccountMeta(RENT, False, False),
            AccountMeta(CLOCK, False, False),
            AccountMeta(SYSTEM_PROGRAM_ID, False, False),
            AccountMeta(authority, True, False),
        ],
    )


def _transaction(
    svm: LiteSVM, payer: Keypair, ixs: list[Instruction], signers: list[Keypair]
) -> Transaction:
    unique = {bytes(k.pubkey()): k for k in [payer, *signers]}
    message = Message.new_with_blockhash(ixs, payer.pubkey(), svm.latest_blockhash())
    return Transaction(list(unique.values()), message, svm.latest_blockhash())


def _send(svm: LiteSVM, tx: Transaction, step: str) -> None:
    result = svm.send_transaction(tx)
    if isinstance(result, FailedTransactionMetadata):
        logs = "\n".join(result.meta().logs())
        raise DeployError(f"{step} failed: {result.err()}\n{logs}")


def _chunk_size(payer: Keypair, buffer: Pubkey, authority: Keypair) -> int:
    """Return the largest Write payload whose transaction fits in a packet."""
    probe = Message.new_with_blockhash(
        [write_ix(buffer, authority.pubkey(), 0, b"\0")], payer.pubkey(), Hash.default()
    )
    size = len(bytes(Transaction([payer, authority], probe, Hash.default())))
    # The 1-byte payload's compact-u16 length grows to 2 bytes for big payloads.
    return PACKET_DATA_SIZE - size - 1


def deploy_program(
    svm: LiteSVM,
    payer: Keypair,
    program_keypair: Keypair,
    so_bytes: bytes,
    upgrade_authority: Keypair | None = None,
    *,
    max_data_len: int | None = None,
) -> None:
    """Deploy ``so_bytes`` at ``program_keypair``'s address with the upgradeable loader.

    ``payer`` funds the buffer, program and ProgramData accounts; the upgrade
    authority defaults to the payer and ``max_data_len`` (room for upgrades) to
    twice the program's size. Raises DeployError with the transaction logs when a
    step fails, e.g. when the loader's verifier rejects the ELF.
    """
    authority = upgrade_authority or payer
    buffer = Keypair()
    program_id = program_keypair.pubkey()
    buffer_size = BUFFER_METADATA_SIZE + len(so_bytes)
    create_buffer = create_account(
        CreateAccountParams(
            from_pubkey=payer.pubkey(),
            to_pubkey=buffer.pubkey(),
            lamports=svm.minimum_balance_for_rent_exemption(buffer_size),
            space=buffer_size,
            owner=BPF_LOADER_UPGRADEABLE_ID,
        )
    )
    init = initialize_buffer_ix(buffer.pubkey(), authority.pubkey())
    _send(svm, _transaction(svm, payer, [create_buffer, init], [buffer]), "create buffer")

    chunk = _chunk_size(payer, buffer.pubkey(), authority)
    for offset in range(0, len(so_bytes), chunk):
        piece = so_bytes[offset : offset + chunk]
        ix = write_ix(buffer.pubkey(), authority.pubkey(), offset, piece)
        tx = _transaction(svm, payer, [ix], [authority])
        if len(bytes(tx)) > PACKET_DATA_SIZE:  # a validator would drop it
            raise DeployError(f"write transaction is {len(bytes(tx))} bytes, over a packet")
        _send(svm, tx, f"write at offset {offset}")

    create_program = create_account(
        CreateAccountParams(
            from_pubkey=payer.pubkey(),
            to_pubkey=program_id,
            lamports=svm.minimum_balance_for_rent_exemption(PROGRAM_ACCOUNT_SIZE),
            space=PROGRAM_ACCOUNT_SIZE,
            owner=BPF_LOADER_UPGRADEABLE_ID,
        )
    )
    deploy = deploy_with_max_data_len_ix(
        payer.pubkey(),
        program_id,
        buffer.pubkey(),
        authority.pubkey(),
        max_data_len if max_data_len is not None else 2 * len(so_bytes),
    )
    tx = _transaction(svm, payer, [create_program, deploy], [program_keypair, authority])
    _send(svm, tx, "deploy")
