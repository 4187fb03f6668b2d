"""[desk] language: Indonesian by default, English through counter_en.qm."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from counter.config import load
from counter.errors import InvalidInput
from counter.ui.app import TRANSLATIONS, install_language
from counter.ui.main_window import MainWindow
from tests.ui.desk_helpers import show


@pytest.fixture
def english(qapp):  # noqa: ANN001, ANN201
    assert install_language(qapp, "en")
    yield
    install_language(qapp, "id")


def test_the_english_translation_is_shipped_in_the_package_and_loads(qapp) -> None:  # noqa: ANN001
    assert (TRANSLATIONS / "counter_en.qm").is_file()
    assert install_language(qapp, "en")
    assert QApplication.translate("CustomerPanel", "BAYAR [F5]") == "PAY [F5]"
    install_language(qapp, "id")
    assert QApplication.translate("CustomerPanel", "BAYAR [F5]") == "BAYAR [F5]"


def test_the_desk_speaks_english_with_language_en(qtbot, app, desk, messages, english) -> None:  # noqa: ANN001
    win = show(qtbot, MainWindow(app, desk))
    try:
        assert win.panel.pay_button.text() == "PAY [F5]"
        assert win.search_caption.text() == "Search:"
        assert win.search_button.text() == "Search [F2]"
        assert win.results.headerData(1, win.results_view.horizontalHeader().orientation()) == "Name"
    finally:
        win.close()
        win.runner.wait()


def test_the_desk_stays_indonesian_by_default(window) -> None:  # noqa: ANN001
    assert window.panel.pay_button.text() == "BAYAR [F5]"
    assert window.search_caption.text() == "Cari:"


def test_the_language_setting(tmp_path) -> None:  # noqa: ANN001
    assert load(data_dir=tmp_path).desk.language == "id"
    assert load(data_dir=tmp_path, overrides=["desk.language=en"]).desk.language == "en"
    with pytest.raises(InvalidInput):
        load(data_dir=tmp_path, overrides=["desk.language=fr"])
