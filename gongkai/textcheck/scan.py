"""Dictionary scans: the forward check (known-wrong forms) and the reverse check (canonical forms).

Both run one Aho–Corasick automaton (the native `ahocorasick_rs`, leftmost-longest) over the whole text.
Correct longer forms that contain a wrong form (`allow`, the successors of outdated names, canonical
names) are patterns too: leftmost-longest lets them swallow the shorter wrong form, so
国家卫生健康委员会 never reports a 卫生委员会 inside it.
"""

from __future__ import annotations

from datetime import date

import ahocorasick_rs

from gongkai.textcheck.codes import Code, Severity
from gongkai.textcheck.dictionary import Canonical, DictionarySet, Term
from gongkai.textcheck.finding import Finding, LineIndex, make

_MATCHKIND = ahocorasick_rs.MatchKind.LeftmostLongest
_UTF8_CONTINUATION = bytes(range(0x80, 0xC0))
_NUMERALS = set("0123456789０１２３４５６７８９一二三四五六七八九十〇零")
_HISTORICAL_BEFORE = ("原", "前")  # 原国土资源局: a deliberate reference to the old body
_HISTORICAL_AFTER = ("（现", "(现", "（已", "(已")


def _as_of_ok(term: Term, as_of: date | None) -> bool:
    """An outdated name is only wrong in a text about a time after the change."""
    if as_of is None or not term.changed:
        return True
    parts = [int(p) for p in term.changed.split("-") if p.isdigit()]
    changed = date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    return changed <= as_of


def _zh_date(iso: str) -> str:
    parts = [p.lstrip("0") or "0" for p in iso.split("-")]
    units = ("年", "月", "日")
    return "".join(p + u for p, u in zip(parts, units, strict=False))


class ForwardScanner:
    """The compiled forward check: every wrong form of the merged dictionaries in one automaton."""

    def __init__(self, dictionaries: DictionarySet, *, as_of: date | None = None) -> None:
        terms = [t for t in dictionaries.terms().values() if _as_of_ok(t, as_of)]
        allowed = dictionaries.allowed()
        # Successors of outdated names may themselves contain an old form (农业农村局 ⊃ 农业局? no —
        # but 住房和城乡建设厅 ⊃ 建设厅): protect every suggestion that is a plain name.
        allowed.update(
            t.suggestion for t in terms if t.code is Code.OUTDATED_NAME and "（" not in t.suggestion
        )
        by_text = {t.text: t for t in terms}
        patterns: list[str] = list(by_text)
        self.terms: list[Term | None] = list(by_text.values())
        for text in sorted(allowed):
            if text and text not in by_text:
                patterns.append(text)
                self.terms.append(None)
        self.size = len(by_text)
        # A DFA over UTF-8 bytes is the fastest automaton the library has (about twice its NFA over
        # str on Chinese text); UTF-8 is self-synchronising, so byte matches fall on character bounds.
        self.automaton = (
            ahocorasick_rs.BytesAhoCorasick(
                [p.encode() for p in patterns],
                matchkind=_MATCHKIND,
                implementation=ahocorasick_rs.Implementation.DFA,
            )
            if patterns
            else None
        )

    def matches(self, text: str) -> list[tuple[Term, int, int]]:
        """(term, start, end) of every wrong form, in text order, as character offsets."""
        if self.automaton is None or not text:
            return []
        data = text.encode("utf-8", "surrogatepass")
        terms = self.terms
        out = []
        byte_pos = char_pos = 0
        for i, start, _end in self.automaton.find_matches_as_indexes(data):
            term = terms[i]
            if term is None:
                continue
            # characters before `start` = bytes that are not UTF-8 continuation bytes
            char_pos += len(data[byte_pos:start].translate(None, _UTF8_CONTINUATION))
            byte_pos = start
            out.append((term, char_pos, char_pos + len(term.text)))
        return out

    def check(self, text: str, index: LineIndex) -> list[Finding]:
        out = []
        for term, start, end in self.matches(text):
            if term.code is Code.OUTDATED_NAME and (
                text[start - 1 : start] in _HISTORICAL_BEFORE
                or any(text.startswith(a, end) for a in _HISTORICAL_AFTER)
            ):
                continue
            out.append(
                make(
                    index,
                    term.code,
                    start,
                    end,
                    suggestion=term.suggestion,
                    message=_message(term),
                    severity=term.severity,
                    data={"source": term.source, **({"changed": term.changed} if term.changed else {})},
                )
            )
        return out


def _message(term: Term) -> str:
    if term.code is Code.OUTDATED_NAME:
        when = f"已于{_zh_date(term.changed)}" if term.changed else "已"
        return f"“{term.text}”{when}因机构改革变更，现为“{term.suggestion}”"
    if term.code is Code.WRONG_EXPRESSION:
        note = f"（{term.note}）" if term.note else ""
        return f"“{term.text}”为不规范表述，建议改为“{term.suggestion}”{note}"
    if term.severity is Severity.INFO:
        return f"“{term.text}”为非推荐词形，建议写作“{term.suggestion}”"
    return f"“{term.text}”疑为错别字，应为“{term.suggestion}”"


class ReverseScanner:
    """The reverse check: the agency's full name spelled exactly, each leader with the current title."""

    def __init__(self, records: list[Canonical]) -> None:
        patterns: list[str] = []
        self.roles: list[
            tuple[str, object]
        ] = []  # ("ok"|"wrong"|"probe_head"|"probe_tail"|"person", payload)
        seen: set[str] = set()

        def add(text: str, role: str, payload: object) -> None:
            if text and text not in seen:
                seen.add(text)
                patterns.append(text)
                self.roles.append((role, payload))

        for record in records:
            add(record.full_name, "ok", record)
            for name in record.accepted:
                add(name, "ok", record)
            for person in record.people:
                add(person.name, "person", person)
        for record in records:
            for wrong in record.wrong_variants:
                add(wrong, "wrong", record)
            for variant in _near_variants(record.full_name):
                add(variant, "wrong", record)
            if len(record.full_name) >= 6:
                add(record.full_name[:4], "probe_head", record)
                add(record.full_name[-4:], "probe_tail", record)
        self.automaton = ahocorasick_rs.AhoCorasick(patterns, matchkind=_MATCHKIND) if patterns else None

    def check(self, text: str, index: LineIndex) -> list[Finding]:
        if self.automaton is None or not text:
            return []
        out: list[Finding] = []
        for i, start, end in self.automaton.find_matches_as_indexes(text):
            role, payload = self.roles[i]
            if role == "ok":
                continue
            if role == "person":
                finding = self._title(text, index, payload, start, end)
                if finding:
                    out.append(finding)
                continue
            record: Canonical = payload  # type: ignore[assignment]
            full = record.full_name
            if role == "probe_head":
                start, end = start, start + len(full)
            elif role == "probe_tail":
                start, end = end - len(full), end
            if role != "wrong" and (start < 0 or not _one_substitution(text[start:end], full)):
                continue
            if text[start:end] in record.accepted:
                continue
            out.append(
                make(
                    index,
                    Code.REVERSE_NAME,
                    start,
                    end,
                    suggestion=full,
                    message=f"“{text[start:end]}”与机构规范全称“{full}”不一致",
                )
            )
        return out

    @staticmethod
    def _title(text: str, index: LineIndex, person, start: int, end: int) -> Finding | None:
        width = max(len(t) for t in (person.title, *person.former_titles)) + 2
        before, after = text[max(0, start - width) : start], text[end : end + width]
        # A former title right next to the name wins even when it contains the current one (副主任 ⊃ 主任).
        former = next((t for t in person.former_titles if before.endswith(t) or after.startswith(t)), None)
        if former is None and (person.title in before or person.title in after):
            return None
        if former:
            return make(
                index,
                Code.REVERSE_TITLE,
                start,
                end,
                suggestion=f"{person.title}{person.name}",
                message=f"{person.name}的职务已变更：现任“{person.title}”，文中为“{former}”",
            )
        return make(
            index,
            Code.REVERSE_TITLE,
            start,
            end,
            suggestion=f"{person.title}{person.name}",
            message=f"{person.name}未与现任职务“{person.title}”一同出现，请核对",
            severity=Severity.WARNING,
        )


def _near_variants(name: str) -> list[str]:
    """Misspellings one edit away that an automaton can hold: a middle character dropped or two swapped.

    Dropping the first or last character gives a plain substring of the name, never reported.
    """
    if len(name) < 4:
        return []
    out = {name[:i] + name[i + 1 :] for i in range(1, len(name) - 1)}
    out |= {
        name[:i] + name[i + 1] + name[i] + name[i + 2 :]
        for i in range(len(name) - 1)
        if name[i] != name[i + 1]
    }
    out.discard(name)
    return sorted(out)


def _one_substitution(candidate: str, full: str) -> bool:
    """Exactly one character differs, and not a numeral (第一中学 and 第二中学 are both real)."""
    if len(candidate) != len(full) or candidate == full:
        return False
    diffs = [(a, b) for a, b in zip(candidate, full, strict=True) if a != b]
    return len(diffs) == 1 and not (diffs[0][0] in _NUMERALS or diffs[0][1] in _NUMERALS)
