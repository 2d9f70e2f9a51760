"""`gongkai workdays`: plain answers on stdout, `[code] 中文` on stderr and exit 2 for bad input."""

import pytest

from gongkai.cli import main


def run(capsys, *argv):
    code = main(["workdays", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        ("2023-03-06", "20", "2023-04-03"),
        ("2023-03-06", "7", "2023-03-15"),
        ("2023-04-03", "20", "2023-05-04"),
        ("2023/3/20", "20", "2023-04-18"),
        ("2023年3月20日", "20", "2023-04-18"),
    ],
)
def test_add_prints_the_due_date(capsys, start, days, due):
    assert run(capsys, "add", start, days) == (0, f"{due}\n", "")


def test_add_with_a_pause(capsys):
    code, out, _ = run(capsys, "add", "2023-03-06", "20", "--pause", "2023-03-10", "2023-03-14")
    assert (code, out) == (0, "2023-04-06\n")


def test_explain_lists_skipped_days_and_why(capsys):
    code, out, err = run(capsys, "explain", "2023-04-03", "20")
    assert code == 0 and err == ""
    assert "起算日：2023-04-03 星期一（当日不计入，自次日起计算）" in out
    assert "2023-04-05 星期三  跳过：清明节" in out
    assert "2023-04-08 星期六  跳过：周末" in out
    assert "2023-04-23 星期日  第14个工作日（调休上班日（劳动节））" in out
    assert "2023-05-01 星期一  跳过：劳动节" in out
    assert "届满日：2023-05-04 星期四" in out
    assert "跳过11天：清明节1天、周末5天、劳动节5天" in out


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["add", "2023-02-30", "5"], "W.date_invalid"),
        (["add", "yesterday", "5"], "W.date_invalid"),
        (["add", "2023-03-06", "-1"], "W.period_invalid"),
        (["add", "2023-03-06", "二十"], "W.period_invalid"),
        (["add", "2026-12-28", "5"], "W.calendar_missing"),
        (["explain", "2026-12-28", "5"], "W.calendar_missing"),
        (["add", "2023-03-06", "5", "--pause", "2023-03-10", "2023-03-09"], "W.pause_invalid"),
        (["day", "2030-01-01"], "W.calendar_missing"),
    ],
)
def test_bad_input_exits_2_with_a_chinese_message(capsys, argv, code):
    exit_code, out, err = run(capsys, *argv)
    assert exit_code == 2 and out == ""
    assert f"[{code}]" in err
    assert "Traceback" not in err


def test_missing_year_message_names_the_year(capsys):
    _, _, err = run(capsys, "add", "2026-12-28", "5")
    assert "缺少2027年节假日安排数据，无法计算工作日" in err


def test_provisional_result_is_labelled(capsys):
    code, out, _ = run(capsys, "add", "2026-12-28", "5", "--provisional")
    assert code == 0
    assert out == "2027-01-04（暂估：缺少2027年节假日安排数据，按仅排除周末暂估）\n"
    _, out, _ = run(capsys, "explain", "2026-12-28", "5", "--provisional")
    assert "注意：缺少2027年节假日安排数据" in out
    assert "届满日：2027-01-04 星期一（暂估）" in out


def test_between_and_day(capsys):
    assert run(capsys, "between", "2023-03-06", "2023-04-03") == (0, "20\n", "")
    assert run(capsys, "day", "2023-04-23") == (0, "2023-04-23 星期日：工作日（调休上班日（劳动节））\n", "")
    assert run(capsys, "day", "2026-10-01") == (0, "2026-10-01 星期四：非工作日（国庆节）\n", "")


def test_no_subcommand_prints_help_and_exits_2(capsys):
    code, out, _ = run(capsys)
    assert code == 2 and "add" in out
