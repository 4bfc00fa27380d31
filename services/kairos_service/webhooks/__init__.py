"""Webhooks of the Kairos service: subscriptions, a durable outbox and a delivery worker.

- :mod:`.models`: endpoints, deliveries (the outbox) and attempts.
- :mod:`.outbox`: the indexer writes deliveries in the transaction of their events.
- :mod:`.worker`: claims endpoints with ``FOR UPDATE SKIP LOCKED`` and POSTs signed bodies.
- :mod:`.routes`: ``/api/webhooks``; :mod:`.store`: the queries both share.
- :mod:`.install`: adds the routes, metrics and worker to the app.

docs/ARCHITECTURE.md ("Webhooks") describes the guarantees.
"""
