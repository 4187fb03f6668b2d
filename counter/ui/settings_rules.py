"""The settings dialog's rule tabs: the rules in force (a new fine scheme or
stamp duty from a date, with an admin's credential) and the relief programmes
(added, edited as a new version, or ended, with a supervisor's credential).

The use cases check the credential and the values; the tabs only collect what
is typed and show what comes back, on the desk's worker.
"""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from counter.errors import CounterError, InvalidInput
from counter.rules.money import format_rupiah, parse_rupiah
from counter.rules.stamp_duty import StampDutyRule
from counter.services import programmes, setup
from counter.services.context import Desk
from counter.services.programmes import ProgrammeSpec
from counter.services.setup import RulesInForce
from counter.ui.settings_base import (
    OptionalDate, SettingsTab, button, buttons_row, date_edit, form_layout, heading, hint, pydate, qdate, sized,
)
from counter.rules.fines import percent_text, stages_text
from counter.ui.settings_work import (
    FINE_KINDS, ProgrammeView, codes, describe_fine, describe_instalments, describe_stamp_duty, fine_scheme,
    programme_views,
)
from counter.ui.tasks import TaskRunner
from counter.ui.widgets import RupiahEdit, SHORTFALL, font

CENTRAL_NOTE = QT_TRANSLATE_NOOP(
    "RulesTab", "Aturan disimpan di data loket ini dan berlaku untuk tagihan yang dihitung mulai tanggal berlakunya. "
                "Bila loket memakai server pusat, ubahlah aturan di pusat agar semua loket sama.")


def _e(text: object) -> str:
    return html.escape(str(text))


def _rupiah(amount: int = 0) -> RupiahEdit:
    edit = RupiahEdit()
    edit.setText(format_rupiah(amount, symbol=False))
    edit.setFixedWidth(180)
    return edit


def _amount(edit: RupiahEdit, missing: str) -> int:
    """The amount typed; InvalidInput(`missing`) when the field is empty."""
    if not edit.text().strip():
        raise InvalidInput(missing)
    return parse_rupiah(edit.text())


def _work(text: str) -> str:
    """A word of settings_work (fine kinds, programme states) in the desk's language."""
    return QCoreApplication.translate("SettingsWork", text)


# ---- 4. rules -----------------------------------------------------------------------------------

class RulesTab(SettingsTab):
    def __init__(self, app, desk: Desk, runner: TaskRunner, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(app, desk, runner, parent)
        self.rules: RulesInForce | None = None
        today = desk.today()

        # ---- in force
        self.in_force_title = heading(self.tr("Aturan yang berlaku per {date}").format(date=f"{today:%d-%m-%Y}"))
        self.fine_now, self.stamp_now, self.instalments_now = QLabel(self.tr("Memuat ...")), QLabel(), QLabel()
        self.group_fines_now = QLabel()  # the groups' own schemes, read only: set by 'counter rules fine --group'
        in_force = self.in_force = form_layout()
        in_force.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for caption, label, name in (
                (self.tr("Denda"), self.fine_now, self.tr("Denda yang berlaku")),
                (self.tr("Denda golongan"), self.group_fines_now, self.tr("Denda per golongan tarif")),
                (self.tr("Meterai"), self.stamp_now, self.tr("Meterai yang berlaku")),
                (self.tr("Angsuran"), self.instalments_now, self.tr("Angsuran yang berlaku"))):
            label.setFont(font(11, bold=True))
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setAccessibleName(name)
            in_force.addRow(caption, label)

        # ---- a new fine scheme
        self.fine_kind = QComboBox()
        for kind, label in FINE_KINDS.items():
            self.fine_kind.addItem(_work(label), kind)
        self.fine_kind.setAccessibleName(self.tr("Jenis denda"))
        sized(self.fine_kind, 240)
        self.first_field = self.fine_kind
        self.fine_amount = _rupiah()
        self.fine_amount.setAccessibleName(self.tr("Jumlah denda"))
        self.fine_stages = QLineEdit()
        self.fine_stages.setPlaceholderText(self.tr("bulan:jumlah, mis. 0:5.000, 1:7.500"))
        self.fine_stages.setAccessibleName(self.tr("Tahapan denda"))
        sized(self.fine_stages, 300)
        self.fine_percent = QLineEdit()
        self.fine_percent.setPlaceholderText(self.tr("mis. 2 atau 2,5"))
        sized(self.fine_percent, 120)
        self.fine_percent.setAccessibleName(self.tr("Persen denda"))
        self.fine_minimum = _rupiah()
        self.fine_minimum.setAccessibleName(self.tr("Denda minimal"))
        self.fine_maximum = _rupiah()
        self.fine_maximum.setPlaceholderText(self.tr("0 = tanpa batas"))
        self.fine_maximum.setAccessibleName(self.tr("Denda maksimal"))
        self.fine_from = date_edit(today)
        self.fine_from.setMinimumDate(qdate(today))
        self.fine_from.setAccessibleName(self.tr("Denda baru berlaku mulai"))
        self.fine_form = form_layout()
        self.fine_form.addRow(self.tr("&Jenis denda"), self.fine_kind)
        self.fine_form.addRow(self.tr("J&umlah per rekening"), self.fine_amount)
        self.fine_form.addRow(self.tr("&Tahapan"), self.fine_stages)
        self.fine_form.addRow(self.tr("&Persen"), self.fine_percent)
        self.fine_form.addRow(self.tr("Mi&nimal"), self.fine_minimum)
        self.fine_form.addRow(self.tr("Ma&ksimal"), self.fine_maximum)
        self.fine_form.addRow(self.tr("&Berlaku mulai"), self.fine_from)
        self.fine_button = button(self.tr("Simpan &denda ..."), primary=True)
        self.fine_button.clicked.connect(self.save_fine)
        fine_layout = QVBoxLayout()
        fine_layout.addLayout(self.fine_form)
        fine_layout.addStretch(1)
        fine_layout.addLayout(buttons_row(right=(self.fine_button,)))
        fine_box = QGroupBox(self.tr("Denda baru"))
        fine_box.setLayout(fine_layout)
        self.fine_kind.currentIndexChanged.connect(self._fine_kind_changed)

        # ---- new stamp duty
        self.stamp_threshold = _rupiah()
        self.stamp_threshold.setAccessibleName(self.tr("Batas meterai"))
        self.stamp_amount = _rupiah()
        self.stamp_amount.setAccessibleName(self.tr("Bea meterai"))
        self.stamp_from = date_edit(today)
        self.stamp_from.setMinimumDate(qdate(today))
        self.stamp_from.setAccessibleName(self.tr("Meterai baru berlaku mulai"))
        stamp_form = form_layout()
        stamp_form.addRow(self.tr("Struk &lebih dari"), self.stamp_threshold)
        stamp_form.addRow(self.tr("Bea &meterai"), self.stamp_amount)
        stamp_form.addRow(self.tr("Berlaku mula&i"), self.stamp_from)
        self.stamp_button = button(self.tr("Simpan m&eterai ..."), primary=True)
        self.stamp_button.clicked.connect(self.save_stamp_duty)
        stamp_layout = QVBoxLayout()
        stamp_layout.addLayout(stamp_form)
        stamp_layout.addStretch(1)
        stamp_layout.addLayout(buttons_row(right=(self.stamp_button,)))
        stamp_box = QGroupBox(self.tr("Meterai baru"))
        stamp_box.setLayout(stamp_layout)

        boxes = QHBoxLayout()
        boxes.addWidget(fine_box, 1)
        boxes.addWidget(stamp_box, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.in_force_title)
        layout.addLayout(in_force)
        layout.addSpacing(6)
        layout.addLayout(boxes)
        layout.addWidget(hint(self.tr("Mengubah aturan perlu persetujuan admin (nama pengguna dan PIN).") + " "
                              + self.tr(CENTRAL_NOTE)))
        layout.addWidget(self.note)
        layout.addStretch(1)
        self._fine_kind_changed()
        self.load()

    def load(self) -> None:
        app, today = self.app, self.desk.today()
        self.run(lambda: setup.rules_in_force(app.uow(), today), self._loaded, self.say_error, "settings-rules")

    def _loaded(self, rules: RulesInForce) -> None:
        first = self.rules is None
        self.rules = rules
        self.fine_now.setText(describe_fine(rules.fine))
        self.group_fines_now.setText("\n".join(f"{code}: {describe_fine(fine)}"
                                               for code, fine in rules.group_fines.items()))
        self.in_force.setRowVisible(self.group_fines_now, bool(rules.group_fines))
        self.stamp_now.setText(describe_stamp_duty(rules.stamp_duty))
        self.instalments_now.setText(describe_instalments(rules.instalments))
        if first:  # the forms start from what is in force
            fine = rules.fine
            self.fine_kind.setCurrentIndex(max(self.fine_kind.findData(fine.kind), 0))
            self.fine_amount.setText(format_rupiah(fine.amount, symbol=False))
            self.fine_stages.setText(stages_text(fine.stages))
            self.fine_percent.setText(percent_text(fine.percent_bp) if fine.percent_bp else "")
            self.fine_minimum.setText(format_rupiah(fine.minimum, symbol=False))
            self.fine_maximum.setText(format_rupiah(fine.maximum, symbol=False))
            self.stamp_threshold.setText(format_rupiah(rules.stamp_duty.threshold, symbol=False))
            self.stamp_amount.setText(format_rupiah(rules.stamp_duty.amount, symbol=False))

    def _fine_kind_changed(self) -> None:
        kind = self.fine_kind.currentData()
        self.fine_form.setRowVisible(self.fine_amount, kind == "flat")
        self.fine_form.setRowVisible(self.fine_stages, kind == "staged")
        for widget in (self.fine_percent, self.fine_minimum, self.fine_maximum):
            self.fine_form.setRowVisible(widget, kind == "percent")

    def save_fine(self) -> None:
        if self.writing:
            return
        try:
            scheme = fine_scheme(self.fine_kind.currentData(), self.fine_amount.text(), self.fine_stages.text(),
                                 self.fine_percent.text(), self.fine_minimum.text(), self.fine_maximum.text())
        except CounterError as error:
            self.say_error(error)
            return
        app, day = self.app, pydate(self.fine_from.date())
        what = self.tr("Denda baru mulai {date}: {fine}").format(date=f"{day:%d-%m-%Y}", fine=describe_fine(scheme))
        self.approve_and_write(
            self.tr("Mengubah aturan denda ({fine}, mulai {date})").format(
                fine=describe_fine(scheme), date=f"{day:%d-%m-%Y}"),
            lambda approval: setup.set_fine_scheme(app.uow(), scheme, day, approval),
            lambda _none: self._changed(what), admin=True)

    def save_stamp_duty(self) -> None:
        if self.writing:
            return
        try:
            rule = StampDutyRule(_amount(self.stamp_threshold, self.tr("Isi batas meterai.")),
                                 _amount(self.stamp_amount, self.tr("Isi bea meterai.")))
        except CounterError as error:
            self.say_error(error)
            return
        app, day = self.app, pydate(self.stamp_from.date())
        what = self.tr("Meterai baru mulai {date}: {stamp}").format(date=f"{day:%d-%m-%Y}",
                                                                    stamp=describe_stamp_duty(rule))
        self.approve_and_write(
            self.tr("Mengubah aturan meterai ({stamp}, mulai {date})").format(
                stamp=describe_stamp_duty(rule), date=f"{day:%d-%m-%Y}"),
            lambda approval: setup.set_stamp_duty(app.uow(), rule, day, approval),
            lambda _none: self._changed(what), admin=True)

    def _changed(self, what: str) -> None:
        self.say(self.tr("Disimpan. {what}.").format(what=_e(what)), "ok")
        self.load()
        self.saved.emit("rules")


# ---- 5. relief programmes -----------------------------------------------------------------------

COLUMNS = (QT_TRANSLATE_NOOP("ProgrammesTab", "Kode"), QT_TRANSLATE_NOOP("ProgrammesTab", "Nama"),
           QT_TRANSLATE_NOOP("ProgrammesTab", "Versi"), QT_TRANSLATE_NOOP("ProgrammesTab", "Berlaku"),
           QT_TRANSLATE_NOOP("ProgrammesTab", "Status"))


class ProgrammesTab(SettingsTab):
    def __init__(self, app, desk: Desk, runner: TaskRunner, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(app, desk, runner, parent)
        self.views: list[ProgrammeView] = []
        self.editing: ProgrammeView | None = None  # None: a new programme
        self._select_after_load: str | None = None
        today = desk.today()

        # ---- the list
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName(self.tr("Program keringanan"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda row, *_: self._row_chosen(row))
        self.first_field = self.table
        caption = QLabel(self.tr("Da&ftar program (versi terakhir)"))
        caption.setFont(font(11, bold=True))
        caption.setBuddy(self.table)

        # ---- the form
        self.code = QLineEdit()
        self.code.setMaxLength(24)
        self.code.setPlaceholderText(self.tr("mis. BUKA-SEGEL-2026"))
        self.name = QLineEdit()
        self.name.setMaxLength(120)
        self.valid_from = date_edit(today)
        self.valid_to = date_edit(today)
        self.sealed_only = QCheckBox(self.tr("Hanya sambungan yang dis&egel"))
        self.min_arrears = QSpinBox()
        self.min_arrears.setRange(0, 600)
        self.min_arrears.valueChanged.connect(
            lambda n: self.min_arrears.setSuffix(self.tr(" bulan", "", n)))  # one month, two months
        self.min_arrears.setSuffix(self.tr(" bulan", "", 0))
        self.arrears_before = OptionalDate(self.tr("sebelum"))
        self.tariff_groups = QLineEdit()
        self.tariff_groups.setPlaceholderText(self.tr("kosong = semua"))
        self.tariff_groups.setToolTip(self.tr("Kode golongan tarif dipisah koma, mis. R1, R2; kosong: semua golongan"))
        self.offices = QLineEdit()
        self.offices.setPlaceholderText(self.tr("kosong = semua"))
        self.offices.setToolTip(self.tr("Kode kantor dipisah koma, mis. KPG; kosong: semua kantor"))
        self.fine_waiver = self._percent()
        self.discount = self._percent()
        self.discount_before = OptionalDate(self.tr("sebelum"))
        self.min_down = self._percent()
        self.max_terms = QSpinBox()
        self.max_terms.setRange(0, 60)
        self.max_terms.valueChanged.connect(lambda n: self.max_terms.setSuffix(self.tr(" kali", "", n)))
        self.max_terms.setSuffix(self.tr(" kali", "", 0))
        self.unseal = QCheckBox(self.tr("Buka segel setelah\nuang muka (SP&K)"))
        self.needs_approval = QCheckBox(self.tr("Perlu persetu&juan\nkepala unit"))
        for widget, name in ((self.code, self.tr("Kode program")), (self.name, self.tr("Nama program")),
                             (self.valid_from, self.tr("Berlaku dari")), (self.valid_to, self.tr("Berlaku sampai")),
                             (self.min_arrears, self.tr("Tunggakan minimal")),
                             (self.tariff_groups, self.tr("Golongan tarif")), (self.offices, self.tr("Kantor")),
                             (self.fine_waiver, self.tr("Penghapusan denda")),
                             (self.discount, self.tr("Potongan pokok")), (self.min_down, self.tr("Uang muka minimal")),
                             (self.max_terms, self.tr("Angsuran paling banyak"))):
            widget.setAccessibleName(name)

        sized(self.code, 220)
        sized(self.name, 300)
        for edit in (self.tariff_groups, self.offices):
            sized(edit, 190)
        who = form_layout()
        who.addRow(self.tr("K&ode"), self.code)
        who.addRow(self.tr("&Nama"), self.name)
        who.addRow(self.tr("Berlaku &dari"), self.valid_from)
        who.addRow(self.tr("Berlaku &sampai"), self.valid_to)
        who.addRow(self.tr("&Golongan tarif"), self.tariff_groups)
        who.addRow(self.tr("Kan&tor"), self.offices)
        who.addRow("", self.sealed_only)
        who_box = QGroupBox(self.tr("Program"))
        who_box.setLayout(who)
        rules = form_layout()
        rules.addRow(self.tr("Tunggakan &min."), self.min_arrears)
        rules.addRow(self.tr("Hanya tunggakan"), self.arrears_before)
        rules.addRow(self.tr("&Hapus denda"), self.fine_waiver)
        rules.addRow(self.tr("&Potongan pokok"), self.discount)
        rules.addRow(self.tr("Untuk rekening"), self.discount_before)
        terms = form_layout()
        terms.addRow(self.tr("&Uang muka min."), self.min_down)
        terms.addRow(self.tr("&Angsuran maks."), self.max_terms)
        terms.addRow(self.unseal)
        terms.addRow(self.needs_approval)
        rules_box, terms_box = QGroupBox(self.tr("Syarat dan keringanan")), QGroupBox(self.tr("Pembayaran"))
        rules_box.setLayout(rules)
        terms_box.setLayout(terms)
        for box in (self.min_arrears, self.fine_waiver, self.discount, self.min_down, self.max_terms):
            sized(box, 110)
        self.form_title = heading(self.tr("Program baru"))
        self.changed_note = hint("")
        self.refusal = QLabel()
        self.refusal.setWordWrap(True)
        self.refusal.setStyleSheet(f"color: {SHORTFALL}; font-weight: bold;")
        self.refusal.hide()

        self.new_button = button(self.tr("Program &baru"))
        self.new_button.clicked.connect(self.new_programme)
        self.end_button = button(self.tr("Akhir&i program ..."))
        self.end_button.clicked.connect(self.end_selected)
        self.save_button = button(self.tr("Simpan p&rogram ..."), primary=True)
        self.save_button.clicked.connect(self.save)

        self.table.setFixedHeight(26 * 4 + 30)
        boxes = QHBoxLayout()
        boxes.addWidget(who_box, 5)
        boxes.addWidget(rules_box, 4)
        boxes.addWidget(terms_box, 4)
        title = QHBoxLayout()
        title.addWidget(self.form_title)
        title.addSpacing(12)
        title.addWidget(self.changed_note, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(caption)
        layout.addWidget(self.table)
        layout.addWidget(hint(self.tr("Mengubah atau mengakhiri program membuat versi baru; rencana yang sudah dibuat "
                                      "tetap memakai versi lamanya. Menyimpan dan mengakhiri perlu persetujuan kepala "
                                      "unit.")))
        layout.addLayout(title)
        layout.addLayout(boxes)
        layout.addWidget(self.refusal)
        layout.addLayout(buttons_row(self.new_button, self.end_button, right=(self.save_button,)))
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.new_programme()
        self.load()

    @staticmethod
    def _percent() -> QSpinBox:
        box = QSpinBox()
        box.setRange(0, 100)
        box.setSuffix(" %")
        return box

    # ---- the list ---------------------------------------------------------

    def load(self, select: str | None = None) -> None:
        app = self.app
        self._select_after_load = select
        self.run(lambda: programme_views(app), self._loaded, self.say_error, "settings-programmes")

    def _loaded(self, views: list[ProgrammeView]) -> None:
        self.views = views
        today = self.desk.today()
        self.table.blockSignals(True)
        self.table.setRowCount(len(views))
        for row, view in enumerate(views):
            spec = view.spec
            state = view.state(today)
            cells = (spec.code, spec.name, str(view.version),
                     self.tr("{start} s/d {end}").format(start=f"{spec.valid_from:%d-%m-%Y}",
                                                         end=f"{spec.valid_to:%d-%m-%Y}"), _work(state))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column == 4 and state == "berakhir":
                    item.setForeground(Qt.GlobalColor.darkGray)
                self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        wanted = self._select_after_load or (self.editing.spec.code if self.editing else None)
        row = next((i for i, v in enumerate(views) if v.spec.code == wanted), None)
        if row is None and views and self.editing is None and not self.code.text().strip():
            row = 0
        if row is not None:
            self.table.setCurrentCell(row, 0)
            self._row_chosen(row)
        self._update_buttons()

    def _row_chosen(self, row: int) -> None:
        if not 0 <= row < len(self.views) or self.writing:
            return
        self.show_programme(self.views[row])

    def show_programme(self, view: ProgrammeView) -> None:
        self.editing = view
        spec = view.spec
        self.form_title.setText(self.tr("{code}: {name} (versi {version})").format(
            code=spec.code, name=spec.name, version=view.version))
        changed = self.tr("Versi {version}").format(version=view.version)
        if view.changed_by:
            changed += self.tr(", diubah oleh {user}").format(user=view.changed_by)
        if view.changed_at:
            changed += self.tr(" pada {moment}").format(
                moment=f"{view.changed_at.astimezone(self.desk.zone):%d-%m-%Y %H:%M}")
        self.changed_note.setText(changed + self.tr(". Simpan membuat versi baru."))
        self.code.setText(spec.code)
        self.code.setReadOnly(True)
        self.name.setText(spec.name)
        self.name.setCursorPosition(0)  # the start of a long name shows
        self.valid_from.setDate(qdate(spec.valid_from))
        self.valid_to.setDate(qdate(spec.valid_to))
        self.sealed_only.setChecked(spec.sealed_only)
        self.min_arrears.setValue(spec.min_arrears_months)
        self.arrears_before.set_value(spec.arrears_before, spec.valid_from)
        self.tariff_groups.setText(", ".join(spec.tariff_groups))
        self.offices.setText(", ".join(spec.offices))
        self.fine_waiver.setValue(spec.fine_waiver_pct)
        self.discount.setValue(spec.discount_pct)
        self.discount_before.set_value(spec.discount_before, spec.valid_from)
        self.min_down.setValue(spec.min_down_payment_pct)
        self.max_terms.setValue(spec.max_terms)
        self.unseal.setChecked(spec.unseal_on_down_payment)
        self.needs_approval.setChecked(spec.needs_approval)
        self._refuse("")
        self._update_buttons()

    def new_programme(self) -> None:
        """An empty form for a new programme, from today to the end of the year."""
        if self.writing:
            return
        today = self.desk.today()
        self.editing = None
        self.table.blockSignals(True)
        self.table.setCurrentCell(-1, -1)
        self.table.clearSelection()
        self.table.blockSignals(False)
        self.form_title.setText(self.tr("Program baru"))
        self.changed_note.setText(self.tr("Isi kode, nama, masa berlaku, syarat peserta dan keringanannya."))
        self.code.setReadOnly(False)
        defaults = ProgrammeSpec(code="", name="", valid_from=today, valid_to=dt.date(today.year, 12, 31))
        for edit in (self.code, self.name, self.tariff_groups, self.offices):
            edit.clear()
        self.valid_from.setDate(qdate(defaults.valid_from))
        self.valid_to.setDate(qdate(defaults.valid_to))
        self.sealed_only.setChecked(defaults.sealed_only)
        self.min_arrears.setValue(defaults.min_arrears_months)
        self.arrears_before.set_value(None, today)
        self.discount_before.set_value(None, today)
        for box, value in ((self.fine_waiver, defaults.fine_waiver_pct), (self.discount, defaults.discount_pct),
                           (self.min_down, defaults.min_down_payment_pct), (self.max_terms, 4)):
            box.setValue(value)
        self.unseal.setChecked(defaults.unseal_on_down_payment)
        self.needs_approval.setChecked(defaults.needs_approval)
        self._refuse("")
        self._update_buttons()
        if self.isVisible():
            self.code.setFocus()

    def spec(self) -> ProgrammeSpec:
        """The programme as typed (checked by ProgrammeSpec.checked, as the use case does)."""
        return ProgrammeSpec(
            code=self.code.text(), name=self.name.text(), valid_from=pydate(self.valid_from.date()),
            valid_to=pydate(self.valid_to.date()), sealed_only=self.sealed_only.isChecked(),
            min_arrears_months=self.min_arrears.value(), arrears_before=self.arrears_before.value(),
            tariff_groups=codes(self.tariff_groups.text()), offices=codes(self.offices.text()),
            fine_waiver_pct=self.fine_waiver.value(), discount_pct=self.discount.value(),
            discount_before=self.discount_before.value(), min_down_payment_pct=self.min_down.value(),
            max_terms=self.max_terms.value(), unseal_on_down_payment=self.unseal.isChecked(),
            needs_approval=self.needs_approval.isChecked(),
            # not on the form: kept as the programme has them (`counter programme save --charge-discount`)
            charge_discounts=self.editing.spec.charge_discounts if self.editing is not None else (),
        ).checked()

    def _refuse(self, message: str) -> None:
        self.refusal.setText(message)
        self.refusal.setVisible(bool(message))

    def _update_buttons(self) -> None:
        self.end_button.setEnabled(not self.writing and self.editing is not None
                                   and self.editing.spec.valid_to >= self.desk.today())
        self.save_button.setEnabled(not self.writing)
        self.new_button.setEnabled(not self.writing)

    def set_writing(self, writing: bool) -> None:
        super().set_writing(writing)
        self._update_buttons()

    # ---- writing ----------------------------------------------------------

    def save(self) -> None:
        if self.writing:
            return
        try:
            spec = self.spec()
        except CounterError as error:
            self._refuse(str(error))
            return
        if self.editing is None and any(v.spec.code == spec.code for v in self.views):
            self._refuse(self.tr("Program {code} sudah ada: pilih di daftar untuk mengubahnya.").format(code=spec.code))
            return
        if self.editing is not None and self.editing.spec == spec:
            self._refuse(self.tr("Tidak ada yang berubah."))
            return
        self._refuse("")
        app, desk = self.app, self.desk
        act = (self.tr("Mengubah program {code}") if self.editing else self.tr("Menambah program {code}")).format(
            code=spec.code)

        def work(approval):  # noqa: ANN001, ANN202 - on the worker
            saved = programmes.save_programme(app.uow(), desk, spec, approval)
            return saved.code, saved.version, saved.changed_by

        self.approve_and_write(act, work, self._saved, failed=self._failed)

    def end_selected(self) -> None:
        if self.writing or self.editing is None:
            return
        code = self.editing.spec.code
        yesterday = self.desk.today() - dt.timedelta(days=1)
        app, desk = self.app, self.desk

        def work(approval):  # noqa: ANN001, ANN202 - on the worker
            ended = programmes.end_programme(app.uow(), desk, code, approval)
            return ended.code, ended.version, ended.changed_by

        self.approve_and_write(self.tr("Mengakhiri program {code} (berlaku sampai {date})").format(
                                   code=code, date=f"{yesterday:%d-%m-%Y}"), work,
                               lambda saved: self._saved(saved, ended=True), failed=self._failed)

    def _saved(self, saved: tuple[str, int, str], ended: bool = False) -> None:
        code, version, by = saved
        self.say((self.tr("Program <b>{code}</b> diakhiri: versi {version}, disetujui oleh {user}.") if ended else
                  self.tr("Program <b>{code}</b> disimpan: versi {version}, disetujui oleh {user}.")).format(
                      code=_e(code), version=version, user=_e(by)), "ok")
        self.editing = None
        self.load(select=code)
        self.saved.emit("programmes")

    def _failed(self, error: CounterError) -> None:
        self._refuse(str(error))
