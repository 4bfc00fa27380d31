"""Prometheus business metrics from the indexed events, and the Grafana dashboards as code.

- :mod:`.business`: counters and gauges fed by the indexer's event listener, plus gauges
  refreshed from the database (open interest).
- :mod:`.dashboards`: the Grafana dashboard JSON (``deploy/grafana/dashboards/``) built from
  Python; a test checks the checked-in file equals it and that every panel's metric exists.
"""
