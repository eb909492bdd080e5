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


def test_it_agrees_with_sfa_lacking_most_criteria_and_names_them(sfa_class, criteria, funnel):
    complaints, service, product_lines, process = criteria
    explanation = explain_class(
        sfa_class, [funnel, service], criteria, absent=[complaints, product_lines, process]
    )
    assert explanation.verdict == Verdict.AGREES
    assert explanation.met == [service]
    assert explanation.missing == [complaints, product_lines, process]
    assert explanation.text == (
        "SFA-система: нет большинства критериев CRM — работа с жалобами, управление "
        "продуктовой линейкой, процессный подход (BPM). Выполнены: управление сервисом."
    )
    assert not explanation.is_warning


def test_a_crm_meeting_most_criteria_is_a_crm_although_one_is_lacking(crm_class, criteria):
    """The seed's rule: an SFA-system lacks *most* CRM mechanisms, not any one of them."""
    explanation = explain_class(crm_class, criteria[:3], criteria, absent=criteria[3:])
    assert explanation.verdict == Verdict.AGREES
    assert explanation.missing == [criteria[3]]
    assert explanation.text == (
        "CRM-система: выполнено большинство критериев CRM — работа с жалобами, управление "
        "сервисом, управление продуктовой линейкой. Нет: процессный подход (BPM)."
    )


def test_it_warns_when_a_crm_lacks_most_criteria(crm_class, criteria):
    explanation = explain_class(crm_class, criteria[:1], criteria, absent=criteria[1:])
    assert explanation.verdict == Verdict.CONTRADICTS
    assert explanation.is_warning
    assert explanation.missing == criteria[1:]
    assert "ближе к SFA-системе" in explanation.text


def test_a_split_or_missing_data_is_not_judged(crm_class, sfa_class, criteria):
    split = explain_class(crm_class, criteria[:2], criteria, absent=criteria[2:])
    assert split.verdict == Verdict.NOT_JUDGED
    little = explain_class(sfa_class, [], criteria, absent=criteria[:1])
    assert little.verdict == Verdict.NOT_JUDGED
    assert little.unknown == criteria[1:]


def test_it_confirms_a_crm_meeting_every_criterion(crm_class, criteria, funnel):
    explanation = explain_class(crm_class, [*criteria, funnel], criteria)
    assert explanation.verdict == Verdict.AGREES
    assert explanation.missing == []
    assert explanation.text.startswith("CRM-система: выполнены все критерии CRM")


def test_it_flags_an_sfa_meeting_most_criteria(sfa_class, criteria):
    assert explain_class(sfa_class, criteria, criteria).verdict == Verdict.CONTRADICTS
    assert explain_class(sfa_class, criteria[:3], criteria).verdict == Verdict.CONTRADICTS


def test_it_only_counts_criteria_for_other_classes(criteria):
    pbx = ProductClassFactory(slug="ip-pbx", name="IP-АТС")
    explanation = explain_class(pbx, criteria[:1], criteria, absent=criteria[1:])
    assert explanation.verdict == Verdict.NOT_JUDGED
    assert explanation.text == "IP-АТС: критерии CRM выполнены 1 из 4."
    unsure = explain_class(pbx, criteria[:1], criteria, absent=criteria[1:3])
    assert unsure.text == (
        "IP-АТС: критерии CRM выполнены 1 из 4. Нет данных: процессный подход (BPM)."
    )


def test_it_says_nothing_without_criteria(crm_class, funnel):
    assert explain_class(crm_class, [funnel], []).text == ""


def test_it_shows_the_explanation_on_the_card(client, sfa_class, criteria):
    item = product(product_class=sfa_class, capabilities=criteria[1:2], absent=criteria[2:])
    html = client.get(item.get_absolute_url()).content.decode()
    assert (
        "SFA-система: нет большинства критериев CRM — управление продуктовой линейкой, "
        "процессный подход (BPM)." not in html
    )  # two of four known to be lacking: not most
    item = product(
        name="Light",
        product_class=sfa_class,
        capabilities=criteria[1:2],
        absent=[*criteria[:1], *criteria[2:]],
    )
    html = client.get(item.get_absolute_url()).content.decode()
    assert (
        "SFA-система: нет большинства критериев CRM — управление продуктовой линейкой, "
        "работа с жалобами, процессный подход (BPM). Выполнены: управление сервисом." in html
    )
    assert "class-explanation--agrees" in html


def test_it_warns_on_the_card_of_a_crm_lacking_criteria(client, crm_class, criteria):
    item = product(product_class=crm_class, capabilities=criteria[:1], absent=criteria[1:])
    html = client.get(item.get_absolute_url()).content.decode()
    assert "Проверьте класс" in html
    assert "class-explanation--contradicts" in html


def test_it_judges_by_the_class_kind_not_by_an_editable_slug(client, crm_class, criteria):
    crm_class.slug = "crm-sistemy"
    crm_class.name = "CRM-системы"
    crm_class.save()
    item = product(product_class=crm_class, capabilities=criteria[:1], absent=criteria[1:])
    html = client.get(item.get_absolute_url()).content.decode()
    assert "Проверьте класс" in html


def test_it_allows_one_class_per_kind(crm_class):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ProductClassFactory(slug="crm-2", name="Ещё CRM", kind="crm")
    ProductClassFactory(slug="erp", name="ERP", kind="other")
    ProductClassFactory(slug="pbx", name="АТС", kind="other")


def test_it_neither_confirms_nor_denies_criteria_without_data(crm_class, criteria):
    explanation = explain_class(crm_class, criteria[:2], criteria)
    assert explanation.verdict == Verdict.NOT_JUDGED
    assert explanation.missing == [] and explanation.unknown == criteria[2:]
    assert explanation.text == (
        "CRM-система: большинство критериев CRM каталогом не подтверждено. Выполнены: работа "
        "с жалобами, управление сервисом. Нет данных: управление продуктовой линейкой, "
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
