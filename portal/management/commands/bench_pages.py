"""The main pages of the portal with what building each costs: manage.py bench_pages.

Prints JSON: for each page its label, URL (percent-encoded, ready for an HTTP client), the
SQL queries of building it (page cache off) and its HTML size raw and gzipped.
scripts/bench_load.py then measures them under load through gunicorn.
"""

import gzip
import json
from urllib.parse import quote

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test import Client

from catalog.models import Product
from core.bench import page_queries
from glossary.models import Article, Term
from polls.models import Poll
from portal.management.commands.bench_catalog import catalog_pages


def main_pages():
    products = Product.objects.published()
    catalog = dict(catalog_pages(products))
    card = products.filter(slug="amocrm").first() or products.first()
    term = Term.objects.published().filter(slug="crm").first() or Term.objects.published().first()
    article = Article.objects.published().first()
    poll = Poll.objects.published().first()
    pages = [
        ("healthz", "/healthz"),
        ("home", "/"),
        ("catalog", "/catalog/"),
        ("catalog, 3 filters", catalog["filtered"]),
        ("catalog, q=crm", "/catalog/?q=crm"),
        ("card", card.get_absolute_url()),
        ("vendor", card.vendor.get_absolute_url()),
        ("compare of 4", catalog["compare"]),
        ("glossary", "/glossary/"),
        ("term", term.get_absolute_url()),
        ("article", article.get_absolute_url()),
        ("materials", "/materials/"),
        ("poll archive", "/polls/"),
        ("poll page", poll.get_absolute_url()),
        ("sitemap index", "/sitemap.xml"),
        ("wizard", catalog["selection"]),
        ("search", catalog["search"]),
    ]
    return [(label, quote(url, safe="/?&=,:-_.~%")) for label, url in pages]


class Command(BaseCommand):
    help = "JSON list of the main pages with their SQL queries and HTML size."

    def handle(self, *args, **options):
        if Product.objects.published().count() < 4:
            raise CommandError("the catalog is nearly empty: load the demo and generate_catalog")
        settings.PAGE_CACHE_SECONDS = 0  # the cost of building the page, not of the cache
        client = Client(HTTP_HOST="127.0.0.1")
        rows = []
        for label, url in main_pages():
            queries, response = page_queries(client, url)
            body = response.content
            rows.append(
                {
                    "label": label,
                    "url": url,
                    "queries": len(queries),
                    "bytes": len(body),
                    "gzip_bytes": len(gzip.compress(body)),
                    "content_type": response["Content-Type"],
                }
            )
        self.stdout.write(json.dumps(rows, ensure_ascii=False))
