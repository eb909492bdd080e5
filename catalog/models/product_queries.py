"""Reads of products: the QuerySet behind Product.objects."""

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Case, Count, F, Max, OuterRef, Prefetch, Q, Subquery, Value, When
from django.db.models.functions import JSONObject

from catalog.models.vendor import Vendor
from core import search
from core.publishing import SearchableQuerySet

# How many products of the product's class, and of the other classes, a card's alternatives
# are picked from (ProductQuerySet.alternatives_pool).
ALTERNATIVES_POOL = 400


class ProductQuerySet(SearchableQuerySet):
    """Searched by name, vendor, tags, summary and description (refresh_search_index)."""

    searched_fields = frozenset(
        ["name", "other_spellings", "vendor", "vendor_id", "summary", "description"]
    )

    def ranked_search(self, text, boost=None):
        """As every searchable model, except that products a buyer cannot simply buy (gone
        from Russia, discontinued or renamed) rank lower unless the query names them."""
        from catalog.models.decision import Lifecycle, RussiaAvailability

        gone = Q(
            russia_availability__in=[
                RussiaAvailability.WITHDRAWN,
                RussiaAvailability.SALES_SUSPENDED,
            ]
        ) | Q(lifecycle__in=[Lifecycle.DISCONTINUED, Lifecycle.RENAMED])
        published = self.model.objects.published()
        return search.ranked(self, text, published, demote=gone, boost=boost)

    def refresh_search_index(self):
        """Recompute the search columns of these products: name and vendor weigh most (A),
        then summary and tags (B), then the description (C). Two statements for any number
        of rows (the vector in SQL, the aliases in one bulk update)."""
        from taggit.models import TaggedItem

        tags = (
            TaggedItem.objects.filter(
                content_type__app_label="catalog",
                content_type__model="product",
                object_id=OuterRef("pk"),
            )
            .order_by()
            .values("object_id")
            .annotate(names=StringAgg("tag__name", " "))
            .values("names")
        )
        self.update(
            search_vector=search.vector(
                (F("name"), "A"),
                (F("other_spellings"), "A"),
                (Subquery(Vendor.objects.filter(pk=OuterRef("vendor_id")).values("name")), "A"),
                (F("summary"), "B"),
                (Subquery(tags), "B"),
                (F("description"), "C"),
            )
        )
        search.refresh_aliases(
            self.select_related("vendor").only("name", "other_spellings", "vendor__name"),
            lambda product: (product.name, *product.spelling_list, product.vendor.name),
        )

    def with_list_relations(self):
        """What a product row in a list shows: vendor, class and tags, in a fixed query count."""
        return self.select_related("vendor", "product_class").prefetch_related("tags")

    def with_fact_sources(self):
        """Each product's FactSource rows as `source_rows` (a list of dicts), in the same
        query: the facts' provenance costs no query of its own (catalog/facts.py reads it)."""
        from catalog.models.decision import FactSource

        rows = (
            FactSource.objects.filter(product=OuterRef("pk"))
            .order_by("fact")
            .values(
                row=JSONObject(
                    fact="fact",
                    url="url",
                    checked_on="checked_on",
                    page_date="page_date",
                    note="note",
                )
            )
        )
        return self.annotate(source_rows=ArraySubquery(rows))

    def with_facts(self):
        """What the fact rows (catalog/facts.py) read: class, vendor and the sources."""
        return self.select_related("vendor", "product_class", "successor").with_fact_sources()

    def with_card_relations(self):
        """Everything the product card shows, in a fixed number of queries: its facts and
        sources, capability cells, tags, price plans, editions and renaming chain.

        The renaming chain is followed two steps each way (Terrasoft CRM -> bpm'online -> Creatio),
        which covers every real chain and keeps the count independent of the data.
        """
        from catalog.models.cells import ProductCapability

        published = self.model.objects.published().select_related("vendor")
        return (
            self.with_fact_sources()
            .select_related(
                "vendor",
                "product_class",
                "successor__vendor",
                "successor__successor",
                "edition_of",
            )
            .prefetch_related(
                "tags",
                "price_plans",
                Prefetch("editions", queryset=published),
                Prefetch(
                    "product_capabilities",
                    queryset=ProductCapability.objects.select_related("capability__term"),
                ),
                Prefetch("predecessors", queryset=published),
                Prefetch("predecessors__predecessors", queryset=published),
            )
        )

    def alternatives_pool(self, product):
        """The published products `similar_to` compares with `product`: up to
        ALTERNATIVES_POOL of its class and as many of the others, those entered first,
        each read along an index (catalog_product_class_idx, the primary key).

        Without a bound the card counted the shared capabilities of every product sharing
        one: 298 ms for amoCRM's card at 50,000 synthetic products, 13 ms with the pool
        (docs/performance.md). The demo catalog is far smaller than the pool, so there
        every product is compared; in a catalog of tens of thousands the alternatives are
        the best of the pool, not of the whole catalog.
        """
        # The conditions an index answers alone: the product's own family is left out by
        # similar_to, after the cut (a filter here would read every row before it).
        candidates = self.model.objects.published().order_by("pk").values("pk")
        in_class = candidates.filter(product_class=product.product_class_id)
        others = candidates.filter(
            ~Q(product_class=product.product_class_id) | Q(product_class__isnull=True)
        )
        return in_class[:ALTERNATIVES_POOL].union(others[:ALTERNATIVES_POOL], all=True)

    def similar_to(self, product, limit=4):
        """Published alternatives to `product`: the same class first, then the most shared
        capabilities; each with `shared_count` and `capability_names` (what it is known to
        have), so the card can say what each has and lacks without another query.

        One query: the top `limit` are picked from the narrow capability link table first and
        only they are counted again and joined to vendor and class (3x faster at 5,000
        products than grouping whole product rows). They are picked among a bounded pool
        (`alternatives_pool`), so a card costs the same however large the catalog grows.
        """
        from catalog.models.cells import ProductCapability

        confirmed = ProductCapability.objects.confirmed()
        shared = confirmed.filter(product=product).values("capability")
        # Not the product's own family: its editions are not alternatives to it.
        family = product.edition_of_id or product.pk
        overlap = (
            confirmed.filter(capability__in=shared, product__in=self.alternatives_pool(product))
            .exclude(product=product)
            .exclude(product=family)
            .exclude(product__edition_of=family)
        )
        same_class = Case(
            When(product__product_class=product.product_class_id, then=Value(1)),
            default=Value(0),
        )
        top = (
            overlap.values("product")
            .annotate(n=Count("*"), same=Max(same_class))
            .order_by("-same", "-n", "product__name", "product")[:limit]
        )
        shared_count = (
            overlap.filter(product=OuterRef("pk")).values("product").annotate(n=Count("*"))
        )
        names = confirmed.filter(product=OuterRef("pk")).values("capability__name")
        return (
            self.published()
            .filter(pk__in=top.values("product"))
            .annotate(
                shared_count=Subquery(shared_count.values("n")),
                same_class=Case(
                    When(product_class=product.product_class_id, then=Value(1)),
                    default=Value(0),
                ),
                capability_names=ArraySubquery(names),
            )
            .select_related("vendor", "product_class")
            .order_by("-same_class", "-shared_count", "name", "pk")
        )
