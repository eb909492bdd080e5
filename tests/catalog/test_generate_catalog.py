"""The benchmark data generator."""

import pytest
from django.core.management import CommandError, call_command
from taggit.models import TaggedItem

from catalog.models import CellStatus, Product, ProductCapability
from tests.catalog.helpers import product

pytestmark = pytest.mark.django_db


def test_it_generates_n_synthetic_products_and_replaces_them_on_a_rerun():
    real = product(name="Real", slug="amocrm")
    call_command("generate_catalog", products=60, verbosity=0)
    assert Product.objects.filter(slug__startswith="syn-product-").count() == 60
    assert ProductCapability.objects.filter(product__slug__startswith="syn-").count() >= 60 * 3
    call_command("generate_catalog", products=40, verbosity=0)
    synthetic = Product.objects.filter(slug__startswith="syn-product-")
    assert synthetic.count() == 40
    assert Product.objects.filter(pk=real.pk).exists()
    assert not TaggedItem.objects.exclude(object_id__in=Product.objects.values("pk")).exists()


def test_it_refuses_a_nonsense_count():
    with pytest.raises(CommandError):
        call_command("generate_catalog", products=0, verbosity=0)


def test_its_cells_are_recorded_as_an_editor_would_so_the_benchmarks_measure_real_work():
    call_command("generate_catalog", products=200, verbosity=0)
    cells = ProductCapability.objects.filter(product__slug__startswith="syn-")
    confirmed = cells.filter(status=CellStatus.CONFIRMED).count()
    absent = cells.filter(status=CellStatus.ABSENT).count()
    assert not cells.filter(status=CellStatus.UNKNOWN).exists()
    assert confirmed > 2 * absent > 0
