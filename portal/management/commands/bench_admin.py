"""Server time of the editors' busiest admin pages: manage.py bench_admin.

Run on a large catalog (generate_catalog --products 5000). Requests go through Django's test
Client in this process as a superuser, so the figures are Django + PostgreSQL time, without
the browser's own work (select2, the admin's scripts).
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count
from django.test import Client
from django.urls import reverse

from catalog.models import Product
from core.bench import page_queries, time_requests
from glossary.models import Term


class Command(BaseCommand):
    help = "Median and p95 server time and queries of the admin's product and term pages."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=20)

    def handle(self, *args, requests, **options):
        product = Product.objects.annotate(n=Count("product_capabilities")).order_by("-n").first()
        term = Term.objects.annotate(n=Count("example_products")).order_by("-n").first()
        if product is None or term is None:
            raise CommandError("no products or terms: load the demo and generate_catalog")
        pages = [
            ("product list", reverse("admin:catalog_product_changelist")),
            ("product form", reverse("admin:catalog_product_change", args=[product.pk])),
            ("new product", reverse("admin:catalog_product_add")),
            ("term form", reverse("admin:glossary_term_change", args=[term.pk])),
            ("product history", reverse("admin:catalog_product_history", args=[product.pk])),
        ]
        self.stdout.write(
            f"{Product.objects.count()} products; {requests} requests each, as a superuser"
        )
        self.stdout.write(f"{'page':<16} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'KB':>6}")
        # The superuser exists only inside this transaction: nothing is left behind.
        with transaction.atomic():
            user = get_user_model().objects.create_superuser("bench-admin", password=None)
            client = Client(HTTP_HOST="127.0.0.1")
            client.force_login(user)
            for label, url in pages:
                self._bench(client, label, url, requests)
            transaction.set_rollback(True)

    def _bench(self, client, label, url, count):
        queries, response = page_queries(client, url)
        measured = time_requests(client, url, count)
        self.stdout.write(
            f"{label:<16} {measured.median_ms:>10.1f} {measured.p95_ms:>8.1f} {len(queries):>8} "
            f"{len(response.content) / 1024:>6.0f}"
        )
