"""`gongkai fee`: the 信息处理费 in yuan (国办函〔2020〕109号; DOMAIN §9).

    gongkai fee --applications 45            → 5500   (one applicant, one calendar month)
    gongkai fee --pages 150 --explain        → the bands in Chinese, then 1700

Exactly one of --applications / --pages. Bad input prints a Chinese message and exits 2.
"""

from __future__ import annotations

import argparse
import sys

from gongkai.applications.fees import FeeInputError, per_application, per_volume

EXIT_USAGE = 2
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def _count(text: str, what: str) -> int:
    try:
        return int(text.strip().translate(_FULLWIDTH))
    except ValueError:
        raise FeeInputError(f"{what}必须是整数，收到：“{text}”") from None


def run(args: argparse.Namespace) -> int:
    if (args.applications is None) == (args.pages is None):
        print(
            "[F.input_invalid] 请指定 --applications（按件，本自然月申请件数）或 --pages（按量，页数）中的一项",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        if args.applications is not None:
            calc = per_application(_count(args.applications, "申请件数"))
        else:
            calc = per_volume(_count(args.pages, "页数"))
    except FeeInputError as exc:
        print(f"[{exc.code}] {exc.message}", file=sys.stderr)
        return EXIT_USAGE
    if args.explain:
        print(calc.text())
    print(calc.amount)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "fee",
        help="信息处理费计算（按件或按量，超额累进）",
        description="按《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）计算信息处理费，输出金额（元）。",
    )
    parser.add_argument("--applications", metavar="件数", help="按件计收：同一申请人本自然月内的申请件数")
    parser.add_argument("--pages", metavar="页数", help="按量计收：一件申请的页数（按A4计）")
    parser.add_argument("--explain", action="store_true", help="同时输出计算过程")
    parser.set_defaults(func=run)
