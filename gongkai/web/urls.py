from django.urls import path

from . import office, views

urlpatterns = [
    path("office/", office.office_home, name="office-home"),
    path("audit/", views.audit, name="audit"),
    path("audit/api", views.audit_api, name="audit-api"),
    path("audit/download/", views.download, name="audit-download"),
]
