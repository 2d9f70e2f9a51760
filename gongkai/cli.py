"""The `gongkai` command: one subcommand per module in `gongkai.commands`.

Each command module exposes `register(subparsers)`, which adds its parser and sets
`func` to a callable taking the parsed arguments and returning an exit code.
Exit codes: 0 fine, 1 findings that block (errors), 2 usage or unreadable input.
"""

from __future__ import annotations

import argparse
import importlib
import sys

COMMANDS = ("audit", "render", "check", "workdays", "fee")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gongkai",
        description="政府信息公开工作工具：年报体检、年报生成、内容检查、工作日计算",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"gongkai.commands.{name}")
        except ModuleNotFoundError as exc:  # a command still being built is simply absent
            if exc.name != f"gongkai.commands.{name}":
                raise
            continue
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
