from types import SimpleNamespace

import pytest
from sqlalchemy import select, update

from counter.errors import InvalidInput, NotFound
from counter.models import Customer
from counter.services.lookup import customer_by_number, find_customers, find_exact


def some_customer(app) -> SimpleNamespace:
    with app.uow() as uow:
        c = uow.session.scalars(select(Customer).order_by(Customer.id).limit(1)).one()
        return SimpleNamespace(id=c.id, number=c.number, number_key=c.number_key, meter_no=c.meter_no)


def set_customer(app, cid: int, **values) -> None:
    from counter.rules.text import fold, key

    if "name" in values:
        values["search_name"] = fold(values["name"])
    if "number" in values:
        values["number_key"] = key(values["number"])
    if "meter_no" in values:
        values["meter_key"] = key(values["meter_no"])
    with app.uow() as uow:
        uow.session.execute(update(Customer).where(Customer.id == cid).values(**values))
        uow.commit()


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
    set_customer(app, 5, name="José Araújo Gonçalves")
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
    set_customer(app, 9, name=f"Toko {c.number_key}")
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
    set_customer(app, 11, name="zzFanggidaezz")
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



def test_numbers_with_letters_are_found_exactly(app):
    set_customer(app, 12, number="KPG-AB-12")
    with app.uow() as uow:
        assert find_customers(uow.session, "kpg ab 12")[0].id == 12
        assert customer_by_number(uow.session, "KPG-AB-12").id == 12


def test_a_connection_number_beats_another_customers_meter_number(app):
    with app.uow() as uow:
        number_key = uow.session.get(Customer, 13).number_key
    set_customer(app, 14, meter_no=number_key)
    with app.uow() as uow:
        assert [s.matched_by for s in find_exact(uow.session, number_key)] == ["number", "meter"]
        assert customer_by_number(uow.session, number_key).id == 13


def test_inside_a_word_of_the_address_when_nothing_begins_with_it(app):
    with app.uow() as uow:
        found = find_customers(uow.session, "esapa", limit=500)
        assert found and all("esapa" in f"{s.address} {s.village}".lower() for s in found)
    set_customer(app, 15, name="Yakobus Fanggidae")
    with app.uow() as uow:
        village = uow.session.get(Customer, 15).village
        assert 15 in [s.id for s in find_customers(uow.session, f"anggid {village[1:]}")]


def test_whole_words_rank_before_beginnings(app):
    set_customer(app, 16, name="Mariana Ndun")
    set_customer(app, 17, name="Maria Ndun")
    with app.uow() as uow:
        ids = [s.id for s in find_customers(uow.session, "maria ndun")]
    assert ids.index(17) < ids.index(16)


@pytest.mark.parametrize("limit", [0, -1, 501, True])
def test_the_number_of_results_is_bounded(app, limit):
    with app.uow() as uow, pytest.raises(InvalidInput, match="Jumlah hasil"):
        find_customers(uow.session, "oesapa", limit=limit)
