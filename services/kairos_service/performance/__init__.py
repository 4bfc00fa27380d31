"""Portfolio performance: equity snapshots, trades, return and risk metrics, attribution."""
