"""Deployment through the upgradeable loader's own instructions, into make_svm()."""

from __future__ import annotations

import struct
from collections.abc import Callable
from typing import Any

import pytest
from kairos_localnet.svm import GENESIS_LAMPORTS, make_svm
from kairos_toolchain.deploy import (
    BPF_LOADER_UPGRADEABLE_ID,
    DeployError,
    deploy_program,
    deploy_with_max_data_len_ix,
    programdata_address,
    write_ix,
)
from kairos_toolchain.linker import SYSCALLS
from solders.keypair import Keypair
from solders.litesvm import FeatureSet, LiteSVM
from solders.pubkey import Pubkey
from solders.sysvar import CLOCK, RENT

# UpgradeableLoaderState::ProgramData: u32 tag 3, u64 slot, Option<Pubkey> authority.
PROGRAMDATA_HEADER = 45


@pytest.fixture(scope="module")
def features_so(build_so: Callable[..., bytes]) -> bytes:
    return build_so("features.c")


def _funded(svm: LiteSVM) -> Keypair:
    payer = Keypair()
    svm.airdrop(payer.pubkey(), 100 * 10**9)
    return payer


def test_instruction_encoding() -> None:
    buffer, authority = Pubkey.new_unique(), Pubkey.new_unique()
    ix = write_ix(buffer, authority, 300, b"abc")
    assert bytes(ix.data) == struct.pack("<IIQ", 1, 300, 3) + b"abc"
    assert [(m.pubkey, m.is_signer, m.is_writable) for m in ix.accounts] == [
        (buffer, False, True),
        (authority, True, False),
    ]
    payer, program = Pubkey.new_unique(), Pubkey.new_unique()
    deploy = deploy_with_max_data_len_ix(payer, program, buffer, authority, 4096)
    assert bytes(deploy.data) == struct.pack("<IQ", 2, 4096)
    assert deploy.program_id == BPF_LOADER_UPGRADEABLE_ID
    assert [m.pubkey for m in deploy.accounts] == [
        payer,
        programdata_address(program),
        program,
        buffer,
        RENT,
        CLOCK,
        Pubkey.from_string("11111111111111111111111111111111"),
        authority,
    ]
    assert [m.is_signer for m in deploy.accounts] == [True] + [False] * 6 + [True]


def test_deployed_program_accounts(features_so: bytes) -> None:
    svm = make_svm()
    payer, program, authority = _funded(svm), Keypair(), Keypair()
    # features.so is several packets long: the buffer is filled by many Writes.
    assert len(features_so) > 3 * 1000
    deploy_program(svm, payer, program, features_so, upgrade_authority=authority)

    account = svm.get_account(program.pubkey())
    assert account is not None and account.executable
    assert account.owner == BPF_LOADER_UPGRADEABLE_ID
    programdata = programdata_address(program.pubkey())
    assert bytes(account.data) == struct.pack("<I", 2) + bytes(programdata)

    data = bytes(svm.get_account(programdata).data)  # type: ignore[union-attr]
    assert data[:4] == struct.pack("<I", 3)
    assert data[12:45] == b"\x01" + bytes(authority.pubkey())
    assert data[PROGRAMDATA_HEADER : PROGRAMDATA_HEADER + len(features_so)] == features_so
    # Room for upgrades: twice the program by default.
    assert len(data) == PROGRAMDATA_HEADER + 2 * len(features_so)


def test_deployed_program_runs(features_so: bytes, deploy_so: Callable[..., Any]) -> None:
    program = deploy_so(features_so)
    assert "Program log: hello from rodata" in program.ok(bytes([0, 0])).logs()


def test_unknown_syscall_fails_at_deploy_with_the_verifier_message(
    build_so: Callable[..., bytes],
) -> None:
    so = build_so("unknown_syscall.c", syscalls=SYSCALLS | {"sol_definitely_not_a_syscall"})
    svm = make_svm()
    with pytest.raises(DeployError) as info:
        deploy_program(svm, _funded(svm), Keypair(), so)
    message = str(info.value)
    assert "deploy failed" in message
    assert "Unresolved symbol (sol_definitely_not_a_syscall) at instruction #" in message


def test_corrupt_elf_fails_at_deploy(features_so: bytes) -> None:
    broken = bytearray(features_so)
    broken[18] = 0x3E  # e_machine x86-64
    svm = make_svm()
    with pytest.raises(DeployError, match="(?i)elf"):
        deploy_program(svm, _funded(svm), Keypair(), bytes(broken))


def test_make_svm_is_what_allows_loader_v3_deployments(features_so: bytes) -> None:
    # Control: with every feature active (disable_new_loader_v3_deployments too),
    # the loader refuses DeployWithMaxDataLen outright.
    features = FeatureSet.all_enabled()
    svm = (
        LiteSVM.default()
        .with_builtins(features)
        .with_lamports(GENESIS_LAMPORTS)
        .with_sysvars()
        .with_blockhash_check(False)
    )
    with pytest.raises(DeployError, match="Unsupported instruction"):
        deploy_program(svm, _funded(svm), Keypair(), features_so)


def test_redeploying_at_a_used_address_fails(features_so: bytes) -> None:
    svm = make_svm()
    payer, program = _funded(svm), Keypair()
    deploy_program(svm, payer, program, features_so)
    with pytest.raises(DeployError, match="deploy failed"):
        deploy_program(svm, payer, program, features_so)
