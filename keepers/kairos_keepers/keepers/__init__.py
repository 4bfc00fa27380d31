"""Built-in keepers: every module here is imported by the registry and registers itself."""
