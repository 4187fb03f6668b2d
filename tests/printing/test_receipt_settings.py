"""The [receipt] section and the printer's status query settings."""

import tomllib

import pytest

from counter.config import DEFAULT_TEXT, load
from counter.errors import InvalidInput


def test_no_logo_by_default_and_a_relative_logo_lives_in_the_data_folder(tmp_path):
    assert load(data_dir=tmp_path).receipt.logo == ""
    assert "[receipt]" in DEFAULT_TEXT and tomllib.loads(DEFAULT_TEXT)["receipt"] == {}
    assert load(data_dir=tmp_path, overrides=["receipt.logo=logo.png"]).receipt.logo == str(tmp_path / "logo.png")
    absolute = tmp_path / "elsewhere" / "pdam.png"
    assert load(data_dir=tmp_path, overrides=[f"receipt.logo={absolute}"]).receipt.logo == str(absolute)
    with pytest.raises(InvalidInput, match="receipt.logos"):
        load(data_dir=tmp_path, overrides=["receipt.logos=x.png"])


def test_status_timeout_is_a_printer_setting(tmp_path):
    assert load(data_dir=tmp_path).printer.status_timeout_ms == 500
    assert load(data_dir=tmp_path, overrides=["printer.status_timeout_ms=0"]).printer.status_timeout_ms == 0
