"""What a user can do about each error a Kairos transaction can end in.

Three families, each decoded by :mod:`kairos.errors`:

- the Kairos program's codes (6000 and up, names from the IDL) and the Anchor
  framework codes it uses: :data:`PROGRAM_HINTS`, by name;
- the SPL Token program's custom codes: :data:`SPL_TOKEN_ERRORS` (name, message,
  hint). These are the token program's ``TokenError`` enum in order (the Solana
  Program Library's token/program/src/error.rs); no Python library we depend on
  carries them, so they are written out here;
- the runtime's transaction and instruction errors (``AccountNotFound``,
  ``InvalidProgramForExecution``...): :data:`RUNTIME_ERRORS` (message, hint), by the
  variant name solders and the JSON-RPC API use.

A name missing from a table has no hint (an empty string), never a wrong one.
"""

from __future__ import annotations

PROGRAM_HINTS: dict[str, str] = {
    "MathOverflow": "An amount or price is too large for the program's arithmetic; use "
    "smaller values.",
    "InvalidMint": "Pass the address of an SPL token mint (`kairos asset list` shows the "
    "exchange's).",
    "InstructionHalted": "The exchange admin has halted this instruction "
    "(`kairos admin gate` shows which); wait until it is resumed.",
    "Unauthorized": "Sign with the account's authority (--keypair), e.g. the exchange admin "
    "for admin commands or the oracle's authority for `oracle update`.",
    "InvalidArgument": "Check the command's arguments against `--help` (ranges, sizes, indexes).",
    "InvalidOracle": "Pass a Kairos oracle address (`kairos oracle show ADDRESS`).",
    "StaleOracle": "Nobody has published a price recently: publish one (`kairos oracle "
    "update`) or run a price feed (`kairos localnet` runs one), then retry.",
    "OracleConfidenceTooWide": "The oracle's confidence is too wide for this market or "
    "asset; publish a tighter price and retry.",
    "InvalidOraclePrice": "Publish a positive oracle price.",
    "OracleMismatch": "Pass the oracle the market or asset was created with (`kairos "
    "market show` / `kairos asset list`).",
    "CollateralAssetLimit": "The exchange lists as many assets as it can; no more can be added.",
    "PerpMarketLimit": "The exchange has as many markets as it can; no more can be created.",
    "DepositCapExceeded": "The asset's deposit cap is reached; deposit less or another asset.",
    "CollateralPositionLimit": "Withdraw an asset you no longer need, or use another margin "
    "account (--index).",
    "PerpPositionLimit": "Close a position first, or trade from another margin account (--index).",
    "OpenOrderLimit": "Cancel some orders (`kairos order cancel-all MARKET`), or use another "
    "margin account (--index).",
    "InsufficientBalance": "Deposit more (`kairos account deposit`) or use a smaller amount.",
    "InsufficientHealth": "The account would not have enough margin: deposit more collateral, "
    "trade smaller, or reduce positions (`kairos account show` shows health).",
    "InsufficientVaultLiquidity": "The exchange's vault holds too little of this token "
    "right now (others borrowed it); try a smaller amount later.",
    "PriceNotOnTick": "Use a positive price on the market's tick (`kairos market show` "
    "gives the tick).",
    "OrderTooSmall": "Place at least the market's minimum order size (`kairos market show`).",
    "BookFull": "This side of the book is full; improve your price or try later.",
    "EventQueueFull": "Run the crank (`kairos crank consume-events MARKET`), then retry.",
    "OrderNotFound": "The order is not open (filled or cancelled); `kairos account show` "
    "lists your open orders.",
    "OpenInterestCapExceeded": "The market's open interest cap is reached; trade smaller or "
    "reduce instead.",
    "MarketMismatch": "An account passed belongs to another market; let the CLI/SDK derive "
    "the accounts.",
    "AssetMismatch": "The vault or mint belongs to another asset; let the CLI/SDK derive "
    "the accounts.",
    "HealthAccountsMismatch": "The accounts passed for health do not match the margin "
    "account; refresh and retry (the CLI/SDK derive them).",
    "AccountNotEmpty": "Withdraw everything, close positions and cancel orders before "
    "closing the account.",
    "MakerAccountMissing": "Retry the crank: it passes the makers of the next events.",
    "InvalidWeights": "Weights must satisfy init <= maint (assets) and init >= maint "
    "(margins), all within 0..100%.",
    "InvalidFees": "Fees must be in range and the taker plus maker fee must not be negative.",
    "NoFill": "Nothing rested within your worst price: widen the price (or "
    "--max-deviation-bps), or place a limit order instead.",
    "AccountBeingLiquidated": "The account is being liquidated; deposit to restore health "
    "and wait for the liquidation to end.",
    "AuctionDurationOutOfRange": "Choose an auction duration within the allowed range "
    "(`kairos auction open --help`).",
    "AuctionBiddingClosed": "The auction's deadline has passed; it can only be settled now.",
    "AuctionNotEnded": "Wait for the auction's deadline (only the taker may settle early).",
    "BidOutsideLimit": "Bid at or better than the taker's limit price (`kairos auction show`).",
    "BidAlreadyExists": "Improve your existing bid (`kairos auction improve`).",
    "BidNotFound": "You have no bid in this auction (`kairos auction show`).",
    "BidNotImproved": "An improved bid must be better in price or size and worse in neither.",
    "AuctionFull": "Outbid the worst bid in the auction.",
    "SelfBid": "Bid from a different wallet than the auction's taker.",
    "AuctionProviderMismatch": "Retry the settlement: the winning bids changed.",
    "AuctionNotExpired": "The auction can be expired only after its deadline plus the grace "
    "period (or while its taker is being liquidated); settle it instead, or wait.",
    "NotLiquidatable": "The account is healthy (maintenance health >= 0); nothing to do.",
    "OpenOrdersRemain": "Cancel the account's orders first (`kairos liquidation force-cancel`).",
    "NothingToLiquidate": "This position or asset is empty; pick another one.",
    "NotBankrupt": "The account still has collateral, positions or orders: liquidate those first.",
    "SelfLiquidation": "Liquidate from another margin account or wallet.",
    "InvalidLiquidationParams": "Use liquidation fee, discount and buffer values within range.",
    "FillOrKillNotFilled": "Not enough liquidity for the whole size: trade smaller, widen the "
    "price, or drop --tif fok.",
    "PostOnlyWouldCross": "Your post-only order would trade at once: move its price away "
    "from the best opposite order, or use --tif post-only-slide.",
    "SelfTradeAborted": "It would trade with your own resting order: cancel that one or "
    "choose --stp cancel-resting.",
    "OrderExpired": "Give an expiry in the future (--expiry seconds).",
    "ReduceOnlyNotReducing": "A reduce-only order must be opposite to your position and no "
    "larger than it.",
    "TriggerNotReady": "The trigger condition does not hold yet; wait (keepers fire it).",
    "TriggerOrderNotActive": "The trigger order was already fired or cancelled (`kairos "
    "order triggers`).",
    "TrailingStopNotImproved": "The price has not moved in the stop's favour; nothing to update.",
    "TriggerOrderLimit": "Cancel a trigger order first (`kairos order cancel-trigger`).",
    "LinkedTriggerMismatch": "Pass the trigger order linked to this one (`kairos order triggers`).",
    "NotDue": "The next slice or run is not due yet; wait.",
    "AlreadyExecuted": "This slice or run already happened; nothing to do.",
    "OrderPaused": "Resume the TWAP first (`kairos twap --help`).",
    "OrderFinished": "The order has no runs left; create a new one.",
    "InvalidCronExpression": "Fix the cron expression (5 fields, and it must fire at least once).",
    "InvalidSchedule": "Check the schedule's start, end, counts and limits together.",
    "MarginAccountMismatch": "Use the margin account the order was created for (--index).",
    "InvalidBorrowRateParams": "Rates must not decrease along the curve and the kink must "
    "be strictly between 0 and 100% utilization.",
    "FundingFillsPending": "A fill made before the last funding roll still waits in the "
    "event queue: run `kairos crank consume-events <MARKET>`, then crank funding again.",
    "InvalidFundingParams": "The funding period must be 60-86400 s, the rate clamp and the "
    "mark band 1-10000 bps, paused 0 or 1.",
    "PriceOutsideBand": "The price is too far from the oracle: a resting order must lie in "
    "the market's resting band and not cross its fill band, an auction bid in the fill band "
    "(`kairos market show` lists the bands). Move the price towards the oracle.",
    "HealthWorsened": "The account is below initial health, so an order may only reduce the "
    "position at a price that does not lower maintenance health: sell nearer the oracle, or "
    "deposit first.",
    "RestingOrderTooSmall": "The order is below the market's minimum resting size: enlarge "
    "it, or send it as an immediate (IOC/market) order.",
    "InvalidPriceBands": "Price bands need 0 < fill band <= resting band (bps) and a minimum "
    "resting size of at least the market's minimum order size.",
    "RiskParametersStale": "The account's VaR or correlation limit needs fresh risk "
    "parameters: wait for the risk keeper to publish (or publish as the admin), or reduce "
    "the position.",
    "RiskParametersInvalid": "Publish one volatility (<= 1,000,000 ppm) per factor, a "
    "symmetric correlation matrix in [-10,000, 10,000] with 10,000 on the diagonal, zeros "
    "outside the factors, and the factor count the RiskParameters holds.",
    "CorrelationNotPositiveSemiDefinite": "The correlation matrix has an eigenvalue below "
    "-2.4e-4: shrink it towards the identity before rounding to bps.",
    "RiskPublisherUnauthorized": "Sign with the exchange admin or the publisher set by "
    "set_risk_publisher.",
    "RiskLimitsInvalid": "A limit is out of range: shares of equity or depth at most 10,000 "
    "bps, leverage-like ratios at most 10,000,000 bps, a liquidity band when a take limit is "
    "set, a cooldown of at most 30 days.",
    "RiskLimitAboveCap": "The exchange caps this limit: set it (not 0) and not looser than "
    "the cap, with at least the minimum cooldown (`kairos risk limits` shows the caps).",
    "RiskDelegateUnauthorized": "Sign with the margin account's owner or its risk delegate; "
    "only the owner changes the delegate.",
    "RiskAccountsMissing": "This margin account has risk limits: append its RiskLimits and "
    "the RiskParameters after the health accounts (the SDK's builders do).",
    "RiskAccountsMismatch": "Pass this margin account's own RiskLimits (PDA "
    "['risk_limits', margin_account]) and the exchange's RiskParameters.",
    "RiskFactorMissing": "A position's oracle is not a risk factor: the admin must list its "
    "market or asset with set_risk_factors (or lift the VaR/correlation/concentration limit).",
    "RiskReduceOnly": "A daily-loss or drawdown breach made the account reduce-only until "
    "the next UTC day (or a high-water-mark reset after the cooldown): only reduce.",
    "RiskCooldownActive": "Loosening and high-water-mark resets wait for the cooldown: try "
    "again after it.",
    "RiskLeverageLimit": "The order or withdrawal would take leverage past the account's "
    "limit: trade smaller, or deposit.",
    "RiskPositionLimit": "The market's notional would pass the account's per-market share of "
    "equity: trade smaller.",
    "RiskConcentrationLimit": "One asset would weigh too much of the account's exposure: "
    "diversify or trade smaller.",
    "RiskDailyLossLimit": "Today's loss passed the account's limit: only risk-reducing "
    "actions pass until the next UTC day.",
    "RiskDrawdownLimit": "The drawdown from the high-water mark passed the limit: reduce, or "
    "reset the high-water mark after the cooldown.",
    "RiskVarLimit": "The 1-day 99% VaR would pass the account's limit: trade smaller or hedge.",
    "RiskCorrelatedExposureLimit": "The exposure correlated with what the account holds "
    "would pass its limit: hedge or trade something less correlated.",
    "RiskLiquidityLimit": "The order would take too large a share of the book depth near the "
    "oracle: split it (TWAP) or trade smaller.",
    "RebalancePolicyInvalid": "List 1-8 distinct margin accounts of the signer (their "
    "accounts in the same order), bands with low <= high <= 10,000, a non-empty asset mask "
    "and a minimum health (max utilization) in (0, 10,000] bps.",
    "RebalanceNotAllowed": "Both accounts must be members of the owner's policy, the asset "
    "in its mask, the signer the owner or the policy's delegate, and the source without "
    "risk limits.",
    "RebalanceHealthTooLow": "Move less: either account would end below initial health 0 "
    "or above the policy's maximum utilization.",
    "RiskLimitedAuctionProvider": "Auction settlement fills several providers at once and "
    "cannot check each one's risk limits: bid from a margin account without risk limits.",
    # Anchor framework codes the program uses for its account checks.
    "AccountNotInitialized": "An account the instruction needs does not exist yet: on a "
    "fresh cluster, create the exchange first (`kairos localnet` creates one), or your "
    "margin account (`kairos account create`).",
    "AccountNotSigner": "The account must sign: pass its keypair with --keypair.",
    "ConstraintSeeds": "An address passed is not the one the program derives; let the "
    "CLI/SDK derive it (and check --program-id).",
    "ConstraintHasOne": "An account passed does not belong to the one it should; let the "
    "CLI/SDK derive the accounts.",
    "AccountOwnedByWrongProgram": "An account passed belongs to another program; check "
    "addresses and --program-id.",
    "AccountDiscriminatorMismatch": "An account passed is of another kind than expected; "
    "check the address.",
    "AccountDidNotDeserialize": "An account passed is of another kind than expected; check "
    "the address.",
    "AccountDiscriminatorAlreadySet": "The account already exists; nothing to create.",
    "AccountNotEnoughKeys": "Accounts are missing from the instruction; update the SDK/CLI.",
    "InstructionFallbackNotFound": "The program does not know this instruction: the "
    "deployed program is older than the SDK; redeploy it (`kairos build`, restart the "
    "localnet).",
    "InstructionDidNotDeserialize": "The instruction's arguments do not match the deployed "
    "program; redeploy it or update the SDK.",
}

SPL_TOKEN_ERRORS: dict[int, tuple[str, str, str]] = {
    0: ("NotRentExempt", "Lamport balance below rent-exempt threshold", "Fund the account."),
    1: (
        "InsufficientFunds",
        "The token account holds fewer tokens than the transfer needs",
        "Hold enough tokens in your wallet's token account (`kairos wallet show`); on a "
        "localnet, `kairos wallet airdrop AMOUNT --token SYMBOL` mints test tokens.",
    ),
    2: ("InvalidMint", "Invalid mint", "Check the mint address."),
    3: (
        "MintMismatch",
        "Account not associated with this mint",
        "Use a token account of the same mint as the asset.",
    ),
    4: (
        "OwnerMismatch",
        "Owner does not match",
        "Sign with the owner of the token account (or the mint authority when minting).",
    ),
    5: ("FixedSupply", "This token's supply is fixed", "The mint has no mint authority."),
    6: ("AlreadyInUse", "The account cannot be initialized because it is already in use", ""),
    7: ("InvalidNumberOfProvidedSigners", "Invalid number of provided signers", ""),
    8: ("InvalidNumberOfRequiredSigners", "Invalid number of required signers", ""),
    9: (
        "UninitializedState",
        "State is uninitialized",
        "The token account does not exist yet: create it (`kairos token create-account "
        "MINT`) or receive tokens first.",
    ),
    10: ("NativeNotSupported", "Instruction does not support native tokens", ""),
    11: ("NonNativeHasBalance", "Non-native account can only be closed if its balance is zero", ""),
    12: ("InvalidInstruction", "Invalid instruction", ""),
    13: ("InvalidState", "State is invalid for requested operation", ""),
    14: ("Overflow", "Operation overflowed", "Use a smaller amount."),
    15: ("AuthorityTypeNotSupported", "Account does not support specified authority type", ""),
    16: ("MintCannotFreeze", "This token mint cannot freeze accounts", ""),
    17: ("AccountFrozen", "The account is frozen", "Ask the mint's freeze authority to thaw it."),
    18: (
        "MintDecimalsMismatch",
        "The provided decimals value differs from the mint's decimals",
        "Give amounts in the mint's decimals.",
    ),
    19: ("NonNativeNotSupported", "Instruction does not support non-native tokens", ""),
}

_FUND = (
    "Fund the fee payer: `kairos wallet airdrop` on a localnet or devnet (the localnet "
    "CLI does it on its own), or transfer SOL to it."
)

RUNTIME_ERRORS: dict[str, tuple[str, str]] = {
    # Transaction-level errors (TransactionErrorFieldless / JSON "err" strings).
    "AccountNotFound": (
        "The fee payer (or an account the transaction debits) holds no SOL: the cluster has "
        "no record of it",
        _FUND,
    ),
    "InsufficientFundsForFee": ("The fee payer holds too little SOL for the fee", _FUND),
    "InvalidAccountForFee": ("The fee payer cannot pay fees (not a system account)", _FUND),
    "ProgramAccountNotFound": (
        "A program the transaction calls is not deployed on this cluster",
        "Check --url and --program-id; on a localnet, start it from the repository or with "
        "--root so it deploys the Kairos program.",
    ),
    "InvalidProgramForExecution": (
        "An account the transaction calls as a program is not an executable program",
        "The Kairos program is not deployed at the configured id: check --program-id and "
        "--url (a `kairos localnet` banner lists its programs).",
    ),
    "BlockhashNotFound": (
        "The transaction's blockhash expired or is unknown to this cluster",
        "Retry: the command fetches a fresh blockhash.",
    ),
    "AlreadyProcessed": ("This exact transaction already landed", "Nothing to do."),
    "AccountInUse": ("An account is locked by another transaction", "Retry."),
    "SignatureFailure": ("A signature does not verify", "Sign with the right keypair."),
    "MissingSignatureForFee": ("The fee payer did not sign", "Sign with the fee payer."),
    "WouldExceedMaxBlockCostLimit": ("The block is full", "Retry."),
    "WouldExceedMaxAccountCostLimit": ("An account is written too often in this block", "Retry."),
    # Instruction-level errors (InstructionErrorFieldless / JSON InstructionError).
    "InsufficientFunds": (
        "An account holds too few lamports for this instruction",
        _FUND,
    ),
    "MissingRequiredSignature": (
        "An account that must sign did not",
        "Sign with its keypair (--keypair).",
    ),
    "ComputationalBudgetExceeded": (
        "The instruction ran out of compute units",
        "Do less per transaction (fewer makers, fewer accounts).",
    ),
    "ProgramFailedToComplete": ("The program aborted", "See the transaction's logs."),
    "InvalidAccountData": ("An account's data is not what the program expects", ""),
    "AccountAlreadyInitialized": ("The account already exists", "Nothing to create."),
    "UninitializedAccount": ("An account the instruction needs does not exist", ""),
    "IncorrectProgramId": ("An account is owned by another program than expected", ""),
    "InvalidSeeds": ("An address does not derive from the given seeds", ""),
    "NotEnoughAccountKeys": ("Accounts are missing from the instruction", ""),
    "UnsupportedProgramId": ("The program is not supported", ""),
    "ExecutableAccountNotRentExempt": ("The program account is not rent-exempt", ""),
}


def program_hint(name: str) -> str:
    """What to do about a Kairos or Anchor error name ("" if nothing specific)."""
    return PROGRAM_HINTS.get(name, "")
