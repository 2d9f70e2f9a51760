from django.urls import path

from . import views

app_name = "applications"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("new/", views.intake, name="intake"),
    path("case/<int:pk>/", views.case_detail, name="case"),
    path("case/<int:pk>/do/<slug:step>/", views.case_step, name="step"),
    path("case/<int:pk>/appeals/", views.appeal_add, name="appeal-add"),
    path("appeals/<int:pk>/", views.appeal_update, name="appeal-update"),
    path("case/<int:pk>/letters/<int:letter_pk>.<str:kind>", views.letter_file, name="letter"),
    path("case/<int:pk>/id-document/", views.id_document, name="id-document"),
    path("templates/", views.templates_list, name="templates"),
    path("templates/<slug:code>/<slug:key>/", views.template_edit, name="template-edit"),
    path("holidays/", views.holidays, name="holidays"),
    path("tables/", views.tables, name="tables"),
]
