"""A pytest plugin for integrators: AnchorPy-style fixtures without the Anchor CLI.

Installed with the package (entry point ``pytest11``), so a test suite gets, with
no conftest.py:

- ``anchor_localnet`` (session): a running cluster with the programs of the
  project's Anchor.toml deployed: the embedded Kairos localnet by default, the
  cluster at ``KAIROS_RPC_URL`` if set (programs already deployed there), or a
  ``solana-test-validator`` on PATH (started with the programs);
- ``anchor_provider``: an AnchorPy ``Provider`` whose wallet is a new keypair
  funded by an airdrop (10 SOL), on the test's event loop;
- ``anchor_workspace``: ``{program name: anchorpy.Program}`` built from the IDLs,
  bound to ``anchor_provider``.

Like AnchorPy's ``localnet_fixture`` / ``workspace_fixture`` / ``create_workspace``,
``localnet_fixture(path)`` and ``workspace_fixture(path)`` make such fixtures for
another project root, and ``create_workspace(path, provider)`` builds the Programs.
The root is, in order: ``--kairos-anchor-root``, the ``kairos_anchor_root`` ini
option, the nearest Anchor.toml above pytest's rootdir. ``--kairos-no-build``
deploys the built programs as they are. Each program's IDL is
``[kairos.programs.<name>].idl`` of Anchor.toml, else ``target/idl/<name>.json``.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest
from anchorpy.program.core import Program
from anchorpy.provider import Provider, Wallet
from anchorpy_core.idl import Idl
from solana.rpc.async_api import AsyncClient
from solana.rpc.commitment import Confirmed
from solana.rpc.types import TxOpts
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from kairos_localnet.programs import ANCHOR_TOML, find_root, load_programs
from kairos_localnet.testing import ENV_RPC_URL, Cluster, start_cluster

LAMPORTS_PER_SOL = 1_000_000_000
WALLET_LAMPORTS = 10 * LAMPORTS_PER_SOL


class WorkspaceError(Exception):
    """Anchor.toml or an IDL it names is missing or malformed."""


def pytest_addoption(parser: pytest.Parser) -> None:
    """Register the plugin's command-line and ini options."""
    group = parser.getgroup("kairos", "Kairos localnet fixtures")
    group.addoption(
        "--kairos-anchor-root",
        default=None,
        help="directory with the Anchor.toml whose programs the fixtures deploy",
    )
    group.addoption(
        "--kairos-no-build",
        action="store_true",
        default=False,
        help="deploy the programs as built; do not build them first",
    )
    parser.addini("kairos_anchor_root", "directory with Anchor.toml (relative to rootdir)")


def anchor_root(config: pytest.Config) -> Path:
    """The project root whose Anchor.toml the default fixtures use."""
    option = config.getoption("--kairos-anchor-root")
    ini = config.getini("kairos_anchor_root")
    if option:
        return Path(option).resolve()
    if ini:
        return (config.rootpath / str(ini)).resolve()
    found = find_root(config.rootpath)
    if found is None:
        raise WorkspaceError(
            f"no {ANCHOR_TOML} at or above {config.rootpath}: "
            "set --kairos-anchor-root or the kairos_anchor_root ini option"
        )
    return found


def program_idls(root: Path) -> dict[str, tuple[Pubkey, Idl]]:
    """Each program of ``root/Anchor.toml``'s [programs.localnet] with its IDL."""
    path = root / ANCHOR_TOML
    try:
        config = tomllib.loads(path.read_text())
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise WorkspaceError(f"cannot read {path}: {exc}") from exc
    kairos_tables = config.get("kairos", {}).get("programs", {})
    out: dict[str, tuple[Pubkey, Idl]] = {}
    for name, address in config.get("programs", {}).get("localnet", {}).items():
        relative = kairos_tables.get(name, {}).get("idl") or f"target/idl/{name}.json"
        idl_path = root / relative
        try:
            text = idl_path.read_text()
        except OSError as exc:
            raise WorkspaceError(f"{name}: no IDL at {idl_path} ({exc})") from exc
        try:
            idl = Idl.from_json(text)
            program_id = Pubkey.from_string(address)
        except Exception as exc:  # solders raises its own SerdeJSONError, not ValueError
            raise WorkspaceError(f"{name}: bad IDL {idl_path} or address: {exc}") from exc
        out[name] = (program_id, idl)
    return out


def create_workspace(path: Path | str, provider: Provider) -> dict[str, Program]:
    """AnchorPy Programs for every program of ``path/Anchor.toml``, bound to ``provider``."""
    return {
        name: Program(idl, program_id, provider)
        for name, (program_id, idl) in program_idls(Path(path)).items()
    }


def _start(root: Path, *, build: bool, slot_ms: int) -> Iterator[Cluster]:
    # A cluster at KAIROS_RPC_URL has its programs already; building them is moot.
    programs = [] if os.environ.get(ENV_RPC_URL) else load_programs(root, build=build)
    with start_cluster(programs, slot_ms=slot_ms) as cluster:
        yield cluster


def localnet_fixture(
    path: Path | str | None = None, *, scope: str = "session", slot_ms: int = 400
) -> Callable[..., Iterator[Cluster]]:
    """Make a fixture yielding a cluster with ``path``'s Anchor.toml programs deployed.

    ``path`` None: the root from the options (see the module doc).
    """

    @pytest.fixture(scope=scope)  # type: ignore[call-overload,untyped-decorator]
    def _localnet(pytestconfig: pytest.Config) -> Iterator[Cluster]:
        root = Path(path).resolve() if path is not None else anchor_root(pytestconfig)
        build = not pytestconfig.getoption("--kairos-no-build")
        yield from _start(root, build=build, slot_ms=slot_ms)

    return _localnet  # type: ignore[no-any-return]


async def funded_provider(rpc_url: str, lamports: int = WALLET_LAMPORTS) -> Provider:
    """A Provider on ``rpc_url`` whose wallet is a new keypair funded by an airdrop."""
    wallet = Keypair()
    connection = AsyncClient(rpc_url, commitment=Confirmed)
    try:
        signature = (await connection.request_airdrop(wallet.pubkey(), lamports)).value
        await connection.confirm_transaction(signature, Confirmed, sleep_seconds=0.05)
    except BaseException:
        await connection.close()
        raise
    return Provider(connection, Wallet(wallet), TxOpts(preflight_commitment=Confirmed))


def workspace_fixture(
    path: Path | str | None = None, *, cluster: str = "anchor_localnet"
) -> Callable[..., AsyncIterator[dict[str, Program]]]:
    """Make a fixture yielding ``{name: Program}`` with a funded Provider of its own.

    ``cluster`` names the fixture that yields the Cluster (default the plugin's).
    """

    @pytest.fixture
    async def _workspace(
        request: pytest.FixtureRequest, pytestconfig: pytest.Config
    ) -> AsyncIterator[dict[str, Program]]:
        running: Cluster = request.getfixturevalue(cluster)
        root = Path(path).resolve() if path is not None else anchor_root(pytestconfig)
        provider = await funded_provider(running.rpc_url)
        try:
            yield create_workspace(root, provider)
        finally:
            await provider.connection.close()

    return _workspace


anchor_localnet = localnet_fixture()


@pytest.fixture
async def anchor_provider(anchor_localnet: Cluster) -> AsyncIterator[Provider]:
    """A funded AnchorPy Provider on the plugin's cluster (closed after the test)."""
    provider = await funded_provider(anchor_localnet.rpc_url)
    try:
        yield provider
    finally:
        await provider.connection.close()


@pytest.fixture
def anchor_workspace(anchor_provider: Provider, pytestconfig: pytest.Config) -> dict[str, Program]:
    """``{program name: anchorpy.Program}`` of the Anchor.toml programs, on ``anchor_provider``."""
    return create_workspace(anchor_root(pytestconfig), anchor_provider)
