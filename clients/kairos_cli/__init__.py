"""The ``kairos`` command-line interface.

The one package that imports both the SDK
(:mod:`kairos`) and the keepers (:mod:`kairos_keepers`), one module per command group.
"""
