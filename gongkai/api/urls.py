from django.urls import path

from . import views

app_name = "api"
urlpatterns = [
    path("agencies/", views.AgencyList.as_view(), name="agencies"),
    path("agencies/<slug:code>/columns/", views.ColumnList.as_view(), name="columns"),
    path("items/", views.ItemList.as_view(), name="items"),
    path("items/<str:index_number>/", views.ItemDetail.as_view(), name="item"),
    path("schema/", views.Schema.as_view(), name="schema"),
]
