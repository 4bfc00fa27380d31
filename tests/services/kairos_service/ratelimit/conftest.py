from kairos_service.ratelimit.testing import redis_server  # noqa: F401  (fixture)
