"""What the API shows: public facts only (no drafts, reviewers, withdrawal reasons or personal data)."""

from __future__ import annotations

from rest_framework import serializers

from gongkai.agencies.models import Agency


class AgencySerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    url = serializers.SerializerMethodField()
    columns_url = serializers.SerializerMethodField()

    class Meta:
        model = Agency
        fields = ["code", "name", "short_name", "kind", "kind_label", "parent", "url", "columns_url"]

    def get_url(self, agency) -> str:
        return f"/{agency.code}/"

    def get_columns_url(self, agency) -> str:
        return f"/api/agencies/{agency.code}/columns/"


class ColumnSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    parent = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    items_url = serializers.SerializerMethodField()

    def get_parent(self, column) -> str | None:
        return column.parent.slug if column.parent_id else None

    def get_url(self, column) -> str:
        return f"/{column.agency.code}/columns/{column.slug}/"

    def get_items_url(self, column) -> str:
        return f"/api/items/?agency={column.agency.code}&column={column.slug}"


class ItemSummarySerializer(serializers.Serializer):
    """One row of a listing or search (read from the search index: public items only)."""

    index_number = serializers.CharField()
    title = serializers.CharField()
    agency = serializers.CharField(source="agency_code")
    column = serializers.CharField(source="column_slug")
    document_number = serializers.CharField()
    published_date = serializers.DateField(allow_null=True)
    validity = serializers.CharField()
    url = serializers.CharField()
    api_url = serializers.SerializerMethodField()
    snippet = serializers.SerializerMethodField()

    def get_api_url(self, row) -> str:
        return f"/api/items/{row.index_number}/?agency={row.agency_code}"

    def get_snippet(self, row) -> str | None:
        value = getattr(row, "snippet", None)
        return str(value) if value is not None else None


class AttachmentSerializer(serializers.Serializer):
    name = serializers.CharField(source="original_name")
    kind = serializers.CharField()
    size = serializers.IntegerField()
    url = serializers.SerializerMethodField()

    def get_url(self, attachment) -> str:
        item = attachment.item
        return f"/{item.agency.code}/items/{item.index_number}/attachments/{attachment.pk}/"


class ItemSerializer(serializers.Serializer):
    index_number = serializers.CharField()
    title = serializers.CharField()
    agency = serializers.SerializerMethodField()
    column = serializers.SerializerMethodField()
    document_number = serializers.CharField()
    keywords = serializers.CharField()
    written_date = serializers.DateField(allow_null=True)
    published_date = serializers.DateField(allow_null=True)
    validity = serializers.CharField()
    validity_label = serializers.CharField(source="get_validity_display")
    validity_changed_on = serializers.DateField(allow_null=True)
    disclosure_attribute = serializers.CharField(source="get_disclosure_attribute_display")
    body = serializers.CharField(source="public_body")
    attachments = serializers.SerializerMethodField()
    url = serializers.CharField(source="get_absolute_url")

    def get_agency(self, item) -> dict:
        return {"code": item.agency.code, "name": item.agency.name}

    def get_column(self, item) -> dict:
        return {"slug": item.column.slug, "name": item.column.name}

    def get_attachments(self, item) -> list[dict]:
        return AttachmentSerializer(list(item.public_attachments()), many=True).data
