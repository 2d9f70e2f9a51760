"""Read-only admin views: changes go through the back office and its actions."""

from django.contrib import admin

from .models import Application, CaseEvent, HolidayOverride, PersonalDataAccess


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(ReadOnly):
    list_display = ("case_number", "agency", "status", "received_on", "due_date", "outcome", "concluded_on")
    list_filter = ("status", "agency")
    search_fields = ("case_number",)
    exclude = ("tracking_code", "applicant_key", "source_key", "content_hash", "idempotency_key")


admin.site.register(CaseEvent, ReadOnly)
admin.site.register(HolidayOverride, ReadOnly)
admin.site.register(PersonalDataAccess, ReadOnly)
