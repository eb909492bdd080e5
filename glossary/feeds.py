from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import page_cache
from core.site import absolute_url
from glossary.apps import GLOSSARY_AREA
from glossary.models import Article

FEED_LENGTH = 20


@page_cache.shows(GLOSSARY_AREA)
class LatestArticlesFeed(Feed):
    """Absolute addresses from SITE_URL: the syndication framework would take the domain
    from the request's Host header, and leaves a full URL as it is."""

    description = _("Новые материалы портала о выборе и внедрении CRM-систем.")
    language = "ru"

    def title(self):
        return _("Материалы портала «%(name)s»") % {"name": settings.PORTAL_NAME}

    def link(self):
        return absolute_url(reverse("materials:article-list"))

    def feed_url(self):
        return absolute_url(reverse("materials:article-feed"))

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def items(self):
        return Article.objects.published().prefetch_related("tags")[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # The lead is plain text; the syndication framework escapes it.
        return item.lead

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.author_name or None

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]
