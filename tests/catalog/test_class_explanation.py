"""The class explanation is computed from capabilities, never typed."""

import pytest

from catalog.classification import Verdict, explain_class
from catalog.factories import ProductClassFactory
from catalog.models import Product
from tests.catalog.helpers import crm_criteria, product

pytestmark = pytest.mark.django_db


@pytest.fixture
def criteria():
    return crm_criteria()


def test_it_agrees_with_sfa_and_names_the_missing_criteria(sfa_class, criteria, funnel):
    complaints, service, product_lines, process = criteria
    explanation = explain_class(sfa_class, [funnel, service, process], criteria)
    assert explanation.verdict == Verdict.AGREES
    assert explanation.met == [service, process]
    assert explanation.missing == [complaints, product_lines]
    assert explanation.text == (
        "SFA-система: нет критериев CRM — работа с жалобами, управление продуктовой линейкой."
    )
    assert not explanation.is_warning


def test_it_warns_when_a_crm_lacks_criteria(crm_class, criteria):
    explanation = explain_class(crm_class, criteria[:3], criteria)
    assert explanation.verdict == Verdict.CONTRADICTS
    assert explanation.is_warning
    assert explanation.missing == [criteria[3]]
    assert "процессный подход (BPM)" in explanation.text


def test_it_confirms_a_crm_meeting_every_criterion(crm_class, criteria, funnel):
    explanation = explain_class(crm_class, [*criteria, funnel], criteria)
    assert explanation.verdict == Verdict.AGREES
    assert explanation.missing == []
    assert explanation.text.startswith("CRM-система: выполнены все критерии CRM")


def test_it_flags_an_sfa_meeting_every_criterion(sfa_class, criteria):
    explanation = explain_class(sfa_class, criteria, criteria)
    assert explanation.verdict == Verdict.CONTRADICTS


def test_it_only_counts_criteria_for_other_classes(criteria):
    pbx = ProductClassFactory(slug="ip-pbx", name="IP-АТС")
    explanation = explain_class(pbx, criteria[:1], criteria)
    assert explanation.verdict == Verdict.NOT_JUDGED
    assert explanation.text == "IP-АТС: критерии CRM выполнены 1 из 4."


def test_it_says_nothing_without_criteria(crm_class, funnel):
    assert explain_class(crm_class, [funnel], []).text == ""


def test_it_shows_the_explanation_on_the_card(client, sfa_class, criteria):
    item = product(product_class=sfa_class, capabilities=criteria[1:2])
    html = client.get(item.get_absolute_url()).content.decode()
    assert (
        "SFA-система: нет критериев CRM — управление продуктовой линейкой, работа с жалобами, "
        "процессный подход (BPM)." in html
    )
    assert "class-explanation--agrees" in html


def test_it_warns_on_the_card_of_a_crm_lacking_criteria(client, crm_class, criteria):
    item = product(product_class=crm_class, capabilities=criteria[:2])
    html = client.get(item.get_absolute_url()).content.decode()
    assert "Проверьте класс" in html
    assert "class-explanation--contradicts" in html


def test_it_judges_by_the_class_kind_not_by_an_editable_slug(client, crm_class, criteria):
    crm_class.slug = "crm-sistemy"
    crm_class.name = "CRM-системы"
    crm_class.save()
    item = product(product_class=crm_class, capabilities=criteria[:2])
    html = client.get(item.get_absolute_url()).content.decode()
    assert "Проверьте класс" in html


def test_it_allows_one_class_per_kind(crm_class):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ProductClassFactory(slug="crm-2", name="Ещё CRM", kind="crm")
    ProductClassFactory(slug="erp", name="ERP", kind="other")
    ProductClassFactory(slug="pbx", name="АТС", kind="other")


def test_it_neither_confirms_nor_denies_criteria_without_data(crm_class, criteria):
    explanation = explain_class(crm_class, criteria[:2], criteria, unknown=criteria[2:])
    assert explanation.verdict == Verdict.NOT_JUDGED
    assert explanation.missing == [] and explanation.unknown == criteria[2:]
    assert explanation.text == (
        "CRM-система: подтверждены не все критерии CRM. Выполнены: работа с жалобами, "
        "управление сервисом. Нет данных: управление продуктовой линейкой, "
        "процессный подход (BPM)."
    )


def test_it_shows_a_capability_without_data_as_such_everywhere(client, crm_class, criteria):
    from catalog.models import ProductCapability

    item = product(name="Archive CRM", slug="archive", product_class=crm_class)
    other = product(name="Other", slug="other", product_class=crm_class, capabilities=criteria)
    for capability in criteria:
        ProductCapability.objects.create(
            product=item, capability=capability, status=ProductCapability.Status.UNKNOWN
        )
    html = client.get(item.get_absolute_url()).content.decode()
    assert "Проверьте класс" not in html and "Класс подтверждён" not in html
    assert html.count('<span class="badge badge--warn">нет данных</span>') == 4
    response = client.get("/catalog/?capability=complaint-handling")
    assert [p.name for p in response.context["page_obj"].object_list] == ["Other"]
    html = client.get(f"/catalog/compare/?products={item.slug},{other.slug}").content.decode()
    assert html.count('<span class="compare-unknown">нет данных</span>') == 4
    assert list(Product.objects.similar_to(other)) == []
