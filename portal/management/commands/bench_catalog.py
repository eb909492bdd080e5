"""Measure the catalog pages on the current database: manage.py bench_catalog.

Fill the database first (manage.py generate_catalog --products 5000). Requests go through
Django's test Client in this process, so the figures are the application and database time
without network or a WSGI server; run gunicorn + a load tool for end-to-end numbers.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count
from django.http import QueryDict
from django.test import Client

from catalog.filters import ProductFilter
from catalog.models import Capability, Product
from core.bench import page_queries, time_requests


class Command(BaseCommand):
    help = "Latency (median, p95), throughput and queries of the catalog pages."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=50)
        parser.add_argument("--warmup", type=int, default=5)
        parser.add_argument("--explain", action="store_true", help="print EXPLAIN ANALYZE")

    def handle(self, *args, **options):
        products = Product.objects.published()
        if products.count() < 2:
            raise CommandError("the catalog is empty: run manage.py generate_catalog first")
        # Query logging under DEBUG would be measured too; the page cache would answer every
        # request after the first: this measures building the page.
        settings.DEBUG = False
        settings.PAGE_CACHE_SECONDS = 0
        urls = catalog_pages(products)
        client = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else "")
        self.stdout.write(
            f"{products.count()} published products, {options['requests']} requests each"
        )
        self.stdout.write(
            f"{'page':<14} {'median ms':>10} {'p95 ms':>8} {'req/s':>7} {'queries':>8}"
        )
        for label, url in urls:
            self._bench(client, label, url, options["requests"], options["warmup"])
        if options["explain"]:
            self._explain(urls[1][1])

    def _bench(self, client, label, url, count, warmup):
        queries, _ = page_queries(client, url, warmup=warmup)
        measured = time_requests(client, url, count)
        self.stdout.write(
            f"{label:<14} {measured.median_ms:>10.1f} {measured.p95_ms:>8.1f} "
            f"{measured.requests_per_second:>7.1f} {len(queries):>8}   {url}"
        )

    def _explain(self, url):
        query = QueryDict(url.split("?", 1)[1])
        filterset = ProductFilter(query)
        page = filterset.qs.with_list_relations()[:20]
        self.stdout.write(f"\nEXPLAIN ANALYZE, first page of {url}:")
        self.stdout.write(page.explain(analyze=True))
        self.stdout.write("\nEXPLAIN ANALYZE, search q=crm 1:")
        self.stdout.write(ProductFilter(QueryDict("q=crm 1")).qs[:20].explain(analyze=True))


def catalog_pages(products):
    """(label, URL) of the catalog pages measured, picked from the data (bench_pages uses
    them too)."""
    # The two most common capabilities and the busiest class make a realistic narrow filter.
    capabilities = list(
        Capability.objects.annotate(n=Count("product_capabilities"))
        .order_by("-n")
        .values_list("slug", flat=True)[:2]
    )
    busiest = products.values("product_class__slug").annotate(n=Count("pk")).order_by("-n").first()
    filtered = "/catalog/?" + "&".join(
        [f"capability={slug}" for slug in capabilities]
        + [f"class={busiest['product_class__slug']}"]
    )
    card = products.annotate(n=Count("product_capabilities")).order_by("-n").first()
    similar = list(products.similar_to(card, limit=3))
    compare = "/catalog/compare/?products=" + ",".join([card.slug] + [p.slug for p in similar])
    # The wizard answered as a small sales team would (the task's presets, a budget, the
    # cloud, no must-have): every product on sale in Russia is scored. "selection-all"
    # scores the whole catalog.
    selection = "/selection/?task=sales&users=10&budget=1500&deployment=cloud"
    selection_all = "/selection/?availability=any&" + "&".join(
        f"nice={slug}" for slug in capabilities
    )
    return [
        ("list", "/catalog/"),
        ("filtered", filtered),
        ("catalog-q", "/catalog/?q=crm"),
        ("catalog-typo", "/catalog/?q=amocrn"),
        ("card", card.get_absolute_url()),
        ("compare", compare),
        ("selection", selection),
        ("selection-all", selection_all),
        ("search", "/search/?q=воронка продаж"),
        ("search-typo", "/search/?q=amocrn"),
    ]
