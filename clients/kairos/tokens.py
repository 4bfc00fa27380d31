"""``client.tokens``: SPL token helpers for tests, demos and localnets.

These are the SPL token program's instructions, not Kairos's: each helper builds and
sends through :meth:`kairos.core.KairosCore.send` and returns what it created.
"""

from __future__ import annotations

from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.signature import Signature
from solders.system_program import CreateAccountParams, create_account
from spl.token.constants import MINT_LEN, TOKEN_PROGRAM_ID
from spl.token.instructions import (
    InitializeAccountParams,
    InitializeMintParams,
    MintToParams,
    create_idempotent_associated_token_account,
    initialize_account,
    initialize_mint,
    mint_to,
)

from kairos.core import Namespace

TOKEN_ACCOUNT_LEN = 165


class TokensNamespace(Namespace):
    """Mints, token accounts, minting and airdrops, signed and paid by the wallet."""

    async def airdrop(self, lamports: int, to: Pubkey | None = None) -> Signature:
        """Request an airdrop (localnet, devnet) and wait for it."""
        response = await self.client.connection.request_airdrop(
            to or self.client.authority, lamports, commitment=self.client.commitment
        )
        await self.client.connection.confirm_transaction(
            response.value, self.client.commitment, sleep_seconds=self.client.confirm_poll_seconds
        )
        return response.value

    async def _new_account(self, account: Keypair, space: int) -> Instruction:
        # A rent-exempt account of ``space`` bytes owned by the token program.
        rent = await self.client.connection.get_minimum_balance_for_rent_exemption(space)
        return create_account(
            CreateAccountParams(
                from_pubkey=self.client.authority,
                to_pubkey=account.pubkey(),
                lamports=rent.value,
                space=space,
                owner=TOKEN_PROGRAM_ID,
            )
        )

    async def create_mint(
        self, decimals: int, *, mint_authority: Pubkey | None = None, mint: Keypair | None = None
    ) -> Pubkey:
        """Create an SPL mint (authority: the wallet by default) and return its address."""
        mint_keypair = mint or Keypair()
        initialize = initialize_mint(
            InitializeMintParams(
                decimals=decimals,
                program_id=TOKEN_PROGRAM_ID,
                mint=mint_keypair.pubkey(),
                mint_authority=mint_authority or self.client.authority,
                freeze_authority=None,
            )
        )
        create = await self._new_account(mint_keypair, MINT_LEN)
        await self.client.send(create, initialize, signers=[mint_keypair])
        return mint_keypair.pubkey()

    async def create_associated_token_account(
        self, mint: Pubkey, owner: Pubkey | None = None
    ) -> Pubkey:
        """Create (if missing) the associated token account of ``owner`` for ``mint``."""
        holder = owner or self.client.authority
        await self.client.send(
            create_idempotent_associated_token_account(self.client.authority, holder, mint)
        )
        return self.client.associated_token_address(mint, holder)

    async def create_token_account(self, mint: Pubkey, owner: Pubkey | None = None) -> Pubkey:
        """Create a new (non-associated) token account of ``owner`` for ``mint``."""
        account = Keypair()
        initialize = initialize_account(
            InitializeAccountParams(
                program_id=TOKEN_PROGRAM_ID,
                account=account.pubkey(),
                mint=mint,
                owner=owner or self.client.authority,
            )
        )
        create = await self._new_account(account, TOKEN_ACCOUNT_LEN)
        await self.client.send(create, initialize, signers=[account])
        return account.pubkey()

    async def mint_to(
        self,
        mint: Pubkey,
        destination: Pubkey,
        amount: int,
        *,
        mint_authority: Keypair | None = None,
    ) -> Signature:
        """Mint ``amount`` native units to a token account (authority: the wallet by default)."""
        authority = mint_authority or self.client.wallet
        params = MintToParams(
            program_id=TOKEN_PROGRAM_ID,
            mint=mint,
            dest=destination,
            mint_authority=authority.pubkey(),
            amount=amount,
        )
        return (await self.client.send(mint_to(params), signers=[authority])).signature
