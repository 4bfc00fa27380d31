"""Account state: program accounts kept current by a subscription, valued by the SDK."""
