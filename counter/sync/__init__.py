"""The counter's sync client: push the outbox to central, send the audit chain,
pull central's changes, refresh one customer. Central is reached through
`sync.link.Central` (its HTTP API, or the embedded demo central that bootstrap
wires); nothing here imports `counter.central`. No Qt here."""
