"""/selection/: the selection wizard (Подбор CRM)."""

from django.urls import path

from selection import views

app_name = "selection"

urlpatterns = [
    path("", views.SelectionView.as_view(), name="wizard"),
]
