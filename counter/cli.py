"""The command line: every use case, for support staff and scripts.

Each command prints a readable table, or JSON with `--json`, and exits non-zero
with the same clear message a cashier would see on bad input.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from counter import config as config_module
from counter.bootstrap import App
from counter.errors import CounterError, InvalidInput, quoted
from counter.rules.money import ascii_digits, format_rupiah, parse_rupiah
from counter.rules.period import label, parse_period

EXIT_BAD_INPUT = 2


def _to_json(value: object) -> object:
    if dataclasses.is_dataclass(value):
        out = {f.name: _to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
        for name, attribute in vars(type(value)).items():  # derived figures (total, waived, ...) too
            if isinstance(attribute, property):
                out[name] = _to_json(getattr(value, name))
        return out
    if isinstance(value, (list, tuple)):
        return [_to_json(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return [_to_json(v) for v in sorted(value)]
    if isinstance(value, dict):
        return {str(k): _to_json(v) for k, v in value.items()}
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (Path,)) or type(value).__name__ == "UUID":
        return str(value)
    return value


def _console():
    from rich.console import Console

    return Console()


def _table(title: str, columns: Sequence[str], rows: Sequence[Sequence[object]], right: set[int] = frozenset()):
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for i, column in enumerate(columns):
        table.add_column(column, justify="right" if i in right else "left")
    for row in rows:
        table.add_row(*(str(v) for v in row))
    return table


# ---- commands -------------------------------------------------------------


def cmd_find(app: App, args: argparse.Namespace) -> object:
    from counter.services.lookup import find_customers

    with app.uow() as uow:
        found = find_customers(uow.session, args.text, limit=args.limit)
    if args.json:
        return found
    rows = [(s.number, s.name, f"{s.address}, {s.village}", s.tariff_code, s.status_label, s.matched_by) for s in found]
    _console().print(_table(f"{len(found)} pelanggan", ["No. samb.", "Nama", "Alamat", "Gol.", "Status", "Cocok"], rows))
    return None


def _print_quote(q) -> None:  # noqa: ANN001
    c = q.customer
    console = _console()
    console.print(f"[bold]{c.number}  {c.name}[/bold]  [{c.status_label}]\n{c.address}, {c.village}, {c.district}"
                  f"  Gol. {c.tariff_code} ({c.tariff_name})")
    console.print(f"Telepon: {c.phone or '-'}  Jiwa: {c.household_size or '-'}" + _usage_note(c))
    rows = [(label(b.period), b.usage_m3, format_rupiah(b.water_charge), format_rupiah(b.fixed_charges),
             format_rupiah(b.admin_fee), format_rupiah(b.fine), format_rupiah(b.amount)) for b in q.bills]
    console.print(_table(f"Tagihan per {q.on:%d-%m-%Y}", ["Bulan", "m3", "Harga air", "Beban", "Admin", "Denda", "Jumlah"],
                         rows, right={1, 2, 3, 4, 5, 6}))
    if q.stamp_duty:
        console.print(f"Meterai: {format_rupiah(q.stamp_duty)}")
    console.print(f"[bold]TOTAL: {format_rupiah(q.total)}[/bold]")


def _usage_note(c) -> str:  # noqa: ANN001 - services.billing.CustomerDetail
    if c.usage is None:
        return ""
    note = {"high": " [bold red]pemakaian tidak wajar: terlalu tinggi[/bold red]",
            "low": " [bold red]pemakaian tidak wajar: terlalu rendah[/bold red]"}.get(c.usage.per_person.flag, "")
    return (f"  Pemakaian {label(c.usage.period)}: {c.usage.usage_m3} m3 = "
            f"{c.usage.per_person.litres_per_day} liter/orang/hari{note}")


def cmd_customer(app: App, args: argparse.Namespace) -> object:
    """`counter customer update NUMBER --phone ... --household N`."""
    from counter.services.customer_details import update_details

    if args.phone is None and args.household is None:
        raise InvalidInput("Sebutkan --phone NOMOR dan/atau --household JUMLAH_JIWA.")
    desk = acting_desk(app, args, "Ubah data pelanggan")
    done = update_details(app.uow(), desk, args.customer, phone=args.phone, household_size=args.household)
    if args.json:
        return done
    if not done.changed:
        _console().print(f"Tidak ada yang berubah: {done.customer} sudah tercatat begitu.")
    else:
        _console().print(f"Data pelanggan {done.customer} diubah: telepon {done.phone or '-'}, "
                         f"{done.household_size} jiwa. Terkirim ke pusat saat sinkron berikutnya.")
    return None


def cmd_quote(app: App, args: argparse.Namespace) -> object:
    from counter.services.billing import quote

    on = args.on or app.desk().today()
    with app.uow() as uow:
        q = quote(uow.session, args.customer, on)
    if args.json:
        return q
    _print_quote(q)
    return None


def cmd_pay(app: App, args: argparse.Namespace) -> object:
    from counter.application import central_of, check_choice, pay_then_print
    from counter.services.shifts import NoShift

    from counter.services.charges import checked_codes

    terms = _numbers(args.terms, "Nomor angsuran") if args.terms else []
    months = [parse_period(p) for p in args.bills.split(",")] if args.bills else None
    charges = checked_codes(code for given in args.charge for code in given.split(",") if code.strip())
    check_choice(months, args.oldest)  # before the PIN is asked
    tendered = parse_rupiah(args.tendered) if args.tendered is not None else None
    desk = acting_desk(app, args, "Pembayaran")
    try:  # central's bills first (a bill paid at another counter is not taken twice), then the receipt
        paid = pay_then_print(app, desk, args.customer, months=months, oldest=args.oldest, terms=terms,
                              method=args.method, tendered=tendered, reference=args.reference, on=args.on,
                              approval=_approval(args), central=central_of(app), printing=not args.no_print,
                              use_credit=args.use_credit, charges=charges, unseal=args.unseal)
    except NoShift as error:
        raise NoShift(f"{error} Di baris perintah: counter shift open --float 200000.") from None
    result, printed = paid.result, paid.printed
    if args.json:
        return result
    _print_quote(result.quote)
    for term in result.quote.terms:
        _console().print(f"{term.label}: {format_rupiah(term.amount)}")
    for charge in result.quote.charges:
        relief = f" (keringanan {charge.programme} {format_rupiah(-charge.discount)})" if charge.discount else ""
        _console().print(f"{charge.name} [{charge.code}]: {format_rupiah(charge.amount)}{relief}")
    _print_settlement(result)
    _console().print(f"Dibayar {result.method}: diterima {format_rupiah(result.tendered)}, "
                     f"kembali [bold]{format_rupiah(result.change)}[/bold]\nNo. struk {result.receipt_no}")
    if result.work_order_no:
        _console().print(f"SPK buka segel: {result.work_order_no} ('counter workorder pdf {result.work_order_no}')")
    if printed is not None:
        shown = {"printed": "tercetak", "pdf": f"PDF {printed.pdf_path}"}.get(printed.status, f"GAGAL: {printed.last_error}")
        _console().print(f"Struk: {shown}")
    elif paid.print_error:
        _console().print(f"Struk: GAGAL: {paid.print_error}")
    return None


def _print_settlement(result) -> None:  # noqa: ANN001 - services.payment.PaymentResult
    """The rounding and the credit used, when there are any, under the quote's total."""
    if result.rounding:
        _console().print(f"Pembulatan: {format_rupiah(result.rounding)}  ->  total {format_rupiah(result.total)}")
    if result.credit_used:
        _console().print(f"Kredit dipakai: {format_rupiah(-result.credit_used)}  ->  "
                         f"[bold]dibayar {format_rupiah(result.due)}[/bold]")


def cmd_demo(app: App, args: argparse.Namespace) -> object:
    from rich.progress import Progress

    from counter.services.demo import create_demo

    if args.replace:
        _remove_store(app)
    with Progress(transient=not args.json) as bar:
        task = bar.add_task("Membuat data demo", total=args.customers)
        summary = create_demo(app.uow(), customers=args.customers, seed=args.seed, as_of=args.as_of or app.today(),
                              due_day=app.config.billing.due_day,
                              progress=lambda done, total: bar.update(task, completed=done))
    if args.json:
        return summary
    _console().print(f"Data demo siap di {app.config.store.local_path}: {summary.customers} pelanggan, "
                     f"{summary.bills} rekening ({summary.unpaid_bills} belum lunas), {summary.sealed} disegel.")
    return None


def _remove_store(app: App) -> None:
    """The local store, and the embedded demo central store made from it."""
    app.close()
    paths = [app.config.store.local_path] + ([app.embedded_central_path] if not app.config.central.url else [])
    for path in paths:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    from counter.store.integrity import MARKER

    (app.config.store.data_dir / MARKER).unlink(missing_ok=True)  # replaced on purpose: a new store may be made


def cmd_import(app: App, args: argparse.Namespace) -> object:
    from counter.services.importer import import_files

    if not (args.customers or args.bills or args.tariffs or args.charges):
        raise InvalidInput("Sebutkan berkas: --tariffs, --customers, --bills dan/atau --charges.")
    summary = import_files(app.uow(), tariffs=args.tariffs, customers=args.customers, bills=args.bills,
                           office_code=app.config.desk.office, due_day=app.config.billing.due_day,
                           approval=_approval(args), water_charges=water_charges(args), charges=args.charges)
    if args.json:
        return summary
    _console().print(f"Impor selesai: {summary}")
    return None


def water_charges(args: argparse.Namespace) -> str:
    """--reprice / --keep-file-figures: what an import does with a water charge the tariff prices otherwise."""
    return "reprice" if args.reprice else "keep" if args.keep_file_figures else "check"


def water_charge_args(p: argparse.ArgumentParser) -> None:
    choice = p.add_mutually_exclusive_group()
    choice.add_argument("--reprice", action="store_true",
                        help="a bill's water charge that differs from the tariff's price takes the tariff's")
    choice.add_argument("--keep-file-figures", action="store_true",
                        help="a bill's water charge that differs from the tariff's price is kept as the file has it")


def cmd_setup(app: App, args: argparse.Namespace) -> object:
    """Offices, counters and users: in this store, or (--central) at central, from
    where they reach the office's counters with the next pull."""
    from counter.models import Counter, Office, User
    from counter.services import setup
    from counter.store.uow import UnitOfWork

    office = args.office or app.config.desk.office
    central = None
    if args.central:
        from counter.cli_central import central_database

        central = central_database(app, None)
    store = UnitOfWork(central) if central is not None else app.uow()
    if args.what == "office":
        done = setup.register_office(store, args.code, args.name, args.utility, args.address, _approval(args))
        changed = (Office, Office.code == done)
    elif args.what == "counter":
        done = setup.register_counter(store, office, args.code, args.name or "", _approval(args))
        changed = (Counter, Counter.code == done)
    else:
        secret = _secret(args.password, "Kata sandi/PIN baru") if args.password is not None else None
        done = setup.register_user(store, args.code, args.name, args.role, office, password=secret,
                                   approval=_approval(args), active=not args.disable)
        changed = (User, User.username == done)
    if central is not None:
        from counter.central.store import publish

        publish(central, *changed)
    if args.json:
        return {"registered": args.what, "code": done}
    _console().print(f"Terdaftar: {args.what} {done}")
    return None


def _numbers(text: str, what: str) -> list[int]:
    """`0,1,2` -> [0, 1, 2]."""
    parts = [part.strip() for part in text.split(",")]
    if not all(ascii_digits(part) for part in parts):
        raise InvalidInput(f"{what} tidak valid: {quoted(text)} (mis. 0,1).")
    return [int(part) for part in parts]


def _fine_scheme_args(args: argparse.Namespace):  # noqa: ANN202 - FineScheme
    """The scheme `counter rules fine` was given; a staged one also as the
    published table (`--table`, the fine at N months late)."""
    from counter.rules.fines import FineScheme, parse_percent, parse_stages, stages_from_table

    if args.table is not None and args.stages is not None:
        raise InvalidInput("Isi --table atau --stages, tidak keduanya.")
    kind = args.kind or ("staged" if args.table is not None else None)
    if kind is None:
        raise InvalidInput("Sebutkan jenis denda: --kind flat|staged|percent|none.")
    if args.table is not None and kind != "staged":
        raise InvalidInput("--table hanya untuk denda bertahap (--kind staged).")
    stages = (stages_from_table(args.table) if args.table is not None
              else parse_stages(args.stages) if args.stages else ())
    try:
        return FineScheme(
            kind=kind, amount=parse_rupiah(args.amount) if args.amount else 0, stages=stages,
            percent_bp=parse_percent(args.percent) if args.percent else 0,
            minimum=parse_rupiah(args.minimum) if args.minimum else 0,
            maximum=parse_rupiah(args.maximum) if args.maximum else 0,
        )
    except InvalidInput:
        raise
    except ValueError as error:
        raise InvalidInput(f"Aturan denda tidak valid: {error}") from None


def cmd_rules(app: App, args: argparse.Namespace) -> object:
    from counter.models import FineSchemeRow, InstalmentRuleRow, StampDutyRow
    from counter.rules.stamp_duty import StampDutyRule
    from counter.services import setup
    from counter.store.uow import UnitOfWork

    if args.what != "show" and args.valid_from is None:
        raise InvalidInput("Sebutkan mulai berlakunya aturan: --from TANGGAL.")
    if args.what == "stamp-duty" and not (args.threshold and args.amount):
        raise InvalidInput("Sebutkan --threshold dan --amount meterai.")
    if args.group is not None and args.what != "fine":
        raise InvalidInput("--group hanya untuk aturan denda (counter rules fine).")
    scheme = _fine_scheme_args(args) if args.what == "fine" else None
    central = None
    if args.central:  # rules set at central reach every counter with its next pull
        from counter.cli_central import central_database

        central = central_database(app, None)
    store = (lambda: UnitOfWork(central)) if central is not None else app.uow
    changed = None
    if args.what == "fine":
        row = setup.set_fine_scheme(store(), scheme, args.valid_from, _approval(args), group=args.group)
        changed = (FineSchemeRow, FineSchemeRow.id == row)
    elif args.what == "instalment":
        current = setup.rules_in_force(store(), args.valid_from).instalments
        given = {k: getattr(args, k) for k in ("max_terms", "fine_mode", "grace_days", "min_down_payment_pct")
                 if getattr(args, k) is not None}
        setup.set_instalment_rule(store(), dataclasses.replace(current, **given), args.valid_from, _approval(args))
        changed = (InstalmentRuleRow, InstalmentRuleRow.valid_from == args.valid_from)
    elif args.what == "stamp-duty":
        setup.set_stamp_duty(store(), StampDutyRule(parse_rupiah(args.threshold), parse_rupiah(args.amount)),
                             args.valid_from, _approval(args))
        changed = (StampDutyRow, StampDutyRow.valid_from == args.valid_from)
    if central is not None and changed is not None:
        from counter.central.store import publish

        publish(central, *changed)
    rules = setup.rules_in_force(store(), args.on or app.today())
    if args.json:
        return rules
    plan = rules.instalments
    fines = {"freeze": "tidak dikenakan selama berjalan", "waive": "dihapuskan", "include": "ikut diangsur"}
    groups = "".join(f"\n    {code}: {_described_fine(fine)}" for code, fine in rules.group_fines.items())
    _console().print(f"Aturan per {rules.on:%d-%m-%Y}:\n  Denda: {_described_fine(rules.fine)}"
                     + (f"\n  Denda golongan tarif (skema sendiri):{groups}" if groups else "")
                     + f"\n  Meterai: {format_rupiah(rules.stamp_duty.amount)} bila struk > "
                     f"{format_rupiah(rules.stamp_duty.threshold)}"
                     f"\n  Angsuran: maks. {plan.max_terms} kali, uang muka min. {plan.min_down_payment_pct}%, "
                     f"denda {fines[plan.fine_mode]}, batal bila terlambat > {plan.grace_days} hari")
    return None


def _described_fine(fine) -> str:  # noqa: ANN001 - FineScheme
    described = {
        "flat": f"{format_rupiah(fine.amount)} per rekening terlambat",
        "staged": ", ".join(f"+{format_rupiah(a)} setelah {m} bulan" for m, a in fine.stages),
        "percent": f"{fine.percent_bp / 100:g}% (min {format_rupiah(fine.minimum)})",
        "none": "tidak ada denda",
    }[fine.kind]
    return f"{described}; maks. {format_rupiah(fine.maximum)} per rekening" if fine.maximum and fine.kind != "none" \
        else described


def cmd_sync(app: App, args: argparse.Namespace) -> object:
    from rich.progress import Progress

    from counter.sync.state import sync_status

    if args.what == "enrol":
        from counter.cli_central import enrol_counter

        if not (args.url and args.code):
            raise InvalidInput("Sebutkan alamat pusat dan kode pendaftaran: counter sync enrol URL KODE.")
        done = enrol_counter(app, args.url, args.code)
        if args.json:
            return done
        _console().print(f"Loket {done['office']}-{done['counter']} terdaftar di {done['url']}; "
                         f"kunci perangkat disimpan di {done['key_kept_in']}.")
        return None
    if args.what in ("rejected", "dismiss"):
        return _rejected(app, args)
    if args.what == "now":
        link = app.sync_link()
        with Progress(transient=True, disable=args.json) as bar:
            tasks: dict[str, int] = {}

            def progress(table: str, done: int, total: int) -> None:
                if table not in tasks:
                    tasks[table] = bar.add_task(f"Menarik {table}", total=total)
                bar.update(tasks[table], completed=done)

            pushed, pulled = link.cycle(progress)
        if not args.json:
            _console().print(f"Terkirim {pushed.sent} peristiwa ({len(pushed.refused)} ditolak pusat); "
                             f"ditarik {sum(pulled.rows.values())} baris, {pulled.outcomes} hasil.")
    status = sync_status(app.engine)
    if args.json:  # the exit code says it too: 1 while central has rejected events nobody dealt with
        print(json.dumps(_to_json(status), ensure_ascii=False, indent=2))
        return 1 if status.rejected else 0
    age = status.oldest_age(dt.datetime.now(dt.timezone.utc))
    _console().print(f"Pusat: {status.label}; {status.queued} antre"
                     + (f" (tertua {int(age.total_seconds() // 60)} menit)" if age else "")
                     + (f"; {status.held_back} ditahan" if status.held_back else "")
                     + (f"\nKesalahan terakhir: {status.last_error}" if status.last_error else ""))
    if status.rejected:
        _console().print(f"[bold red]{status.rejected} transaksi DITOLAK pusat[/bold red]: uangnya belum tercatat "
                         "di pusat. Lihat 'counter sync rejected'; kepala unit menutupnya dengan 'counter sync "
                         "dismiss ID --note ... --approver ...' setelah ditangani.")
        return 1
    return None


def _rejected(app: App, args: argparse.Namespace) -> object:
    """Events central rejected: list them, or a supervisor dismisses one once dealt with."""
    from counter.services.outbox import dismiss_rejected, rejected_events

    if args.what == "dismiss":
        if not args.url:
            raise InvalidInput("Sebutkan nomor peristiwa: counter sync dismiss ID --note ... --approver NAMA.")
        dismiss_rejected(app.uow(), app.desk(), args.url, args.note, _approval(args))
        _console().print(f"Peristiwa {args.url} ditutup.")
        return {"dismissed": args.url} if args.json else None
    found = rejected_events(app.uow())
    if args.json:
        return found
    rows = [(e.id, f"{e.created_at.astimezone(app.config.zone):%d-%m-%Y %H:%M}", e.kind, e.receipt_no, e.reason)
            for e in found]
    _console().print(_table(f"{len(found)} transaksi ditolak pusat", ["ID", "Waktu", "Jenis", "Struk", "Alasan"], rows))
    return None


def cmd_receipt(app: App, args: argparse.Namespace) -> object:
    from counter.services import print_queue
    from counter.services.receipts import build_receipt

    from counter.application import receipt_target

    zone, printer, folder, logo = receipt_target(app.config)
    if args.what != "queue" and not args.number.strip():
        raise InvalidInput("Sebutkan nomor struk (untuk retry: nomor antrean).")
    if args.what == "retry" and not ascii_digits(args.number):
        raise InvalidInput(f"Nomor antrean tidak valid: {quoted(args.number)}.")
    if args.what == "queue":
        found = print_queue.jobs(app.uow())
        if args.json:
            return found
        rows = [(j.id, j.receipt_no, j.copy_number or "", j.status, j.attempts, j.last_error or j.pdf_path)
                for j in found]
        _console().print(_table("Antrean cetak", ["ID", "Struk", "Salinan", "Status", "Coba", "Keterangan"], rows))
        return None
    if args.what == "retry":
        print_queue.retry(app.uow(), int(args.number))
        done = print_queue.print_job(app.uow(), int(args.number), zone, printer, folder, logo,
                                     settings=app.config.receipt)
        return done if args.json else _console().print(f"Cetak ulang antrean {done.id}: {done.status} {done.last_error}")
    if args.what == "void":
        from counter.services.voids import describe, void_payment

        voided = void_payment(app.uow(), acting_desk(app, args, "Pembatalan struk"), args.number,
                              args.reason or "", _approval(args))
        return voided if args.json else _console().print(describe(voided))
    if args.what == "verify":
        from counter.services.receipts import Verdict, verify_receipt

        if args.central:  # the fields this version knows (a newer central may send more)
            known = {f.name for f in dataclasses.fields(Verdict)}
            verdict = Verdict(**{k: v for k, v in app.central.verify_receipt(args.number).items() if k in known})
        else:
            with app.uow() as uow:
                verdict = verify_receipt(uow.session, args.number)
        if args.json:
            print(json.dumps(_to_json(verdict), ensure_ascii=False, indent=2))
        elif verdict.voided:
            _console().print(f"[bold red]DIBATALKAN[/bold red]: {voided_words(verdict, zone)}")
        elif verdict.genuine:
            _console().print(f"[bold green]ASLI[/bold green]: struk {verdict.receipt_no}, pelanggan "
                             f"{verdict.customer_number} {verdict.customer_name}, {format_rupiah(verdict.total)}, "
                             f"tanggal {verdict.business_date} ({verdict.status})")
        else:
            _console().print(f"[bold red]TIDAK SAH[/bold red]: {verdict.reason}")
        return 0 if verdict.genuine else 1
    if args.what == "show":
        with app.uow() as uow:
            receipt = build_receipt(uow.session, args.number, zone, app.config.receipt)
        if args.json:
            return receipt
        from counter.printing.escpos_receipt import receipt_text

        print(receipt_text(receipt, paper=app.config.printer.paper))
        return None
    if args.what == "print":
        job = print_queue.reprint(app.uow(), acting_desk(app, args, "Cetak ulang struk"), args.number)
        done = print_queue.print_job(app.uow(), job, zone, printer, folder, logo, settings=app.config.receipt)
    else:  # the original, while none was printed or written; after it a counted copy
        job = print_queue.original_job(app.uow(), args.number)
        if job is None:
            job = print_queue.reprint(app.uow(), acting_desk(app, args, "Salinan struk (PDF)"), args.number)
        done = print_queue.job_to_pdf(app.uow(), job, zone, args.out or folder, page=args.page, logo=logo,
                                      settings=app.config.receipt)
    if args.json:  # the exit code says a failed print too
        print(json.dumps(_to_json(done), ensure_ascii=False, indent=2))
        return 2 if done.status == "failed" else 0
    message = {"printed": "Tercetak", "pdf": f"PDF: {done.pdf_path}", "failed": f"GAGAL: {done.last_error}"}
    copy = f" (SALINAN ke-{done.copy_number})" if done.copy_number else ""
    _console().print(f"Struk {done.receipt_no}{copy}: {message.get(done.status, done.status)}")
    return 2 if done.status == "failed" else None


def voided_words(verdict, zone) -> str:  # noqa: ANN001 - services.receipts.Verdict, a ZoneInfo
    """`struk X sudah dibatalkan pada 24 Nov 2025 11:00:00 WITA, alasan: ...`, with the receipt's customer and total."""
    from counter.printing.receipt import format_moment

    when = ""
    if verdict.voided_at:
        when = f" pada {format_moment(dt.datetime.fromisoformat(verdict.voided_at).astimezone(zone))}"
    return (f"struk {verdict.receipt_no} sudah dibatalkan{when}, alasan: {verdict.void_reason}. Bukan bukti "
            f"pembayaran (pelanggan {verdict.customer_number} {verdict.customer_name}, "
            f"{format_rupiah(verdict.total)}, tanggal {verdict.business_date}).")


def cmd_gui(app: App, args: argparse.Namespace) -> int:
    if args.screenshot is not None:
        from counter.ui.screenshots import run_screenshots

        return run_screenshots(app, args.screenshot)
    from counter.ui.app import run

    return run(app, demo=args.demo)


def _secret(given: str, prompt: str) -> str:
    """A password or PIN: as given, else from COUNTER_SECRET, else asked without echo."""
    import getpass
    import os

    if given:
        return given
    if os.environ.get("COUNTER_SECRET"):
        return os.environ["COUNTER_SECRET"]
    if not sys.stdin.isatty():
        raise InvalidInput(f"{prompt}: berikan lewat COUNTER_SECRET atau jalankan di terminal.")
    return getpass.getpass(f"{prompt}: ")


def _approval(args: argparse.Namespace):  # noqa: ANN202 - services.approval.Approval | None
    """The credential given for this act with --approver (PIN asked or from COUNTER_SECRET)."""
    from counter.services.approval import Approval

    if not args.approver:
        return None
    return Approval(args.approver, _secret(args.approver_pin or "", f"PIN {args.approver}"))


def acting_desk(app: App, args: argparse.Namespace, act: str):  # noqa: ANN201 - services.context.Desk
    """The desk as its user (`desk.user`), once that user's PIN is right: an act
    that takes or returns money is never done in someone's name without it.
    The PIN comes from --pin, else COUNTER_SECRET, else is asked; wrong tries
    count toward the lock-out like at the desk."""
    from counter.services.approval import ALL_ROLES, Approval, check_credential

    desk = app.desk()
    secret = _secret(getattr(args, "pin", None) or "", f"PIN {desk.username}")
    check_credential(app.uow(), Approval(desk.username, secret), act, ALL_ROLES, desk)
    return desk


def _pin_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--pin", help="the PIN of the desk user (desk.user) (default: COUNTER_SECRET, or asked)")


def _approver_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--approver", help="who approves this act (a supervisor; an admin for set-up and rules)")
    p.add_argument("--approver-pin", help="their PIN or password (default: COUNTER_SECRET, or asked)")


# ---- parser ---------------------------------------------------------------


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"tanggal tidak valid: {quoted(text)} (tulis 2025-11-20)") from None


class _Parser(argparse.ArgumentParser):
    """Usage mistakes are bad input like any other: exit 2 with a clear message
    (and JSON when --json was asked for)."""

    def error(self, message: str) -> None:  # noqa: D102
        raise InvalidInput(f"Perintah tidak lengkap atau salah: {message}. Lihat 'counter --help'.")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="counter", description="Loket pembayaran rekening air.")
    parser.add_argument("--data-dir", type=_place("--data-dir"),
                        help="folder for everything of this counter (store, config); it must exist, except for "
                             "the commands that make a counter (demo, gui --demo, setup, import, sync enrol)")
    parser.add_argument("--config", type=_place("--config"),
                        help="settings file (TOML); it must exist, except for the commands that make a counter")
    parser.add_argument("-o", "--option", action="append", default=[], metavar="SECTION.KEY=VALUE",
                        help="override a setting, e.g. -o desk.counter=L02")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    def command(name: str, func, help: str) -> argparse.ArgumentParser:  # noqa: A002, ANN001
        p = sub.add_parser(name, help=help)
        p.set_defaults(func=func)
        p.add_argument("--json", action="store_true", help="print JSON instead of a table")
        return p

    p = command("find", cmd_find, "find customers by number, meter, barcode, name or address")
    p.add_argument("text")
    p.add_argument("--limit", type=int, default=20)
    p = command("quote", cmd_quote, "what a customer owes")
    p.add_argument("customer")
    p.add_argument("--on", type=_date, help="date (default: today)")
    p = command("customer", cmd_customer, "correct a customer's phone number or household size")
    p.add_argument("act", choices=["update"])
    p.add_argument("customer")
    p.add_argument("--phone", help="phone number, e.g. 0812-3456-7890 ('' clears it)")
    p.add_argument("--household", type=int, help="people living on the connection (jiwa)")
    _pin_args(p)
    p = command("pay", cmd_pay, "take a full payment of the oldest bills")
    p.add_argument("customer")
    p.add_argument("--bills", help="billing months, e.g. 2025-09,2025-10 (default: all unpaid)")
    p.add_argument("--oldest", type=int, help="pay only the oldest N bills")
    p.add_argument("--method", default="cash", choices=["cash", "transfer", "qris", "debit"])
    p.add_argument("--tendered", help="cash received, e.g. 200000 or 200.000")
    p.add_argument("--reference", default="", help="transfer / QRIS / card reference")
    p.add_argument("--terms", help="instalment terms to pay, e.g. 0 (the down payment) or 1,2")
    p.add_argument("--on", type=_date, help="back-date the payment (a supervisor approves: --approver)")
    p.add_argument("--use-credit", action="store_true",
                   help="take the customer's credit toward the bills (central must answer for them now)")
    p.add_argument("--charge", action="append", default=[], metavar="CODE",
                   help="an other charge to pay, e.g. BALIK-NAMA (repeat or separate by commas; alone: no bills)")
    p.add_argument("--unseal", action="store_true",
                   help="a sealed customer pays all they owe with the unseal fee: an unseal work order is made")
    _pin_args(p)
    _approver_args(p)
    p.add_argument("--no-print", action="store_true", help="do not print the receipt")
    p = command("demo", cmd_demo, "create a demo utility in the local store")
    p.add_argument("--customers", type=int, default=20_000)
    p.add_argument("--seed", type=int, default=2025)
    p.add_argument("--as-of", type=_date, help="the demo's today (default: today)")
    p.add_argument("--replace", action="store_true", help="delete the local store first")
    p = command("import", cmd_import, "import tariffs, customers, bills and other charges from CSV")
    p.add_argument("--tariffs", type=Path)
    p.add_argument("--customers", type=Path)
    p.add_argument("--bills", type=Path)
    p.add_argument("--charges", type=Path, help="the catalogue of other charges (docs/import.md)")
    water_charge_args(p)
    _approver_args(p)
    p = command("setup", cmd_setup, "register an office, a counter or a user in the local store")
    p.add_argument("what", choices=["office", "counter", "user"])
    p.add_argument("code", help="office code, counter code or username")
    p.add_argument("--name", help="name (of the office or counter) or the user's full name")
    p.add_argument("--office", help="office code (default: desk.office)")
    p.add_argument("--utility", default="", help="the utility's name, printed on receipts (office)")
    p.add_argument("--address", default="", help="office address")
    p.add_argument("--role", default="cashier", choices=["cashier", "supervisor", "admin"])
    p.add_argument("--password", nargs="?", const="", help="user: set the password or PIN (asked if left empty)")
    p.add_argument("--disable", action="store_true", help="user: may no longer sign in or approve")
    p.add_argument("--central", action="store_true",
                   help="register it at central ($COUNTER_CENTRAL_DATABASE, else the demo's), for every counter")
    _approver_args(p)
    p = command("rules", cmd_rules, "show or change the fine scheme, stamp duty and instalment rule")
    p.add_argument("what", choices=["show", "fine", "stamp-duty", "instalment"])
    p.add_argument("--on", type=_date, help="show the rules in force on this date")
    p.add_argument("--from", dest="valid_from", type=_date, help="new rule applies from this date")
    p.add_argument("--kind", choices=["flat", "staged", "percent", "none"], help="fine scheme kind")
    p.add_argument("--group", help="fine: the scheme of this tariff group's customers only (default: the general one)")
    p.add_argument("--amount", help="flat fine, or stamp duty amount")
    p.add_argument("--stages", help="staged fine: months after due:amount, e.g. 0:5000,1:7500")
    p.add_argument("--table", help="staged fine as published, the fine at N months late, e.g. 0:5000,1:12500,3:22500")
    p.add_argument("--percent", help="percentage fine, e.g. 10 or 2,5")
    p.add_argument("--minimum", help="percentage fine minimum")
    p.add_argument("--cap", "--maximum", dest="maximum",
                   help="fine: the most one bill's fine may be, whatever the kind (0: no cap)")
    p.add_argument("--central", action="store_true",
                   help="change the rule at central ($COUNTER_CENTRAL_DATABASE, else the demo's), for every counter")
    p.add_argument("--threshold", help="stamp duty applies above this receipt amount")
    p.add_argument("--max-terms", type=int, help="instalment: most monthly terms in a plan")
    p.add_argument("--fine-mode", choices=["include", "waive", "freeze"], help="instalment: fines of bills in a plan")
    p.add_argument("--grace-days", type=int, help="instalment: days a term may be late before the plan defaults")
    p.add_argument("--min-down-payment-pct", type=int, help="instalment: minimum down payment, percent")
    _approver_args(p)
    p = command("sync", cmd_sync, "push and pull now, or show the sync status")
    p.add_argument("what", nargs="?", default="now", choices=["now", "status", "enrol", "rejected", "dismiss"])
    p.add_argument("url", nargs="?", help="enrol: central's address, https://...; dismiss: the event's ID")
    p.add_argument("code", nargs="?", help="enrol: the one-time code from 'counter central enrol'")
    p.add_argument("--note", default="", help="dismiss: what was done about the rejected event")
    _approver_args(p)
    p = command("receipt", cmd_receipt, "show, reprint, make a PDF of or verify a receipt; the print queue")
    p.add_argument("what", choices=["show", "print", "pdf", "queue", "retry", "verify", "void"])
    p.add_argument("number", nargs="?", default="", help="receipt number (retry: the queue ID; verify: the QR code)")
    p.add_argument("--central", action="store_true", help="verify: ask central")
    p.add_argument("--reason", help="void: why the payment is cancelled")
    _pin_args(p)  # void, print: the desk user's PIN
    _approver_args(p)
    p.add_argument("--out", type=Path, help="pdf: folder to write to (default DATA_DIR/receipts)")
    p.add_argument("--page", default="80mm", choices=["80mm", "A6"],
                   help="pdf: page size (after the original, each PDF is a counted copy: PIN as for print)")
    from counter.cli_admin import add_admin_commands
    from counter.cli_cash import add_cash_commands
    from counter.cli_plans import add_plan_commands

    add_plan_commands(command)
    add_cash_commands(command)
    add_admin_commands(command)
    from counter.cli_outage import add_outage_commands

    add_outage_commands(command)
    from counter.cli_central import add_central_commands

    add_central_commands(command)
    from counter.cli_collective import add_collective_commands

    add_collective_commands(command)
    p = sub.add_parser("gui", help="open the cashier's desk (the default)")
    p.set_defaults(func=cmd_gui)
    p.add_argument("--demo", action="store_true", help="create demo data first if the store is empty")
    p.add_argument("--screenshot", type=Path, metavar="DIR",
                   help="save the main screens as PNG files in DIR (on demo data, 1366x768) and exit")
    return parser


def _place(option: str):  # noqa: ANN202 - an argparse type
    """A path given on the command line; an empty one would mean the current folder."""
    def parse(text: str) -> Path:
        if not text.strip():
            raise argparse.ArgumentTypeError(f"{option} kosong: sebutkan folder atau berkas")
        return Path(text).expanduser()
    return parse


def _makes_a_counter(args: argparse.Namespace) -> bool:
    """Commands that may start a counter in a new folder (and write a default
    settings file), and central's operator commands given central's database
    (they keep nothing of a counter); any other command on a folder that does
    not exist is a typo."""
    import os

    from counter.cli_central import DATABASE_ENV

    return (args.command in ("demo", "setup", "import") or (args.command == "gui" and args.demo)
            or (args.command == "sync" and args.what == "enrol")
            or (args.command == "central" and bool(getattr(args, "url", None) or os.environ.get(DATABASE_ENV))))


def _place_problem(args: argparse.Namespace) -> str | None:
    """What is wrong with --data-dir or --config, if anything."""
    folder, settings = args.data_dir, args.config
    if folder is not None and folder.exists() and not folder.is_dir():
        return f"--data-dir {folder} adalah berkas, bukan folder data loket."
    if settings is not None and settings.is_dir():
        return f"--config {settings} adalah folder, bukan berkas pengaturan."
    if _makes_a_counter(args):
        return None
    if folder is not None and not folder.exists():
        return (f"Folder data loket {folder} tidak ada: periksa --data-dir (salah ketik?). Loket baru dibuat "
                "dengan 'counter demo', 'counter setup', 'counter import' atau 'counter sync enrol'.")
    from counter.store.integrity import MARKER

    if folder is not None and not any((folder / name).exists() for name in ("counter.sqlite", MARKER)):
        # an existing folder that never held a store (/tmp, a home folder): a typo too, not a new counter
        return (f"Folder {folder} tidak berisi data loket (counter.sqlite): periksa --data-dir (salah ketik?). "
                "Loket baru dibuat dengan 'counter demo', 'counter setup', 'counter import' atau 'counter sync enrol'.")
    if settings is not None and not settings.exists():
        return f"Berkas pengaturan {settings} tidak ada: periksa --config (salah ketik?)."
    return None


EXIT_BUG = 70  # EX_SOFTWARE: not the user's mistake; the details are in the log
ERROR_LOG = "errors.log"


def _log_failure(folder: Path | None, command: str | None) -> Path | None:
    """The traceback of an unexpected failure, appended to `errors.log` in the data
    folder (else the temporary folder): support needs it, the cashier does not.
    The command line itself is not written: it may hold a PIN."""
    import tempfile
    import traceback

    from counter.store.files import owner_only

    for place in ([folder] if folder is not None else []) + [Path(tempfile.gettempdir())]:
        log = place / ERROR_LOG
        try:
            if not place.is_dir():
                continue
            keep = log.exists() and log.stat().st_size < 1_000_000  # start afresh beyond 1 MB
            with log.open("a" if keep else "w", encoding="utf-8") as f:
                f.write(f"--- {dt.datetime.now().isoformat(timespec='seconds')} counter {command or ''}\n")
                f.write(traceback.format_exc())
            owner_only(log)
            return log
        except OSError:
            continue
    return None


def main(argv: Sequence[str] | None = None) -> int:
    import sqlite3

    from sqlalchemy.exc import DatabaseError, OperationalError

    from counter.store import integrity
    from counter.store.files import reason

    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = app = None

    def say(message: str, kind: str) -> int:
        if getattr(args, "json", False) or (args is None and "--json" in argv):
            print(json.dumps({"error": message, "type": kind}, ensure_ascii=False))
        else:
            print(f"Gagal: {message}", file=sys.stderr)
        return EXIT_BAD_INPUT

    def logged() -> str:
        folder = app.config.store.data_dir if app is not None else getattr(args, "data_dir", None)
        log = _log_failure(folder, getattr(args, "command", None))
        return f" Rincian untuk dukungan: {log}." if log else ""

    def bug(error: BaseException) -> int:
        say(f"Kesalahan program yang tidak terduga ({type(error).__name__}).{logged()} Laporkan ke dukungan.",
            type(error).__name__)
        return EXIT_BUG

    try:
        args = parser.parse_args(argv)
        if args.command is None:
            args = parser.parse_args([*argv, "gui"])
        problem = _place_problem(args)  # said after the settings' own mistakes, which load() finds first
        app = App(config_module.load(config_file=args.config, data_dir=args.data_dir, overrides=args.option,
                                     create=problem is None and (args.config is None or _makes_a_counter(args))))
        if problem:
            raise InvalidInput(problem)
        if args.command == "gui":
            app.engine  # noqa: B018 - a damaged or vanished store is said here, before any window opens
        result = args.func(app, args)
        if not isinstance(result, int) and result is not None:
            print(json.dumps(_to_json(result), ensure_ascii=False, indent=2))
        sys.stdout.flush()  # a reader that left is found here, not at exit
    except CounterError as error:
        return say(str(error), type(error).__name__)
    except BrokenPipeError:
        # The reader left (`counter find ... | head`): nothing more to say, and nowhere to say it.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        print("Dibatalkan.", file=sys.stderr)
        return 130
    # The last resort: what the machine refused (a file, a folder, the disk, a database) is said plainly,
    # its details logged; anything else is a bug, said as one.
    except (DatabaseError, sqlite3.DatabaseError) as error:
        original = getattr(error, "orig", error)
        detail = (str(original).strip().splitlines() or [""])[0][:200]
        local = isinstance(original, sqlite3.Error) and app is not None
        if integrity.is_damage(error) and local:
            return say(f"{integrity.damaged(app.config.store.local_path, f'rusak ({detail})')}{logged()}",
                       "StoreDamaged")
        if not isinstance(error, (OperationalError, sqlite3.OperationalError)):
            return bug(error)
        where = f"Data lokal {app.config.store.local_path}" if local else "Basis data"
        return say(f"{where} tidak dapat dipakai: {detail}.{logged()}", type(error).__name__)
    except OSError as error:
        where = f" {error.filename}" if error.filename is not None else ""
        return say(f"Berkas atau folder{where} tidak dapat dipakai: {reason(error)}.{logged()}", type(error).__name__)
    except Exception as error:  # noqa: BLE001 - a bug: shown as one, with its details kept for support
        return bug(error)
    return result if isinstance(result, int) else 0
