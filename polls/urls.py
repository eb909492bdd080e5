from django.urls import path  # noqa: F401 -- views arrive with the polls issue

app_name = "polls"

urlpatterns = []
