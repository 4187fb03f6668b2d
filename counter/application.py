"""One application layer for both front ends: the desk (counter/ui, which runs
these on its worker thread) and the command line (counter/cli*.py). Each act's
policy is written here once, so the two can't drift apart:

- refresh then quote: a customer's bills are copied from central (when it
  answers in time) before they are priced, so a bill paid at another counter or
  a bank is not taken twice;
- pay: with the utility's limits (`[payment]` settings);
- pay then print: the receipt is queued and printed after the payment has
  committed; a printer failure is reported, never undoes the payment;
- make a plan then write its papers: the agreement PDF (and the unseal work
  order a down payment earns) in DATA_DIR/plans;
- refund then print: the cash paid back is recorded, then its slip goes where
  receipts go (the printer, or a PDF in DATA_DIR/receipts); a printer failure
  is reported, never undoes the refund.

The use cases below (counter/services) know nothing of this layer.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from counter.errors import CounterError, InvalidInput, PaymentRefused
from counter.services import billing, print_queue
from counter.services.approval import Approval
from counter.services.billing import Quote
from counter.services.context import Desk
from counter.services.payment import PaymentPolicy, PaymentResult, pay
from counter.services.print_queue import JobView

log = logging.getLogger(__name__)


def payment_policy(config) -> PaymentPolicy:  # noqa: ANN001 - config.Config
    """The `[payment]` settings as the payment use case takes them."""
    return PaymentPolicy(max_amount=config.payment.max_amount, closed_arrears=config.payment.closed_arrears,
                         cash_rounding=config.payment.cash_rounding)


# ---- refresh then quote --------------------------------------------------------


@dataclass(frozen=True)
class Quoted:
    quote: Quote
    from_central: bool  # the bills were refreshed from central just now (else: the local replica)
    charges: tuple = ()  # rules.charges.ChargeDue: the other charges the customer may pay today, at their price


def central_of(app):  # noqa: ANN001, ANN201 - bootstrap.App -> sync.link.Central | None
    """Central as the command line reaches it, or None when it can't be set up
    (no key, an empty demo store): the replica then serves."""
    try:
        return app.central
    except Exception as error:  # noqa: BLE001 - any failure here leaves the replica
        log.info("central not available: %s", error)
        return None


def refresh_customer_from(app, central, number: str, timeout_ms: int | None = None) -> bool:  # noqa: ANN001
    """Copy the customer's bills and plans from `central` (if any); False when it
    did not answer in time or could not be reached (the replica serves)."""
    if central is None:
        return False
    from counter.sync.refresh import refresh_customer

    try:
        return refresh_customer(app.engine, central, number,
                                timeout_ms if timeout_ms is not None else app.config.central.timeout_ms)
    except Exception:  # noqa: BLE001 - the replica still serves the cashier
        log.exception("refreshing customer %s from central failed", number)
        return False


def refresh_then_quote(app, number: str, on: dt.date, central=None,  # noqa: ANN001
                       timeout_ms: int | None = None) -> Quoted:
    """What `number` owes on `on`, after refreshing them from `central`, and the
    other charges they may pay with it."""
    from counter.services.charges import offered
    from counter.services.lookup import customer_by_number

    fresh = refresh_customer_from(app, central, number, timeout_ms)
    with app.uow() as uow:
        customer = customer_by_number(uow.session, number)
        return Quoted(billing.quote_customer(uow.session, customer, on), fresh, offered(uow.session, customer, on))


# ---- pay then print ------------------------------------------------------------------


def take_payment(app, desk: Desk, number: str, periods: Iterable[int], method: str = "cash",  # noqa: ANN001
                 tendered: int | None = None, reference: str = "", *, expected_total: int | None = None,
                 terms: Iterable[int] = (), on: dt.date | None = None,
                 approval: Approval | None = None, use_credit: int = 0, charges: Iterable[str] = (),
                 unseal: bool = False) -> PaymentResult:
    """The payment use case with this utility's limits (and its cash rounding)."""
    return pay(app.uow(), desk, number, list(periods), method, tendered, reference, expected_total=expected_total,
               terms=list(terms), on=on, approval=approval, policy=payment_policy(app.config), use_credit=use_credit,
               charges=list(charges), unseal=unseal)


def credit_to_use(app, quoted: Quoted, owed: int) -> int:  # noqa: ANN001
    """All the customer's credit that `owed` can take, when central has just
    answered for them; PaymentRefused (Indonesian) when it has not."""
    from counter.services.credit import usable_credit

    if not quoted.from_central:
        raise PaymentRefused("Pusat tidak menjawab untuk pelanggan ini, jadi kreditnya tidak bisa dipakai sekarang; "
                             "bayar tanpa kredit atau coba lagi saat pusat tersambung.")
    with app.uow() as uow:
        return min(usable_credit(uow.session, quoted.quote.customer.id), owed)


def receipt_target(config) -> tuple:  # noqa: ANN001 - config.Config
    """Where a receipt goes: (time zone, printer settings, PDF folder, logo)."""
    return (config.zone, dataclasses.asdict(config.printer), Path(config.store.data_dir) / "receipts",
            config.receipt.logo or None)


def prepare_printing() -> None:
    """At the desk's start, on its worker: the first receipt then waits for no library loading."""
    from counter.printing.escpos_receipt import prepare

    prepare()


def print_receipt(app, receipt_no: str) -> JobView:  # noqa: ANN001
    """Queue the original receipt of a committed payment and print it on the
    configured printer (to PDF in DATA_DIR/receipts with none)."""
    job = print_queue.queue_receipt(app.uow(), receipt_no)
    return print_queue.print_job(app.uow(), job, *receipt_target(app.config), settings=app.config.receipt)


@dataclass(frozen=True)
class Paid:
    result: PaymentResult
    printed: JobView | None  # None: not asked to print, or the queue itself failed (print_error)
    print_error: str = ""


def check_choice(months: list[int] | None, oldest: int | None) -> None:
    """Bills are chosen by their months or as the oldest N, not both."""
    if months and oldest is not None:
        raise InvalidInput("Pilih bulan rekening (--bills) atau jumlah rekening tertua (--oldest), tidak keduanya.")
    if oldest is not None and oldest < 1:
        raise InvalidInput("Jumlah rekening tertua (--oldest) harus 1 atau lebih.")


def choose_bills(quote: Quote, months: list[int] | None, oldest: int | None, terms: list[int],
                 charges: list[str] = (), unseal: bool = False) -> list[int]:
    """The months to pay: those named, else (with no terms or charges alone) the
    oldest N or all; all of them to unseal."""
    if months:
        return months
    if (terms or charges) and oldest is None and not unseal:
        return []
    return [b.period for b in quote.bills][: oldest or None]


def pay_then_print(app, desk: Desk, number: str, *, months: list[int] | None = None,  # noqa: ANN001
                   oldest: int | None = None, terms: Iterable[int] = (), method: str = "cash",
                   tendered: int | None = None, reference: str = "", on: dt.date | None = None,
                   approval: Approval | None = None, central=None, printing: bool = True,
                   use_credit: bool = False, charges: Iterable[str] = (), unseal: bool = False) -> Paid:
    """Refresh the customer from central, choose their bills, pay, then print the
    receipt (the payment has committed: a printer failure is reported).
    `use_credit`: take all the customer's credit the payment can use (central
    must have answered for them just now). `charges`: other charges by code;
    `unseal`: the unseal order with its fee, all arrears paid (services.payment)."""
    check_choice(months, oldest)
    terms, charges = list(terms), list(charges)
    quoted = refresh_then_quote(app, number, on or desk.today(), central)
    periods = choose_bills(quoted.quote, months, oldest, terms, charges, unseal)
    if unseal and quoted.quote.plan is not None and not terms:  # all they owe: the plan's open terms too
        terms = [t.seq for t in quoted.quote.plan.open_terms]
    credit = 0
    if use_credit:
        from counter.services.charges import priced
        from counter.services.lookup import customer_by_number

        with app.uow() as uow:
            chosen = quoted.quote.oldest(len(periods), len(terms)).with_charges(
                priced(uow.session, customer_by_number(uow.session, number), charges, on or desk.today(), unseal))
        credit = credit_to_use(app, quoted, chosen.total)
        if credit == 0:
            raise PaymentRefused(f"Pelanggan {quoted.quote.customer.number} tidak punya kredit yang bisa dipakai.")
    result = take_payment(app, desk, number, periods, method, tendered, reference, terms=terms, on=on,
                          approval=approval, use_credit=credit, charges=charges, unseal=unseal)
    if not printing:
        return Paid(result, None)
    try:
        return Paid(result, print_receipt(app, result.receipt_no))
    except CounterError as error:
        return Paid(result, None, str(error))


# ---- make a plan then write its papers --------------------------------------------------


def plans_folder(app, out: Path | None = None) -> Path:  # noqa: ANN001
    folder = Path(out) if out is not None else Path(app.config.store.data_dir) / "plans"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def file_name(prefix: str, number: str) -> str:
    """`perjanjian-0001-ANGS-KPG-L01-XI-2025.pdf`: a document number has slashes."""
    return f"{prefix}-{number.replace('/', '-')}.pdf"


def write_agreement(app, plan_no: str, out: Path | None = None) -> Path:  # noqa: ANN001
    from counter.printing.plan_pdf import agreement_pdf
    from counter.services.plan_papers import agreement

    doc = agreement(app.uow(), plan_no)
    path = plans_folder(app, out) / file_name("perjanjian", doc.plan_no)
    path.write_bytes(agreement_pdf(doc))
    return path


def write_work_order(app, order_no: str, out: Path | None = None) -> Path:  # noqa: ANN001
    from counter.printing.plan_pdf import work_order_pdf
    from counter.services.plan_papers import work_order

    order = work_order(app.uow(), order_no, app.config.zone)
    path = plans_folder(app, out) / file_name("spk", order.order_no)
    path.write_bytes(work_order_pdf(order))
    return path


@dataclass(frozen=True)
class PlanPapers:
    made: object  # services.plans.PlanMade
    agreement: Path | None  # None: the plan stands, its agreement failed (agreement_error)
    agreement_error: str = ""


def make_plan_then_papers(app, desk: Desk, number: str, instalments: int, down_payment: int | None = None,  # noqa: ANN001
                          programme: str | None = None, *, periods: list[int] | None = None,
                          approval: Approval | None = None, expected_total: int | None = None,
                          out: Path | None = None) -> PlanPapers:
    """Make the plan, then write its agreement for signing (the plan has
    committed: a failure to write it is reported, never undoes the plan)."""
    from counter.services import plans

    made = plans.make_plan(app.uow(), desk, number, instalments, down_payment, programme, periods=periods,
                           approval=approval, expected_total=expected_total)
    try:
        return PlanPapers(made, write_agreement(app, made.plan_no, out))
    except (CounterError, OSError) as error:
        return PlanPapers(made, None, str(error))


# ---- refund then print its slip --------------------------------------------------------


@dataclass(frozen=True)
class Refunded:
    refund: object  # services.refunds.RefundView
    printed: object | None  # services.refund_slips.SlipPrinted; None: not asked to print, or print_error
    print_error: str = ""


def print_refund_slip(app, desk: Desk, ref: str | int, *, to_pdf: bool = False,  # noqa: ANN001
                      out: Path | None = None):  # noqa: ANN201 - services.refund_slips.SlipPrinted
    """Print the slip of refund `ref` (slip or conflict number) where receipts
    go: the original until one has come out, then a counted copy."""
    from counter.services import refund_slips

    _, printer, folder, logo = receipt_target(app.config)
    slip = refund_slips.slip_to_print(app.uow(), desk, ref)
    return refund_slips.deliver(app.uow(), slip, printer, Path(out) if out else folder, logo, to_pdf=to_pdf)


def refund_then_print(app, desk: Desk, conflict_id: int, approval: Approval | None, central,  # noqa: ANN001
                      *, printing: bool = True) -> Refunded:
    """Pay back a conflict's credit in cash from the desk's drawer, then print its
    slip (the refund has committed: a failure to print is reported)."""
    from counter.services.refunds import pay_refund

    refund = pay_refund(app.uow(), desk, central, conflict_id, approval)
    if not printing:
        return Refunded(refund, None)
    try:
        return Refunded(refund, print_refund_slip(app, desk, refund.slip_no))
    except CounterError as error:
        return Refunded(refund, None, str(error))


# ---- paper receipts of an outage, then their receipts ------------------------------------


@dataclass(frozen=True)
class PaperBook:
    entered: object  # services.paper_receipts.BookEntered
    printed: tuple[JobView, ...] = ()  # the receipts printed (or written as PDFs), when asked
    print_errors: tuple[str, ...] = ()


def enter_paper_book(app, desk: Desk, rows: list, book_total: int, approval: Approval | None,  # noqa: ANN001
                     central=None, *, printing: bool = False) -> PaperBook:  # noqa: ANN001
    """Refresh the book's customers from central (while it answers: a bill paid at
    another counter or a bank meanwhile is then seen), record the book, then,
    `printing`, print each payment's receipt ("Pengganti kuitansi manual no. X");
    a printer failure is reported, never undoes the book."""
    from counter.services.paper_receipts import enter_book

    for number in dict.fromkeys(row.customer for row in rows):
        if not refresh_customer_from(app, central, number):
            break  # central does not answer: the replica serves the rest
    entered = enter_book(app.uow(), desk, rows, book_total, approval)
    if not printing:
        return PaperBook(entered)
    printed, errors = [], []
    for entry in entered.entries:
        try:
            printed.append(print_receipt(app, entry.receipt_no))
        except CounterError as error:
            errors.append(f"{entry.receipt_no}: {error}")
    return PaperBook(entered, tuple(printed), tuple(errors))


# ---- a collective payment, then its summary (and each connection's receipt) ------------------


@dataclass(frozen=True)
class Collected:
    paid: object  # services.collective.CollectivePaid
    summary: object | None  # services.collective_receipts.SummaryPrinted; None: not asked to print
    receipts: tuple[JobView, ...] = ()  # each connection's own receipt, when asked
    print_errors: tuple[str, ...] = ()


def print_collective_summary(app, desk: Desk, ref: str, *, to_pdf: bool = False,  # noqa: ANN001
                             out: Path | None = None, page: str = "80mm"):  # noqa: ANN201 - SummaryPrinted
    """Print the summary of collective payment `ref` where receipts go: the
    original until one has come out, then a counted copy."""
    from counter.services import collective_receipts

    _, printer, folder, logo = receipt_target(app.config)
    summary = collective_receipts.summary_to_print(app.uow(), desk, ref)
    return collective_receipts.deliver(app.uow(), summary, printer, Path(out) if out else folder, logo,
                                       to_pdf=to_pdf, page=page)


def pay_collective_then_print(app, desk: Desk, members: list, *, method: str = "cash",  # noqa: ANN001
                              tendered: int | None = None, reference: str = "", expected_total: int | None = None,
                              label: str = "", central=None, printing: bool = True,  # noqa: ANN001
                              print_each: bool = False) -> Collected:
    """Refresh the connections from `central` (while it answers), take the
    collective payment with this utility's limits, then print its summary and,
    `print_each`, each connection's own receipt (the payment has committed: a
    printer failure is reported, never undoes it)."""
    from counter.services.collective import Member, pay_collective

    for member in dict.fromkeys(m.customer if isinstance(m, Member) else m for m in members):
        if not isinstance(member, str) or not refresh_customer_from(app, central, member):
            break  # central does not answer: the replica serves the rest
    paid = pay_collective(app.uow(), desk, members, method=method, tendered=tendered, reference=reference,
                          expected_total=expected_total, policy=payment_policy(app.config), label=label)
    if not printing:
        return Collected(paid, None)
    errors, receipts = [], []
    try:
        summary = print_collective_summary(app, desk, paid.collective_no)
    except CounterError as error:
        summary, errors = None, [f"{paid.collective_no}: {error}"]
    for payment in paid.payments if print_each else ():
        try:
            receipts.append(print_receipt(app, payment.receipt_no))
        except CounterError as error:
            errors.append(f"{payment.receipt_no}: {error}")
    return Collected(paid, summary, tuple(receipts), tuple(errors))
