"""The portal's materials (articles): part of the glossary app, a section of their own."""

from django.urls import path

from glossary import views
from glossary.feeds import LatestArticlesFeed

app_name = "materials"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="article-list"),
    path("feed/", LatestArticlesFeed(), name="article-feed"),
    path("<slug:slug>/", views.ArticleDetailView.as_view(), name="article-detail"),
]
