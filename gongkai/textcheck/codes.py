"""Every finding code of the content check, its Chinese title and default severity — in one place.

Codes are stable ids (`C.typo`, `PD.id_number` …): logs, JSON output and agency overrides refer to
them, so a code is never renamed; the Chinese title is what people read.
"""

from __future__ import annotations

from enum import StrEnum


class Severity(StrEnum):
    """How bad a finding is; ordered from worst to mildest."""

    BLOCKING = "blocking"  # must never be published as it is
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for the worst: sorts findings worst first."""
        return _RANK[self]

    @property
    def title(self) -> str:
        return _SEVERITY_TITLES[self]


_RANK = {Severity.BLOCKING: 0, Severity.ERROR: 1, Severity.WARNING: 2, Severity.INFO: 3}
_SEVERITY_TITLES = {
    Severity.BLOCKING: "禁止发布",
    Severity.ERROR: "错误",
    Severity.WARNING: "提示",
    Severity.INFO: "参考",
}


class Code(StrEnum):
    """One member per kind of finding. `title` is the Chinese name shown to people."""

    def __new__(cls, value: str, title: str, severity: Severity) -> Code:
        member = str.__new__(cls, value)
        member._value_ = value
        member.title = title
        member.default_severity = severity
        return member

    title: str
    default_severity: Severity

    # Dictionary checks (正向查错 / 反向查错)
    TYPO = ("C.typo", "错别字", Severity.ERROR)
    OUTDATED_NAME = ("C.outdated_name", "机构名称已变更", Severity.ERROR)
    WRONG_EXPRESSION = ("C.wrong_expression", "不规范表述", Severity.WARNING)
    REVERSE_NAME = ("C.reverse_name", "机构名称与规范全称不符", Severity.ERROR)
    REVERSE_TITLE = ("C.reverse_title", "领导姓名与现任职务不符", Severity.ERROR)
    # Personal data (个人隐私)
    ID_NUMBER = ("PD.id_number", "居民身份证号码", Severity.BLOCKING)
    ID_NUMBER_INVALID = ("PD.id_number_invalid", "疑似身份证号码（校验不通过）", Severity.WARNING)
    MOBILE = ("PD.mobile", "手机号码", Severity.BLOCKING)
    LANDLINE = ("PD.landline", "固定电话号码", Severity.INFO)
    BANK_CARD = ("PD.bank_card", "银行卡号", Severity.BLOCKING)
    EMAIL = ("PD.email", "电子邮箱", Severity.WARNING)
    PLATE = ("PD.plate", "机动车号牌", Severity.WARNING)
    NAME = ("PD.name", "个人姓名", Severity.WARNING)
    # Official-document norms (公文规范)
    DOC_NUMBER_BRACKET = ("N.doc_number_bracket", "发文字号括号不规范", Severity.ERROR)
    UNPAIRED = ("N.unpaired", "引号或括号不成对", Severity.WARNING)
    HALFWIDTH_PUNCT = ("N.halfwidth_punct", "中文中使用半角标点", Severity.WARNING)
    REPEAT = ("N.repeat", "字词重复", Severity.WARNING)
    NUMBER_STYLE = ("N.number_style", "序号或数字样式不统一", Severity.INFO)
    DATE_STYLE = ("N.date_style", "日期写法不统一", Severity.INFO)
    CREDIT_CODE_INVALID = ("N.credit_code_invalid", "统一社会信用代码校验不通过", Severity.WARNING)
    # Security (涉密)
    CLASSIFIED = ("S.classified", "涉密标识", Severity.BLOCKING)

    @property
    def is_personal_data(self) -> bool:
        return self.value.startswith("PD.")


class ReadError(StrEnum):
    """Why a file could not be read; stable codes with Chinese messages for `gongkai check`."""

    def __new__(cls, value: str, message: str) -> ReadError:
        member = str.__new__(cls, value)
        member._value_ = value
        member.message = message
        return member

    message: str

    NOT_FOUND = ("E.not_found", "文件不存在")
    UNSUPPORTED = ("E.unsupported", "不支持的文件类型（支持 TXT、DOCX、HTML、PDF）")
    UNREADABLE = ("E.unreadable", "文件无法读取或已损坏")
    ENCODING = ("E.encoding", "无法识别文本编码")
    NO_TEXT = ("E.no_text", "文件中没有可检查的文字（可能是扫描件）")
