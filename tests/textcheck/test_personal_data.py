"""Personal data: true and false positives, table by table."""

from __future__ import annotations

import pytest

from gongkai.textcheck import Code, Severity, check_text
from gongkai.textcheck.personal_data import (
    id_check_digit,
    is_valid_credit_code,
    is_valid_id_number,
    luhn_ok,
    mask_keep,
)

VALID_ID = "110101199003074514"
VALID_ID_X = "11010519491231002X"


def codes(text: str) -> list[tuple[str, str]]:
    return [
        (f.code.value, f.text)
        for f in check_text(text)
        if f.code.is_personal_data or f.code.value.startswith("N.credit")
    ]


def test_check_digit_is_iso_7064_mod_11_2():
    assert id_check_digit(VALID_ID[:17]) == "4"
    assert id_check_digit(VALID_ID_X[:17]) == "X"
    assert is_valid_id_number(VALID_ID) and is_valid_id_number(VALID_ID_X.lower())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"身份证号{VALID_ID}。", [("PD.id_number", VALID_ID)]),
        (f"身份证：{VALID_ID_X}", [("PD.id_number", VALID_ID_X)]),
        # wrong check digit: still looks like an ID, a lower-severity finding
        ("身份证号110101199003074515。", [("PD.id_number_invalid", "110101199003074515")]),
        # 30 February does not exist
        ("身份证号110101199002304511。", [("PD.id_number_invalid", "110101199002304511")]),
        # inside a longer digit run: a serial, not an ID
        (f"流水号9{VALID_ID}7。", []),
        # 18 digits that do not look like an ID at all
        ("编号000000000000000000。", []),
    ],
)
def test_id_numbers(text, expected):
    assert codes(text) == expected


def test_invalid_id_is_less_severe_than_valid():
    (valid,) = [f for f in check_text(f"号码{VALID_ID}") if f.code is Code.ID_NUMBER]
    (invalid,) = [f for f in check_text("号码110101199003074515") if f.code is Code.ID_NUMBER_INVALID]
    assert valid.severity is Severity.BLOCKING
    assert invalid.severity.rank > valid.severity.rank


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("手机13812345678。", [("PD.mobile", "13812345678")]),
        ("手机：138-1234-5678。", [("PD.mobile", "138-1234-5678")]),
        ("电话 138 1234 5678 联系", [("PD.mobile", "138 1234 5678")]),
        ("请拨+8613912345678", [("PD.mobile", "+8613912345678")]),
        # phone-number-like 11-digit serials: no 13x-19x prefix
        ("订单号12345678901。", []),
        ("编号10012345678。", []),
        # a mobile-looking run inside a longer number
        ("账单号2013812345678999。", []),
    ],
)
def test_mobile_numbers(text, expected):
    assert codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("电话：027-85712345", [("PD.landline", "027-85712345")]),
        ("电话（0517）87222589", [("PD.landline", "（0517）87222589")]),
        ("联系电话：85712345。", [("PD.landline", "85712345")]),
        ("共85712345元", []),
    ],
)
def test_landlines(text, expected):
    assert codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("卡号6222021234567890128。", [("PD.bank_card", "6222021234567890128")]),
        ("卡号 6222 0212 3456 7890 128", [("PD.bank_card", "6222 0212 3456 7890 128")]),
        ("卡号6222021234567890127。", []),  # fails Luhn
        ("邮箱zhang.san@example.com。", [("PD.email", "zhang.san@example.com")]),
        ("邮箱gkb@wuhan.gov.cn。", []),  # an agency's public mailbox
        ("车牌鄂A12345停放", [("PD.plate", "鄂A12345")]),
        ("车牌粤BD12345停放", [("PD.plate", "粤BD12345")]),
        ("姓名：张三，性别：男", [("PD.name", "张三")]),
        ("联系人：李四电话", [("PD.name", "李四")]),
        ("联系人：办公室", []),
        ("申请人：张某", []),  # already anonymised
        ("申请人情况", []),
    ],
)
def test_other_personal_data(text, expected):
    assert codes(text) == expected


def test_credit_codes_are_validated_but_not_personal_data():
    code = "91350100M000100Y43"
    assert is_valid_credit_code(code)
    assert codes(f"统一社会信用代码：{code}") == []
    bad = "91350100M000100Y44"
    assert not is_valid_credit_code(bad)
    assert codes(f"统一社会信用代码：{bad}") == [("N.credit_code_invalid", bad)]


def test_luhn_and_mask():
    assert luhn_ok("4539578763621486") and not luhn_ok("4539578763621487")
    assert mask_keep(VALID_ID, 6, 4) == "110101********4514"
    assert mask_keep("12", 6, 4) == "**"


def test_line_and_column():
    (finding,) = [f for f in check_text(f"第一行\n第二行号码{VALID_ID}") if f.code is Code.ID_NUMBER]
    assert (finding.line, finding.column) == (2, 6)
    assert (finding.start, finding.end) == (9, 27)
