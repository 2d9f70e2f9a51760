"""信息处理费 (国办函〔2020〕109号; DOMAIN §9): the two progressive scales as pure functions.

Each function returns the amount in yuan and the calculation in Chinese, one line per band, so
the fee notice can show how the amount was reached. No Django here.
"""

from __future__ import annotations

from dataclasses import dataclass

FREE_APPLICATIONS = 10  # 按件: up to 10 a calendar month, free
FIRST_BAND_END = 30  # 11–30 at 100 元/件
BAND_SIZE = 10  # from 31 on, each band of 10 adds 100 元/件
PER_APPLICATION_STEP = 100

FREE_PAGES = 30
PAGE_BANDS = ((100, 10), (200, 20), (None, 40))  # (last page of band, 元/页) above 30 pages


class FeeInputError(ValueError):
    """A count that is not a whole number ≥ 0; `message` is shown to the user."""

    code = "F.input_invalid"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class FeeCalculation:
    """An amount in yuan and the lines that explain it."""

    method: str  # per_application / per_volume
    quantity: int
    amount: int
    lines: tuple[str, ...]

    def text(self) -> str:
        return "\n".join(self.lines)


def _count(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise FeeInputError(f"{what}必须是整数，收到：{value!r}")
    if value < 0:
        raise FeeInputError(f"{what}不能为负数，收到：{value}")
    return value


def per_application_rate(position: int) -> int:
    """元 for the application at `position` (1-based) in its applicant's calendar month.

    DOMAIN §9: 1–10 free; 11–30 100元; 31–40 200元, 41–50 300元, … (band reading inferred).
    """
    position = _count(position, "申请件数")
    if position <= FREE_APPLICATIONS:
        return 0
    if position <= FIRST_BAND_END:
        return PER_APPLICATION_STEP
    return PER_APPLICATION_STEP * (2 + (position - FIRST_BAND_END - 1) // BAND_SIZE)


def _bands(count: int) -> list[tuple[int, int, int]]:
    """(first, last, rate) for each band of 按件 that `count` applications reach."""
    bands = [(1, min(count, FREE_APPLICATIONS), 0)]
    if count > FREE_APPLICATIONS:
        bands.append((FREE_APPLICATIONS + 1, min(count, FIRST_BAND_END), PER_APPLICATION_STEP))
    first = FIRST_BAND_END + 1
    while count >= first:
        last = min(count, first + BAND_SIZE - 1)
        bands.append((first, last, per_application_rate(first)))
        first += BAND_SIZE
    return bands


def per_application(count: int) -> FeeCalculation:
    """按件计收: the total for `count` applications by one applicant in one calendar month."""
    count = _count(count, "申请件数")
    lines = [f"按件计收：本自然月内同一申请人申请{count}件，超额累进计算："]
    total = 0
    if count == 0:
        lines = ["按件计收：本自然月内申请0件，不收费。"]
    else:
        for first, last, rate in _bands(count):
            n = last - first + 1
            part = n * rate
            total += part
            span = f"第{first}件" if first == last else f"第{first}至{last}件"
            if rate == 0:
                lines.append(f"{span}（{n}件）免费：0元")
            else:
                lines.append(f"{span}（{n}件）×{rate}元/件 = {part}元")
        lines.append(f"合计：{total}元")
    return FeeCalculation("per_application", count, total, tuple(lines))


def per_application_marginal(position: int) -> FeeCalculation:
    """按件计收 for one case: the fee of the application at `position` in the applicant's month."""
    rate = per_application_rate(position)
    lines = (
        f"按件计收：该申请为申请人本自然月内第{position}件。",
        f"第{position}件适用标准：{rate}元/件"
        if rate
        else f"第{position}件在免费件数（{FREE_APPLICATIONS}件）以内：0元",
        f"合计：{rate}元",
    )
    return FeeCalculation("per_application", position, rate, lines)


def per_volume(pages: int) -> FeeCalculation:
    """按量计收: the fee for one application of `pages` A4 pages (30 free; 10/20/40 元 a page)."""
    pages = _count(pages, "页数")
    if pages <= FREE_PAGES:
        return FeeCalculation(
            "per_volume", pages, 0, (f"按量计收：{pages}页，在免费页数（{FREE_PAGES}页）以内：0元",)
        )
    lines = [f"按量计收：共{pages}页，超额累进计算：", f"第1至{FREE_PAGES}页（{FREE_PAGES}页）免费：0元"]
    total, first = 0, FREE_PAGES + 1
    for last_of_band, rate in PAGE_BANDS:
        if pages < first:
            break
        last = pages if last_of_band is None else min(pages, last_of_band)
        n = last - first + 1
        total += n * rate
        lines.append(f"第{first}至{last}页（{n}页）×{rate}元/页 = {n * rate}元")
        if last_of_band is None:
            break
        first = last_of_band + 1
    lines.append(f"合计：{total}元")
    return FeeCalculation("per_volume", pages, total, tuple(lines))
