"""`python -m kairos_cli` runs the CLI (works even where the `kairos` script is not on PATH)."""

from kairos_cli.app import app

app()
