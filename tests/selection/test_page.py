"""/selection/: questionnaire, ranked and explained result, relaxation, bad input, budgets."""

from urllib.parse import parse_qs, urlsplit

import pytest

from catalog.factories import CapabilityFactory, ProductClassFactory, VendorFactory
from catalog.models import Deployment, RussiaAvailability
from core.bench import budget_queries
from selection.forms import ANSWER_PARAMS
from tests.catalog.helpers import crm_criteria, product

pytestmark = pytest.mark.django_db


@pytest.fixture
def market(crm_class, sfa_class):
    complaints, service, product_lines, process = crm_criteria()
    for criterion in (complaints, service):
        criterion.task_presets = ["service", "lifecycle"]
        criterion.save()
    pbx = CapabilityFactory(slug="pbx-integration", name="Интеграция с АТС", group="integration")
    funnel = CapabilityFactory(
        slug="funnel-snapshot", name="Воронка продаж", group="sales", task_presets=["sales"]
    )
    erp = ProductClassFactory(slug="erp", name="ERP-система", kind="other")
    available = {"russia_availability": RussiaAvailability.AVAILABLE}
    product(
        name="Облачная SFA",
        slug="cloud-sfa",
        product_class=sfa_class,
        capabilities=[funnel, pbx],
        price_from=500,
        **available,
    )
    product(
        name="Вторая SFA",
        slug="second-sfa",
        product_class=sfa_class,
        capabilities=[funnel, pbx],
        price_from=700,
        **available,
    )
    product(
        name="Большая CRM",
        slug="big-crm",
        product_class=crm_class,
        capabilities=[funnel, pbx, complaints, service, product_lines, process],
        deployment=Deployment.BOTH,
        price_from=3000,
        **available,
    )
    product(
        name="Коробочная CRM",
        slug="boxed-crm",
        product_class=crm_class,
        capabilities=[complaints, process, service],
        deployment=Deployment.ON_PREMISE,
        **available,
    )
    product(name="ERP с CRM", slug="erp", product_class=erp, capabilities=[funnel], **available)
    product(
        name="Ушедшая CRM",
        slug="gone",
        product_class=crm_class,
        capabilities=[funnel, pbx, complaints, service, product_lines, process],
        russia_availability=RussiaAvailability.WITHDRAWN,
    )


def result_names(response):
    return [product.name for product, _match in response.context["results"]]


def test_it_shows_only_the_questions_without_answers(client, market):
    response = client.get("/selection/")
    assert response.status_code == 200
    assert "results" not in response.context
    html = response.content.decode()
    assert 'id="selection-result"' not in html
    assert 'name="must" value="complaint-handling"' in html
    assert 'name="integrations" value="pbx-integration"' in html  # integrations asked apart


def test_it_links_each_capability_to_its_glossary_term(client, market):
    from catalog.models import Capability
    from glossary.factories import TermFactory

    term = TermFactory(name="Прецедент", slug="precedent")
    Capability.objects.filter(slug="complaint-handling").update(term=term)
    html = client.get("/selection/").content.decode()
    assert '<a href="/glossary/precedent/" title="Что это: термин в глоссарии">' in html
    assert html.count('<span class="badge">критерий CRM</span>') == 4


def test_a_small_cloud_sales_team_gets_sfa_saas_on_top(client, market):
    response = client.get(
        "/selection/?task=sales&users=5&deployment=cloud&integrations=pbx-integration"
    )
    names = result_names(response)
    assert names[:2] == ["Облачная SFA", "Вторая SFA"]
    assert "Ушедшая CRM" not in names  # by default only what can be bought in Russia
    top = response.context["results"][0][1]
    assert top.fit == 100
    assert top.cost.monthly == 2500 and top.cost.yearly == 30000
    html = response.content.decode()
    assert "от 2\xa0500 ₽ в месяц, от 30\xa0000 ₽ в год" in html
    assert "цена не проверена" in html


def test_a_large_on_premise_service_desk_gets_only_crm_systems_and_the_reason(client, market):
    response = client.get(
        "/selection/?task=service&users=200&deployment=on-premise"
        "&must=complaint-handling&must=process-management"
    )
    names = result_names(response)
    assert set(names) == {"Большая CRM", "Коробочная CRM"}
    html = response.content.decode()
    assert "Нужна CRM-система, поэтому SFA-системы в подбор не вошли." in html
    assert "не реализующая CRM-подход" in html
    for _product, match in response.context["results"]:
        statuses = {reason.label: reason.status for reason in match.reasons}
        assert statuses["Работа с жалобами"] == "yes"


def test_a_task_alone_ticks_its_presets(client, market):
    response = client.get("/selection/?task=service")
    answers = response.context["answers"]
    assert answers.must_slugs == {"complaint-handling", "service-management"}
    assert all(p.product_class.kind == "crm" for p, _match in response.context["results"])
    html = response.content.decode()
    assert 'name="must" value="complaint-handling" aria-labelledby' in html
    assert (
        'value="complaint-handling" aria-labelledby="cap-complaint-handling must-label" checked'
        in html
    )


def test_it_includes_withdrawn_products_only_when_asked(client, market):
    assert "Ушедшая CRM" not in result_names(client.get("/selection/?must=pbx-integration"))
    names = result_names(client.get("/selection/?must=pbx-integration&availability=any"))
    assert "Ушедшая CRM" in names


def test_it_links_to_the_comparison_and_to_the_catalog_with_the_same_filters(client, market):
    response = client.get("/selection/?must=funnel-snapshot&nice=pbx-integration")
    first_three = [p.slug for p, _match in response.context["results"][:3]]
    assert response.context["compare_url"] == (
        f"/catalog/compare/?products={','.join(first_three)}"
    )
    catalog_url = response.context["catalog_url"]
    assert parse_qs(urlsplit(catalog_url).query) == {
        "capability": ["funnel-snapshot"],
        "availability": ["available"],
    }
    listed = client.get(catalog_url).context["page_obj"].object_list
    assert {p.name for p in listed} == set(result_names(response))


def test_without_a_match_it_relaxes_the_requirement_that_removed_the_most(client, market):
    response = client.get(
        "/selection/?must=pbx-integration&must=complaint-handling&deployment=on-premise&registry=yes"
    )
    assert response.context["results"] == []
    relaxation = response.context["relaxation"]
    assert relaxation["constraint"].key == "registry"
    assert relaxation["count"] == 1  # Большая CRM
    html = response.content.decode()
    assert "Больше всего продуктов отсеяло требование" in html
    relaxed = client.get(relaxation["url"])
    assert result_names(relaxed) == ["Большая CRM"]


def test_a_relaxed_must_have_stays_a_wish(client, market):
    response = client.get(
        "/selection/?must=pbx-integration&must=sla-management-nope&must=complaint-handling&task=sales&deployment=cloud&availability=available&registry=yes"
    )
    relaxation = response.context["relaxation"]
    query = parse_qs(urlsplit(relaxation["url"]).query)
    assert "sla-management-nope" not in str(query)  # unknown slugs are dropped with a note
    assert "Нет в каталоге и не учтено: «sla-management-nope»." in response.content.decode()


BAD_VALUES = [
    "",
    " ",
    "abc",
    "-5",
    "0",
    "1e9",
    "99999999999999999999999",
    "5.5",
    "\x00",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%",
    "%ZZ",
    "а" * 5000,
]


@pytest.mark.parametrize("name", [*ANSWER_PARAMS, "page"])
@pytest.mark.parametrize("value", BAD_VALUES)
def test_it_answers_garbage_with_a_normal_page(client, market, name, value):
    response = client.get("/selection/", {name: value})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html


def test_it_survives_a_parameter_repeated_200_times_and_raw_bad_encodings(client, market):
    query = "&".join(["must=funnel-snapshot", *["nice=pbx-integration"] * 200, *["must=x"] * 200])
    assert client.get(f"/selection/?{query}").status_code == 200
    for raw in ["users=%ff%fe", "must=%00%00", "task=%E0%A4%A", "budget=%2", "%%%"]:
        assert client.get(f"/selection/?{raw}").status_code == 200, raw


def test_it_notes_a_number_out_of_range_in_russian(client, market):
    html = client.get("/selection/?users=1000000&budget=-1").content.decode()
    assert "«Число пользователей»: значение «1000000» не подходит" in html
    assert "«Бюджет, ₽ за пользователя в месяц»: значение «-1» не подходит" in html


def grow(extra, sfa_class):
    vendor = VendorFactory()
    for index in range(extra):
        product(
            name=f"Запасной {index}",
            product_class=sfa_class,
            vendor=vendor,
            russia_availability=RussiaAvailability.AVAILABLE,
        )


@pytest.mark.usefixtures("page_cache_off")
@pytest.mark.parametrize("extra", [0, 120])
def test_it_answers_in_a_fixed_number_of_queries(client, market, sfa_class, extra):
    grow(extra, sfa_class)
    url = "/selection/?task=sales&users=5&must=funnel-snapshot&nice=pbx-integration&budget=900"
    queries, _response = budget_queries(client, url)
    # capabilities, the must-have slug lookup, the scored candidates, the shown products
    assert len(queries) == 4


@pytest.mark.usefixtures("page_cache_off")
@pytest.mark.parametrize("extra", [0, 120])
def test_it_relaxes_in_a_fixed_number_of_queries(client, market, sfa_class, extra):
    grow(extra, sfa_class)
    url = "/selection/?must=pbx-integration&deployment=on-premise&registry=yes"
    queries, _response = budget_queries(client, url)
    # capabilities, the must-have lookup, the (empty) candidates, the relaxation counts
    assert len(queries) == 4
