"""/selection/: the selection wizard, part of the catalog app, a section of its own."""

from django.urls import path

from catalog import views

app_name = "selection"

urlpatterns = [
    path("", views.SelectionView.as_view(), name="wizard"),
]
