"""The central password lives in the platform's keyring, and the settings
file is readable by its owner only."""

import stat

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends.fail import Keyring as NoKeyring
from sqlalchemy.engine import make_url

from counter import config
from tests.integration.test_cli import run


class MemoryKeyring(KeyringBackend):
    """A keyring held in memory: the keyring API for real, without a desktop session."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.secrets.get((service, username))

    def set_password(self, service, username, password):
        self.secrets[(service, username)] = password

    def delete_password(self, service, username):
        self.secrets.pop((service, username), None)


@pytest.fixture
def memory_keyring():
    before = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(before)


def test_the_central_password_is_kept_in_the_keyring_and_used(app, capsys, monkeypatch, memory_keyring):
    url = "postgresql://counter_desk@db.example:5432/counter"
    monkeypatch.setenv("COUNTER_SECRET", "Rahasia-123")
    code, out, _ = run(capsys, app, "-o", f"central.url={url}", "central", "password", "--json")
    assert code == 0 and memory_keyring.secrets == {
        ("counter-central", "counter_desk@db.example:5432/counter"): "Rahasia-123"}
    configured = config.load(data_dir=app.config.store.data_dir, overrides=[f"central.url={url}"])
    from counter.bootstrap import App

    assert make_url(App(configured).central_url).password == "Rahasia-123"
    text = (app.config.store.data_dir / "config.toml").read_text()
    assert "Rahasia" not in text


def test_without_a_keyring_the_message_says_what_to_do(app, capsys, monkeypatch):
    before = keyring.get_keyring()
    keyring.set_keyring(NoKeyring())
    try:
        monkeypatch.setenv("COUNTER_SECRET", "Rahasia-123")
        code, _, err = run(capsys, app, "-o", "central.url=postgresql://counter_desk@db/counter", "central",
                           "password")
    finally:
        keyring.set_keyring(before)
    assert code == 2 and "Keyring tidak tersedia" in err and ".pgpass" in err


def test_the_settings_file_is_made_readable_by_its_owner_only(tmp_path):
    config.load(data_dir=tmp_path)
    mode = stat.S_IMODE((tmp_path / "config.toml").stat().st_mode)
    assert mode == 0o600
