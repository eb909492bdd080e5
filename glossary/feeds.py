from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from glossary.models import Article

FEED_LENGTH = 20


class LatestArticlesFeed(Feed):
    link = reverse_lazy("materials:article-list")
    description = _("Новые материалы портала о выборе и внедрении CRM-систем.")
    language = "ru"

    def title(self):
        return _("Материалы портала «%(name)s»") % {"name": settings.PORTAL_NAME}

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
