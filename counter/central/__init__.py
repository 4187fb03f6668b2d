"""Central: the utility's own application that every counter syncs through.
Its HTTP API (`api`), the device keys counters hold (`devices`), the answers to
each request (`service`), the appliers that turn counters' events into the
authoritative records (`applier`, `plan_applier`, `day_applier`), conflicts,
reference-data loading and its database (`store`)."""
