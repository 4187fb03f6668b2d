from types import SimpleNamespace

import pytest
from sqlalchemy import select, update

from counter.errors import InvalidInput, NotFound
from counter.models import Customer
from counter.services.lookup import customer_by_number, find_customers


def some_customer(app) -> SimpleNamespace:
    with app.uow() as uow:
        c = uow.session.scalars(select(Customer).order_by(Customer.id).limit(1)).one()
        return SimpleNamespace(id=c.id, number=c.number, number_key=c.number_key, meter_no=c.meter_no)


def test_exact_by_number_with_or_without_dashes(app):
    c = some_customer(app)
    with app.uow() as uow:
        for typed in (c.number, c.number_key, f" {c.number} "):
            found = find_customers(uow.session, typed)
            assert found[0].id == c.id and found[0].matched_by == "number"


def test_exact_by_meter_number(app):
    c = some_customer(app)
    with app.uow() as uow:
        found = find_customers(uow.session, c.meter_no.lower())
    assert found[0].id == c.id and found[0].matched_by == "meter"


def test_bill_barcode_names_customer_and_month(app):
    c = some_customer(app)
    with app.uow() as uow:
        found = find_customers(uow.session, f"{c.number_key}202510")
        assert (found[0].id, found[0].matched_by, found[0].period) == (c.id, "barcode", 202510)
        assert customer_by_number(uow.session, f"{c.number_key}202510").id == c.id


def test_text_search_words_in_any_order_case_and_accent_insensitive(app):
    with app.uow() as uow:
        uow.session.execute(update(Customer).where(Customer.id == 5).values(
            name="José Araújo Gonçalves", search_name="jose araujo goncalves"))
        uow.commit()
    with app.uow() as uow:
        assert 5 in [s.id for s in find_customers(uow.session, "ARAUJO")]
        for typed in ("araújo jos", "gonçal josé", "JOSE   araujo"):
            ids = [s.id for s in find_customers(uow.session, typed)]
            assert ids[0] == 5, typed


def test_text_search_reaches_the_address_and_ranks_names_first(app):
    with app.uow() as uow:
        target = uow.session.get(Customer, 7)
        street_word = target.search_place.split()[1]  # a word of the street name
        found = find_customers(uow.session, f"{target.search_name.split()[-1]} {target.village}", limit=50)
        assert 7 in [s.id for s in found]
        assert all(s.matched_by == "text" for s in found)
        assert find_customers(uow.session, street_word)


def test_exact_number_ranks_before_text_matches(app):
    c = some_customer(app)
    with app.uow() as uow:
        uow.session.execute(update(Customer).where(Customer.id == 9).values(search_name=f"toko {c.number_key}"))
        uow.commit()
    with app.uow() as uow:
        found = find_customers(uow.session, c.number_key)
    assert found[0].id == c.id and found[0].matched_by == "number"
    assert 9 in [s.id for s in found[1:]]


def test_every_word_narrows_the_results(app):
    with app.uow() as uow:
        wide = find_customers(uow.session, "oesapa", limit=500)
        rt = wide[0].address.split("RT ")[1][:3]
        narrow = find_customers(uow.session, f"oesapa rt {rt}", limit=500)  # e.g. "oesapa rt 007"
    assert wide[0].id in [s.id for s in narrow] and len(narrow) < len(wide)
    assert all(f"RT {rt}" in s.address for s in narrow)


def test_a_word_found_only_inside_a_name(app):
    with app.uow() as uow:
        uow.session.execute(update(Customer).where(Customer.id == 11).values(
            name="Fanggidae", search_name="zzfanggidaezz"))
        uow.commit()
    with app.uow() as uow:
        assert [s.id for s in find_customers(uow.session, "anggidaez")] == [11]


@pytest.mark.parametrize(
    ("typed", "message"),
    [("", "Ketik nomor"), ("   ", "Ketik nomor"), ("ab", "minimal 3"), ("x" * 101, "terlalu panjang")],
)
def test_empty_or_absurd_searches_get_a_clear_message(app, typed, message):
    with app.uow() as uow, pytest.raises(InvalidInput, match=message):
        find_customers(uow.session, typed)


@pytest.mark.parametrize("typed", ['"', "a\" OR \"b", "NEAR(x y)", "'; DROP TABLE customer; --", "***", "\x00\x1b[31m"])
def test_search_syntax_in_the_text_is_just_text(app, typed):
    with app.uow() as uow:
        try:
            assert isinstance(find_customers(uow.session, typed), list)
        except InvalidInput:
            pass
        assert uow.session.scalar(select(Customer.id).limit(1)) is not None


def test_unknown_customer(app):
    with app.uow() as uow, pytest.raises(NotFound, match="tidak ditemukan"):
        customer_by_number(uow.session, "99-99-999999")
