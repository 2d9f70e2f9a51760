"""The checks a report gets on every save: the report library's consistency checks (with last year's
report and the office's deadline) and the content checks of `gongkai.textcheck` on the narrative."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

from gongkai.agencies.models import Agency
from gongkai.report.checks import run_checks
from gongkai.report.model import AnnualReport
from gongkai.textcheck import check_text

from .deadlines import check_options

# lateness is a status the supervisor pursues, not a content error the editor can fix
NOT_BLOCKING_SUBMISSION = frozenset({"X.late"})
CONTENT_SOURCES = ("preamble", "overview", "proactive", "applications", "reconsideration_litigation",
                   "problems", "other_matters")  # fmt: skip


def finding_key(finding: dict) -> str:
    """Stable while the finding says the same thing: a changed number is a new finding."""
    return hashlib.sha1(f"{finding['check']}|{finding['message']}".encode()).hexdigest()[:12]


@dataclass
class Audit:
    findings: list[dict] = field(default_factory=list)
    not_run: list[dict] = field(default_factory=list)
    content: list[dict] = field(default_factory=list)

    def errors(self) -> list[dict]:
        return [f for f in self.findings if f["severity"] == "error"]

    def warnings(self) -> list[dict]:
        return [f for f in self.findings if f["severity"] == "warning"]


def audit(
    report: AnnualReport, agency: Agency, year: int, *, prior: AnnualReport | None, today: date
) -> Audit:
    run = run_checks(report, prior=prior, options=check_options(agency, year, today))
    findings = []
    for f in run.findings:
        data = f.to_json()
        data["key"] = finding_key(data)
        findings.append(data)
    not_run = [{"check": n.check, "reason": n.reason} for n in run.not_run]
    return Audit(findings, not_run, content_checks(report))


def content_checks(report: AnnualReport) -> list[dict]:
    """typos, sensitive wording, personal data… per section, tagged with the section code."""
    out = []
    texts = {"preamble": report.preamble} | {code: s.text for code, s in report.sections.items()}
    for code in CONTENT_SOURCES:
        text = texts.get(code) or ""
        if not text.strip():
            continue
        for f in check_text(text):
            data = f.as_dict()
            data["section"] = code
            out.append(data)
    return out


def blocking(content: list[dict]) -> list[dict]:
    return [f for f in content if f.get("severity") == "blocking"]


def open_warnings(findings: list[dict], dismissed: dict) -> list[dict]:
    return [f for f in findings if f["severity"] == "warning" and finding_key(f) not in dismissed]


def submission_errors(findings: list[dict]) -> list[dict]:
    return [f for f in findings if f["severity"] == "error" and f["check"] not in NOT_BLOCKING_SUBMISSION]
