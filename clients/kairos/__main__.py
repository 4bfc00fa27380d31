"""`python -m kairos` runs the CLI (works even where the `kairos` script is not on PATH)."""

from kairos.cli import app

app()
