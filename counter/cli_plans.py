"""Command-line commands for instalment plans, relief programmes and unseal
work orders (see counter.cli for the conventions: tables, or JSON with --json)."""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

from counter.bootstrap import App
from counter.cli import _approval, _approver_args, _console, _date, _pin_args, _table, acting_desk
from counter.errors import InvalidInput, NotFound
from counter.rules.money import format_rupiah, parse_rupiah
from counter.rules.period import label, parse_period


def _plan_args(args: argparse.Namespace) -> dict:
    if args.instalments is None:
        raise InvalidInput("Sebutkan jumlah angsuran: --instalments N (0 untuk lunas sekaligus dengan keringanan).")
    return dict(
        instalments=args.instalments,
        down_payment=parse_rupiah(args.down_payment) if args.down_payment else None,
        programme=args.programme, periods=[parse_period(p) for p in args.bills.split(",")] if args.bills else None,
    )


def _print_offer(offer) -> None:  # noqa: ANN001
    console, f = _console(), offer.figures
    c = offer.customer
    title = offer.programme.name if offer.programme else "Angsuran tunggakan"
    console.print(f"[bold]{title}[/bold] untuk {c.number} {c.name}")
    rows = [(label(b.period), format_rupiah(b.principal), format_rupiah(b.fine), format_rupiah(b.waived),
             format_rupiah(b.amount)) for b in f.bills]
    console.print(_table("Rekening", ["Bulan", "Pokok", "Denda", "Keringanan", "Jumlah"], rows, right={1, 2, 3, 4}))
    console.print(f"Pokok {format_rupiah(f.principal)}  denda {format_rupiah(f.fines)}  "
                  f"keringanan {format_rupiah(f.waived)}  [bold]jumlah {format_rupiah(f.total)}[/bold]")
    rows = [("Uang muka" if t.seq == 0 else f"Angsuran {t.seq}", t.due_date.strftime("%d-%m-%Y"),
             format_rupiah(t.amount)) for t in f.schedule]
    console.print(_table(f"Jadwal (uang muka minimal {format_rupiah(f.minimum_down_payment)})",
                         ["", "Jatuh tempo", "Jumlah"], rows, right={2}))
    if offer.unseal_on_down_payment:
        console.print("Segel dibuka setelah uang muka dibayar (SPK buka segel).")


def cmd_plan(app: App, args: argparse.Namespace) -> object:
    from counter.services import plans
    from counter.services.plan_papers import plan_view

    desk = app.desk()
    if args.what == "defaults":
        done = plans.sweep_defaults(app.uow(), desk)
        return {"defaulted": done} if args.json else _console().print(f"Rencana batal: {', '.join(done) or '-'}")
    if not args.ref:
        raise InvalidInput("Sebutkan pelanggan (atau nomor rencana).")
    if args.what == "eligible":
        offers = plans.programme_offers(app.uow(), desk, args.ref)
        if args.json:
            return offers
        rows = [(o.code, o.name, o.valid_to.strftime("%d-%m-%Y"), o.max_terms,
                 "YA" if o.eligible else "tidak: " + "; ".join(o.reasons)) for o in offers]
        _console().print(_table("Program keringanan", ["Kode", "Nama", "Sampai", "Maks. angsuran", "Memenuhi"], rows))
        return None
    if args.what == "preview":
        offer = plans.preview_plan(app.uow(), desk, args.ref, **_plan_args(args))
        return offer if args.json else _print_offer(offer)
    if args.what == "make":
        from counter.application import make_plan_then_papers

        chosen = _plan_args(args)
        papers = make_plan_then_papers(app, acting_desk(app, args, "Rencana angsuran"), args.ref,
                                       chosen["instalments"], chosen["down_payment"], chosen["programme"],
                                       periods=chosen["periods"], approval=_approval(args), out=args.out)
        made, path = papers.made, papers.agreement
        if path is None:
            raise InvalidInput(f"Rencana {made.plan_no} dibuat, tetapi surat perjanjian gagal disimpan: "
                               f"{papers.agreement_error} Cetak dengan: counter plan agreement {made.plan_no}")
        if args.json:
            return {"plan_id": made.plan_id, "plan_no": made.plan_no, "agreement": path, "offer": made.offer}
        _print_offer(made.offer)
        _console().print(f"Rencana {made.plan_no} dibuat. Perjanjian untuk ditandatangani: {path}\n"
                         f"Uang muka dibayar dengan: counter pay {made.offer.customer.number} --terms 0")
        return None
    if args.what == "agreement":
        with app.uow() as uow:
            plan_no = plans.find_plan(uow.session, args.ref).plan_no
        from counter.application import write_agreement

        path = write_agreement(app, plan_no, args.out)
        return {"agreement": path} if args.json else _console().print(f"Perjanjian: {path}")
    view = plan_view(app.uow(), args.ref, desk.today())  # status
    if args.json:
        return view
    _console().print(f"[bold]{view.plan_no}[/bold] {view.customer_number} {view.customer_name}  [{view.status}]"
                     f"{'  ' + view.programme if view.programme else ''}\nRekening: {', '.join(view.bill_months)}")
    rows = [("Uang muka" if t.seq == 0 else f"Angsuran {t.seq}", t.due_date.strftime("%d-%m-%Y"),
             format_rupiah(t.amount), t.receipt_no or "-") for t in view.terms]
    _console().print(_table("Jadwal", ["", "Jatuh tempo", "Jumlah", "Struk"], rows, right={2}))
    _console().print(f"Jumlah {format_rupiah(view.total)}, dibayar {format_rupiah(view.paid)}, "
                     f"sisa {format_rupiah(view.remaining)}" + (f", kredit {format_rupiah(view.credit)}" if view.credit else ""))
    return None


def cmd_programme(app: App, args: argparse.Namespace) -> object:
    from counter.services import programmes

    desk = app.desk()
    if args.what == "list":
        with app.uow() as uow:
            found = programmes.current_programmes(uow.session)
            for row in found:
                uow.session.expunge(row)
        if args.json:
            return [{c.name: getattr(row, c.name) for c in row.__table__.columns} for row in found]
        from counter.rules.charges import discounts_text

        rows = [(p.code, p.version, p.name, f"{p.valid_from:%d-%m-%Y} s/d {p.valid_to:%d-%m-%Y}",
                 f"{p.fine_waiver_pct}%", f"{p.discount_pct}%", f"{p.min_down_payment_pct}%", p.max_terms,
                 "ya" if p.unseal_on_down_payment else "-", discounts_text(p.charge_discounts or {}) or "-")
                for p in found]
        _console().print(_table("Program keringanan", ["Kode", "Versi", "Nama", "Berlaku", "Hapus denda", "Diskon",
                                                       "Uang muka min.", "Maks. angsuran", "Buka segel",
                                                       "Potongan biaya lain (%)"], rows))
        return None
    if not args.code:
        raise InvalidInput("Sebutkan kode program.")
    if args.what == "end":
        row = programmes.end_programme(app.uow(), desk, args.code, _approval(args))
    else:  # save: a new programme, or a new version with the options given changed
        with app.uow() as uow:
            try:
                base = programmes.spec_of(programmes.current_programme(uow.session, args.code))
            except NotFound:  # a new programme
                base = None
        values = {k: getattr(args, k) for k in ("name", "valid_from", "valid_to", "min_arrears_months",
                                                 "arrears_before", "fine_waiver_pct", "discount_pct",
                                                 "discount_before", "min_down_payment_pct", "max_terms")
                  if getattr(args, k) is not None}
        for name in ("tariff_groups", "offices"):
            if getattr(args, name) is not None:
                values[name] = tuple(getattr(args, name).split(","))
        for name in ("sealed_only", "unseal_on_down_payment", "needs_approval"):
            if getattr(args, name) is not None:
                values[name] = getattr(args, name) == "yes"
        if args.charge_discount is not None:  # all of them at once; "" removes them
            from counter.rules.charges import parse_discounts

            values["charge_discounts"] = tuple(parse_discounts(",".join(args.charge_discount)).items())
        if base is None:
            missing = [o for o in ("name", "valid_from", "valid_to") if o not in values]
            if missing:
                raise InvalidInput("Program baru perlu --name, --from dan --to.")
            spec = programmes.ProgrammeSpec(code=args.code, **values)
        else:
            spec = dataclasses.replace(base, **values)
        row = programmes.save_programme(app.uow(), desk, spec, _approval(args))
    if args.json:
        return {"code": row.code, "version": row.version}
    _console().print(f"Program {row.code} versi {row.version} tersimpan (berlaku s/d {row.valid_to:%d-%m-%Y}).")
    return None


def cmd_workorder(app: App, args: argparse.Namespace) -> object:
    from counter.services.plan_papers import work_orders

    if args.what == "list":
        found = work_orders(app.uow(), None if args.all else "open")
        if args.json:
            return found
        rows = [(o.order_no, o.status, o.issued_at.astimezone(app.config.zone).strftime("%d-%m-%Y %H:%M"),
                 o.customer_number, o.customer_name, o.address, o.plan_no) for o in found]
        _console().print(_table("SPK buka segel", ["No. SPK", "Status", "Terbit", "No. samb.", "Nama", "Alamat",
                                                   "Rencana"], rows))
        return None
    from counter.application import write_work_order

    if not args.number:
        raise InvalidInput("Sebutkan nomor SPK.")
    path = write_work_order(app, args.number, args.out)
    return {"pdf": path} if args.json else _console().print(f"SPK: {path}")


def add_plan_commands(command) -> None:  # noqa: ANN001 - cli.build_parser's command()
    p = command("plan", cmd_plan, "instalment plans and relief: eligible, preview, make, status, agreement")
    p.add_argument("what", choices=["eligible", "preview", "make", "status", "agreement", "defaults"])
    p.add_argument("ref", nargs="?", default="", help="customer (or, for status/agreement, a plan number)")
    p.add_argument("--instalments", type=int, help="monthly terms after the down payment (0: pay in full now)")
    p.add_argument("--down-payment", help="down payment (default: the minimum)")
    p.add_argument("--programme", help="relief programme code (default: the ordinary instalment rule)")
    p.add_argument("--bills", help="the months to take in, oldest first (default: all arrears)")
    p.add_argument("--out", type=Path, help="folder for the agreement PDF (default DATA_DIR/plans)")
    _pin_args(p)  # make: the desk user's PIN
    _approver_args(p)
    p = command("programme", cmd_programme, "list, add, edit or end relief programmes (supervisor)")
    p.add_argument("what", choices=["list", "save", "end"])
    p.add_argument("code", nargs="?", default="")
    p.add_argument("--name")
    p.add_argument("--from", dest="valid_from", type=_date)
    p.add_argument("--to", dest="valid_to", type=_date)
    p.add_argument("--sealed-only", choices=["yes", "no"])
    p.add_argument("--min-arrears-months", type=int)
    p.add_argument("--arrears-before", type=_date, help="eligible with a bill due before this date")
    p.add_argument("--tariff-groups", help="comma-separated codes (empty: all)")
    p.add_argument("--offices", help="comma-separated codes (empty: all)")
    p.add_argument("--fine-waiver-pct", type=int)
    p.add_argument("--discount-pct", type=int)
    p.add_argument("--discount-before", type=_date, help="discount applies to bills due before this date")
    p.add_argument("--min-down-payment-pct", type=int)
    p.add_argument("--max-terms", type=int)
    p.add_argument("--unseal-on-down-payment", choices=["yes", "no"])
    p.add_argument("--needs-approval", choices=["yes", "no"])
    p.add_argument("--charge-discount", action="append", metavar="CODE:PCT",
                   help="percent off an other charge paid under the programme, e.g. BUKA-SEGEL:50 (repeat or "
                        "separate by commas; replaces the programme's list; '' removes them)")
    _approver_args(p)
    p = command("workorder", cmd_workorder, "unseal work orders (SPK buka segel): list, pdf")
    p.add_argument("what", choices=["list", "pdf"])
    p.add_argument("number", nargs="?", default="")
    p.add_argument("--all", action="store_true", help="list: done ones too")
    p.add_argument("--out", type=Path, help="pdf: folder to write to")
