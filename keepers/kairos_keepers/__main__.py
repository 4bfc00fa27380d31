"""``python -m kairos_keepers run heartbeat``: the keeper CLI without the kairos CLI."""

from kairos_keepers.cli import keeper_app

keeper_app(prog_name="kairos-keepers")
