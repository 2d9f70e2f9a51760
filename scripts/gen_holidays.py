"""Generate gongkai/workdays/data/YYYY.json from the `chinesecalendar` package, once.

The library reads only the generated files at runtime; chinesecalendar is a cross-check
(tests/workdays/test_data.py compares every day). Run again only to add a year:

    .venv/bin/python scripts/gen_holidays.py            # write the files
    .venv/bin/python scripts/gen_holidays.py --check    # exit 1 if a file would change

A date is filed under the notice that set it: the late-December days of a 元旦 break belong to the
next year's notice (the 2019 notice made 2018-12-29 a make-up working day).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from datetime import date
from importlib.metadata import version
from pathlib import Path

import chinese_calendar

YEARS = range(2019, 2027)
OUT = Path(__file__).resolve().parent.parent / "gongkai" / "workdays" / "data"

NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
}


def notice(year: int, doc_number: str | None) -> dict[str, str | None]:
    return {"title": f"国务院办公厅关于{year}年部分节假日安排的通知", "doc_number": doc_number}


# 文号 only where checked against several independent citations of the notice; else None.
SOURCES: dict[int, list[dict[str, str | None]]] = {
    2019: [
        notice(2019, "国办发明电〔2018〕15号"),
        {"title": "国务院办公厅关于调整2019年劳动节假期安排的通知", "doc_number": None},
    ],
    2020: [
        notice(2020, "国办发明电〔2019〕16号"),
        {"title": "国务院办公厅关于延长2020年春节假期的通知", "doc_number": "国办发明电〔2020〕1号"},
    ],
    2021: [notice(2021, "国办发明电〔2020〕27号")],
    2022: [notice(2022, "国办发明电〔2021〕11号")],
    2023: [notice(2023, "国办发明电〔2022〕16号")],
    2024: [notice(2024, "国办发明电〔2023〕7号")],
    2025: [notice(2025, "国办发明电〔2024〕12号")],
    2026: [notice(2026, "国办发明电〔2025〕7号")],
}


def notice_year(d: date, english_name: str) -> int:
    """The year of the notice that set `d`: a December 元旦 day belongs to the next year's."""
    return d.year + 1 if d.month == 12 and english_name == "New Year's Day" else d.year


def build() -> dict[int, dict]:
    holidays: dict[int, dict[str, str]] = defaultdict(dict)
    makeup: dict[int, dict[str, str]] = defaultdict(dict)
    for source, target in ((chinese_calendar.holidays, holidays), (chinese_calendar.workdays, makeup)):
        for d, name in source.items():
            year = notice_year(d, name)
            if year in YEARS:
                target[year][d.isoformat()] = NAMES[name]
    missing = [y for y in YEARS if not holidays[y]]
    if missing:
        sys.exit(f"chinesecalendar {version('chinesecalendar')} 缺少年份：{missing}")
    return {
        year: {
            "year": year,
            "sources": SOURCES[year],
            "public_holidays": dict(sorted(holidays[year].items())),
            "makeup_workdays": dict(sorted(makeup[year].items())),
            "generated_by": f"scripts/gen_holidays.py from chinesecalendar {version('chinesecalendar')}",
        }
        for year in YEARS
    }


def render(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="只比较，不写文件；有差异时返回1")
    args = parser.parse_args(argv)
    changed = []
    for year, data in build().items():
        path = OUT / f"{year}.json"
        text = render(data)
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        changed.append(path.name)
        if not args.check:
            path.write_text(text, encoding="utf-8")
    print(("需要更新：" if args.check else "已写入：") + ("、".join(changed) or "无"))
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
