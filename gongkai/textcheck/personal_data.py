"""Personal data (个人隐私): ID numbers, phone numbers, bank cards, e-mail, licence plates, labelled names.

Speed comes from a prefilter: one cheap pattern finds the runs of ASCII letters and digits (rare in
Chinese text); the exact patterns then run only in small windows around those runs. Candidates are
validated (check digits, birth dates, number prefixes) so serial numbers are not reported as people.
"""

from __future__ import annotations

import re
from datetime import date

from gongkai.textcheck.codes import Code
from gongkai.textcheck.finding import Finding, LineIndex, make

# --- validators -----------------------------------------------------------------------------------

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_check_digit(first17: str) -> str:
    """ISO 7064 MOD 11-2 check character of the first 17 digits (GB 11643)."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def id_birth_date(number: str) -> date | None:
    """The birth date in an 18-character ID number, or None when it is not a real date."""
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None
    return born if born.year >= 1900 else None


def is_valid_id_number(number: str) -> bool:
    """18 characters, a real birth date, a province code, and the right check character."""
    number = number.upper()
    return (
        len(number) == 18
        and number[:17].isdigit()
        and number[0] in "123456789"
        and id_birth_date(number) is not None
        and id_check_digit(number[:17]) == number[17]
    )


def luhn_ok(digits: str) -> bool:
    """The Luhn check used by bank card numbers."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def is_valid_credit_code(code: str) -> bool:
    """GB 32100-2015 unified social credit code: 18 characters, the last a MOD 31 check character."""
    code = code.upper()
    if len(code) != 18 or any(c not in _USCC_CHARS for c in code):
        return False
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(code[:17], _USCC_WEIGHTS, strict=True))
    return _USCC_CHARS[(31 - total % 31) % 31] == code[17]


# --- patterns -------------------------------------------------------------------------------------

# Runs of ASCII letters/digits: the only places numbers, e-mail and plates can be.
# At least five characters: 2022年 and 15件 never open a window; spaced groups (138 1234 5678) make one run.
_PREFILTER = re.compile(r"[0-9A-Za-z@][0-9A-Za-z@._%+\- ]{4,}")
_WINDOW = 8  # characters around a run where separators, labels and plate provinces may sit
_DELETE_DIGITS = str.maketrans("", "", "0123456789")
_UPPER = re.compile(r"[A-Z]")
_GROUP_SEPARATORS = frozenset(" -－—)）(（·•・\u3000")

_ID = re.compile(
    r"(?<![0-9A-Za-z])([1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])\d{2}\d{3}[0-9Xx])(?![0-9A-Za-z])"
)
_ID_LOOSE = re.compile(r"(?<![0-9A-Za-z])(\d{17}[0-9Xx])(?![0-9A-Za-z])")
_MOBILE = re.compile(
    r"(?<![0-9A-Za-z+])(?:(?:\+|00)?86[- ]?)?(1[3-9]\d)([- ]?)(\d{4})\2(\d{4})(?![0-9A-Za-z])"
)
_LANDLINE = re.compile(
    r"(?<![0-9A-Za-z])(?:[(（]0\d{2,3}[)）][- ]?|0\d{2,3}[-－—])[2-9]\d{6,7}(?:[-转]\d{1,5})?(?![0-9A-Za-z])"
)
_LABELLED_LANDLINE = re.compile(r"(?:电话|座机|传真)(?:号码)?[:：]?\s*([2-9]\d{6,7})(?![0-9A-Za-z])")
_CARD = re.compile(r"(?<![0-9A-Za-z])(\d{4}(?:[ -]?\d{1,4}){3,5})(?![0-9A-Za-z])")
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"
)
_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_PLATE = re.compile(
    rf"[{_PROVINCES}][A-HJ-NP-Z][·•・ ]?(?:[A-HJ-NP-Z0-9]{{5}}|[DF][A-HJ-NP-Z0-9]{{5}}|[A-HJ-NP-Z0-9]{{5}}[DF])(?![0-9A-Za-z])"
)
_PLATE_START = re.compile(rf"[{_PROVINCES}][A-HJ-NP-Z]")
_CREDIT = re.compile(r"(?<![0-9A-Za-z])([0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10})(?![0-9A-Za-z])")
_CREDIT_LABEL = re.compile(r"信用代码")

_NAME_LABELS = (
    "姓名",
    "联系人",
    "被申请人",
    "申请人",
    "当事人",
    "经办人",
    "承办人",
    "举报人",
    "投诉人",
    "户主",
    "患者",
)
_LABEL_ENDS_OR_SPACE = frozenset("".join(label[-1] for label in _NAME_LABELS) + " \t\u3000")
_NAME = re.compile(
    r"[ \t\u3000]*[:：][ \t\u3000]*"
    r"([\u4e00-\u9fff·]{2,4}?)(?=$|[^\u4e00-\u9fff·]|电话|手机|联系|性别|身份|职务|地址|住址|年龄|单位|男|女)",
    re.M,
)
_NOT_A_NAME = re.compile(
    r"某|无|略|不详|本人|同上|单位|公司|中心|办公|部门|政府|委员会|[局处科室所站院校队]$"
)
_SURNAME_LIKE = re.compile(r"^[\u4e00-\u9fff]")


def _windows(text: str) -> list[tuple[int, int]]:
    """Merged windows around ASCII runs that could hold personal data; most Chinese text yields few.

    A short bare number (2022年, 15件) cannot be a phone, ID or card number and opens no window; a
    short run next to a separator may be one group of 138-1234-5678 or (027)8571-2345 and does.
    """
    out: list[tuple[int, int]] = []
    n = len(text)
    for m in _PREFILTER.finditer(text):
        start, end = m.span()
        if (
            end - start < 7
            and text[end : end + 1] not in _GROUP_SEPARATORS
            and text[start - 1 : start] not in _GROUP_SEPARATORS
        ):
            run = m.group()
            if run.isdigit() or not ("@" in run or _PLATE_START.match(text, max(0, start - 1))):
                continue
        lo, hi = max(0, start - _WINDOW), min(n, end + _WINDOW)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def _labelled_names(text: str):
    """The name pattern after each label-and-colon. Colons are found with `str.find` and the label is
    checked backwards only when the character before could end one: far faster than a regex
    alternation over the whole text."""
    find = text.find
    ends = _LABEL_ENDS_OR_SPACE
    for colon in ("：", ":"):
        pos = find(colon)
        while pos != -1:
            if pos and text[pos - 1] in ends:
                back = pos
                while back > 0 and text[back - 1] in " \t\u3000":
                    back -= 1
                for label in _NAME_LABELS:
                    if text.endswith(label, 0, back):
                        m = _NAME.match(text, back)
                        if m:
                            yield _LabelMatch(text, back - len(label), m)
                        break
            pos = find(colon, pos + 1)


class _LabelMatch:
    """A label plus the name after it, shaped like a `re.Match` for the caller."""

    __slots__ = ("_m", "_start", "_text")

    def __init__(self, text: str, start: int, m: re.Match) -> None:
        self._text, self._start, self._m = text, start, m

    def group(self, n: int = 0) -> str:
        return self._m.group(1) if n else self._text[self._start : self._m.end()]

    def span(self, n: int = 0) -> tuple[int, int]:
        return self._m.span(1) if n else (self._start, self._m.end())

    def start(self, n: int = 0) -> int:
        return self.span(n)[0]


def scan(text: str, index: LineIndex) -> list[Finding]:
    """All personal-data findings (and invalid credit codes) in `text`."""
    taken: list[tuple[int, int]] = []  # spans already explained, so one number gets one finding
    out: list[Finding] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def add(code: Code, start: int, end: int, **kw) -> None:
        taken.append((start, end))
        out.append(make(index, code, start, end, **kw))

    for lo, hi in _windows(text):
        taken.clear()  # windows do not overlap: only spans in this window can collide
        chunk = text[lo:hi]
        digits = len(chunk) - len(chunk.translate(_DELETE_DIGITS))
        if digits < 7 and "@" not in chunk and not _UPPER.search(chunk):
            continue  # nothing here can be a phone, ID, card, mailbox or plate
        long_numbers = digits >= 16
        for m in _CREDIT.finditer(text, lo, hi) if digits >= 7 else ():
            value = m.group(1)
            if is_valid_credit_code(value) and not is_valid_id_number(value):
                taken.append(m.span(1))  # an organisation's code: not personal data, not a finding
            elif not value.isdigit() and _CREDIT_LABEL.search(text, max(0, m.start() - 12), m.start()):
                add(
                    Code.CREDIT_CODE_INVALID,
                    *m.span(1),
                    message="统一社会信用代码校验位不正确（GB 32100）",
                    suggestion="核对代码",
                )
        for m in _ID.finditer(text, lo, hi) if long_numbers else ():
            start, end = m.span(1)
            if not free(start, end):
                continue
            if is_valid_id_number(m.group(1)):
                add(
                    Code.ID_NUMBER,
                    start,
                    end,
                    message="含有效的居民身份证号码，发布前须隐藏处理",
                    suggestion=mask_keep(m.group(1), 6, 4),
                )
        for m in _ID_LOOSE.finditer(text, lo, hi) if long_numbers else ():
            start, end = m.span(1)
            value = m.group(1)
            if not free(start, end) or value[0] == "0":
                continue
            born = id_birth_date(value)
            looks_like_id = (
                value[6:8] in ("18", "19", "20") and value[10:12].isdigit() and 1 <= int(value[10:12]) <= 12
            )
            if not looks_like_id or (not value.isdigit() and value[-1] not in "Xx"):
                continue
            if (
                value.isdigit()
                and len(value) == 18
                and luhn_ok(value)
                and value[:1] in "3456"
                and born is None
            ):
                continue  # more likely a bank card; left to the card pattern
            reason = "出生日期不存在" if born is None else "校验位不正确"
            add(
                Code.ID_NUMBER_INVALID,
                start,
                end,
                message=f"疑似居民身份证号码，但{reason}；如为真实号码，仍须隐藏处理",
                suggestion=mask_keep(value, 6, 4),
            )
        for m in _MOBILE.finditer(text, lo, hi):
            if free(*m.span()):
                number = m.group(1) + m.group(3) + m.group(4)
                add(Code.MOBILE, *m.span(), message="含手机号码", suggestion=mask_keep(number, 3, 4))
        for m in _LANDLINE.finditer(text, lo, hi):
            if free(*m.span()):
                add(Code.LANDLINE, *m.span(), message="含固定电话号码；如为个人电话须隐藏处理")
        for m in _LABELLED_LANDLINE.finditer(text, max(0, lo - 8), hi):
            if free(*m.span(1)):
                add(Code.LANDLINE, *m.span(1), message="含固定电话号码；如为个人电话须隐藏处理")
        for m in _CARD.finditer(text, lo, hi) if long_numbers else ():
            start, end = m.span(1)
            digits = re.sub(r"[ -]", "", m.group(1))
            if free(start, end) and 16 <= len(digits) <= 19 and digits[0] in "3456" and luhn_ok(digits):
                add(
                    Code.BANK_CARD,
                    start,
                    end,
                    message="含银行卡号，发布前须隐藏处理",
                    suggestion=mask_keep(digits, 0, 4),
                )
        for m in _EMAIL.finditer(text, lo, hi) if "@" in chunk else ():
            if free(*m.span()):
                domain = m.group().rpartition("@")[2].lower()
                if domain.endswith(".gov.cn") or domain == "gov.cn":
                    continue  # an agency's public mailbox
                add(Code.EMAIL, *m.span(), message="含电子邮箱地址；如为个人邮箱须隐藏处理")
        for m in _PLATE.finditer(text, max(0, lo - 2), hi) if _UPPER.search(chunk) else ():
            if free(*m.span()):
                add(Code.PLATE, *m.span(), message="含机动车号牌号码")
    for m in _labelled_names(text):
        name = m.group(1)
        if _NOT_A_NAME.search(name) or not _SURNAME_LIKE.match(name):
            continue
        add(Code.NAME, *m.span(1), message=f"“{m.group(0)[: m.start(1) - m.start()].strip()}”后为个人姓名")
    out.sort(key=lambda f: f.start)
    return out


def mask_keep(value: str, head: int, tail: int, char: str = "*") -> str:
    """`value` with all but the first `head` and last `tail` characters masked."""
    if head + tail >= len(value):
        return char * len(value)
    return value[:head] + char * (len(value) - head - tail) + value[len(value) - tail :]


__all__ = [
    "id_check_digit",
    "is_valid_credit_code",
    "is_valid_id_number",
    "luhn_ok",
    "mask_keep",
    "scan",
]
