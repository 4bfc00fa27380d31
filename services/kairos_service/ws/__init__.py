"""/ws streaming: per-account subscriptions, heartbeats, bounded per-client queues."""
