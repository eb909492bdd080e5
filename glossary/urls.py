from django.urls import path

from glossary import views
from glossary.feeds import LatestArticlesFeed

app_name = "glossary"

urlpatterns = [
    path("glossary/", views.TermListView.as_view(), name="term-list"),
    path("glossary/<slug:slug>/", views.TermDetailView.as_view(), name="term-detail"),
    path("materials/", views.ArticleListView.as_view(), name="article-list"),
    path("materials/feed/", LatestArticlesFeed(), name="article-feed"),
    path("materials/<slug:slug>/", views.ArticleDetailView.as_view(), name="article-detail"),
]
