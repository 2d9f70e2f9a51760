"""`holiday_arrangement`: one year's official holiday dates, make-up working days and their source.

DOMAIN §8: the dates are data, published each year by the State Council General Office in
`国务院办公厅关于YYYY年部分节假日安排的通知`, and editable by an administrator. The shipped years
live in `gongkai/workdays/data/YYYY.json`, generated once by `scripts/gen_holidays.py`.

An arrangement is keyed by the year of its notice. A notice may reach back into the December of
the year before (the 2019 notice set 2018-12-29 as a make-up working day and 2018-12-30/31 off),
so those few dates are listed in the arrangement of the following year.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from types import MappingProxyType
from typing import Any

from gongkai.workdays.errors import InvalidArrangement

DATA_PACKAGE = "gongkai.workdays.data"


@dataclass(frozen=True)
class SourceDocument:
    """The official notice an arrangement comes from; `doc_number` (文号) is None when unverified."""

    title: str
    doc_number: str | None = None

    def label(self) -> str:
        """《title》（文号）, as cited in Chinese text."""
        return f"《{self.title}》" + (f"（{self.doc_number}）" if self.doc_number else "")


@dataclass(frozen=True)
class HolidayArrangement:
    """One notice year: `public_holiday` dates and `makeup_workday` dates, each with its holiday.

    `holidays` maps every day off (weekend days inside a holiday block included) to the
    holiday's Chinese name, e.g. 国庆节. `makeup_workdays` maps each weekend day declared a
    working day (调休上班日) to the holiday it belongs to. `sources` lists the notice and any
    later amendment (e.g. the 2020 extension of the Spring Festival).
    """

    year: int
    holidays: Mapping[date, str]
    makeup_workdays: Mapping[date, str] = field(default_factory=dict)
    sources: tuple[SourceDocument, ...] = ()

    def __post_init__(self) -> None:
        holidays = dict(sorted(self.holidays.items()))
        makeup = dict(sorted(self.makeup_workdays.items()))
        for d, name in [*holidays.items(), *makeup.items()]:
            if not isinstance(d, date):
                raise InvalidArrangement(f"{self.year}年节假日安排中的日期无效：{d!r}")
            if not (d.year == self.year or (d.year == self.year - 1 and d.month == 12)):
                raise InvalidArrangement(
                    f"{self.year}年节假日安排中的日期 {d.isoformat()} 不属于{self.year}年"
                    f"（只允许本年日期和上一年12月的日期）"
                )
            if not isinstance(name, str) or not name.strip():
                raise InvalidArrangement(f"{self.year}年节假日安排中 {d.isoformat()} 缺少节日名称")
        both = sorted(holidays.keys() & makeup.keys())
        if both:
            raise InvalidArrangement(
                f"{self.year}年节假日安排中 {both[0].isoformat()} 既是放假日又是调休上班日"
            )
        weekday_makeup = [d for d in makeup if d.weekday() < 5]
        if weekday_makeup:
            raise InvalidArrangement(
                f"{self.year}年节假日安排中的调休上班日 {weekday_makeup[0].isoformat()} 不是星期六或星期日"
            )
        object.__setattr__(self, "holidays", MappingProxyType(holidays))
        object.__setattr__(self, "makeup_workdays", MappingProxyType(makeup))
        object.__setattr__(self, "sources", tuple(self.sources))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> HolidayArrangement:
        """Read the JSON shape of `data/YYYY.json` (dates as ISO strings)."""
        try:
            year = int(data["year"])
            holidays = {_iso(k, year): v for k, v in data.get("public_holidays", {}).items()}
            makeup = {_iso(k, year): v for k, v in data.get("makeup_workdays", {}).items()}
            sources = tuple(
                SourceDocument(title=s["title"], doc_number=s.get("doc_number"))
                for s in data.get("sources", ())
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise InvalidArrangement(f"节假日安排数据格式不正确：{exc}") from exc
        return cls(year=year, holidays=holidays, makeup_workdays=makeup, sources=sources)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of `data/YYYY.json`; `from_dict(to_dict())` gives back an equal object."""
        return {
            "year": self.year,
            "sources": [{"title": s.title, "doc_number": s.doc_number} for s in self.sources],
            "public_holidays": {d.isoformat(): n for d, n in self.holidays.items()},
            "makeup_workdays": {d.isoformat(): n for d, n in self.makeup_workdays.items()},
        }


def _iso(text: str, year: int) -> date:
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError) as exc:
        raise InvalidArrangement(f"{year}年节假日安排中的日期无法识别：{text!r}") from exc


def shipped_years() -> list[int]:
    """The years with a data file in the installed package."""
    return sorted(int(p.name[:-5]) for p in _data_files())


def load_shipped_arrangements() -> list[HolidayArrangement]:
    """Every shipped `data/YYYY.json`, read through importlib.resources (works from a wheel)."""
    result = []
    for path in sorted(_data_files(), key=lambda p: p.name):
        arrangement = HolidayArrangement.from_dict(json.loads(path.read_text(encoding="utf-8")))
        if f"{arrangement.year}.json" != path.name:
            raise InvalidArrangement(f"数据文件 {path.name} 中的年份是 {arrangement.year}")
        result.append(arrangement)
    return result


def _data_files() -> Iterator[Any]:
    for entry in resources.files(DATA_PACKAGE).iterdir():
        name = entry.name
        if name.endswith(".json") and name[:-5].isdigit():
            yield entry
