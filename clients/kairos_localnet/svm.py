"""Construction of the LiteSVM instance behind the localnet and the tests."""

from __future__ import annotations

from solders.litesvm import FeatureSet, LiteSVM
from solders.pubkey import Pubkey

# Agave 2.2 refuses new loader-v3 (upgradeable loader) deployments while this
# feature is active. Deploying through the loader's own instruction runs the strict
# ELF verifier with real error messages, so the localnet keeps it inactive.
DISABLE_NEW_LOADER_V3_DEPLOYMENTS = Pubkey.from_string(
    "EmhbpdVtZ2hWRGFWBDjn2i3SJD8Z36z4mpMcZJEnebnP"
)

# Plenty of lamports for the faucet; LiteSVM's default payer-free model needs it.
GENESIS_LAMPORTS = 500_000_000 * 1_000_000_000


def localnet_feature_set() -> FeatureSet:
    """Every feature active except the one that forbids loader-v3 deployments."""
    all_enabled = FeatureSet.all_enabled()
    active = dict(all_enabled.active)
    active.pop(DISABLE_NEW_LOADER_V3_DEPLOYMENTS, None)
    inactive = set(all_enabled.inactive) | {DISABLE_NEW_LOADER_V3_DEPLOYMENTS}
    return FeatureSet(active, inactive)


def make_svm(*, sigverify: bool = True, log_bytes_limit: int | None = 100_000) -> LiteSVM:
    """Return a LiteSVM with builtins, sysvars, precompiles and SPL programs.

    The blockhash check is off: LiteSVM accepts only its latest blockhash, while a
    validator accepts any of the last 150; callers keep that window themselves. So is
    LiteSVM's transaction history: the Ledger keeps its own.
    """
    features = localnet_feature_set()
    return (
        LiteSVM.default()
        .with_builtins(features)
        .with_lamports(GENESIS_LAMPORTS)
        .with_sysvars()
        .with_precompiles(features)
        .with_spl_programs()
        .with_sigverify(sigverify)
        .with_blockhash_check(False)
        .with_log_bytes_limit(log_bytes_limit)
        # The Ledger keeps the history and refuses a processed signature itself; LiteSVM's
        # own history would refuse a transaction that preflight refused and put back.
        .with_transaction_history(0)
    )
