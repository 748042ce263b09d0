"""Tests for posapp.domain.barcodes: GS1 check digits and scan classification."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posapp.domain.barcodes import (
    BarcodeRules,
    InStoreKind,
    InStorePrefix,
    LoyaltyCard,
    Misread,
    PriceLabel,
    ProductCode,
    ReceiptCode,
    TextCode,
    VoucherCode,
    WeightLabel,
    classify,
    gs1_check_digit,
    is_valid_gtin,
    make_ean13,
    normalize_gtin,
    receipt_code,
    voucher_text_code,
)

RULES = BarcodeRules.default()
MISREAD_REASONS = {"empty", "wrong check digit", "too short", "unreadable"}
SCAN_TYPES = (
    ProductCode,
    PriceLabel,
    WeightLabel,
    LoyaltyCard,
    VoucherCode,
    ReceiptCode,
    TextCode,
    Misread,
)

# Real, published codes.
REAL_EAN13 = ["4006381333931", "5901234123457", "8711253001202", "9780306406157"]
REAL_EAN8 = ["96385074", "73513537"]
REAL_UPCA = ["036000291452", "012345678905"]


def digits(n: int) -> st.SearchStrategy[str]:
    return st.text(alphabet="0123456789", min_size=n, max_size=n)


def fullwidth(ascii_digits: str) -> str:
    """The same digits as FULLWIDTH DIGIT characters (str.isdigit() is True for them)."""
    return "".join(chr(0xFF10 + int(d)) for d in ascii_digits)


def _exponent(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    return exponent


def _corrupt(code: str, position: int, replacement: str) -> str:
    return code[:position] + replacement + code[position + 1 :]


# --------------------------------------------------------------------------- check digits


@pytest.mark.parametrize("code", REAL_EAN13 + REAL_EAN8 + REAL_UPCA)
def test_check_digit_of_real_codes(code: str) -> None:
    assert gs1_check_digit(code[:-1]) == int(code[-1])
    assert is_valid_gtin(code)


def test_check_digit_known_values() -> None:
    assert gs1_check_digit("400638133393") == 1
    assert gs1_check_digit("9638507") == 4
    assert gs1_check_digit("03600029145") == 2
    assert gs1_check_digit("000000000000") == 0  # (10 - 0) % 10, not 10


@pytest.mark.parametrize("body", ["", "12345a7", fullwidth("1234567"), "12 45678", "-1234567"])
def test_check_digit_rejects_non_digits(body: str) -> None:
    with pytest.raises(ValueError):
        gs1_check_digit(body)


def test_make_ean13_latvian_codes() -> None:
    assert make_ean13("475000000000") == "4750000000000"
    code = make_ean13("475123456789")
    assert code.startswith("475123456789")
    assert len(code) == 13
    assert is_valid_gtin(code)
    assert classify(code, RULES) == ProductCode(code)


def test_make_ean13_reproduces_real_code() -> None:
    assert make_ean13("400638133393") == "4006381333931"


@pytest.mark.parametrize("body", ["", "12345", "40063813339", "4006381333931", "40063813339a"])
def test_make_ean13_rejects_bad_body(body: str) -> None:
    with pytest.raises(ValueError):
        make_ean13(body)


@given(digits(12))
def test_make_ean13_is_always_valid(body: str) -> None:
    code = make_ean13(body)
    assert code[:12] == body
    assert is_valid_gtin(code)


@pytest.mark.parametrize(
    "code",
    [
        "",
        "4006381333932",  # wrong check digit
        "400638133393",  # 12 digits, wrong check digit
        "96385075",
        "1234567",  # 7 digits
        "40063813339310",  # 14 digits: not accepted here
        " 4006381333931",  # no stripping in is_valid_gtin
        "400638133393a",
        fullwidth("4006381333931"),
    ],
)
def test_is_valid_gtin_rejects(code: str) -> None:
    assert not is_valid_gtin(code)


def test_normalize_gtin() -> None:
    assert normalize_gtin("036000291452") == "0036000291452"
    assert normalize_gtin("4006381333931") == "4006381333931"
    assert normalize_gtin("96385074") == "96385074"


# --------------------------------------------------------------------------- products


@pytest.mark.parametrize("code", REAL_EAN13)
def test_real_ean13_is_product(code: str) -> None:
    assert classify(code, RULES) == ProductCode(code)


@pytest.mark.parametrize("code", REAL_EAN8)
def test_ean8_is_product_unchanged(code: str) -> None:
    assert classify(code, RULES) == ProductCode(code)


def test_upca_normalizes_to_ean13() -> None:
    assert classify("036000291452", RULES) == ProductCode("0036000291452")


def test_upca_number_system_2_is_a_product() -> None:
    upc = "21234567890"
    upc += str(gs1_check_digit(upc))
    assert classify(upc, RULES) == ProductCode("0" + upc)


def test_unconfigured_in_store_prefix_is_product() -> None:
    code = make_ean13("201234500345")  # 20 is not configured by default
    assert classify(code, RULES) == ProductCode(code)


@pytest.mark.parametrize("code", ["4006381333932", "5901234123450", "96385070", "036000291453"])
def test_wrong_check_digit_is_misread(code: str) -> None:
    assert classify(code, RULES) == Misread(code, "wrong check digit")


def test_wrong_check_digit_on_in_store_label_is_misread() -> None:
    code = make_ean13("211234500345")
    bad = code[:-1] + str((int(code[-1]) + 1) % 10)
    assert classify(bad, RULES) == Misread(bad, "wrong check digit")


def _single_digit_corruption_is_caught(code: str, position: int, shift: int) -> None:
    original = code[position]
    replacement = str((int(original) + shift) % 10)
    bad = _corrupt(code, position, replacement)
    assert bad != code
    assert not is_valid_gtin(bad)
    assert classify(bad, RULES) == Misread(bad, "wrong check digit")


@given(digits(12), st.integers(0, 12), st.integers(1, 9))
def test_every_single_digit_error_in_ean13_is_misread(body: str, position: int, shift: int) -> None:
    _single_digit_corruption_is_caught(make_ean13(body), position, shift)


@given(digits(11), st.integers(0, 11), st.integers(1, 9))
def test_every_single_digit_error_in_upca_is_misread(body: str, position: int, shift: int) -> None:
    _single_digit_corruption_is_caught(body + str(gs1_check_digit(body)), position, shift)


@given(digits(7), st.integers(0, 7), st.integers(1, 9))
def test_every_single_digit_error_in_ean8_is_misread(body: str, position: int, shift: int) -> None:
    _single_digit_corruption_is_caught(body + str(gs1_check_digit(body)), position, shift)


@pytest.mark.parametrize("code", REAL_EAN13)
def test_all_corruptions_of_real_codes_are_misread_exhaustive(code: str) -> None:
    for position in range(13):
        for replacement in "0123456789":
            bad = _corrupt(code, position, replacement)
            result = classify(bad, RULES)
            if bad == code:
                assert result == ProductCode(code)
            else:
                assert isinstance(result, Misread)
                assert result.reason == "wrong check digit"


# --------------------------------------------------------------------------- in-store codes


def test_price_label() -> None:
    code = make_ean13("21" + "12345" + "00345")
    result = classify(code, RULES)
    assert result == PriceLabel("12345", Decimal("3.45"))
    assert isinstance(result, PriceLabel)
    assert type(result.price) is Decimal
    assert _exponent(result.price) == -2


@pytest.mark.parametrize(
    ("value", "expected"),
    [("00300", "3.00"), ("00000", "0.00"), ("99999", "999.99"), ("00001", "0.01")],
)
def test_price_label_keeps_two_decimals(value: str, expected: str) -> None:
    result = classify(make_ean13("2112345" + value), RULES)
    assert isinstance(result, PriceLabel)
    assert str(result.price) == expected
    assert _exponent(result.price) == -2


def test_weight_label() -> None:
    code = make_ean13("22" + "00042" + "00355")
    result = classify(code, RULES)
    assert result == WeightLabel("00042", Decimal("0.355"))
    assert isinstance(result, WeightLabel)
    assert type(result.weight_kg) is Decimal
    assert _exponent(result.weight_kg) == -3


@pytest.mark.parametrize(
    ("value", "expected"),
    [("01000", "1.000"), ("00000", "0.000"), ("99999", "99.999"), ("00001", "0.001")],
)
def test_weight_label_keeps_three_decimals(value: str, expected: str) -> None:
    result = classify(make_ean13("2200042" + value), RULES)
    assert isinstance(result, WeightLabel)
    assert str(result.weight_kg) == expected
    assert _exponent(result.weight_kg) == -3


@given(digits(5), digits(5))
def test_price_labels_are_exact_cents(item: str, value: str) -> None:
    result = classify(make_ean13("21" + item + value), RULES)
    assert result == PriceLabel(item, Decimal(int(value)) / 100)
    assert isinstance(result, PriceLabel)
    assert _exponent(result.price) == -2


@given(digits(5), digits(5))
def test_weight_labels_are_exact_grams(item: str, value: str) -> None:
    result = classify(make_ean13("22" + item + value), RULES)
    assert result == WeightLabel(item, Decimal(int(value)) / 1000)
    assert isinstance(result, WeightLabel)
    assert _exponent(result.weight_kg) == -3


def test_loyalty_card() -> None:
    code = make_ean13("270000012345")
    assert classify(code, RULES) == LoyaltyCard(code)


def test_voucher_prefix() -> None:
    code = make_ean13("280000000500")
    assert classify(code, RULES) == VoucherCode(code)


def test_custom_rules_item_digits_4_and_6() -> None:
    rules = BarcodeRules(
        (
            InStorePrefix("23", InStoreKind.PRICE_LABEL, item_digits=4),
            InStorePrefix("24", InStoreKind.WEIGHT_LABEL, item_digits=6),
            InStorePrefix("25", InStoreKind.PRICE_LABEL, item_digits=6),
            InStorePrefix("26", InStoreKind.WEIGHT_LABEL, item_digits=4),
        )
    )
    assert classify(make_ean13("23" + "1234" + "012345"), rules) == PriceLabel(
        "1234", Decimal("123.45")
    )
    assert classify(make_ean13("24" + "123456" + "1500"), rules) == WeightLabel(
        "123456", Decimal("1.500")
    )
    assert classify(make_ean13("25" + "000042" + "0199"), rules) == PriceLabel(
        "000042", Decimal("1.99")
    )
    assert classify(make_ean13("26" + "0042" + "012345"), rules) == WeightLabel(
        "0042", Decimal("12.345")
    )
    # The default prefixes are not configured in these rules.
    code = make_ean13("211234500345")
    assert classify(code, rules) == ProductCode(code)


def test_custom_rules_loyalty_and_voucher_on_other_prefixes() -> None:
    rules = BarcodeRules(
        (
            InStorePrefix("29", InStoreKind.LOYALTY_CARD),
            InStorePrefix("20", InStoreKind.VOUCHER),
        )
    )
    card = make_ean13("290000000001")
    voucher = make_ean13("200000000001")
    assert classify(card, rules) == LoyaltyCard(card)
    assert classify(voucher, rules) == VoucherCode(voucher)


def test_default_rules() -> None:
    assert RULES.kind_of("21") == InStorePrefix("21", InStoreKind.PRICE_LABEL, 5)
    assert RULES.kind_of("22") == InStorePrefix("22", InStoreKind.WEIGHT_LABEL, 5)
    assert RULES.kind_of("27") == InStorePrefix("27", InStoreKind.LOYALTY_CARD, 5)
    assert RULES.kind_of("28") == InStorePrefix("28", InStoreKind.VOUCHER, 5)
    assert RULES.kind_of("20") is None
    assert RULES.kind_of("40") is None
    assert RULES.kind_of("") is None
    assert BarcodeRules.default() == RULES


@pytest.mark.parametrize("prefix", ["19", "30", "2", "210", "", "2a", fullwidth("21"), " 21"])
def test_prefix_must_be_20_to_29(prefix: str) -> None:
    with pytest.raises(ValueError):
        InStorePrefix(prefix, InStoreKind.PRICE_LABEL)


@pytest.mark.parametrize("item_digits", [0, 3, 7, 10, -5])
def test_item_digits_must_be_4_to_6(item_digits: int) -> None:
    with pytest.raises(ValueError):
        InStorePrefix("21", InStoreKind.PRICE_LABEL, item_digits)


@pytest.mark.parametrize("item_digits", [4, 5, 6])
def test_item_digits_4_to_6_accepted(item_digits: int) -> None:
    assert InStorePrefix("21", InStoreKind.WEIGHT_LABEL, item_digits).item_digits == item_digits


def test_duplicate_prefixes_rejected() -> None:
    with pytest.raises(ValueError):
        BarcodeRules(
            (
                InStorePrefix("21", InStoreKind.PRICE_LABEL),
                InStorePrefix("21", InStoreKind.WEIGHT_LABEL),
            )
        )


def test_empty_rules_make_every_valid_ean13_a_product() -> None:
    rules = BarcodeRules(())
    code = make_ean13("211234500345")
    assert classify(code, rules) == ProductCode(code)


def test_values_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        RULES.prefixes = ()  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        PriceLabel("1", Decimal("1.00")).price = Decimal("0.01")  # type: ignore[misc]


# --------------------------------------------------------------------------- Code 128 texts


def test_receipt_code_format() -> None:
    assert receipt_code("T1", 42) == "RT1-42"
    assert classify("RT1-42", RULES) == ReceiptCode("T1", 42)


@given(st.from_regex(r"[A-Z0-9]{1,8}", fullmatch=True), st.integers(0, 999_999_999))
def test_receipt_code_round_trip(till: str, number: int) -> None:
    assert classify(receipt_code(till, number), RULES) == ReceiptCode(till, number)


@pytest.mark.parametrize(
    ("till", "number"),
    [("", 1), ("t1", 1), ("T-1", 1), ("TOOLONGXX", 1), ("T1", -1), ("T1", 1_000_000_000)],
)
def test_receipt_code_rejects_what_classify_could_not_read_back(till: str, number: int) -> None:
    with pytest.raises(ValueError):
        receipt_code(till, number)


def test_receipt_code_is_case_insensitive() -> None:
    assert classify("rt1-42", RULES) == ReceiptCode("T1", 42)
    assert classify("Rt1-42\r\n", RULES) == ReceiptCode("T1", 42)


def test_voucher_text_code() -> None:
    assert voucher_text_code("ABCD1234") == "V-ABCD1234"
    assert classify("V-ABCD1234", RULES) == VoucherCode("ABCD1234")
    assert classify("v-abcd1234", RULES) == VoucherCode("ABCD1234")


@given(st.from_regex(r"[A-Z0-9]{4,32}", fullmatch=True))
def test_voucher_text_code_round_trip(code: str) -> None:
    assert classify(voucher_text_code(code), RULES) == VoucherCode(code)


@pytest.mark.parametrize("code", ["", "ABC", "abcd", "AB-CD", "A" * 33])
def test_voucher_text_code_rejects_bad_codes(code: str) -> None:
    with pytest.raises(ValueError):
        voucher_text_code(code)


def test_voucher_text_of_13_digit_voucher_round_trips() -> None:
    code = make_ean13("280000000500")
    assert classify(voucher_text_code(code), RULES) == VoucherCode(code)


@pytest.mark.parametrize(
    "text",
    ["R-42", "RT1-", "RT1-1234567890", "RTOOLONGXX-1", "V-ABC", "V-" + "A" * 33, "V-AB CD"],
)
def test_near_misses_of_receipt_and_voucher_are_text(text: str) -> None:
    assert classify(text, RULES) == TextCode(text)


def test_non_ascii_letters_do_not_upper_case_into_a_receipt() -> None:
    text = "rt\u0131-42"  # LATIN SMALL LETTER DOTLESS I, whose upper() is "I"
    assert text.upper() == "RTI-42"
    assert classify(text, RULES) == TextCode(text)


# --------------------------------------------------------------------------- text and misreads


@pytest.mark.parametrize("suffix", ["\r\n", "\n", "\r", "\t", " ", "\x00"])
def test_scanner_terminators_are_stripped(suffix: str) -> None:
    assert classify("4006381333931" + suffix, RULES) == ProductCode("4006381333931")


def test_surrounding_whitespace_and_bom_stripped() -> None:
    assert classify("\ufeff  96385074\t\r\n", RULES) == ProductCode("96385074")


@given(st.sampled_from([*REAL_EAN13, "BRD-001", "RT1-42", "12"]), st.text(" \t\r\n\x0b\x0c"))
def test_stripping_does_not_change_the_result(code: str, padding: str) -> None:
    assert classify(padding + code + padding, RULES) == classify(code, RULES)


@pytest.mark.parametrize("raw", ["", "   ", "\r\n", "\t\x00\r\n"])
def test_empty_is_misread(raw: str) -> None:
    assert classify(raw, RULES) == Misread("", "empty")


@pytest.mark.parametrize("raw", ["1", "12", "123"])
def test_short_numeric_is_misread(raw: str) -> None:
    assert classify(raw, RULES) == Misread(raw, "too short")


@pytest.mark.parametrize("raw", ["1234", "123456", "1234567", "1234567890", "12345678901234"])
def test_other_numeric_lengths_are_text(raw: str) -> None:
    assert classify(raw, RULES) == TextCode(raw)


@pytest.mark.parametrize("raw", ["BRD-001", "sku 42", "A", "Äpfel-7", "X" * 64])
def test_sku_text_is_text_code(raw: str) -> None:
    assert classify(raw, RULES) == TextCode(raw)


def test_long_junk_is_unreadable() -> None:
    junk = "Z" * 65
    assert classify(junk, RULES) == Misread(junk, "unreadable")
    digits_junk = "1" * 80
    assert classify(digits_junk, RULES) == Misread(digits_junk, "unreadable")


@pytest.mark.parametrize("raw", ["ab\x00cd", "40063\x1b81333931", "BRD\u200b001", "A\nB"])
def test_non_printable_inside_is_unreadable(raw: str) -> None:
    result = classify(raw, RULES)
    assert isinstance(result, Misread)
    assert result.reason == "unreadable"


@given(st.text(max_size=100))
def test_classify_never_raises_and_reasons_are_known(raw: str) -> None:
    result = classify(raw, RULES)
    assert isinstance(result, SCAN_TYPES)
    if isinstance(result, Misread):
        assert result.reason in MISREAD_REASONS
    if isinstance(result, ProductCode):
        assert is_valid_gtin(result.gtin)
        assert len(result.gtin) in (8, 13)


@given(st.text(alphabet="0123456789", min_size=1, max_size=20))
def test_numeric_reads_never_become_products_without_a_valid_check_digit(raw: str) -> None:
    result = classify(raw, RULES)
    if isinstance(result, ProductCode):
        assert is_valid_gtin(raw)
        assert result.gtin == normalize_gtin(raw)
    if len(raw) in (8, 12, 13) and not is_valid_gtin(raw):
        assert result == Misread(raw, "wrong check digit")
