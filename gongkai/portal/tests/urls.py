"""The platform's URLs plus the staff channel pages, mounted where the lead will mount them."""

from django.urls import include, path

from gongkai.platform.urls import urlpatterns as platform_urlpatterns

urlpatterns = [path("office/channels/", include("gongkai.portal.office_urls")), *platform_urlpatterns]
