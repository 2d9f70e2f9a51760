"""The content check: every rule over one text, findings sorted by position."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from gongkai.textcheck import norms, personal_data
from gongkai.textcheck.codes import Code, Severity
from gongkai.textcheck.dictionary import DictionarySet, load_dictionaries
from gongkai.textcheck.finding import Finding, LineIndex
from gongkai.textcheck.scan import ForwardScanner, ReverseScanner


@dataclass
class CheckConfig:
    """What to check and how strictly; an agency keeps one per its dictionaries and habits."""

    dictionaries: DictionarySet | None = None  # None: the built-in dictionaries
    as_of: date | None = None  # outdated names changed after this date are not reported
    disabled: frozenset[str] = frozenset()  # codes (or prefixes such as "N.") switched off
    severity_overrides: dict[str, Severity] = field(default_factory=dict)


class Checker:
    """Compiled once (automata built, dictionaries merged), then run on any number of texts."""

    def __init__(self, config: CheckConfig | None = None) -> None:
        self.config = config or CheckConfig()
        dictionaries = self.config.dictionaries or load_dictionaries()
        self.dictionaries = dictionaries
        self.forward = ForwardScanner(dictionaries, as_of=self.config.as_of)
        self.reverse = ReverseScanner(dictionaries.canonical())

    def check(self, text: str, *, soft_line_breaks: bool = True) -> list[Finding]:
        """All findings in `text`, by position, worst first where two start together.

        `soft_line_breaks`: line breaks are layout, not paragraphs (text taken from a PDF).
        """
        index = LineIndex(text)
        found: list[Finding] = []
        found += norms.classified(text, index)
        found += self.forward.check(text, index)
        found += self.reverse.check(text, index)
        found += personal_data.scan(text, index)
        doc_numbers = norms.doc_numbers(text, index)
        found += doc_numbers
        found += norms.unpaired(text, index, soft_line_breaks=soft_line_breaks)
        taken = [(f.start, f.end) for f in found if f.code in (Code.DOC_NUMBER_BRACKET, Code.EMAIL)]
        found += norms.halfwidth(text, index, taken)
        found += norms.repeats(text, index)
        found += norms.number_styles(text, index)
        found += norms.date_styles(text, index)
        return self._configure(found)

    def _configure(self, found: Iterable[Finding]) -> list[Finding]:
        disabled = self.config.disabled
        overrides = self.config.severity_overrides
        out = []
        for f in found:
            if f.code.value in disabled or any(
                f.code.value.startswith(p) for p in disabled if p.endswith(".")
            ):
                continue
            if f.code.value in overrides:
                f = Finding(**{**_fields(f), "severity": Severity(overrides[f.code.value])})
            out.append(f)
        out.sort(key=lambda f: (f.start, f.severity.rank, f.end))
        return out


def _fields(f: Finding) -> dict:
    return {name: getattr(f, name) for name in Finding.__slots__ if not name.startswith("__")}


_default: Checker | None = None


def check_text(
    text: str, config: CheckConfig | None = None, *, soft_line_breaks: bool = True
) -> list[Finding]:
    """Check one text; without a config the compiled built-in checker is reused between calls."""
    global _default
    if config is not None:
        return Checker(config).check(text, soft_line_breaks=soft_line_breaks)
    if _default is None:
        _default = Checker()
    return _default.check(text, soft_line_breaks=soft_line_breaks)


def is_blocking(findings: Iterable[Finding]) -> bool:
    """True when any finding means the text must not be published as it is."""
    return any(f.severity is Severity.BLOCKING for f in findings)
