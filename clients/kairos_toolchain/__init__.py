"""Build toolchain for the on-chain program: C compiler driver, SBF linker, deployer."""
