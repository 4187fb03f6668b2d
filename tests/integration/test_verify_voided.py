"""`counter receipt verify` on the QR code of a voided receipt: the code is the
utility's, but the receipt is no proof of payment. The answer says so plainly
(DIBATALKAN, when and why, never green "ASLI"), exits 1, and central's answer
carries the same fields."""

import json
import re

import pytest
from sqlalchemy.orm import Session

from counter.services.receipts import build_receipt, verify_receipt
from counter.services.voids import void_payment
from tests.integration.sync_helpers import desk_at, drain
from tests.integration.test_cli import run
from tests.integration.test_plans import SUPERVISOR
from tests.integration.test_voids import pay_two

pytestmark = pytest.mark.usefixtures("till")

GREEN = "\x1b[1;32m"


def voided_code(app, desk) -> tuple[str, str]:
    _, paid = pay_two(app, desk)
    void_payment(app.uow(), desk, paid.receipt_no, "Salah pelanggan", SUPERVISOR)
    with app.uow() as uow:
        return paid.receipt_no, build_receipt(uow.session, paid.receipt_no, app.config.zone).qr_payload


def test_verify_says_a_voided_receipt_was_voided_when_and_why(app, desk):
    receipt_no, code = voided_code(app, desk)
    with app.uow() as uow:
        verdict = verify_receipt(uow.session, code)
    assert verdict.voided and not verdict.genuine and verdict.status == "void"
    assert verdict.receipt_no == receipt_no and verdict.void_reason == "Salah pelanggan" and verdict.voided_at
    assert "dibatalkan" in verdict.reason.lower()


def test_the_command_line_answers_dibatalkan_not_green_and_exits_1(app, desk, capsys, monkeypatch):
    receipt_no, code = voided_code(app, desk)
    monkeypatch.setenv("FORCE_COLOR", "1")  # rich then writes its colours, as on a terminal
    exit_code, out, _ = run(capsys, app, "receipt", "verify", code)
    plain = " ".join(re.sub("\x1b\\[[0-9;]*m", "", out).split())
    assert exit_code == 1 and GREEN not in out and "ASLI" not in out
    assert plain.startswith(f"DIBATALKAN: struk {receipt_no} sudah dibatalkan pada ")
    assert "WITA" in plain and "alasan: Salah pelanggan" in plain
    exit_code, out, _ = run(capsys, app, "receipt", "verify", code, "--json")
    answer = json.loads(out)
    assert exit_code == 1 and answer["voided"] is True and answer["genuine"] is False
    assert answer["void_reason"] == "Salah pelanggan" and answer["voided_at"] and answer["status"] == "void"


def test_a_receipt_that_stands_is_still_genuine_and_not_voided(app, desk, capsys):
    _, paid = pay_two(app, desk)
    with app.uow() as uow:
        code = build_receipt(uow.session, paid.receipt_no, app.config.zone).qr_payload
        verdict = verify_receipt(uow.session, code)
    assert verdict.genuine and not verdict.voided and verdict.voided_at == verdict.void_reason == ""
    exit_code, out, _ = run(capsys, app, "receipt", "verify", code)
    assert exit_code == 0 and "ASLI" in out and "DIBATALKAN" not in out


def test_central_answers_the_same_for_a_voided_receipt(app, central, link):
    from counter.central import service

    desk = desk_at(app)
    receipt_no, code = voided_code(app, desk)
    link.cycle()
    assert drain(central) == {"applied": 3}
    answer = service.verify_receipt(central, None, code)
    assert answer["voided"] is True and answer["genuine"] is False and answer["receipt_no"] == receipt_no
    assert answer["void_reason"] == "Salah pelanggan" and answer["voided_at"]
    with Session(central) as session:
        assert verify_receipt(session, code).voided
