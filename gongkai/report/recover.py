"""Recovering table cells that a web archive or crawler flattened into one digit run.

`一、本年新收政府信息公开申请数量 425000047` was `42|5|0|0|0|0|47`; `1.属于国家秘密00000002.其他…`
carries the next row's label glued to the previous row's numbers. The pieces, all pure:

- `split_glued_lines` cuts a flattened line at the known row labels (from the format definition);
- `split_glued_row` lists every way to cut one digit run into the row's cells that respects the
  row's own 总计 (table 三: the 7th column; table 四: the 5th of each group);
- `resolve_table` uses the column sums (`T3.total_row`, `T3.balance`) to choose among the
  candidates of each row, and returns what is still ambiguous so that the caller reports
  `R.ambiguous_cells` with the candidates instead of guessing.
- `recover_table_three` chains the three for table 三, `ambiguous_findings` words the findings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from .findings import Finding
from .formats.base import ReportFormat, TableThree
from .normalize import label_key

Candidates = list[list[int]]

# Beyond this many candidates a row is reported as ambiguous without listing them all.
DEFAULT_LIMIT = 10_000
_MAX_SEARCH_NODES = 200_000


# ---------------------------------------------------------------- one row


def split_glued_row(
    digits: str,
    n: int = 7,
    *,
    total_col_last: bool = True,
    groups: Sequence[int] | None = None,
    limit: int | None = DEFAULT_LIMIT,
) -> Candidates:
    """All ways to cut `digits` into `n` non-negative integers without leading zeros.

    With `total_col_last` the first n-1 add up to the last (the 总计 column). `groups` splits the
    row into consecutive groups that each end with their own total, e.g. `(5, 5, 5)` for table 四
    (then `n` is ignored). Candidates come in a stable order; at most `limit` are returned.
    """
    digits = re.sub(r"[\s\u00a0\u3000]", "", digits).translate(_FULLWIDTH)
    if not digits.isdigit() or not digits.isascii():
        return []
    sizes = tuple(groups) if groups else (n,)
    if any(size < 1 for size in sizes) or len(digits) < sum(sizes):
        return []
    out: Candidates = []
    for candidate in _split_groups(digits, sizes, total_col_last):
        out.append(candidate)
        if limit is not None and len(out) >= limit:
            break
    return out


_FULLWIDTH = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)})


def _split_groups(digits: str, sizes: tuple[int, ...], with_total: bool) -> Iterator[list[int]]:
    if not sizes:
        if not digits:
            yield []
        return
    size, rest = sizes[0], sizes[1:]
    min_rest = sum(rest)
    for length in range(size, len(digits) - min_rest + 1):
        head, tail = digits[:length], digits[length:]
        if rest and len(tail) < min_rest:
            continue
        for part in _split_one(head, size, with_total):
            for more in _split_groups(tail, rest, with_total):
                yield part + more


def _split_one(digits: str, n: int, with_total: bool) -> Iterator[list[int]]:
    """Splits of the whole of `digits` into n numbers (the last the sum of the others)."""
    if not with_total or n == 1:
        yield from _free_split(digits, n, None)
        return
    for cut in range(n - 1, len(digits)):
        last = digits[cut:]
        if not _valid(last):
            continue
        total = int(last)
        for parts in _free_split(digits[:cut], n - 1, total):
            yield [*parts, total]


def _valid(piece: str) -> bool:
    return bool(piece) and (piece == "0" or piece[0] != "0")


def _free_split(digits: str, n: int, target: int | None) -> Iterator[list[int]]:
    """Splits into n numbers; with `target`, only those adding up to it (pruned as they grow)."""
    if n == 1:
        if _valid(digits) and (target is None or int(digits) == target):
            yield [int(digits)]
        return
    longest = len(digits) - (n - 1)
    if target is not None:
        longest = min(longest, len(str(target)))
    for length in range(1, longest + 1):
        piece = digits[:length]
        if not _valid(piece):
            break  # a longer piece would start with the same zero
        value = int(piece)
        if target is not None and value > target:
            break
        for more in _free_split(digits[length:], n - 1, None if target is None else target - value):
            yield [value, *more]


# ---------------------------------------------------------------- a flattened line


Label = str | Sequence[str]


def split_glued_lines(text: str, labels: Sequence[Label]) -> list[tuple[str, str | list[str]]]:
    """Cut a flattened line (or several joined) at the known row labels.

    Each entry of `labels` is a label, or a tuple of a label and its variants (the first is
    returned). Labels are compared with `label_key`, quotes of either direction alike. A label's
    leading ordinal (`2.`, `（三）`, `四、`) belongs to the label, so in `00000002.其他…` the `2`
    starts the next row and the previous row keeps `0000000`.

    Returns `(label, value)` per label found, in text order: `value` is the digit run that follows the label, or
    the list of cell texts when the numbers are still separated by spaces. Text after the
    numbers (e.g. a parent label not in `labels`) is dropped; a label with no number gets `""`.
    """
    norm, positions = _normalised(text)
    entries = []
    for order, entry in enumerate(labels):
        options = (entry,) if isinstance(entry, str) else tuple(entry)
        keys = sorted({_match_key(label_key(o)) for o in options if o}, key=len, reverse=True)
        if keys:
            entries.append((order, options[0], [k for k in keys if k]))
    # Longer labels claim their text first, so a short label never matches inside a longer one;
    # lines may come in any order, so each label takes its first unclaimed occurrence.
    claimed: list[tuple[int, int]] = []
    found: list[tuple[str, int, int]] = []
    for _order, name, keys in sorted(entries, key=lambda e: -len(e[2][0])):
        best: tuple[int, int] | None = None
        for key in keys:
            at = norm.find(key)
            while at >= 0 and any(at < e and at + len(key) > s for s, e in claimed):
                at = norm.find(key, at + 1)
            if at >= 0 and (best is None or at < best[0]):
                best = (at, at + len(key))
        if best is not None:
            claimed.append(best)
            found.append((name, *best))
    found.sort(key=lambda f: f[1])
    out: list[tuple[str, str | list[str]]] = []
    for index, (label, _start, end) in enumerate(found):
        stop = found[index + 1][1] if index + 1 < len(found) else len(norm)
        original = text[positions[end] : positions[stop]] if end < len(norm) else ""
        out.append((label, _leading_numbers(original)))
    return out


def _match_key(key: str) -> str:
    return key.replace("”", "“")


def _normalised(text: str) -> tuple[str, list[int]]:
    """The matching form of `text` and, per character of it, the index in `text` (plus the end)."""
    chars: list[str] = []
    positions: list[int] = []
    for index, ch in enumerate(text):
        key = label_key(ch)
        if not key:
            continue
        chars.append(_match_key(key))
        positions.append(index)
    positions.append(len(text))
    return "".join(chars), positions


def _leading_numbers(text: str) -> str | list[str]:
    match = re.match(r"[\s\u00a0\u3000|]*((?:[0-9０-９]+[\s\u00a0\u3000|]*)*)", text)
    run = match.group(1) if match else ""
    tokens = re.findall(r"[0-9０-９]+", run)
    if len(tokens) > 1:
        return [t.translate(_FULLWIDTH) for t in tokens]
    return tokens[0].translate(_FULLWIDTH) if tokens else ""


# ---------------------------------------------------------------- the whole table


@dataclass(frozen=True)
class SumRule:
    """For every column: the rows in `lhs` add up to the rows in `rhs` (a check id names it)."""

    check: str
    lhs: tuple[str, ...]
    rhs: tuple[str, ...]


@dataclass
class Resolution:
    values: dict[str, list[int]] = field(default_factory=dict)  # rows with one candidate left
    ambiguous: dict[str, Candidates] = field(default_factory=dict)  # rows with several left
    unsplittable: list[str] = field(default_factory=list)  # rows with no candidate at all
    consistent: bool = True  # some choice satisfies every checkable sum rule
    rules_used: list[str] = field(default_factory=list)


def table_three_rules(three: TableThree) -> list[SumRule]:
    """`T3.total_row` and `T3.balance` as sum rules, from the format definition."""
    total = three.row("total")
    return [
        SumRule("T3.total_row", tuple(total.total_of), (total.code,)),
        SumRule("T3.balance", ("received", "carried_in"), (total.code, "carried_out")),
    ]


def resolve_table(
    rows: Mapping[str, Sequence[Sequence[int]]],
    rules: Sequence[SumRule] | None = None,
    *,
    three: TableThree | None = None,
) -> Resolution:
    """Choose each row's cells among its candidates so that the table's own sums hold.

    `rows` maps every row code read so far to its candidates (a row read cleanly has one). Rules
    that involve a row missing from `rows` cannot be used. A row keeps every candidate that occurs
    in some choice satisfying all usable rules; if no choice does (the published sums are wrong),
    the candidates are kept as they came and `consistent` is False.
    """
    if rules is None:
        rules = table_three_rules(three) if three is not None else []
    cands = {code: [list(c) for c in options] for code, options in rows.items()}
    result = Resolution()
    result.unsplittable = [code for code, options in cands.items() if not options]
    usable = [rule for rule in rules if all(code in cands and cands[code] for code in (*rule.lhs, *rule.rhs))]
    result.rules_used = [rule.check for rule in usable]
    survivors = _search(cands, usable) if usable else None
    if survivors is None:
        survivors = cands
        result.consistent = not usable
    elif not any(survivors.values()):
        survivors = cands
        result.consistent = False
    for code, options in survivors.items():
        if len(options) == 1:
            result.values[code] = options[0]
        elif len(options) > 1:
            result.ambiguous[code] = options
    return result


def _search(cands: dict[str, Candidates], rules: Sequence[SumRule]) -> dict[str, Candidates] | None:
    """Backtracking over the ambiguous rows; None if the search is too large to finish."""
    involved = {code for rule in rules for code in (*rule.lhs, *rule.rhs)}
    fixed = {code: opts[0] for code, opts in cands.items() if len(opts) == 1}
    free = sorted((c for c in cands if len(cands[c]) > 1 and c in involved), key=lambda c: len(cands[c]))
    keep: dict[str, set[int]] = {code: set() for code in free}
    found_any = False
    nodes = 0

    def holds(assign: dict[str, list[int]]) -> bool:
        for rule in rules:
            codes = (*rule.lhs, *rule.rhs)
            if not all(code in assign for code in codes):
                continue
            width = min(len(assign[code]) for code in codes)
            for col in range(width):
                if sum(assign[c][col] for c in rule.lhs) != sum(assign[c][col] for c in rule.rhs):
                    return False
        return True

    choice: dict[str, int] = {}

    def walk(index: int, assign: dict[str, list[int]]) -> bool:
        nonlocal found_any, nodes
        nodes += 1
        if nodes > _MAX_SEARCH_NODES:
            return False
        if not holds(assign):
            return True
        if index == len(free):
            found_any = True
            for code, option in choice.items():
                keep[code].add(option)
            return True
        code = free[index]
        for option, values in enumerate(cands[code]):
            choice[code] = option
            assign[code] = values
            if not walk(index + 1, assign):
                return False
            del assign[code]
        choice.pop(code, None)
        return True

    if not walk(0, dict(fixed)):
        return None
    if not found_any:
        return {code: [] for code in cands}
    out = {code: list(opts) for code, opts in cands.items()}
    for code in free:
        out[code] = [cands[code][i] for i in sorted(keep[code])]
    return out


@dataclass
class Recovery:
    """Table 三 rows recovered from flattened text: row code → the 7 values, plus what is open."""

    cells: dict[str, list[int]] = field(default_factory=dict)
    ambiguous: dict[str, Candidates] = field(default_factory=dict)
    unsplittable: dict[str, str] = field(default_factory=dict)  # row code → the digits as found
    consistent: bool = True


def recover_table_three(
    text: str, three: TableThree, *, known: Mapping[str, Sequence[int]] | None = None
) -> Recovery:
    """Rows of table 三 from a flattened text (lines joined), using its labels and sums.

    `known` holds rows already read cleanly (code → 7 values); they take part in the sums.
    """
    n = len(three.columns)
    labels: list[Label] = []
    codes: dict[str, str] = {}
    for row in three.data_rows():
        labels.append((row.label, *row.variants))
        codes[row.label] = row.code
    candidates: dict[str, Candidates] = {code: [list(v)] for code, v in (known or {}).items()}
    raw: dict[str, str] = {}
    for label, value in split_glued_lines(text, labels):
        code = codes[label]
        if code in candidates:
            continue
        if isinstance(value, list):
            if len(value) == n:
                candidates[code] = [[int(v) for v in value]]
                continue
            value = "".join(value)
        raw[code] = value
        candidates[code] = split_glued_row(value, n) if value else []
    resolution = resolve_table(candidates, table_three_rules(three))
    return Recovery(
        cells=resolution.values,
        ambiguous=resolution.ambiguous,
        unsplittable={code: raw.get(code, "") for code in resolution.unsplittable},
        consistent=resolution.consistent,
    )


def ambiguous_findings(
    ambiguous: Mapping[str, Candidates],
    labels: Mapping[str, str],
    *,
    table: str = "三",
    show: int = 5,
) -> list[Finding]:
    """One `R.ambiguous_cells` finding per row, listing (up to `show`) candidate splits."""
    findings = []
    for code, options in ambiguous.items():
        label = labels.get(code, code)
        listed = "；".join("|".join(str(v) for v in option) for option in options[:show])
        more = f"等{len(options)}种" if len(options) > show else f"{len(options)}种"
        findings.append(
            Finding(
                "R.ambiguous_cells",
                f"表{table}“{label}”行的数字粘连在一起，按表内合计关系仍有{more}拆分方式：{listed}。请核对原文。",
                {"table": table, "row": code, "label": label},
                {"candidates": [list(o) for o in options]},
            )
        )
    return findings


def resolve_three(
    glued: Mapping[str, str],
    fmt: ReportFormat,
    *,
    known: Mapping[str, Sequence[int]] | None = None,
) -> tuple[dict[str, list[int]], dict[str, Candidates]]:
    """The assembler's entry point: table-三 rows whose cells came as one digit run each.

    `glued` maps row code → digit run; `known` the rows read cleanly (code → values), so that the
    sums can use them. Returns (rows now determined, rows still ambiguous with their candidates).
    A row with no valid split at all is in neither: its cells stay unread (`T3.shape` reports it).
    """
    n = len(fmt.three.columns)
    rows: dict[str, Candidates] = {code: [list(v)] for code, v in (known or {}).items()}
    for code, digits in glued.items():
        rows[code] = split_glued_row(digits, n)
    resolution = resolve_table(rows, table_three_rules(fmt.three))
    resolved = {code: values for code, values in resolution.values.items() if code in glued}
    ambiguous = {code: options for code, options in resolution.ambiguous.items() if code in glued}
    return resolved, ambiguous
