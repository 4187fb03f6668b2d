import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter.errors import InvalidInput
from counter.rules.money import MAX_AMOUNT, format_rupiah, parse_rupiah
from counter.rules.period import add_months, due_date, label, parse_period


@pytest.mark.parametrize(
    ("amount", "shown"),
    [(0, "Rp 0"), (500, "Rp 500"), (1_000, "Rp 1.000"), (1_234_567, "Rp 1.234.567"), (-61_500, "-Rp 61.500")],
)
def test_rupiah_is_shown_with_dot_thousands(amount, shown):
    assert format_rupiah(amount) == shown


def test_money_must_be_int():
    with pytest.raises(TypeError):
        format_rupiah(1.5)


@pytest.mark.parametrize("text", ["150000", "150.000", "Rp 150.000", "rp150.000", "150.000,-", " 150000 "])
def test_cashier_amounts_parse(text):
    assert parse_rupiah(text) == 150_000


@pytest.mark.parametrize("text", ["", "-5000", "1,5", "12.34", "15.0000", "abc", "1e6", "Rp", "99999999999999"])
def test_bad_amounts_are_refused_in_indonesian(text):
    with pytest.raises(InvalidInput, match="Jumlah uang"):
        parse_rupiah(text)


@given(st.integers(min_value=0, max_value=MAX_AMOUNT))
def test_format_then_parse_round_trips(amount):
    assert parse_rupiah(format_rupiah(amount)) == amount


@given(st.text(max_size=30))
def test_parse_never_fails_with_anything_but_invalid_input(text):
    try:
        value = parse_rupiah(text)
    except InvalidInput:
        return
    assert isinstance(value, int) and 0 <= value <= MAX_AMOUNT


def test_periods():
    assert add_months(202511, 2) == 202601
    assert add_months(202501, -1) == 202412
    assert label(202510) == "Okt 2025"
    assert parse_period("2025-10") == parse_period("202510") == 202510
    assert due_date(202502, 30).isoformat() == "2025-02-28"
    with pytest.raises(InvalidInput):
        parse_period("2025-13")


@given(st.integers(min_value=190001, max_value=299912).filter(lambda p: 1 <= p % 100 <= 12),
       st.integers(min_value=-300, max_value=300))
def test_add_months_is_invertible(period, months):
    assert add_months(add_months(period, months), -months) == period


@pytest.mark.parametrize(
    ("amount", "words"),
    [(123_000, "seratus dua puluh tiga ribu rupiah"), (1_000, "seribu rupiah"),
     (8_308_000, "delapan juta tiga ratus delapan ribu rupiah"), (0, "nol rupiah")],
)
def test_amount_in_words(amount, words):
    from counter.rules.money import in_words

    assert in_words(amount) == words


def test_one_line_collapses_spaces_and_refuses_control_characters_and_lengths():
    from counter.errors import InvalidInput
    from counter.rules.text import one_line

    assert one_line("  salah \n pelanggan\t", 5, 200, "x") == "salah pelanggan"
    assert one_line(None, 0, 10, "x") == ""
    for bad, low, high in (("ab\x00cd", 0, 10), ("abcd", 5, 10), ("a" * 11, 0, 10), ("", 1, 10)):
        with pytest.raises(InvalidInput, match="^tolak$"):
            one_line(bad, low, high, "tolak")


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_fold_of_plain_ascii_is_the_full_fold(text):
    """fold's short cut for ASCII text gives what the full decomposition gives."""
    import re
    import unicodedata

    from counter.rules.text import fold

    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    assert fold(text) == re.sub(r"[^0-9a-z]+", " ", plain.casefold()).strip()


def test_fold_lowers_drops_accents_and_punctuation():
    from counter.rules.text import fold

    assert fold("José  Araújo-Soares") == "jose araujo soares"
    assert fold("Jl. Timor Raya No. 12, RT 003/RW 01") == "jl timor raya no 12 rt 003 rw 01"
    assert fold("Straße") == "strasse"
    assert fold(None) == fold("") == ""
