"""The embedded local validator: Solana JSON-RPC and PubSub over LiteSVM."""
