"""The search form: bad input becomes a Chinese message next to the field, never an error page."""

from __future__ import annotations

from django import forms

from gongkai.catalogue.vocab import Validity

MAX_QUERY = 100
MAX_PAGES = 500  # search pages people and the API may ask for; deeper pages are for crawlers
DATE_ERROR = "日期格式不正确，请按“年-月-日”填写，如 2024-01-31。"


class SearchForm(forms.Form):
    q = forms.CharField(
        label="检索词",
        required=False,
        max_length=MAX_QUERY,
        error_messages={"max_length": f"检索词不能超过{MAX_QUERY}个字。"},
    )
    agency = forms.CharField(label="机关", required=False, max_length=40)
    column = forms.CharField(label="栏目", required=False, max_length=60)
    date_from = forms.DateField(label="发布日期自", required=False, error_messages={"invalid": DATE_ERROR})
    date_to = forms.DateField(label="至", required=False, error_messages={"invalid": DATE_ERROR})
    validity = forms.ChoiceField(
        label="有效性",
        required=False,
        choices=[("", "全部")] + list(Validity.choices),
        error_messages={"invalid_choice": "请选择有效性：有效、失效或废止。"},
    )

    @classmethod
    def from_query(cls, params) -> SearchForm:
        """Public URLs say `from`/`to` (short, readable); the form's fields say date_from/date_to."""
        data = {
            "q": params.get("q", ""),
            "agency": params.get("agency", ""),
            "column": params.get("column", ""),
            "date_from": params.get("from", ""),
            "date_to": params.get("to", ""),
            "validity": params.get("validity", ""),
        }
        return cls(data)

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "结束日期不能早于开始日期。")
        return data

    def search(self, *, page: int, page_size: int | None = None):
        """The search this valid form asks for, through the configured engine (portal page and API)."""
        from .search import get_backend

        data = self.cleaned_data
        options = {} if page_size is None else {"page_size": page_size}
        return get_backend().search(
            data["q"],
            agency=data["agency"] or None,
            column=data["column"] or None,
            date_from=data["date_from"],
            date_to=data["date_to"],
            validity=data["validity"] or None,
            page=min(page, MAX_PAGES),
            **options,
        )
