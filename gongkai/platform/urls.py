from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("office/catalogue/", include("gongkai.catalogue.urls")),
    path("office/applications/", include("gongkai.applications.urls")),
    path("office/annual/", include("gongkai.annual.urls")),
    path("office/channels/", include("gongkai.portal.office_urls")),
    path("api/", include("gongkai.api.urls")),
    path("", include("gongkai.applications.public_urls")),
    path("", include("gongkai.portal.urls")),
    path("", include("gongkai.web.urls")),
]

# Chinese error pages for people, JSON under /api/ (gongkai/web/errors.py)
handler400 = "gongkai.web.errors.bad_request"
handler403 = "gongkai.web.errors.permission_denied"
handler404 = "gongkai.web.errors.page_not_found"
handler500 = "gongkai.web.errors.server_error"
