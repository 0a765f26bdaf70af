from graph.quantities import find_money, parse_number, resolve_date


def test_german_and_english_number_formats():
    assert parse_number("7.000", "de") == 7000
    assert parse_number("100.000", "de") == 100000
    assert parse_number("2,5", "de") == 2.5
    assert parse_number("2,000", "en") == 2000
    assert parse_number("2.1", "en") == 2.1
    assert parse_number("zwölf", "de") == 12
    assert parse_number("twelve", "en") == 12
    assert parse_number("Panzer", "de") is None


def test_money_amounts_with_scale_and_currency():
    m = find_money("$ 2.1 billion in aid".split(), "en")
    assert (m.amount, m.currency) == (2.1e9, "USD")
    m = find_money("von 200 Millionen Euro finanziert".split(), "de")
    assert (m.amount, m.currency, m.text) == (2e8, "EUR", "200 Millionen Euro")
    m = find_money(["€", "545", "m"], "en")
    assert (m.amount, m.currency) == (545e6, "EUR")
    m = find_money(["€545m"], "en")
    assert (m.amount, m.currency) == (545e6, "EUR")


def test_plain_numbers_and_years_are_not_money():
    assert find_money("im Jahr 2023 wurden 12 Haubitzen geliefert".split(), "de") is None


def test_relative_dates_resolve_against_the_article_date():
    assert resolve_date("Das Paket wurde gestern angekündigt".split(), "de", "2024-03-15") == \
        ("2024-03-14", "gestern")
    assert resolve_date("announced yesterday".split(), "en", "2024-03-15") == ("2024-03-14", "yesterday")
    assert resolve_date("in diesem Jahr".split(), "de", "2023-06-01")[0] == "2023"
    assert resolve_date("on June 9 , 2023".split(), "en", None)[0] == "2023-06-09"
    assert resolve_date("am 9. Juni 2023".split(), "de", None)[0] == "2023-06-09"


def test_relative_date_without_article_date_keeps_only_the_text():
    assert resolve_date("gestern".split(), "de", None) == (None, "gestern")
