"""A card's cost does not grow with the catalog: its heaviest query, the alternatives, reads
a bounded pool along indexes and never scans the products or their capability cells."""

import pytest
from django.core.management import call_command
from django.db import connection

from catalog.models import Product
from catalog.services import analyse_tables

pytestmark = pytest.mark.django_db

# Large enough for the planner to prefer an index to reading the table, where one serves.
PRODUCTS = 5000


def plan_of(queryset):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_a_cards_alternatives_never_scan_the_catalog():
    call_command("generate_catalog", products=PRODUCTS, terms=1, articles=1, verbosity=0)
    analyse_tables()
    card = Product.objects.filter(slug__startswith="syn-product-").order_by("pk")[PRODUCTS // 2]

    plan = plan_of(Product.objects.similar_to(card, limit=3))

    assert "Seq Scan on catalog_product " not in plan, plan
    assert "Seq Scan on catalog_productcapability " not in plan, plan
    assert len(Product.objects.similar_to(card, limit=3)) == 3
