"""F1: every key of the desk on one card over the desk; Esc or F1 closes it."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from counter.ui.widgets import MUTED, font, font_scale

KEYS: tuple[tuple[str, str], ...] = (
    ("F1", QT_TRANSLATE_NOOP("HelpOverlay", "Bantuan ini: daftar semua tombol (F1 atau Esc menutupnya)")),
    ("F2", QT_TRANSLATE_NOOP("HelpOverlay", "Kembali ke kolom pencarian; teksnya terpilih, pindaian berikutnya menggantinya")),
    ("Enter", QT_TRANSLATE_NOOP("HelpOverlay", "Cari sekarang; satu nomor yang cocok langsung dibuka. Di jendela: setujui / bayar")),
    ("↓ / ↑", QT_TRANSLATE_NOOP("HelpOverlay", "Dari kolom pencarian ke daftar hasil, pindah pelanggan (langsung dibuka)")),
    ("Tab", QT_TRANSLATE_NOOP("HelpOverlay", "Dari pencarian ke daftar hasil, lalu ke tabel rekening dan angsuran; Shift+Tab kembali")),
    (QT_TRANSLATE_NOOP("HelpOverlay", "↑ / ↓, Spasi"), QT_TRANSLATE_NOOP("HelpOverlay", "Di tabel rekening / angsuran: pindah baris, centang / hapus centang (urutan tetap dijaga)")),
    ("Ctrl+↓ / Ctrl+↑", QT_TRANSLATE_NOOP("HelpOverlay", "Satu bulan lagi / satu bulan kurang, dari yang tertua (di mana saja)")),
    ("F5", QT_TRANSLATE_NOOP("HelpOverlay", "Bayar rekening yang dicentang (jendela pembayaran)")),
    ("Alt+U / Alt+5 / Alt+1", QT_TRANSLATE_NOOP("HelpOverlay", "Di jendela pembayaran: uang pas / Rp 50.000-an / Rp 100.000-an berikutnya")),
    ("F7", QT_TRANSLATE_NOOP("HelpOverlay", "Batalkan struk hari ini: pilih di daftar, alasan + persetujuan kepala unit")),
    ("F8", QT_TRANSLATE_NOOP("HelpOverlay", "Cetak ulang struk yang gagal, atau salinan struk terakhir")),
    ("F9", QT_TRANSLATE_NOOP("HelpOverlay", "Keringanan / angsuran untuk pelanggan di layar")),
    ("F10", QT_TRANSLATE_NOOP("HelpOverlay", "Pengaturan (kepala unit dan admin)")),
    ("F11", QT_TRANSLATE_NOOP("HelpOverlay", "Tutup hari: angka semua loket dari pusat, tanda tangan kepala unit, setoran")),
    ("F12", QT_TRANSLATE_NOOP("HelpOverlay", "Tutup shift: hitung laci per pecahan, laporan Z")),
    ("Esc", QT_TRANSLATE_NOOP("HelpOverlay", "Kosongkan pencarian; di jendela: batal / tutup tanpa menyimpan")),
    ("Ctrl+B", QT_TRANSLATE_NOOP("HelpOverlay", "Buka shift: modal awal di laci (misalnya setelah \"Nanti saja\")")),
    ("Ctrl+E", QT_TRANSLATE_NOOP("HelpOverlay", "Ubah telepon dan jumlah jiwa pelanggan di layar")),
    ("Ctrl+H", QT_TRANSLATE_NOOP("HelpOverlay", "Riwayat pembayaran pelanggan di layar; Enter: cetak salinan struk yang dipilih")),
    ("Ctrl+G", QT_TRANSLATE_NOOP("HelpOverlay", "Pembayaran kolektif: banyak sambungan (atau grup tersimpan), satu kali bayar")),
    ("Ctrl+K", QT_TRANSLATE_NOOP("HelpOverlay", "Kuitansi manual masa gangguan: ketik satu buku, Enter ke sel berikutnya")),
    ("Ctrl+Q", QT_TRANSLATE_NOOP("HelpOverlay", "Ganti kasir / keluar: kembali ke layar masuk (shift yang terbuka tetap milik kasirnya)")),
    ("Ctrl+L", QT_TRANSLATE_NOOP("HelpOverlay", "Kunci layar sekarang; hanya PIN pengguna ini yang membukanya")),
    ("Ctrl++ / Ctrl+-", QT_TRANSLATE_NOOP("HelpOverlay", "Huruf lebih besar / lebih kecil (diingat untuk komputer ini)")),
    ("Ctrl+0", QT_TRANSLATE_NOOP("HelpOverlay", "Ukuran huruf biasa")),
)

CARD_WIDTH = 900  # at the normal text size; larger text (Ctrl++) widens it as far as the window allows
SMALLEST = 0.6  # the card's text may shrink to this (of normal) so that every key shows in a small window


class HelpOverlay(QWidget):
    """A dimmed layer over the whole window with the key card in the middle."""

    closed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Bantuan tombol"))

        title = QLabel(self.tr("Tombol-tombol loket"))
        title.setFont(font(17, bold=True))
        self.sized: list[tuple[QLabel, float]] = [(title, 17)]  # each text and its size at the normal scale
        grid = QGridLayout()
        grid.setHorizontalSpacing(22)
        grid.setVerticalSpacing(7)
        self.rows: list[tuple[str, str]] = [(self.tr(key), self.tr(what)) for key, what in KEYS]
        for row, (key, what) in enumerate(self.rows):
            key_label = QLabel(key)
            key_label.setFont(font(12, bold=True))
            key_label.setStyleSheet("QLabel { background: #eceff1; border: 1px solid #b0bec5; border-radius: 4px;"
                                    " padding: 2px 8px; color: #102027; }")
            key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            what_label = QLabel(what)
            what_label.setFont(font(12))
            what_label.setWordWrap(True)
            self.sized += [(key_label, 12), (what_label, 12)]
            grid.addWidget(key_label, row, 0)
            grid.addWidget(what_label, row, 1)
        grid.setColumnStretch(1, 1)
        note = QLabel(self.tr("Tekan Esc atau F1 untuk menutup."))
        note.setStyleSheet(f"color: {MUTED};")
        note.setFont(font(11))
        self.sized.append((note, 11))

        card = QFrame()
        card.setObjectName("helpCard")
        card.setStyleSheet("QFrame#helpCard { background: #ffffff; border-radius: 10px; }")
        card.setMaximumWidth(CARD_WIDTH)
        inside = QVBoxLayout(card)
        inside.setContentsMargins(30, 22, 30, 20)
        inside.setSpacing(14)
        inside.addWidget(title)
        inside.addLayout(grid)
        inside.addWidget(note)
        self.card = card

        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 8)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        parent.installEventFilter(self)
        self.hide()

    def text(self) -> str:
        return "\n".join(f"{key}: {what}" for key, what in self.rows)

    def open(self) -> None:
        self.setGeometry(self.parentWidget().rect())
        self.raise_()
        self.show()
        self.fit()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def fits(self) -> bool:
        """Whether every text of the card shows whole (none cut off at the bottom or squeezed)."""
        return all(label.height() >= label.heightForWidth(label.width()) if label.wordWrap()
                   else label.height() >= label.minimumSizeHint().height()
                   for label, _points in self.sized)

    def fit(self) -> None:
        """The card at the desk's text size (Ctrl++ / Ctrl+-); wider with larger text as far as
        the window allows, and, when it would still not fit the window's height, with smaller
        text until every key shows."""
        scale = font_scale()
        room = self.parentWidget().width() - 60
        self.card.setMaximumWidth(max(CARD_WIDTH, min(round(CARD_WIDTH * scale), room)))
        size = scale
        while True:
            for label, points in self.sized:
                own = label.font()
                own.setPointSizeF(points * size)
                label.setFont(own)
            self.layout().activate()
            if size <= SMALLEST or self.fits():
                return
            size = max(SMALLEST, round(size - 0.05, 2))

    def close_help(self) -> None:
        if self.isVisible():
            self.hide()
            self.closed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F1):
            self.close_help()
            return
        event.accept()  # nothing behind the card takes keys while it shows

    def mousePressEvent(self, event) -> None:  # noqa: N802, ANN001
        if not self.card.geometry().contains(event.position().toPoint()):
            self.close_help()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self.setGeometry(self.parentWidget().rect())
            self.fit()
        return False

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ApplicationFontChange and self.isVisible():
            QTimer.singleShot(0, self, self.fit)  # Ctrl++ with the card open: once every text has its new size
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(20, 30, 40, 170))
        painter.end()
