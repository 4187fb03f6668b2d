"""Use cases: one function per act. They take a unit of work and return frozen
dataclasses, never live ORM rows. The Qt desk and the command line call these."""
