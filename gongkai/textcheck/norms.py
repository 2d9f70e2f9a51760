"""Official-document norms (公文规范) and classified markers (涉密标识).

Rules follow 《党政机关公文格式》(GB/T 9704-2012) and 《标点符号用法》(GB/T 15834-2011). Each rule
reports only what it is sure of: a norm that cries wolf gets switched off and then catches nothing.
"""

from __future__ import annotations

import re
from collections import Counter

from gongkai.textcheck.codes import Code
from gongkai.textcheck.finding import Finding, LineIndex, make


def _is_cjk(ch: str) -> bool:
    return bool(ch) and ("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff")


# --- document numbers: 国办函〔2020〕109号 --------------------------------------------------------------

_OPEN = "[［【(（〔﹝〖<＜「"
_CLOSE = "]］】)）〕﹞〗>＞」"
_DOC_NO = re.compile(
    rf"(?P<open>[{re.escape(_OPEN)}])[ \u3000]*(?P<year>(?:19|20)\d{{2}})[ \u3000]*(?P<close>[{re.escape(_CLOSE)}])"
    r"[ \u3000]*(?P<di>第)?[ \u3000]*(?P<num>\d{1,5})[ \u3000]*号"
)


def doc_numbers(text: str, index: LineIndex) -> list[Finding]:
    """发文字号: the year in 六角括号〔〕, no 第, no padding — flag [], (), 【】, ﹝﹞ … in that place."""
    out = []
    for m in _DOC_NO.finditer(text):
        if not _is_cjk(text[m.start() - 1 : m.start()]):
            continue  # a 发文机关代字 (国办函, 鄂政发 …) stands right before the year
        right = f"〔{m['year']}〕{int(m['num'])}号"
        if m.group() == right:
            continue
        problems = []
        if m["open"] != "〔" or m["close"] != "〕":
            problems.append(f"年份应使用六角括号“〔〕”，不应使用“{m['open']}{m['close']}”")
        if m["di"]:
            problems.append("序号前不加“第”")
        if m["num"].startswith("0"):
            problems.append("序号不编虚位")
        if not problems:
            problems.append("发文字号中不应有空格")
        out.append(
            make(
                index,
                Code.DOC_NUMBER_BRACKET,
                m.start(),
                m.end(),
                suggestion=right,
                message="发文字号" + "；".join(problems),
            )
        )
    return out


# --- paired quotes and brackets ----------------------------------------------------------------------

_PAIRS = {
    "“": "”",
    "‘": "’",
    "《": "》",
    "（": "）",
    "(": ")",
    "【": "】",
    "〔": "〕",
    "〈": "〉",
    "「": "」",
    "『": "』",
    "[": "]",
    "［": "］",
}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
_BRACKET_CHARS = re.compile("[" + re.escape("".join(_PAIRS) + "".join(_CLOSERS)) + "]")
_LIST_MARKER = re.compile(r"\s*(?:\d{1,3}|[a-zA-Z]|[一二三四五六七八九十]{1,3}|[①-⑳])[)）]")


_PARAGRAPH_END = set("。！？；!?;")


def paragraphs(text: str, index: LineIndex, *, soft_line_breaks: bool = False) -> list[tuple[int, int]]:
    """(start, end) of each paragraph. With soft line breaks (PDF text), a line joins the next unless
    it ends a sentence or the next line is blank: PDF lines are where the page ran out, not paragraphs."""
    lines = list(index.lines())
    if not soft_line_breaks:
        return lines
    out: list[tuple[int, int]] = []
    joining = False
    for start, end in lines:
        blank = not text[start:end].strip()
        if joining and not blank and not _MARKER.match(text, start, end):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
        tail = text[start:end].rstrip()
        joining = bool(tail) and tail[-1] not in _PARAGRAPH_END
    return out


def unpaired(text: str, index: LineIndex, *, soft_line_breaks: bool = False) -> list[Finding]:
    """Quotes and brackets must close within their paragraph (GB/T 15834)."""
    out = []
    lines = paragraphs(text, index, soft_line_breaks=soft_line_breaks)
    for n, (start, end) in enumerate(lines):
        stack: list[int] = []
        for m in _BRACKET_CHARS.finditer(text, start, end):
            ch, pos = m.group(), m.start()
            if ch in _PAIRS:
                stack.append(pos)
                continue
            opener = _CLOSERS[ch]
            depth = next((i for i in range(len(stack) - 1, -1, -1) if text[stack[i]] == opener), None)
            if depth is None:
                if not stack and _LIST_MARKER.fullmatch(text, index.line_span(pos)[0], pos + 1):
                    continue  # 1）, a）: a list marker, not a bracket
                out.append(
                    make(
                        index,
                        Code.UNPAIRED,
                        pos,
                        pos + 1,
                        suggestion=f"补全“{opener}”或删除",
                        message=f"“{ch}”没有对应的“{opener}”",
                    )
                )
                continue
            for i in stack[depth + 1 :]:
                out.append(_unclosed(text, index, i))
            del stack[depth:]
        if stack:
            # A quotation running over several paragraphs opens each one and closes only the last.
            nxt = lines[n + 1] if n + 1 < len(lines) else None
            continues = nxt is not None and text[stack[-1]] == "“" and text[nxt[0] : nxt[0] + 1] == "“"
            for i in stack if not continues else stack[:-1]:
                out.append(_unclosed(text, index, i))
    return out


def _unclosed(text: str, index: LineIndex, pos: int) -> Finding:
    closer = _PAIRS[text[pos]]
    return make(
        index,
        Code.UNPAIRED,
        pos,
        pos + 1,
        suggestion=f"补全“{closer}”",
        message=f"“{text[pos]}”没有对应的“{closer}”",
    )


# --- half-width punctuation in Chinese text -------------------------------------------------------------

_HALF = re.compile(r'[,;:?!()."]')
_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。", '"': "“”"}


def halfwidth(text: str, index: LineIndex, skip: list[tuple[int, int]] = ()) -> list[Finding]:
    """Half-width , ; : ? ! ( ) . " next to Chinese characters should be full-width (GB/T 15834)."""
    out = []
    for m in _HALF.finditer(text):
        pos, ch = m.start(), m.group()
        before, after = text[pos - 1 : pos], text[pos + 1 : pos + 2]
        if ch == ".":
            hit = _is_cjk(before) and not after.isalnum() and after != "."
        elif ch in "(":
            hit = _is_cjk(after) or (_is_cjk(before) and not _ascii_alnum(after))
        elif ch == ")":
            hit = _is_cjk(before) or (_is_cjk(after) and not _ascii_alnum(before))
        elif ch == ":":
            hit = _is_cjk(before) and not (before.isdigit() and after.isdigit())
        else:
            hit = _is_cjk(before) or _is_cjk(after)
        if hit and not any(s <= pos < e for s, e in skip):
            out.append(
                make(
                    index,
                    Code.HALFWIDTH_PUNCT,
                    pos,
                    pos + 1,
                    suggestion=_FULL[ch],
                    message=f"中文中应使用全角“{_FULL[ch]}”",
                )
            )
    return out


def _ascii_alnum(ch: str) -> bool:
    return bool(ch) and ch.isascii() and ch.isalnum()


# --- repeated characters and words ----------------------------------------------------------------------

# Only characters that are (almost) never doubled in good Chinese; 在在建项目, 对对方, 把把关 are fine.
_REPEAT_CHAR = re.compile(r"([的于或而也已])\1")
_REPEAT_WORD = re.compile(r"([\u4e00-\u9fff]{2,4})\1")
_REDUPLICATED_VERBS = frozenset(
    [
        "研究",
        "讨论",
        "考虑",
        "休息",
        "商量",
        "琢磨",
        "了解",
        "学习",
        "活动",
        "锻炼",
        "打听",
        "检查",
        "整理",
        "收拾",
        "打扫",
        "介绍",
        "比较",
        "体验",
        "感受",
        "放松",
        "交流",
        "沟通",
        "总结",
        "思考",
        "调查",
        "分析",
        "观察",
        "准备",
        "熟悉",
        "认识",
        "练习",
        "尝试",
        "参观",
        "清理",
        "梳理",
        "研讨",
        "热闹",
        "高兴",
        "意思",
        "哈哈",
        "呵呵",
        "嘻嘻",
    ]
)


def repeats(text: str, index: LineIndex) -> list[Finding]:
    """的的, 公开公开: a character or word typed twice."""
    out = []
    for m in _REPEAT_CHAR.finditer(text):
        i = m.start()
        if text[i + 2 : i + 3] == text[i + 3 : i + 4] != "" or text[i - 2 : i - 1] == text[i - 1 : i] != "":
            continue  # AABB: 的的确确, 实实在在
        if text[i - 1 : i] == "目":
            continue  # 达到目的的手段
        out.append(
            make(index, Code.REPEAT, i, m.end(), suggestion=m.group(1), message=f"“{m.group(1)}”字重复")
        )
    for m in _REPEAT_WORD.finditer(text):
        word = m.group(1)
        if word in _REDUPLICATED_VERBS or word[0] == "一" or len(set(word)) == 1:
            continue
        out.append(make(index, Code.REPEAT, m.start(), m.end(), suggestion=word, message=f"“{word}”重复"))
    return out


# --- list numbering and digits ----------------------------------------------------------------------------

_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}
_MARKER = re.compile(
    r"[ \t\u3000]*(?:"
    r"(?P<cn>[一二三四五六七八九十]{1,3})(?P<cn_p>[、.．，])"
    r"|(?P<cnp_o>[（(])(?P<cnp>[一二三四五六七八九十]{1,3})(?P<cnp_c>[）)])"
    r"|(?P<ar>\d{1,2})(?P<ar_p>[、.．，]|[)）])(?!\d)"
    r"|(?P<arp_o>[（(])(?P<arp>\d{1,2})(?P<arp_c>[）)])"
    r")"
)
_FULLWIDTH_DIGITS = re.compile(r"[０-９]+")


def _cn_value(s: str) -> int:
    if s == "十":
        return 10
    if "十" in s:
        head, _, tail = s.partition("十")
        return (_CN_DIGITS.get(head, 1) if head else 1) * 10 + (_CN_DIGITS.get(tail, 0) if tail else 0)
    return _CN_DIGITS.get(s, 0)


def number_styles(text: str, index: LineIndex) -> list[Finding]:
    """One list, one numbering style: 1. 2、 3． in a row is three styles."""
    out = []
    last: dict[tuple[str, str], tuple[int, str]] = {}
    for start, end in index.lines():
        m = _MARKER.match(text, start, end)
        if not m:
            continue
        if m["cn"]:
            key, value, style = ("cn", "plain"), _cn_value(m["cn"]), "X" + m["cn_p"]
        elif m["cnp"]:
            key, value, style = ("cn", "paren"), _cn_value(m["cnp"]), m["cnp_o"] + "X" + m["cnp_c"]
        elif m["ar"]:
            key, value, style = ("ar", "plain"), int(m["ar"]), "X" + m["ar_p"]
        else:
            key, value, style = ("ar", "paren"), int(m["arp"]), m["arp_o"] + "X" + m["arp_c"]
        prev = last.get(key)
        if prev and value == prev[0] + 1 and style != prev[1]:
            want = prev[1].replace("X", m["cn"] or m["cnp"] or m["ar"] or m["arp"])
            out.append(
                make(
                    index,
                    Code.NUMBER_STYLE,
                    m.start() + len(m.group()) - len(m.group().lstrip(" \t\u3000")),
                    m.end(),
                    suggestion=want,
                    message=f"同一层级序号样式不统一：前文为“{prev[1].replace('X', '…')}”，此处为“{style.replace('X', '…')}”",
                )
            )
            last[key] = (value, prev[1])
        else:
            last[key] = (value, style)
    if _FULLWIDTH_DIGITS.search(text) and re.search(r"[0-9]", text):
        for m in _FULLWIDTH_DIGITS.finditer(text):
            half = m.group().translate(str.maketrans("０１２３４５６７８９", "0123456789"))
            out.append(
                make(
                    index,
                    Code.NUMBER_STYLE,
                    m.start(),
                    m.end(),
                    suggestion=half,
                    message="全角数字与半角数字混用，应统一使用半角阿拉伯数字",
                )
            )
    return out


# --- dates ---------------------------------------------------------------------------------------------

_DATE = re.compile(
    r"(?<![0-9])(?:"
    r"(?P<y1>(?:19|20)\d{2})年(?P<m1>\d{1,2})月(?P<d1>\d{1,2})日"
    r"|(?P<y2>(?:19|20)\d{2})(?P<sep>[-/.])(?P<m2>\d{1,2})(?P=sep)(?P<d2>\d{1,2})(?![0-9])"
    r"|(?P<cn>[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)"
    r")"
)
_STYLE_NAMES = {
    "年月日": "2022年1月5日",
    "-": "2022-01-05",
    "/": "2022/1/5",
    ".": "2022.1.5",
    "cn": "二〇二二年一月五日",
}


def date_styles(text: str, index: LineIndex) -> list[Finding]:
    """Dates in one style — 2022年1月5日 in official text, month and day without a leading zero."""
    dates = []
    for m in _DATE.finditer(text):
        if m["y1"]:
            y, mo, d, style = int(m["y1"]), int(m["m1"]), int(m["d1"]), "年月日"
        elif m["y2"]:
            y, mo, d, style = int(m["y2"]), int(m["m2"]), int(m["d2"]), m["sep"]
        else:
            dates.append((m, None, "cn"))
            continue
        if 1 <= mo <= 12 and 1 <= d <= 31:
            dates.append((m, f"{y}年{mo}月{d}日", style))
    if not dates:
        return []
    counts = Counter(style for _, _, style in dates)
    main = max(counts, key=lambda s: (counts[s], s == "年月日"))
    out = []
    for m, standard, style in dates:
        if style != main:
            out.append(
                make(
                    index,
                    Code.DATE_STYLE,
                    m.start(),
                    m.end(),
                    suggestion=standard or "",
                    message=f"日期写法与全文主要写法（如“{_STYLE_NAMES[main]}”）不一致",
                )
            )
        elif style == "年月日" and re.search(r"年0\d月|月0\d日", m.group()):
            out.append(
                make(
                    index,
                    Code.DATE_STYLE,
                    m.start(),
                    m.end(),
                    suggestion=standard,
                    message="日期中的月、日不编虚位（如“1月5日”而非“01月05日”）",
                )
            )
    return out


# --- classified markers -----------------------------------------------------------------------------------

_LEVEL = "(?:绝密|机密|秘密)"
_CLASSIFIED = (
    re.compile(rf"{_LEVEL}[ \u3000]*[★☆][ \u3000]*(?:\d+[ \u3000]*(?:年|个月)|长期)?"),
    re.compile(rf"密级[ \u3000]*[:：][ \u3000]*{_LEVEL}"),
    re.compile(r"[（(【\[〔][ \u3000]*(?:绝密|机密|秘密|内部资料|内部文件)[ \u3000]*[）)】\]〕]"),
    re.compile(r"内部资料[，,、\s]*(?:注意保存|请勿外传|不得外传|严禁外传|注意保密|不得公开)"),
    re.compile(r"^[ \t\u3000]*(?:绝密|机密|秘密|内部资料|内部文件)[ \t\u3000]*$", re.M),
)


def classified(text: str, index: LineIndex) -> list[Finding]:
    """Security markings (GB/T 9704: 密级和保密期限): such a document must never be published.

    “属于国家秘密” in running text is not a marking; only the marking forms are reported.
    """
    spans: dict[tuple[int, int], None] = {}
    for pattern in _CLASSIFIED:
        for m in pattern.finditer(text):
            start = m.start() + len(m.group()) - len(m.group().lstrip(" \t\u3000"))
            end = m.end() - (len(m.group()) - len(m.group().rstrip(" \t\u3000")))
            if end > start and not any(s <= start < e for s, e in spans):
                spans[(start, end)] = None
    return [
        make(
            index,
            Code.CLASSIFIED,
            s,
            e,
            suggestion="撤下，不得公开",
            message=f"含涉密标识“{text[s:e]}”，涉密信息不得公开",
        )
        for s, e in sorted(spans)
    ]
