"""`make run` loads the demo content on every start without undoing editors' work."""

import pytest
from django.core.management import call_command

from catalog.models import Product
from polls.models import Poll

pytestmark = pytest.mark.django_db


def test_it_loads_the_demo_into_an_empty_database_and_then_leaves_it_alone():
    call_command("load_demo", verbosity=0)
    assert Product.objects.filter(slug="amocrm").exists()
    assert Poll.objects.exists()
    amocrm = Product.objects.get(slug="amocrm")
    amocrm.summary = "Правка редактора"
    amocrm.save()

    call_command("load_demo", verbosity=0)
    assert Product.objects.get(slug="amocrm").summary == "Правка редактора"

    call_command("load_demo", force=True, verbosity=0)
    assert Product.objects.get(slug="amocrm").summary != "Правка редактора"
