"""Dictionaries are data: versioned files with a source and a date, merged built-in → supervisor → agency.

Kinds of dictionary (the `kind` in each file's header):

- `typos` — known wrong → right pairs (正向查错, code `C.typo`);
- `wrong_expressions` — expressions public style guides call wrong in official writing;
- `outdated_names` — names of reorganised agencies, with the date they changed;
- `canonical` — one agency's full name and its leaders' current titles (反向查错); YAML or JSON only.

Term lists may be TSV (fastest to load), YAML or JSON. A TSV file starts with `# key: value` header
lines (`kind`, `name`, `version`, `date`, `source` are required) and `# columns: …` naming its
tab-separated columns. A later dictionary overrides an earlier one's entry for the same text, and an
entry whose suggestion is `-` withdraws it (an agency may accept a form the built-in list flags).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import yaml

from gongkai.textcheck.codes import Code, Severity

BUILTIN_DIR = Path(__file__).parent / "dictionaries"
LEVELS = ("builtin", "supervisor", "agency", "extra")
REQUIRED_META = ("kind", "name", "version", "date", "source")
KIND_CODES = {
    "typos": Code.TYPO,
    "wrong_expressions": Code.WRONG_EXPRESSION,
    "outdated_names": Code.OUTDATED_NAME,
}
WITHDRAWN = "-"


class DictionaryError(ValueError):
    """A dictionary file that cannot be used; the message is Chinese and names the file."""


class Term(NamedTuple):
    """One known-wrong form and what to write instead (a tuple: ten thousand load in milliseconds)."""

    text: str
    suggestion: str
    code: Code
    severity: Severity | None = None
    note: str = ""
    changed: str = ""  # outdated names: when the name changed, ISO date (YYYY-MM or YYYY-MM-DD)
    source: str = ""  # the dictionary (name@version) the entry came from
    allow: tuple[str, ...] = ()  # longer correct forms that contain `text` and must not be flagged


@dataclass(frozen=True, slots=True)
class Person:
    """A leader whose name must appear with the current title (反向查错)."""

    name: str
    title: str
    former_titles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Canonical:
    """One agency's canonical names for the reverse check."""

    full_name: str
    accepted: tuple[str, ...] = ()  # other correct forms (short names) that are not misspellings
    wrong_variants: tuple[str, ...] = ()  # known misspellings, flagged as C.reverse_name
    people: tuple[Person, ...] = ()


@dataclass(slots=True)
class Dictionary:
    """One loaded file: its header metadata and its entries."""

    meta: dict
    terms: list[Term] = field(default_factory=list)
    allow: list[str] = field(default_factory=list)
    canonical: list[Canonical] = field(default_factory=list)
    level: str = "extra"
    path: str = ""

    @property
    def kind(self) -> str:
        return str(self.meta["kind"])

    @property
    def label(self) -> str:
        return f"{self.meta['name']}@{self.meta['version']}"


@dataclass(slots=True)
class DictionarySet:
    """Dictionaries in merge order; `terms()` resolves overrides and withdrawals."""

    dictionaries: list[Dictionary] = field(default_factory=list)

    @classmethod
    def builtin(cls) -> DictionarySet:
        """The dictionaries shipped with gongkai."""
        return cls([load(path, level="builtin") for path in sorted(BUILTIN_DIR.iterdir()) if _is_dict(path)])

    def add(self, path: str | Path, *, level: str = "extra") -> DictionarySet:
        self.dictionaries.append(load(path, level=level))
        return self

    def ordered(self) -> list[Dictionary]:
        """Built-in first, then supervisor, agency, extra — each level in the order added."""
        return sorted(self.dictionaries, key=lambda d: LEVELS.index(d.level))

    def terms(self) -> dict[str, Term]:
        merged: dict[str, Term] = {}
        for dictionary in self.ordered():
            for term in dictionary.terms:
                if term.suggestion == WITHDRAWN:
                    merged.pop(term.text, None)
                else:
                    merged[term.text] = term
        return merged

    def allowed(self) -> set[str]:
        out: set[str] = set()
        for dictionary in self.dictionaries:
            out.update(dictionary.allow)
        return out

    def canonical(self) -> list[Canonical]:
        """Canonical records; a later record for the same full name replaces the earlier one."""
        by_name: dict[str, Canonical] = {}
        for dictionary in self.ordered():
            for record in dictionary.canonical:
                by_name[record.full_name] = record
        return list(by_name.values())

    def describe(self) -> list[dict]:
        """Which dictionaries are in force, for reports and `--json` output."""
        return [
            {"level": d.level, "name": d.meta["name"], "version": str(d.meta["version"]), "path": d.path}
            for d in self.ordered()
        ]


def load_dictionaries(
    paths: Iterable[str | Path] = (),
    *,
    supervisor: Iterable[str | Path] = (),
    agency: Iterable[str | Path] = (),
    builtin: bool = True,
) -> DictionarySet:
    """Built-in, then the supervising office's, then the agency's, then any extra files."""
    out = DictionarySet.builtin() if builtin else DictionarySet()
    for level, group in (("supervisor", supervisor), ("agency", agency), ("extra", paths)):
        for path in group:
            out.add(path, level=level)
    return out


def load(path: str | Path, *, level: str = "extra") -> Dictionary:
    """Read one dictionary file (TSV, YAML or JSON) and check its header."""
    path = Path(path)
    if level not in LEVELS:
        raise DictionaryError(f"词典层级“{level}”无效，应为 {'、'.join(LEVELS)} 之一")
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DictionaryError(f"词典文件 {path} 无法读取：{exc}") from exc
    suffix = path.suffix.lower()
    if suffix == ".tsv":
        meta, rows = _parse_tsv(raw, path)
        dictionary = Dictionary(meta=meta, level=level, path=str(path))
        _fill_from_rows(dictionary, rows, path)
    elif suffix in (".yaml", ".yml", ".json"):
        try:
            data = json.loads(raw) if suffix == ".json" else yaml.load(raw, Loader=_YamlLoader)
        except (ValueError, yaml.YAMLError) as exc:
            raise DictionaryError(f"词典文件 {path} 格式错误：{exc}") from exc
        if not isinstance(data, dict) or not isinstance(data.get("meta"), dict):
            raise DictionaryError(f"词典文件 {path} 缺少 meta 头信息")
        meta = {k: str(v) for k, v in data["meta"].items()}
        _check_meta(meta, path)
        dictionary = Dictionary(meta=meta, level=level, path=str(path))
        if meta["kind"] == "canonical":
            dictionary.canonical = [_canonical(item, path) for item in data.get("agencies") or []]
        else:
            _fill_from_rows(dictionary, _yaml_rows(data.get("entries") or [], path), path)
        dictionary.allow.extend(str(a) for a in data.get("allow") or [])
    else:
        raise DictionaryError(f"词典文件 {path} 类型不支持（应为 .tsv、.yaml 或 .json）")
    return dictionary


_YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _is_dict(path: Path) -> bool:
    return path.suffix.lower() in (".tsv", ".yaml", ".yml", ".json") and not path.name.startswith(".")


def _check_meta(meta: dict, path: Path) -> None:
    missing = [key for key in REQUIRED_META if not meta.get(key)]
    if missing:
        raise DictionaryError(f"词典文件 {path} 头信息缺少：{'、'.join(missing)}")
    if meta["kind"] not in (*KIND_CODES, "canonical", "allow"):
        raise DictionaryError(f"词典文件 {path} 的类型“{meta['kind']}”无效")


def _parse_tsv(raw: str, path: Path) -> tuple[dict, Iterator[dict]]:
    meta: dict[str, str] = {}
    lines = raw.splitlines()
    body_start = 0
    for i, line in enumerate(lines):
        if not line.startswith("#"):
            body_start = i
            break
        key, sep, value = line[1:].partition(":")
        if sep:
            meta[key.strip()] = value.strip()
    else:
        body_start = len(lines)
    _check_meta(meta, path)
    columns = meta.get("columns", "").split()
    if not columns:
        raise DictionaryError(f"词典文件 {path} 头信息缺少 columns")

    def rows() -> Iterator[dict]:
        for number, line in enumerate(lines[body_start:], start=body_start + 1):
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if len(cells) > len(columns):
                raise DictionaryError(f"词典文件 {path} 第{number}行列数多于表头")
            yield dict(zip(columns, cells, strict=False))

    return meta, rows()


def _yaml_rows(entries: list, path: Path) -> Iterator[dict]:
    for item in entries:
        if isinstance(item, list | tuple) and len(item) >= 2:
            yield {"wrong": str(item[0]), "right": str(item[1])}
        elif isinstance(item, dict):
            yield {str(k): _cell(v) for k, v in item.items()}
        else:
            raise DictionaryError(f"词典文件 {path} 含无法识别的条目：{item!r}")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ",".join(str(v) for v in value)
    return str(value)


def _fill_from_rows(dictionary: Dictionary, rows: Iterable[dict], path: Path) -> None:
    kind = dictionary.kind
    if kind == "allow":
        dictionary.allow.extend(r.get("term", "").strip() for r in rows if r.get("term", "").strip())
        return
    if kind not in KIND_CODES:
        raise DictionaryError(f"词典文件 {path}：{kind} 类词典须用 YAML 或 JSON")
    code = KIND_CODES[kind]
    default_severity = _severity(dictionary.meta.get("severity", ""), path)
    label = dictionary.label
    append = dictionary.terms.append
    severities: dict[str, Severity | None] = {"": default_severity}
    for row in rows:
        text = (row.get("wrong") or row.get("old") or "").strip()
        suggestion = (row.get("right") or row.get("new") or "").strip()
        if not text or not suggestion:
            raise DictionaryError(f"词典文件 {path} 有空条目：{row!r}")
        raw_allow = row.get("allow")
        allow = tuple(a for a in raw_allow.split(",") if a) if raw_allow else ()
        raw_severity = (row.get("severity") or "").strip()
        if raw_severity not in severities:
            severities[raw_severity] = _severity(raw_severity, path)
        source = row.get("source")
        append(
            Term(
                text,
                suggestion,
                code,
                severities[raw_severity],
                row.get("note") or "",
                row.get("changed") or "",
                f"{label}：{source}" if source else label,
                allow,
            )
        )
        if allow:
            dictionary.allow.extend(allow)


def _severity(value: str, path: Path) -> Severity | None:
    value = value.strip()
    if not value:
        return None
    try:
        return Severity(value)
    except ValueError:
        raise DictionaryError(f"词典文件 {path} 的严重程度“{value}”无效") from None


def _canonical(item: dict, path: Path) -> Canonical:
    if not isinstance(item, dict) or not item.get("full_name"):
        raise DictionaryError(f"词典文件 {path} 的机构条目缺少 full_name")
    people = []
    for person in item.get("people") or []:
        if not isinstance(person, dict) or not person.get("name") or not person.get("title"):
            raise DictionaryError(f"词典文件 {path} 的人员条目须有 name 和 title")
        people.append(
            Person(
                name=str(person["name"]),
                title=str(person["title"]),
                former_titles=tuple(str(t) for t in person.get("former_titles") or []),
            )
        )
    return Canonical(
        full_name=str(item["full_name"]),
        accepted=tuple(str(a) for a in item.get("accepted") or []),
        wrong_variants=tuple(str(w) for w in item.get("wrong_variants") or []),
        people=tuple(people),
    )
