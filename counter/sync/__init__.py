"""Sync between a counter's local store and the central store: push the outbox,
apply events at central, pull changes back. No Qt here."""
