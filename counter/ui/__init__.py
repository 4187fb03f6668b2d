"""The cashier's Qt desk: the only package that imports PySide6.

It renders the frozen dataclasses the services return and runs every database
act on one worker thread (`tasks.TaskRunner`); see `app.run` for the entry.
"""
