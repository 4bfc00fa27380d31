"""Fixtures for the localnet tests: the cluster, clients, and funded keypairs."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator

import pytest
from kairos_localnet.testing import Cluster
from solana.rpc.api import Client
from solana.rpc.async_api import AsyncClient
from solana.rpc.commitment import Confirmed
from solders.keypair import Keypair

LAMPORTS_PER_SOL = 1_000_000_000


@pytest.fixture
def client(localnet: Cluster) -> Iterator[Client]:
    c = Client(localnet.rpc_url, commitment=Confirmed)
    yield c
    c._provider.session.close()


@pytest.fixture
async def async_client(localnet: Cluster) -> AsyncIterator[AsyncClient]:
    async with AsyncClient(localnet.rpc_url, commitment=Confirmed) as c:
        yield c


@pytest.fixture
def fund(client: Client) -> Callable[..., Keypair]:
    """Return a function making a new keypair funded by an airdrop."""

    def make(lamports: int = 10 * LAMPORTS_PER_SOL) -> Keypair:
        keypair = Keypair()
        signature = client.request_airdrop(keypair.pubkey(), lamports).value
        client.confirm_transaction(signature, Confirmed, sleep_seconds=0.05)
        return keypair

    return make
