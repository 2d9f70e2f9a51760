"""The read-only JSON API: agencies, columns, public items (listing and search), one item."""

from __future__ import annotations

from django.http import Http404
from rest_framework import generics
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from gongkai.agencies.models import Agency
from gongkai.portal import queries
from gongkai.portal.forms import MAX_PAGES, SearchForm

from .schema import MAX_PAGE_SIZE, openapi_document
from .serializers import AgencySerializer, ColumnSerializer, ItemSerializer, ItemSummarySerializer


class Pagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    invalid_page_message = "页码无效。"


class ReadOnly:
    permission_classes = [AllowAny]
    authentication_classes: list = []
    renderer_classes = [JSONRenderer]
    pagination_class = Pagination


class AgencyList(ReadOnly, generics.ListAPIView):
    serializer_class = AgencySerializer
    queryset = Agency.objects.select_related("parent").order_by("path")


class ColumnList(ReadOnly, generics.ListAPIView):
    serializer_class = ColumnSerializer

    def get_queryset(self):
        from gongkai.catalogue.models import Column

        agency = queries.agency_or_404(self.kwargs["code"])
        return Column.objects.filter(agency=agency).select_related("agency", "parent").order_by("order", "pk")


def _page_number(request) -> tuple[int, int]:
    try:
        page = int(request.query_params.get("page") or 1)
    except ValueError as error:
        raise ValidationError({"page": "页码须为正整数。"}) from error
    if page < 1 or page > MAX_PAGES:
        raise ValidationError({"page": f"页码须在1到{MAX_PAGES}之间。"})
    try:  # as DRF's pagination does for the other lists: a bad size means the default
        size = int(request.query_params.get("page_size") or Pagination.page_size)
    except ValueError:
        size = Pagination.page_size
    if size < 1:
        size = Pagination.page_size
    return page, min(size, Pagination.max_page_size)


class ItemList(ReadOnly, APIView):
    """Public items, newest first, or ranked by relevance when `q` is given (the portal's search)."""

    def get(self, request):
        form = SearchForm.from_query(request.query_params)
        if not form.is_valid():
            raise ValidationError({k: [str(m) for m in v] for k, v in form.errors.items()})
        page, size = _page_number(request)
        result = form.search(page=page, page_size=size)

        def link(number: int) -> str:
            params = request.query_params.copy()
            params["page"] = str(number)
            return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

        return Response(
            {
                "count": result.total,
                "count_estimated": result.estimated,
                "next": link(page + 1) if result.has_next and page < MAX_PAGES else None,
                "previous": link(page - 1) if page > 1 else None,
                "results": ItemSummarySerializer(result.hits, many=True).data,
                "ranked": result.ranked,
            }
        )


class ItemDetail(ReadOnly, APIView):
    def get(self, request, index_number: str):
        from gongkai.catalogue.models import Item

        items = Item.objects.public().select_related("agency", "column").filter(index_number=index_number)
        agency = request.query_params.get("agency")
        if agency:
            items = items.filter(agency__code=agency)
        found = list(items[:2])
        if not found:
            raise Http404
        if len(found) > 1:
            raise ValidationError({"agency": "多个机关使用该索引号，请用 agency 参数指定机关代码。"})
        return Response(ItemSerializer(found[0]).data)


class Schema(ReadOnly, APIView):
    def get(self, request):
        return Response(openapi_document())
