"""The durable outbox: replies recorded with an idempotency key, delivered by a taskiq worker."""
