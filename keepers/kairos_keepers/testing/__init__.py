"""Test and chaos tooling for keepers (not used by the daemons themselves)."""
