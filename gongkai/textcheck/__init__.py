"""Content checks before publishing (错别字、敏感表述、个人隐私、公文规范、涉密标识) — a pure library.

    from gongkai.textcheck import check_text, redact
    findings = check_text(text)                 # list[Finding], by position
    result = redact(text, findings)             # masked text + record of what was masked where

`Checker(CheckConfig(dictionaries=load_dictionaries(agency=[...])))` compiles an agency's dictionaries
once for many texts. No Django here: the platform calls this library, never the other way round.
"""

from gongkai.textcheck.check import CheckConfig, Checker, check_text, is_blocking
from gongkai.textcheck.codes import Code, ReadError, Severity
from gongkai.textcheck.dictionary import DictionaryError, DictionarySet, load_dictionaries
from gongkai.textcheck.extract import Document, ExtractError, extract
from gongkai.textcheck.finding import Finding, LineIndex
from gongkai.textcheck.redact import (
    MaskRule,
    Redaction,
    RedactionPolicy,
    RedactionResult,
    redact,
    redact_docx,
    redact_txt_file,
)

__all__ = [
    "CheckConfig",
    "Checker",
    "Code",
    "DictionaryError",
    "DictionarySet",
    "Document",
    "ExtractError",
    "Finding",
    "LineIndex",
    "MaskRule",
    "ReadError",
    "Redaction",
    "RedactionPolicy",
    "RedactionResult",
    "Severity",
    "check_text",
    "extract",
    "is_blocking",
    "load_dictionaries",
    "redact",
    "redact_docx",
    "redact_txt_file",
]
