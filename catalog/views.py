from django.db.models import Prefetch
from django.db.models.functions import Lower
from django.urls import NoReverseMatch
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from catalog import compare
from catalog.facets import build_facets
from catalog.filters import DEFAULT_ORDERING, SORT_CHOICES, ProductFilter
from catalog.models import Capability, Product, ProductCapability, Vendor
from catalog.services import explain_class
from portal.pagination import LenientPaginationMixin

SIMILAR_LIMIT = 3


def _url_or_none(obj):
    # The glossary's pages live in another app; a missing route must not break the catalog.
    try:
        return obj.get_absolute_url()
    except NoReverseMatch:
        return None


class ProductListView(LenientPaginationMixin, FilterView):
    filterset_class = ProductFilter
    template_name = "catalog/product_list.html"
    paginate_by = 20
    strict = False  # an invalid filter is dropped with a note, never an empty page

    def get_queryset(self):
        return Product.objects.published().order_by(*DEFAULT_ORDERING)

    def paginate_queryset(self, queryset, page_size):
        result = super().paginate_queryset(queryset.with_list_relations(), page_size)
        page = result[1]
        requested = self.request.GET.get("page", "1").strip()
        if requested != str(page.number):
            self.page_note = _("Страницы «%(page)s» нет: показана страница %(number)d.") % {
                "page": Truncator(requested).chars(20),
                "number": page.number,
            }
        return result

    def get_context_data(self, **kwargs):
        self.page_note = None
        context = super().get_context_data(**kwargs)
        filterset = self.filterset
        notes = list(filterset.notes)
        if self.page_note:
            notes.append(self.page_note)
        selected_class = filterset.cleaned.get("class")
        context.update(
            facets=build_facets(filterset),
            notes=notes,
            chips=filterset.chips(),
            params=filterset.params(),
            sort_choices=SORT_CHOICES,
            current_sort=filterset.cleaned.get("sort") or "name",
            query=filterset.cleaned.get("q", ""),
            price_max=filterset.cleaned.get("price_max"),
            selected_class=selected_class,
        )
        if selected_class:
            context["class_terms"] = [
                (term, _url_or_none(term)) for term in selected_class.terms.published()
            ]
        return context


class ProductDetailView(DetailView):
    template_name = "catalog/product_detail.html"

    def get_queryset(self):
        return Product.objects.published().with_card_relations()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        product = self.object
        held = sorted(product.product_capabilities.all(), key=lambda pc: pc.capability.display_key)
        criteria = sorted(
            Capability.objects.filter(is_crm_criterion=True), key=lambda c: c.display_key
        )
        groups = {}
        for pc in held:
            groups.setdefault(pc.capability.get_group_display(), []).append(pc)
        similar = list(Product.objects.similar_to(product, limit=SIMILAR_LIMIT))
        compare_slugs = [product.slug] + [p.slug for p in similar]
        context.update(
            explanation=explain_class(
                product.product_class, [pc.capability for pc in held], criteria
            ),
            capability_groups=list(groups.items()),
            integrations=[pc for pc in held if pc.capability.group == Capability.Group.INTEGRATION],
            similar=similar,
            compare_query=",".join(compare_slugs) if similar else "",
            predecessors=list(product.predecessors.all()),
            successors=_published_successors(product),
            canonical_url=self.request.build_absolute_uri(product.get_absolute_url()),
        )
        return context


class VendorDetailView(DetailView):
    model = Vendor
    template_name = "catalog/vendor_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["products"] = (
            self.object.products.published()
            .select_related("product_class")
            .prefetch_related("tags")
            .order_by(Lower("name"))
        )
        context["canonical_url"] = self.request.build_absolute_uri(self.object.get_absolute_url())
        return context


class CompareView(TemplateView):
    template_name = "catalog/compare.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        slugs, notes = compare.parse_product_slugs(self.request.GET.getlist("products"))
        found = (
            {
                p.slug: p
                for p in Product.objects.published()
                .filter(slug__in=slugs)
                .select_related("vendor", "product_class")
                .prefetch_related(
                    Prefetch(
                        "product_capabilities",
                        queryset=ProductCapability.objects.only(
                            "product_id", "capability_id", "note"
                        ),
                    )
                )
            }
            if slugs
            else {}
        )
        unknown = [slug for slug in slugs if slug not in found]
        if unknown:
            notes.append(compare.unknown_note(unknown))
        products = [found[slug] for slug in slugs if slug in found]
        if len(products) < compare.MIN_PRODUCTS:
            notes.append(compare.too_few_note())
            products = []
        context.update(notes=notes, products=products)
        if products:
            context["facts"] = compare.fact_rows(products)
            context["groups"] = compare.capability_rows(
                products, sorted(Capability.objects.all(), key=lambda c: c.display_key)
            )
        return context


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
