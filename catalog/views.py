import csv

from django.db.models.functions import Lower
from django.http import HttpResponse, QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from catalog import compare, filter_summary, selectors
from catalog.apps import CATALOG_PAGE_AREAS
from catalog.capability_groups import cells_of, group_by_capability
from catalog.classification import explain_product
from catalog.facets import build_facets
from catalog.facts import product_facts
from catalog.filters import DEFAULT_ORDERING, SORT_CHOICES, ProductFilter
from catalog.forms import CompareForm
from catalog.models import Capability, Product, Vendor
from core import page_cache
from core.breadcrumbs import breadcrumbs
from core.drafts import DraftPreviewMixin
from core.pagination import LenientPaginationMixin
from core.site import absolute_url

SIMILAR_LIMIT = 3


def _catalog_crumb():
    return (_("Каталог"), reverse("catalog:product-list"))


@page_cache.shows(*CATALOG_PAGE_AREAS)
class ProductListView(LenientPaginationMixin, FilterView):
    filterset_class = ProductFilter
    template_name = "catalog/product_list.html"
    paginate_by = 20
    strict = False  # an invalid filter is dropped with a note, never an empty page

    def get_queryset(self):
        return Product.objects.published().order_by(*DEFAULT_ORDERING)

    def paginate_queryset(self, queryset, page_size):
        return super().paginate_queryset(queryset.with_list_relations(), page_size)

    def get_pagination_query(self):
        return self.params

    def get_context_data(self, **kwargs):
        filterset = self.filterset
        self.params = filter_summary.canonical_params(filterset)
        context = super().get_context_data(**kwargs)
        selected_class = filterset.cleaned.get("class")
        indexing = filter_summary.indexing(self.params, context["page_obj"].number)
        query = indexing.canonical_query.urlencode()
        canonical = reverse("catalog:product-list") + (f"?{query}" if query else "")
        context.update(
            facets=build_facets(filterset),
            notes=filter_summary.notes(filterset),
            chips=filter_summary.chips(filterset, self.params),
            params=self.params,
            params_without_sort=[
                (name, value)
                for name, values in self.params.lists()
                if name != "sort"
                for value in values
            ],
            sort_choices=SORT_CHOICES,
            current_sort=filterset.cleaned.get("sort") or "name",
            query=filterset.cleaned.get("q", ""),
            price_max=filterset.cleaned.get("price_max"),
            selected_class=selected_class,
            class_terms=selected_class.terms.published() if selected_class else [],
            canonical_url=absolute_url(canonical),
            noindex=not indexing.indexable,
            breadcrumbs=breadcrumbs((_("Каталог"), None)),
        )
        return context


@page_cache.shows(*CATALOG_PAGE_AREAS)
class ProductDetailView(DraftPreviewMixin, DetailView):
    """A product's card; editors also see drafts, with a banner (core/drafts.py)."""

    template_name = "catalog/product_detail.html"
    queryset = Product.objects.with_card_relations()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        product = self.object
        held = list(product.product_capabilities.all())
        confirmed = [pc for pc in held if pc.is_confirmed]
        capabilities = list(Capability.objects.select_related("term"))
        similar = list(Product.objects.similar_to(product, limit=SIMILAR_LIMIT))
        context.update(
            explanation=explain_product(product.product_class, held, capabilities),
            facts=product_facts(product),
            capability_groups=group_by_capability(
                cells_of(capabilities, held), capability_of=lambda cell: cell.capability
            ),
            editions=_published_editions(product),
            price_plans=list(product.price_plans.all()),
            integrations=[
                pc for pc in confirmed if pc.capability.group == Capability.Group.INTEGRATION
            ],
            similar=compare.alternatives([pc.capability.name for pc in confirmed], similar),
            compare_query=",".join([product.slug] + [p.slug for p in similar]) if similar else "",
            predecessors=list(product.predecessors.all()),
            successors=_published_successors(product),
            canonical_url=absolute_url(product.get_absolute_url()),
            breadcrumbs=breadcrumbs(
                _catalog_crumb(),
                (product.product_class.name, product.product_class.get_absolute_url()),
                (product.name, None),
            ),
        )
        return context


@page_cache.shows(*CATALOG_PAGE_AREAS)
class VendorDetailView(DetailView):
    model = Vendor
    template_name = "catalog/vendor_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        vendor = self.object
        context.update(
            products=vendor.products.published().with_list_relations().order_by(Lower("name")),
            canonical_url=absolute_url(vendor.get_absolute_url()),
            breadcrumbs=breadcrumbs(_catalog_crumb(), (vendor.name, None)),
        )
        return context


@page_cache.shows(*CATALOG_PAGE_AREAS)
class CompareView(TemplateView):
    """2 to 4 products side by side; ?diff=1 keeps only the differing rows, ?format=csv
    downloads the table (UTF-8 with BOM and ";" so that Excel opens the Cyrillic right)."""

    template_name = "catalog/compare.html"

    def get(self, request, *args, **kwargs):
        self.params = CompareForm(request.GET)
        context = self.get_context_data(**kwargs)
        if self.params.values().get("format") == "csv" and context["products"]:
            return _csv_response(context)
        return self.render_to_response(context)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        values, notes = self.params.values(), self.params.notes()
        slugs = values.get("products", [])
        found = {p.slug: p for p in selectors.comparable_products(slugs)} if slugs else {}
        unknown = [slug for slug in slugs if slug not in found]
        if unknown:
            notes.append(compare.unknown_note(unknown))
        products = [found[slug] for slug in slugs if slug in found]
        if len(products) < compare.MIN_PRODUCTS:
            notes.append(compare.too_few_note())
            products = []
        only_diff = values.get("diff") == "1"
        query = QueryDict(mutable=True)
        query["products"] = ",".join(product.slug for product in products)
        context.update(
            notes=notes,
            products=products,
            only_diff=only_diff,
            compare_query=query,
            breadcrumbs=breadcrumbs(_catalog_crumb(), (_("Сравнение"), None)),
        )
        if products:
            facts = compare.fact_rows(products)
            groups = compare.capability_rows(products, Capability.objects.all())
            if only_diff:
                facts, groups = compare.only_differences(facts, groups)
            context.update(facts=facts, groups=groups)
        return context


def _csv_response(context):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    names = "-".join(product.slug for product in context["products"])
    response["Content-Disposition"] = f'attachment; filename="sravnenie-{names}.csv"'
    response.write("\ufeff")  # BOM: Excel then reads the file as UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerows(compare.table_rows(context["products"], context["facts"], context["groups"]))
    return response


def _published_editions(product):
    """The product's other editions: its main entry's published editions and the main entry
    itself, without this one."""
    main = product.edition_of if product.edition_of_id else product
    if product.edition_of_id:
        return [main] if main.is_published else []
    return list(main.editions.all())


def _published_successors(product, steps=2):
    """The next names of a renamed product, stopping at one not yet published (a draft rename
    must not be announced on the card)."""
    successors = []
    current = product.successor
    while current is not None and current.is_published:
        successors.append(current)
        if len(successors) == steps:
            break  # stop before touching a level the card's query did not select
        current = current.successor
    return successors
