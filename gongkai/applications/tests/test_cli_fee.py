"""`gongkai fee` prints the amount in yuan; bad input gets a Chinese message and exit code 2."""

from __future__ import annotations

import pytest

from gongkai.cli import main


@pytest.mark.parametrize(("argv", "out"), [(["--applications", "45"], "5500"), (["--pages", "150"], "1700"),
                                           (["--applications", "１０"], "0")])  # fmt: skip
def test_fee_prints_yuan(capsys, argv, out):
    assert main(["fee", *argv]) == 0
    assert capsys.readouterr().out.strip() == out


def test_explain_prints_the_calculation(capsys):
    assert main(["fee", "--pages", "150", "--explain"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[-2] == "合计：1700元" and lines[-1] == "1700"


@pytest.mark.parametrize(
    "argv", [["--pages", "-3"], ["--pages", "abc"], [], ["--pages", "3", "--applications", "4"]]
)
def test_bad_input_exits_2_in_chinese(capsys, argv):
    assert main(["fee", *argv]) == 2
    err = capsys.readouterr().err
    assert "[F.input_invalid]" in err and "Traceback" not in err
