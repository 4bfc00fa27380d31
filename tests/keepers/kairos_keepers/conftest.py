"""Fixtures for the keeper runtime tests: fast RPC clients, funded keypairs, SPL tokens."""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

import pytest
from kairos_keepers.metrics import KeeperMetrics
from kairos_keepers.ratelimit import TokenBucket
from kairos_keepers.retry import RetryPolicy
from kairos_keepers.rpc import RateLimitedRpc
from kairos_keepers.sender import OutcompetedErrors, TransactionSender
from kairos_localnet.testing import Cluster
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.system_program import CreateAccountParams, create_account
from spl.token.constants import TOKEN_PROGRAM_ID
from spl.token.instructions import (
    InitializeAccountParams,
    InitializeMintParams,
    MintToParams,
    initialize_account,
    initialize_mint,
    mint_to,
)

LAMPORTS_PER_SOL = 1_000_000_000
MINT_SIZE = 82
TOKEN_ACCOUNT_SIZE = 165


class FakeClock:
    """A clock whose sleep advances time at once (for token-bucket tests)."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()


def make_rpc(
    url: str,
    *,
    rps: float = 5000.0,
    burst: int = 1000,
    retries: int = 5,
    timeout: float = 5.0,
    metrics: KeeperMetrics | None = None,
    base_delay: float = 0.001,
    max_delay: float = 0.01,
) -> RateLimitedRpc:
    """A RateLimitedRpc with test-friendly (fast) limits and backoff."""
    return RateLimitedRpc(
        url,
        limiter=TokenBucket(rps, burst),
        retry=RetryPolicy(max_attempts=retries + 1, base_delay=base_delay, max_delay=max_delay),
        metrics=metrics,
        timeout=timeout,
        rng=random.Random(7),
    )


@pytest.fixture
async def rpc(localnet: Cluster) -> AsyncIterator[RateLimitedRpc]:
    client = make_rpc(localnet.rpc_url, metrics=KeeperMetrics("test"))
    yield client
    await client.close()


async def airdrop(rpc: RateLimitedRpc, to: Pubkey, lamports: int) -> None:
    signature = await rpc.call("requestAirdrop", [str(to), lamports])
    for _ in range(200):
        status = (await rpc.call("getSignatureStatuses", [[signature]]))["value"][0]
        if status is not None:
            assert status["err"] is None, status
            return
        await asyncio.sleep(0.02)
    raise AssertionError("airdrop did not land")


@pytest.fixture
def fund(rpc: RateLimitedRpc) -> Callable[..., Awaitable[Keypair]]:
    """A function making a new keypair funded by an airdrop."""

    async def make(lamports: int = 10 * LAMPORTS_PER_SOL) -> Keypair:
        keypair = Keypair()
        await airdrop(rpc, keypair.pubkey(), lamports)
        return keypair

    return make


def make_sender(
    rpc: RateLimitedRpc, payer: Keypair, outcompeted: OutcompetedErrors | None = None, **kw: float
) -> TransactionSender:
    options: dict[str, float] = {
        "confirm_timeout": 10.0,
        "rebroadcast_interval": 0.5,
        "poll_interval": 0.02,
        **kw,
    }
    return TransactionSender(rpc, payer, outcompeted=outcompeted, **options)  # type: ignore[arg-type]


@dataclass
class TokenSetup:
    """A mint and two token accounts of ``owner``; ``source`` holds ``amount`` tokens."""

    mint: Pubkey
    source: Pubkey
    destination: Pubkey
    owner: Keypair
    amount: int


async def rent(rpc: RateLimitedRpc, size: int) -> int:
    return int(await rpc.call("getMinimumBalanceForRentExemption", [size]))


async def create_token_accounts(
    rpc: RateLimitedRpc, owner: Keypair, amount: int = 10, extra_accounts: int = 0
) -> tuple[TokenSetup, list[Pubkey]]:
    """Create a mint, a funded source and an empty destination (plus extra accounts)."""
    sender = make_sender(rpc, owner)
    mint, source, destination = Keypair(), Keypair(), Keypair()
    extras = [Keypair() for _ in range(extra_accounts)]
    mint_rent = await rent(rpc, MINT_SIZE)
    account_rent = await rent(rpc, TOKEN_ACCOUNT_SIZE)
    ixs: list[Instruction] = [
        create_account(
            CreateAccountParams(
                from_pubkey=owner.pubkey(),
                to_pubkey=mint.pubkey(),
                lamports=mint_rent,
                space=MINT_SIZE,
                owner=TOKEN_PROGRAM_ID,
            )
        ),
        initialize_mint(
            InitializeMintParams(
                decimals=0,
                program_id=TOKEN_PROGRAM_ID,
                mint=mint.pubkey(),
                mint_authority=owner.pubkey(),
            )
        ),
    ]
    outcome = await sender.send(ixs, [mint])
    assert outcome.landed, outcome
    for account in [source, destination, *extras]:
        ixs = [
            create_account(
                CreateAccountParams(
                    from_pubkey=owner.pubkey(),
                    to_pubkey=account.pubkey(),
                    lamports=account_rent,
                    space=TOKEN_ACCOUNT_SIZE,
                    owner=TOKEN_PROGRAM_ID,
                )
            ),
            initialize_account(
                InitializeAccountParams(
                    program_id=TOKEN_PROGRAM_ID,
                    account=account.pubkey(),
                    mint=mint.pubkey(),
                    owner=owner.pubkey(),
                )
            ),
        ]
        outcome = await sender.send(ixs, [account])
        assert outcome.landed, outcome
    outcome = await sender.send(
        [
            mint_to(
                MintToParams(
                    program_id=TOKEN_PROGRAM_ID,
                    mint=mint.pubkey(),
                    dest=source.pubkey(),
                    mint_authority=owner.pubkey(),
                    amount=amount,
                )
            )
        ]
    )
    assert outcome.landed, outcome
    setup = TokenSetup(mint.pubkey(), source.pubkey(), destination.pubkey(), owner, amount)
    return setup, [k.pubkey() for k in extras]
