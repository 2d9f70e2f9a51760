"""Parts the 2019 and 2021 formats share: sections, table 三 columns and most rows, table 四."""

from __future__ import annotations

from .base import Column, Group, Parent, Row, Section, Subheading, TableFour, TableThree

SECTIONS = (
    Section("一", "overview", "总体情况"),
    Section("二", "proactive", "主动公开政府信息情况", table="two"),
    Section("三", "applications", "收到和处理政府信息公开申请情况", table="three"),
    Section(
        "四",
        "reconsideration_litigation",
        "政府信息公开行政复议、行政诉讼情况",
        variants=(
            "因政府信息公开工作被申请行政复议、提起行政诉讼的情况",
            "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
            "因政府信息公开工作被申请行政复议提起行政诉讼的情况",
            "因政府信息公开工作被申请行政复议提起行政诉讼情况",
            "因政府信息公开被申请行政复议、提起行政诉讼的情况",
            "政府信息公开行政复议行政诉讼情况",
        ),
        table="four",
    ),
    Section(
        "五",
        "problems",
        "存在的主要问题及改进情况",
        variants=("政府信息公开工作存在的主要问题及改进情况",),
    ),
    Section("六", "other_matters", "其他需要报告的事项"),
)

OVERVIEW_TOPICS = (
    Subheading("（一）", "主动公开"),
    Subheading("（二）", "依申请公开"),
    Subheading("（三）", "政府信息管理"),
    Subheading("（四）", "政府信息公开平台建设", keywords=("平台建设",)),
    Subheading("（五）", "监督保障"),
)

T3_TITLE = "收到和处理政府信息公开申请情况"
T3_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_HEADER = "申请人情况"
T3_LEGAL_PERSON = "法人或其他组织"

T3_COLUMNS = (
    Column("natural_person", "自然人"),
    Column("commercial", "商业企业"),
    Column("research", "科研机构"),
    Column("public_interest", "社会公益组织"),
    Column("legal_services", "法律服务机构"),
    Column("other_org", "其他"),
    Column(
        "total",
        "总计",
        total_of=(
            "natural_person",
            "commercial",
            "research",
            "public_interest",
            "legal_services",
            "other_org",
        ),
    ),
)

T3_HEAD_ROWS = (
    Row("received", "一、本年新收政府信息公开申请数量"),
    Row("carried_in", "二、上年结转政府信息公开申请数量"),
)

T3_RESULTS_LABEL = "三、本年度办理结果"

T3_RESULT_GROUPS_BEFORE_OTHER = (
    Row("granted", "（一）予以公开"),
    Row("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", variants=("（二）部分公开",)),
    Parent(
        "（三）不予公开",
        code="withheld",
        children=(
            Row("withheld_state_secret", "1.属于国家秘密"),
            Row("withheld_prohibited_by_law", "2.其他法律行政法规禁止公开"),
            Row("withheld_three_securities", "3.危及“三安全一稳定”"),
            Row("withheld_third_party", "4.保护第三方合法权益"),
            Row("withheld_internal_affairs", "5.属于三类内部事务信息"),
            Row("withheld_process_info", "6.属于四类过程性信息"),
            Row("withheld_enforcement_file", "7.属于行政执法案卷"),
            Row("withheld_query_matter", "8.属于行政查询事项"),
        ),
    ),
    Parent(
        "（四）无法提供",
        code="unavailable",
        children=(
            Row("unavailable_not_held", "1.本机关不掌握相关政府信息"),
            Row("unavailable_needs_creation", "2.没有现成信息需要另行制作"),
            Row("unavailable_still_unclear", "3.补正后申请内容仍不明确"),
        ),
    ),
    Parent(
        "（五）不予处理",
        code="not_processed",
        children=(
            Row("not_processed_petition", "1.信访举报投诉类申请"),
            Row("not_processed_repeat", "2.重复申请"),
            Row("not_processed_publication", "3.要求提供公开出版物"),
            Row("not_processed_excessive", "4.无正当理由大量反复申请"),
            Row("not_processed_confirmation", "5.要求行政机关确认或重新出具已获取信息"),
        ),
    ),
)

T3_OTHER_LABEL = "（六）其他处理"
T3_TOTAL_LABEL = "（七）总计"
T3_CARRIED_OUT = Row("carried_out", "四、结转下年度继续办理")

T4_TITLE = "政府信息公开行政复议、行政诉讼情况"
T4_RECONSIDERATION = "行政复议"
T4_LITIGATION = "行政诉讼"
T4_GROUPS = (
    Group("reconsideration", T4_RECONSIDERATION),
    Group("direct_suit", "未经复议直接起诉", parent_label=T4_LITIGATION),
    Group("suit_after_reconsideration", "复议后起诉", parent_label=T4_LITIGATION),
)
T4_COLUMNS = (
    Column("upheld", "结果维持"),
    Column("corrected", "结果纠正"),
    Column("other_result", "其他结果"),
    Column("pending", "尚未审结"),
    Column("total", "总计", total_of=("upheld", "corrected", "other_result", "pending")),
)
TABLE_FOUR = TableFour(T4_TITLE, T4_GROUPS, T4_COLUMNS)


def result_codes(groups) -> tuple[str, ...]:
    """Codes of every data row under 三、本年度办理结果, in order (the addends of （七）总计)."""
    codes: list[str] = []

    def walk(items):
        for item in items:
            if isinstance(item, Parent):
                walk(item.children)
            else:
                codes.append(item.code)

    walk(groups)
    return tuple(codes)


def table_three(results: tuple[Row | Parent, ...]) -> TableThree:
    """Table 三 around a version's result rows: the versions differ only in （六）其他处理."""
    return TableThree(
        T3_TITLE,
        T3_CORNER,
        T3_HEADER,
        T3_LEGAL_PERSON,
        T3_COLUMNS,
        (
            *T3_HEAD_ROWS,
            Parent(
                T3_RESULTS_LABEL,
                children=(*results, Row("total", T3_TOTAL_LABEL, total_of=result_codes(results))),
            ),
            T3_CARRIED_OUT,
        ),
    )
