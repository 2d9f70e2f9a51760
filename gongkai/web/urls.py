from django.urls import path
from django.views.generic import RedirectView

from . import views

urlpatterns = [
    path("", RedirectView.as_view(url="/audit/", permanent=False), name="home"),
    path("audit/", views.audit, name="audit"),
    path("audit/api", views.audit_api, name="audit-api"),
    path("audit/download/", views.download, name="audit-download"),
]
