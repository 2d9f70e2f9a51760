from django.urls import path
from django.views.generic import RedirectView

from . import office, views

urlpatterns = [
    path("", RedirectView.as_view(url="/audit/", permanent=False), name="home"),
    path("office/", office.office_home, name="office-home"),
    path("audit/", views.audit, name="audit"),
    path("audit/api", views.audit_api, name="audit-api"),
    path("audit/download/", views.download, name="audit-download"),
]
