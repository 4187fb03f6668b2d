"""The local store: engine set-up, migrations, unit of work."""
