"""Properties of the instalment and relief arithmetic."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter.errors import InvalidInput
from counter.rules.instalments import covered_by, document_number, first_overdue, monthly_due_dates, split_terms
from counter.rules.relief import (
    Applicant, BillIn, Eligibility, ReliefTerms, ineligibility, plan_figures,
)

ON = dt.date(2025, 11, 24)
bills = st.lists(st.builds(
    BillIn, bill_id=st.integers(1, 10**6), period=st.integers(202001, 202512),
    due_date=st.dates(dt.date(2020, 1, 1), dt.date(2025, 11, 20)),
    principal=st.integers(1, 10**8), fine=st.integers(0, 10**6)), min_size=1, max_size=60)
terms_rules = st.builds(
    ReliefTerms, max_terms=st.integers(1, 12), fine_waiver_pct=st.integers(0, 100),
    fine_mode=st.sampled_from(["include", "waive", "freeze"]), discount_pct=st.integers(0, 99),
    discount_before=st.none() | st.dates(dt.date(2020, 1, 1), dt.date(2026, 1, 1)),
    min_down_payment_pct=st.integers(0, 100))


@given(st.integers(1, 10**12), st.integers(1, 60))
def test_terms_sum_exactly_are_equal_and_the_last_absorbs_rounding(amount, n):
    if amount < n:
        with pytest.raises(InvalidInput):
            split_terms(amount, n)
        return
    parts = split_terms(amount, n)
    assert sum(parts) == amount and len(parts) == n
    assert len(set(parts[:-1])) <= 1 and 0 <= parts[-1] - parts[0] < n and min(parts) > 0


@given(bills, terms_rules, st.data())
def test_plan_total_is_principal_plus_included_charges_minus_waived(bill_list, rule, data):
    n = data.draw(st.integers(0, rule.max_terms))
    try:
        figures = plan_figures(bill_list, rule, ON, n)
    except InvalidInput:  # what remains is too small to split
        return
    assert figures.total == figures.principal + figures.fines - figures.waived
    assert sum(t.amount for t in figures.schedule) == figures.total
    assert all(t.amount > 0 for t in figures.schedule) and all(b.amount >= 0 for b in figures.bills)
    assert figures.down_payment == figures.minimum_down_payment
    assert figures.minimum_down_payment * 100 >= figures.total * rule.min_down_payment_pct or n == 0
    assert len([t for t in figures.schedule if t.seq > 0]) == n
    if rule.fine_mode == "freeze":
        assert figures.fines == 0


def test_more_terms_than_allowed_and_a_low_down_payment_are_refused():
    bill = [BillIn(1, 202501, dt.date(2025, 1, 20), 100_000, 10_000)]
    with pytest.raises(InvalidInput, match="Paling banyak 3"):
        plan_figures(bill, ReliefTerms(max_terms=3), ON, 4)
    with pytest.raises(InvalidInput, match="Uang muka minimal Rp 55.000"):
        plan_figures(bill, ReliefTerms(max_terms=3, min_down_payment_pct=50), ON, 2, down_payment=54_999)


def test_buka_segel_figures_for_the_customer_in_the_source():
    # "total 2,400,000, I paid half, the rest in three instalments"
    bill = [BillIn(i, 202101 + i, dt.date(2021, 1, 20), 100_000, 10_000) for i in range(24)]
    figures = plan_figures(bill, ReliefTerms(max_terms=3, fine_waiver_pct=100, min_down_payment_pct=50), ON, 3)
    assert (figures.total, figures.waived, figures.down_payment) == (2_400_000, 240_000, 1_200_000)
    assert [t.amount for t in figures.schedule] == [1_200_000, 400_000, 400_000, 400_000]


def test_due_dates_clamp_to_the_month_end_and_numbers_use_roman_months():
    assert monthly_due_dates(dt.date(2026, 1, 31), 3) == [dt.date(2026, 2, 28), dt.date(2026, 3, 31),
                                                         dt.date(2026, 4, 30)]
    assert document_number(7, "ANGS", "KPG-L01", dt.date(2026, 11, 2)) == "0007/ANGS/KPG-L01/XI/2026"


def test_default_and_allocation():
    dues = [(dt.date(2026, 1, 1), True), (dt.date(2026, 2, 1), False)]
    assert first_overdue(dues, dt.date(2026, 3, 3), 30) is None
    assert first_overdue(dues, dt.date(2026, 3, 4), 30) == dt.date(2026, 2, 1)
    assert covered_by([100, 200, 300], 350) == (2, 50)


def test_eligibility_reasons():
    rule = Eligibility(sealed_only=True, min_arrears_months=3, tariff_groups=("R2",))
    who = Applicant("active", "R1", "KPG", (dt.date(2025, 9, 20),))
    reasons = ineligibility(rule, who, dt.date(2025, 11, 17), dt.date(2025, 12, 31), ON)
    assert reasons == ["hanya untuk sambungan yang disegel", "tunggakan kurang dari 3 bulan",
                       "golongan tarif R1 tidak termasuk"]
    assert ineligibility(Eligibility(), who, ON, ON, ON) == []
