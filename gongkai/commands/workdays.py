"""`gongkai workdays`: due dates in working days, with the days skipped and why (DOMAIN §7, §8).

    gongkai workdays add 2023-03-06 20          → 2023-04-03
    gongkai workdays explain 2023-03-20 20      → one line per day, then a summary
    gongkai workdays between 2023-03-06 2023-04-03
    gongkai workdays day 2023-04-23

Bad input prints `[code] 中文说明` on stderr and exits 2; never a traceback.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from datetime import date

from gongkai.workdays import (
    WEEKDAY_NAMES,
    DayKind,
    Explanation,
    InvalidDate,
    InvalidPeriod,
    Pause,
    WorkdayError,
    default_calendar,
)

EXIT_USAGE = 2
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_FULLWIDTH = str.maketrans("０１２３４５６７８９－／．", "0123456789-/.")


def parse_date(text: str) -> date:
    """2023-03-06, 2023/3/6, 2023.3.6 or 2023年3月6日 (full-width digits accepted)."""
    m = _DATE.fullmatch(text.strip().translate(_FULLWIDTH))
    try:
        if m is None:
            raise ValueError
        return date(*(int(g) for g in m.groups()))
    except ValueError:
        raise InvalidDate(f"日期无法识别：“{text}”，请使用 YYYY-MM-DD 格式，例如 2023-03-06") from None


def parse_days(text: str) -> int:
    try:
        n = int(text.strip().translate(_FULLWIDTH))
    except ValueError:
        raise InvalidPeriod(f"工作日天数必须是整数，收到：“{text}”") from None
    if n < 0:
        raise InvalidPeriod(f"工作日天数不能为负数，收到：{n}")
    return n


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "workdays",
        help="工作日计算：期限届满日、逐日说明",
        description="按国务院办公厅节假日安排计算工作日期限：自起算日的次日开始计算，第N个工作日为届满日。",
    )
    parser.set_defaults(func=lambda _args: (parser.print_help(), EXIT_USAGE)[1])
    sub = parser.add_subparsers(dest="workdays_command", metavar="子命令")

    def with_period(p: argparse.ArgumentParser) -> None:
        p.add_argument("start", metavar="起算日", help="例如 2023-03-06（当日不计入）")
        p.add_argument("days", metavar="工作日数", help="例如 20")
        p.add_argument(
            "--pause",
            nargs=2,
            action="append",
            default=[],
            metavar=("开始日", "结束日"),
            help="暂停计算期间（如征求第三方意见）：开始日次日至结束日（含）的工作日不计入；可重复",
        )
        p.add_argument(
            "--provisional",
            action="store_true",
            help="缺少某年节假日安排时，按仅排除周末暂估（结果标注“暂估”）",
        )

    add = sub.add_parser("add", help="计算期限届满日", description="输出第N个工作日（届满日）。")
    with_period(add)
    add.set_defaults(func=_run(_add))

    exp = sub.add_parser("explain", help="逐日说明哪些日子计入、哪些跳过及原因")
    with_period(exp)
    exp.set_defaults(func=_run(_explain))

    between = sub.add_parser("between", help="两个日期之间的工作日数（前者次日起算，含后者）")
    between.add_argument("start", metavar="开始日")
    between.add_argument("end", metavar="结束日")
    between.set_defaults(func=_run(_between))

    day = sub.add_parser("day", help="某一天是否为工作日及原因")
    day.add_argument("date", metavar="日期")
    day.set_defaults(func=_run(_day))


def _run(command):
    """Turn every library error into `[code] message` on stderr and exit code 2."""

    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except WorkdayError as exc:
            print(f"gongkai workdays: [{exc.code}] {exc.message}", file=sys.stderr)
            return EXIT_USAGE

    return run


def _explanation(args: argparse.Namespace) -> Explanation:
    start, n = parse_date(args.start), parse_days(args.days)
    pauses = [Pause(parse_date(a), parse_date(b)) for a, b in args.pause]
    return default_calendar().explain(start, n, pauses=pauses, provisional=args.provisional)


def _provisional_note(result: Explanation) -> str:
    years = "、".join(f"{y}年" for y in result.missing_years)
    return f"缺少{years}节假日安排数据，按仅排除周末暂估"


def _fmt(d: date) -> str:
    return f"{d.isoformat()} {WEEKDAY_NAMES[d.weekday()]}"


def _add(args: argparse.Namespace) -> int:
    result = _explanation(args)
    note = f"（暂估：{_provisional_note(result)}）" if result.provisional else ""
    print(f"{result.due.isoformat()}{note}")
    return 0


def _explain(args: argparse.Namespace) -> int:
    result = _explanation(args)
    print(f"起算日：{_fmt(result.start)}（当日不计入，自次日起计算）")
    print(f"期限：{result.working_days}个工作日")
    if result.provisional:
        print(f"注意：{_provisional_note(result)}，结果仅供参考")
    for item in result.days:
        if not item.counted:
            print(f"  {_fmt(item.day.date)}  跳过：{item.reason}")
        elif item.day.kind is DayKind.WORKDAY:
            mark = "（暂估）" if item.day.provisional else ""
            print(f"  {_fmt(item.day.date)}  第{item.ordinal}个工作日{mark}")
        else:
            print(f"  {_fmt(item.day.date)}  第{item.ordinal}个工作日（{item.reason}）")
    print(f"届满日：{_fmt(result.due)}" + ("（暂估）" if result.provisional else ""))
    skipped = Counter(item.reason for item in result.skipped)
    if skipped:
        parts = "、".join(f"{reason}{count}天" for reason, count in skipped.items())
        print(f"共{len(result.days)}个自然日，跳过{len(result.skipped)}天：{parts}")
    else:
        print(f"共{len(result.days)}个自然日，没有跳过的日子")
    return 0


def _between(args: argparse.Namespace) -> int:
    print(default_calendar().working_days_between(parse_date(args.start), parse_date(args.end)))
    return 0


def _day(args: argparse.Namespace) -> int:
    day = default_calendar().day(parse_date(args.date))
    verdict = "工作日" if day.is_working_day else "非工作日"
    print(f"{_fmt(day.date)}：{verdict}（{day.reason}）")
    return 0
