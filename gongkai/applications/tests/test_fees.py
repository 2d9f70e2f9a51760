"""信息处理费 scales (国办函〔2020〕109号), the worked examples of DOMAIN §9."""

from __future__ import annotations

import pytest

from gongkai.applications import fees


@pytest.mark.parametrize(
    ("applications", "total"),
    [(0, 0), (10, 0), (11, 100), (30, 2000), (31, 2200), (40, 4000), (45, 5500), (50, 7000)],
)
def test_per_application_scale_per_applicant_per_calendar_month(applications, total):
    assert fees.per_application(applications).amount == total


@pytest.mark.parametrize(
    ("pages", "fee"), [(0, 0), (30, 0), (31, 10), (100, 700), (150, 1700), (200, 2700), (201, 2740)]
)
def test_per_volume_scale_per_application(pages, fee):
    assert fees.per_volume(pages).amount == fee


def test_45_applications_show_their_bands():
    calc = fees.per_application(45)
    assert calc.lines[1:] == (
        "第1至10件（10件）免费：0元",
        "第11至30件（20件）×100元/件 = 2000元",
        "第31至40件（10件）×200元/件 = 2000元",
        "第41至45件（5件）×300元/件 = 1500元",
        "合计：5500元",
    )


def test_150_pages_show_their_bands():
    assert fees.per_volume(150).lines[1:] == (
        "第1至30页（30页）免费：0元",
        "第31至100页（70页）×10元/页 = 700元",
        "第101至150页（50页）×20元/页 = 1000元",
        "合计：1700元",
    )


@pytest.mark.parametrize(
    ("position", "rate"), [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300)]
)
def test_marginal_rate_is_the_difference_of_totals(position, rate):
    assert fees.per_application_rate(position) == rate
    assert fees.per_application(position).amount - fees.per_application(position - 1).amount == rate


@pytest.mark.parametrize("bad", [-1, 1.5, "3", True, None])
def test_bad_counts_are_refused_in_chinese(bad):
    with pytest.raises(fees.FeeInputError) as err:
        fees.per_volume(bad)
    assert "页数" in err.value.message
