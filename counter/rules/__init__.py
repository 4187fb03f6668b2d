"""Pure business rules over plain data: no database, no Qt, no I/O."""
