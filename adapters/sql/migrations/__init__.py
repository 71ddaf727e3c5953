"""Alembic migrations of the Dangol schema (applied by `adapters.sql.migrate`)."""
