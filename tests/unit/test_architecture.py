"""Dependencies point down: ui -> services -> rules/models/store; the counter's sync
client never imports central; printing takes plain data. Read from the imports."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "counter"

# package -> what it must not import
FORBIDDEN = {
    "rules": ("PySide6", "sqlalchemy", "counter.models", "counter.store", "counter.services", "counter.ui"),
    "models": ("PySide6", "counter.services", "counter.ui", "counter.store"),
    "store": ("PySide6", "counter.services", "counter.ui"),
    "services": ("PySide6", "counter.ui", "counter.application", "counter.cli"),
    "printing": ("PySide6", "counter.ui", "counter.store", "sqlalchemy", "counter.services", "counter.sync",
                 "counter.central"),
    # the counter's client and central share only models (the wire format of rows) and the event formats
    "sync": ("PySide6", "counter.ui", "counter.central", "counter.services"),
    "central": ("PySide6", "counter.ui", "counter.sync"),
}


def imports_of(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            if node.module == "counter":  # from counter import application
                names.update(f"counter.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_layers_do_not_import_upwards(package):
    offending = []
    for path in (PACKAGE / package).rglob("*.py"):
        for name in imports_of(path):
            if name.startswith(FORBIDDEN[package]):
                offending.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert not offending


def test_the_application_layer_sits_between_the_front_ends_and_the_use_cases():
    """counter/application.py: the desk and the command line call it; it calls the
    use cases and never a front end; below it nothing imports it."""
    offending = sorted(f"application imports {name}" for name in imports_of(PACKAGE / "application.py")
                       if name.startswith(("PySide6", "counter.ui", "counter.cli")))
    for package in ("rules", "models", "store", "services", "printing", "sync", "central"):
        offending += [f"{path.relative_to(PACKAGE)} imports {name}" for path in (PACKAGE / package).rglob("*.py")
                      for name in imports_of(path) if name == "counter.application" or name.startswith("counter.application.")]
    assert not offending


def test_only_the_ui_imports_qt():
    offending = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "ui" not in path.relative_to(PACKAGE).parts[:1]
        and any(name.startswith("PySide6") for name in imports_of(path))
    ]
    assert not offending
