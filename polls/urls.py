from django.urls import path

from polls import views

app_name = "polls"

urlpatterns = [
    path("", views.PollListView.as_view(), name="poll-list"),
    path("<slug:slug>/", views.PollDetailView.as_view(), name="poll-detail"),
    path("<slug:slug>/vote/", views.vote, name="vote"),
    path("<slug:slug>/block/", views.poll_block, name="block"),
]
