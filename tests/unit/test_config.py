from pathlib import Path

import pytest

from counter import config
from counter.errors import InvalidInput


def test_defaults_are_written_once_and_owner_only(tmp_path):
    loaded = config.load(data_dir=tmp_path)
    path = tmp_path / "config.toml"
    assert path.exists() and (path.stat().st_mode & 0o077) == 0
    assert loaded.store.local_path == tmp_path / "counter.sqlite"
    assert (loaded.desk.counter, loaded.billing.due_day, loaded.desk.timezone) == ("L01", 20, "Asia/Makassar")


def test_file_values_then_command_line_overrides(tmp_path):
    (tmp_path / "config.toml").write_text('[desk]\ncounter = "L03"\nuser = "kasir3"\n[billing]\ndue_day = 25\n')
    loaded = config.load(data_dir=tmp_path, overrides=["desk.counter=L04", "billing.due_day=21"])
    assert (loaded.desk.counter, loaded.desk.user, loaded.billing.due_day) == ("L04", "kasir3", 21)


def test_explicit_config_file_and_data_dir(tmp_path):
    file = tmp_path / "elsewhere.toml"
    file.write_text('[store]\ndata_dir = "/tmp/a"\n[desk]\noffice = "SOE"\n')
    loaded = config.load(config_file=file, data_dir=tmp_path / "b")
    assert loaded.desk.office == "SOE" and loaded.store.data_dir == tmp_path / "b"
    assert config.load(config_file=file).store.data_dir == Path("/tmp/a")


@pytest.mark.parametrize(
    ("overrides", "text", "message"),
    [
        (["desk"], "", "bagian.nama=nilai"),
        (["desk.colour=red"], "", "tidak dikenal"),
        (["dsek.counter=L09"], "", "Bagian pengaturan tidak dikenal"),
        (["billing.due_day=tiga"], "", "tidak valid"),
        (["billing.due_day=31"], "", "1 sampai 28"),
        (["desk.timezone=Mars/Olympus"], "", "Zona waktu"),
        ([], "[desk\ncounter=", "rusak"),
    ],
)
def test_bad_settings_get_a_clear_message(tmp_path, overrides, text, message):
    if text:
        (tmp_path / "config.toml").write_text(text)
    with pytest.raises(InvalidInput, match=message):
        config.load(data_dir=tmp_path, overrides=overrides)
