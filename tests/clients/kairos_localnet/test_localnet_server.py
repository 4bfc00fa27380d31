"""The Localnet itself: in-process use, warps, program deployment, fixtures and the CLI.

These tests start their own embedded localnets (warps must not leak into the
shared session one), so they don't run against an external cluster.
"""

from __future__ import annotations

import json
import os
import signal
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest
from kairos_localnet.ledger import BPF_LOADER_UPGRADEABLE_ID, CLOCK_ID
from kairos_localnet.programs import ProgramConfigError, load_programs, read_program_specs
from kairos_localnet.server import Localnet, LocalnetThread, free_port_pair
from kairos_localnet.svm import make_svm
from kairos_localnet.testing import Cluster, start_cluster, ws_url_for
from solana.rpc.api import Client
from solana.rpc.async_api import AsyncClient
from solana.rpc.core import RPCException
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.message import Message
from solders.pubkey import Pubkey
from solders.transaction import Transaction

MEMO_V3 = Pubkey.from_string("MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr")


def memo_program_elf() -> bytes:
    # LiteSVM ships SPL Memo as a loader-v2 program; its ELF deploys anywhere.
    account = make_svm().get_account(MEMO_V3)
    assert account is not None
    return bytes(account.data)


async def read_clock(client: AsyncClient) -> tuple[int, int, int]:
    info = (await client.get_account_info(CLOCK_ID)).value
    assert info is not None
    slot, _, epoch, _, unix_timestamp = struct.unpack("<QqQQq", bytes(info.data))
    return slot, epoch, unix_timestamp


async def test_in_process_localnet_and_warps() -> None:
    async with Localnet(slot_ms=20) as net, AsyncClient(net.rpc_url) as client:
        assert net.ws_url.endswith(str(net.port + 1))
        start_slot, _, start_time = await read_clock(client)
        assert abs(start_time - time.time()) < 5
        blockhash = (await client.get_latest_blockhash()).value.blockhash

        target = start_slot + 10_000
        net.warp_slot(target)
        slot, epoch, unix_timestamp = await read_clock(client)
        # 20 ms slots: the clock may tick between the warp and a read (more so under load).
        assert target <= slot <= target + 50
        assert target <= (await client.get_slot()).value <= target + 50
        assert epoch == (await client.get_epoch_info()).value.epoch > 0
        assert unix_timestamp - start_time >= 10_000 * 0.020 - 1

        net.warp_time(86_400)
        slot, _, later = await read_clock(client)
        assert later - unix_timestamp >= 86_400
        assert slot >= target + 86_400 / 0.020 - 1

        # A warp is one new block: blockhashes from before stay valid.
        assert (await client.get_block_height()).value <= 1000
        assert net.ledger.is_blockhash_valid(blockhash)
        with pytest.raises(RPCException):
            await client.get_block_time(target - 1)  # skipped by the warp
        assert (await client.get_block_time(target)).value is not None
        with pytest.raises(ValueError):
            net.warp_slot(slot)


async def test_deploys_programs_through_the_upgradeable_loader() -> None:
    program = Keypair()
    async with Localnet(slot_ms=50, programs=[(program, memo_program_elf())]) as net:
        assert net.deployed == [program]
        async with AsyncClient(net.rpc_url) as client:
            info = (await client.get_account_info(program.pubkey())).value
            assert info is not None and info.executable and info.owner == BPF_LOADER_UPGRADEABLE_ID
            owned = (
                await client.get_program_accounts(BPF_LOADER_UPGRADEABLE_ID, encoding="base64")
            ).value
            assert program.pubkey() in {a.pubkey for a in owned}
            assert len(owned) == 2  # the program and its ProgramData

            payer = Keypair()
            await client.request_airdrop(payer.pubkey(), 10**9)
            blockhash = (await client.get_latest_blockhash()).value.blockhash
            ix = Instruction(program.pubkey(), b"deployed", [])
            tx = Transaction(
                [payer], Message.new_with_blockhash([ix], payer.pubkey(), blockhash), blockhash
            )
            simulated = (await client.simulate_transaction(tx)).value
            assert simulated.err is None
            assert simulated.logs is not None
            assert 'Program log: Memo (len 8): "deployed"' in simulated.logs


def write_anchor_root(root: Path, keypair: Keypair, so: bytes | None, program_id: Pubkey) -> None:
    (root / "Anchor.toml").write_text(
        f"""
[programs.localnet]
memo = "{program_id}"

[kairos.programs.memo]
so = "target/deploy/memo.so"
keypair = "memo-keypair.json"
"""
    )
    (root / "memo-keypair.json").write_text(json.dumps(list(bytes(keypair))))
    if so is not None:
        (root / "target/deploy").mkdir(parents=True)
        (root / "target/deploy/memo.so").write_bytes(so)


def test_anchor_toml_programs(tmp_path: Path) -> None:
    keypair = Keypair()
    write_anchor_root(tmp_path, keypair, b"\x7fELF", keypair.pubkey())
    (spec,) = read_program_specs(tmp_path)
    assert (spec.name, spec.program_id) == ("memo", keypair.pubkey())
    assert load_programs(tmp_path, build=False) == [(keypair, b"\x7fELF")]

    wrong = tmp_path / "wrong"
    wrong.mkdir()
    write_anchor_root(wrong, keypair, b"\x7fELF", Keypair().pubkey())
    with pytest.raises(ProgramConfigError, match="Anchor.toml says"):
        load_programs(wrong, build=False)

    unbuilt = tmp_path / "unbuilt"
    unbuilt.mkdir()
    write_anchor_root(unbuilt, keypair, None, keypair.pubkey())
    assert load_programs(unbuilt, build=False) == []
    assert read_program_specs(tmp_path / "nowhere") == []


def test_localnet_thread_deploys_from_anchor_toml(tmp_path: Path) -> None:
    keypair = Keypair()
    write_anchor_root(tmp_path, keypair, memo_program_elf(), keypair.pubkey())
    with LocalnetThread(slot_ms=50, root=tmp_path, build=False) as net:
        client = Client(net.rpc_url)
        info = client.get_account_info(keypair.pubkey()).value
        assert info is not None and info.executable
        before = client.get_slot().value
        net.warp_slot(before + 50)
        assert client.get_slot().value >= before + 50
        assert net.call(lambda ledger: ledger.slot) >= before + 50


def test_ports_are_released_on_stop() -> None:
    net = LocalnetThread(slot_ms=50).start()
    port = net.net.port
    net.stop()
    with LocalnetThread(port=port, slot_ms=50) as again:
        assert again.net.port == port
        assert Client(again.rpc_url).is_connected()


def test_external_cluster_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAIROS_RPC_URL", "http://127.0.0.1:1234")
    monkeypatch.delenv("KAIROS_LOCALNET", raising=False)
    with start_cluster() as cluster:
        assert cluster == Cluster("http://127.0.0.1:1234", "ws://127.0.0.1:1235", "url")
        assert not cluster.can_warp
        with pytest.raises(pytest.skip.Exception):
            cluster.warp_slot(10)
    assert ws_url_for("https://rpc.example.com/key") == "wss://rpc.example.com/key"


def test_cli_runs_until_interrupted(tmp_path: Path) -> None:
    port = free_port_pair()
    process = subprocess.Popen(
        [sys.executable, "-m", "kairos_cli", "localnet", "--port", str(port), "--slot-ms", "50",
         "--root", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    try:
        assert process.stdout is not None
        banner = [process.stdout.readline() for _ in range(3)]
        assert f"JSON RPC URL: http://127.0.0.1:{port}\n" in banner
        assert f"WebSocket URL: ws://127.0.0.1:{port + 1}\n" in banner
        assert Client(f"http://127.0.0.1:{port}").is_connected()
    finally:
        process.send_signal(signal.SIGINT)
        returncode = process.wait(timeout=15)
    assert returncode == 0, process.stderr.read() if process.stderr else ""
