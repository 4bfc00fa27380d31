"""The HTTP API: the app factory's routers and problem+json errors."""
