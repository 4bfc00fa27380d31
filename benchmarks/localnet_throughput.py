"""Throughput of the embedded localnet: send + confirm per second.

Measures, in one run:
- LiteSVM called directly in-process (the ceiling),
- the Ledger in-process (what the localnet adds per transaction: preflight,
  balance snapshots, indexes, history), no HTTP, with preflight as a separate
  simulation (two runs) and inside the commit (one run, what the server does),
- solana-py's AsyncClient, one client sending and confirming sequentially,
- the same with N concurrent clients in this one process (one core, one GIL),
- N clients each in its own process (how separate test suites or bots run),
- N clients in this process each keeping 32 transactions in flight and confirming
  them with one getSignatureStatuses (how a high-throughput client sends),
against a `kairos localnet` server in its own process (as users run it), and
prints a table with the ratios to LiteSVM direct. Transactions are signed before
timing starts, so the figures measure the RPC path, not ed25519 in Python.

    python benchmarks/localnet_throughput.py [--count 2000] [--clients 8]
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import multiprocessing.synchronize
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass

from kairos_localnet.ledger import Ledger
from kairos_localnet.server import free_port_pair
from kairos_localnet.svm import make_svm
from solana.rpc.async_api import AsyncClient
from solana.rpc.commitment import Confirmed
from solana.rpc.types import TxOpts
from solders.hash import Hash
from solders.keypair import Keypair
from solders.message import Message
from solders.pubkey import Pubkey
from solders.signature import Signature
from solders.system_program import TransferParams, transfer
from solders.transaction import Transaction, VersionedTransaction

LAMPORTS = 1_000_000_000_000
# Pipelined clients keep this many transactions in flight and confirm them with one
# getSignatureStatuses (at most 256 signatures per call).
PIPELINE_WINDOW = 32


@dataclass
class Result:
    name: str
    transactions: int
    seconds: float
    server_cpu: float | None = None  # server process CPU seconds during the run

    @property
    def server_busy(self) -> str:
        return "-" if self.server_cpu is None else f"{self.server_cpu / self.seconds:.0%}"

    @property
    def rate(self) -> float:
        return self.transactions / self.seconds


def transfers(payer: Keypair, blockhash: Hash, count: int) -> list[Transaction]:
    """Distinct signed transfers (distinct amounts make distinct signatures)."""
    to = Pubkey.new_unique()
    out = []
    for i in range(count):
        ix = transfer(TransferParams(from_pubkey=payer.pubkey(), to_pubkey=to, lamports=1 + i))
        out.append(
            Transaction(
                [payer], Message.new_with_blockhash([ix], payer.pubkey(), blockhash), blockhash
            )
        )
    return out


def bench_litesvm(count: int) -> Result:
    svm = make_svm()
    payer = Keypair()
    svm.airdrop(payer.pubkey(), LAMPORTS)
    txs = transfers(payer, svm.latest_blockhash(), count)
    start = time.perf_counter()
    for tx in txs:
        svm.send_transaction(tx)
    return Result("LiteSVM direct (in-process)", count, time.perf_counter() - start)


def bench_ledger(count: int, *, one_run: bool) -> Result:
    """The Ledger in-process: preflight and commit as sendTransaction does them.

    ``one_run`` is what the server does (Ledger.execute with preflight: run once, put
    back a failure's fee); otherwise simulate first, then commit (two runs), the
    server's former path, kept as the baseline of that change.
    """
    ledger = Ledger()
    payer = Keypair()
    ledger.airdrop(payer.pubkey(), LAMPORTS)
    txs = [
        VersionedTransaction.from_legacy(t)
        for t in transfers(payer, ledger.latest_blockhash, count)
    ]
    start = time.perf_counter()
    for tx in txs:
        if one_run:
            assert ledger.execute(tx, preflight=True) is not None
        else:
            assert ledger.simulate(tx).err is None
            ledger.execute(tx)
    name = (
        "Ledger: preflight in the commit (in-process)"
        if one_run
        else ("Ledger: simulate, then commit (in-process)")
    )
    return Result(name, count, time.perf_counter() - start)


async def funded(client: AsyncClient) -> Keypair:
    payer = Keypair()
    signature = (await client.request_airdrop(payer.pubkey(), LAMPORTS)).value
    await client.confirm_transaction(signature, Confirmed, sleep_seconds=0.01)
    return payer


async def send_and_confirm(client: AsyncClient, txs: list[Transaction]) -> None:
    opts = TxOpts(preflight_commitment=Confirmed)
    for tx in txs:
        signature = (await client.send_transaction(tx, opts=opts)).value
        status = await client.confirm_transaction(signature, Confirmed, sleep_seconds=0.01)
        assert status.value[0] is not None and status.value[0].err is None


async def send_and_confirm_pipelined(
    client: AsyncClient, txs: list[Transaction], window: int = PIPELINE_WINDOW
) -> None:
    """Keep ``window`` transactions in flight; confirm each window with one status call."""
    opts = TxOpts(preflight_commitment=Confirmed)
    for start in range(0, len(txs), window):
        chunk = txs[start : start + window]
        sent = await asyncio.gather(*(client.send_transaction(tx, opts=opts) for tx in chunk))
        pending = [r.value for r in sent]
        for _ in range(1000):  # bounded: statuses are there at once on the localnet
            statuses = (await client.get_signature_statuses(pending)).value
            if all(s is not None and s.confirmation_status is not None for s in statuses):
                assert all(s is not None and s.err is None for s in statuses)
                break
            await asyncio.sleep(0.01)
        else:
            raise RuntimeError("transactions not confirmed")


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process (Linux /proc; None elsewhere)."""
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def bench_rpc(
    rpc_url: str, count: int, clients: int, server_pid: int, *, pipelined: bool = False
) -> Result:
    per_client = count // clients
    connections = [AsyncClient(rpc_url, commitment=Confirmed) for _ in range(clients)]
    try:
        payers = [await funded(c) for c in connections]
        blockhash = (await connections[0].get_latest_blockhash()).value.blockhash
        batches = [transfers(p, blockhash, per_client) for p in payers]
        cpu_before = cpu_seconds(server_pid)
        start = time.perf_counter()
        run = send_and_confirm_pipelined if pipelined else send_and_confirm
        await asyncio.gather(*(run(c, b) for c, b in zip(connections, batches, strict=True)))
        elapsed = time.perf_counter() - start
        cpu_after = cpu_seconds(server_pid)
    finally:
        for c in connections:
            await c.close()
    name = (
        "solana-py AsyncClient, sequential"
        if clients == 1
        else f"solana-py AsyncClient, {clients} concurrent"
    )
    if pipelined:
        name = f"solana-py AsyncClient, {clients} x {PIPELINE_WINDOW} in flight"
    server_cpu = None if cpu_before is None or cpu_after is None else cpu_after - cpu_before
    return Result(name, per_client * clients, elapsed, server_cpu)


def _client_process(
    rpc_url: str,
    per_client: int,
    ready: multiprocessing.Queue,
    go: multiprocessing.synchronize.Event,
    done: multiprocessing.Queue,
    pipelined: bool = False,
) -> None:
    """One solana-py client in its own process: fund, sign, wait for the start, send+confirm."""

    async def run() -> None:
        async with AsyncClient(rpc_url, commitment=Confirmed) as client:
            payer = await funded(client)
            blockhash = (await client.get_latest_blockhash()).value.blockhash
            batch = transfers(payer, blockhash, per_client)
            ready.put(True)
            while not go.is_set():  # bounded by the parent's timeout
                await asyncio.sleep(0.005)
            await (send_and_confirm_pipelined if pipelined else send_and_confirm)(client, batch)
            done.put(time.perf_counter())

    asyncio.run(run())


async def bench_rpc_processes(
    rpc_url: str, count: int, clients: int, server_pid: int, *, pipelined: bool = False
) -> Result:
    """``clients`` solana-py clients, each in its own process (as separate test suites run)."""
    ctx = multiprocessing.get_context("spawn")
    per_client = count // clients
    ready: multiprocessing.Queue = ctx.Queue()
    done: multiprocessing.Queue = ctx.Queue()
    go = ctx.Event()
    procs = [
        ctx.Process(target=_client_process, args=(rpc_url, per_client, ready, go, done, pipelined))
        for _ in range(clients)
    ]
    for proc in procs:
        proc.start()
    try:
        for _ in procs:
            await asyncio.to_thread(ready.get, True, 120)
        cpu_before = cpu_seconds(server_pid)
        start = time.perf_counter()
        go.set()
        finished = [await asyncio.to_thread(done.get, True, 600) for _ in procs]
        elapsed = max(finished) - start
        cpu_after = cpu_seconds(server_pid)
    finally:
        for proc in procs:
            proc.join(timeout=30)
            if proc.is_alive():
                proc.terminate()
    server_cpu = None if cpu_before is None or cpu_after is None else cpu_after - cpu_before
    name = f"solana-py AsyncClient, {clients} processes"
    if pipelined:
        name += f" x {PIPELINE_WINDOW} in flight"
    return Result(name, per_client * clients, elapsed, server_cpu)


async def client_cpu_per_call(rpc_url: str, calls: int = 2000) -> tuple[float, float]:
    """solana-py's own CPU time per RPC call (ms) and the calls per second, one client.

    A cheap call (getSignatureStatuses of an unknown signature) on an idle server: what
    the client library spends per round trip, which bounds what N clients on this
    machine's cores can send whatever the server does.
    """
    signatures = [Signature.new_unique()]
    async with AsyncClient(rpc_url) as client:
        cpu, start = time.process_time(), time.perf_counter()
        for _ in range(calls):
            await client.get_signature_statuses(signatures)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - start
    return cpu / calls * 1e3, calls / wall


async def wait_healthy(rpc_url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    async with AsyncClient(rpc_url) as client:
        while True:
            try:
                if await client.is_connected():
                    return
            except Exception:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("localnet did not start")
            await asyncio.sleep(0.1)


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=2000, help="transactions per measurement")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument("--slot-ms", type=int, default=400)
    args = parser.parse_args()

    results = [
        bench_litesvm(args.count * 5),
        bench_ledger(args.count * 2, one_run=False),
        bench_ledger(args.count * 2, one_run=True),
    ]
    port = free_port_pair()
    with tempfile.TemporaryDirectory() as empty_root:  # no Anchor.toml: no programs
        server = subprocess.Popen(
            [sys.executable, "-m", "kairos_cli", "localnet", "--port", str(port),
             "--slot-ms", str(args.slot_ms), "--root", empty_root, "--bare"],
            stdout=subprocess.DEVNULL,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )  # fmt: skip
        try:
            rpc_url = f"http://127.0.0.1:{port}"
            await wait_healthy(rpc_url)
            client_cpu_ms, call_rate = await client_cpu_per_call(rpc_url)
            results.append(await bench_rpc(rpc_url, args.count, 1, server.pid))
            results.append(await bench_rpc(rpc_url, args.count * 2, args.clients, server.pid))
            results.append(
                await bench_rpc_processes(rpc_url, args.count * 2, args.clients, server.pid)
            )
            results.append(
                await bench_rpc(rpc_url, args.count * 2, args.clients, server.pid, pipelined=True)
            )
            results.append(
                await bench_rpc_processes(
                    rpc_url, args.count * 2, args.clients, server.pid, pipelined=True
                )
            )
        finally:
            server.terminate()
            server.wait(timeout=10)

    base = results[0].rate
    header = f"{'mode':<42} {'tx':>7} {'seconds':>8} {'tx/s':>9} {'vs LiteSVM':>11}"
    print(f"{header} {'server CPU':>11}")
    for r in results:
        ratio = r.rate / base
        row = f"{r.name:<42} {r.transactions:>7} {r.seconds:>8.2f} {r.rate:>9.0f} {ratio:>10.3f}x"
        print(f"{row} {r.server_busy:>11}")
    print(
        f"solana-py client CPU per RPC call: {client_cpu_ms:.2f} ms ({call_rate:.0f} calls/s, one"
        " client); send + confirm is two calls, so N clients need about"
        f" {2 * client_cpu_ms:.1f} ms of CPU per transaction on their side"
    )
    print(f"({os.cpu_count()} cores; server in its own process; sendTransaction with preflight;")
    print(" server CPU = the server process's CPU time / wall time;")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f" load average at the end (1/5/15 min): {load}: other work on the machine)")


if __name__ == "__main__":
    asyncio.run(main())
