from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Lower, Upper
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from catalog.models.taxonomy import Capability, Deployment, ProductClass, capability_display_order
from catalog.models.vendor import Vendor

RESERVED_PRODUCT_SLUGS = {"compare", "vendors"}


class ProductQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def search(self, text, vendor_ids=None):
        """Case-insensitive substring search in name, summary and vendor name.

        Pass the ids of the vendors whose name matches (Vendor.objects.matching_ids) to turn
        the vendor join into an indexable vendor_id IN (...): PostgreSQL then combines the
        trigram indexes on name and summary with a BitmapOr instead of scanning every row.
        """
        vendor_q = (
            Q(vendor__name__icontains=text) if vendor_ids is None else Q(vendor_id__in=vendor_ids)
        )
        return self.filter(Q(name__icontains=text) | Q(summary__icontains=text) | vendor_q)

    def with_list_relations(self):
        """What a product row in a list shows: vendor, class and tags, in a fixed query count."""
        return self.select_related("vendor", "product_class").prefetch_related("tags")

    def with_card_relations(self):
        """Everything the product card shows, in a fixed number of queries.

        The renaming chain is followed two steps each way (Terrasoft CRM -> bpm'online -> Creatio),
        which covers every real chain and keeps the count independent of the data.
        """
        published = Product.objects.published().select_related("vendor")
        return self.select_related(
            "vendor", "product_class", "successor__vendor", "successor__successor"
        ).prefetch_related(
            "tags",
            Prefetch(
                "product_capabilities",
                queryset=ProductCapability.objects.select_related("capability__term"),
            ),
            Prefetch("predecessors", queryset=published),
            Prefetch("predecessors__predecessors", queryset=published),
        )

    def similar_to(self, product, limit=4):
        """Published products ranked by how many capabilities they share with `product`.

        One query: the top `limit` are picked from the narrow capability link table first and
        only they are counted again and joined to vendor and class (3x faster at 5,000
        products than grouping whole product rows).
        """
        shared = ProductCapability.objects.filter(product=product).values("capability")
        overlap = ProductCapability.objects.filter(
            capability__in=shared, product__is_published=True
        ).exclude(product=product)
        top = (
            overlap.values("product")
            .annotate(n=Count("*"))
            .order_by("-n", "product__name", "product")[:limit]
        )
        shared_count = (
            overlap.filter(product=OuterRef("pk")).values("product").annotate(n=Count("*"))
        )
        return (
            self.published()
            .filter(pk__in=top.values("product"))
            .annotate(shared_count=Subquery(shared_count.values("n")))
            .select_related("vendor", "product_class")
            .order_by("-shared_count", "name", "pk")
        )


class Product(models.Model):
    name = models.CharField(_("название"), max_length=150)
    slug = models.SlugField(
        _("адрес (slug)"), max_length=160, unique=True, help_text=_("Латиницей: klientskaya-baza.")
    )
    vendor = models.ForeignKey(
        Vendor, verbose_name=_("разработчик"), on_delete=models.PROTECT, related_name="products"
    )
    product_class = models.ForeignKey(
        ProductClass, verbose_name=_("класс"), on_delete=models.PROTECT, related_name="products"
    )
    summary = models.CharField(_("кратко"), max_length=300)
    description = models.TextField(_("описание"), blank=True, help_text=_("Markdown."))
    deployment = models.CharField(
        _("развёртывание"), max_length=20, choices=Deployment.choices, default=Deployment.CLOUD
    )
    price_from = models.PositiveIntegerField(
        _("цена от, ₽ за пользователя в месяц"),
        null=True,
        blank=True,
        help_text=_("Пусто, если цена не публикуется."),
    )
    has_free_plan = models.BooleanField(_("есть бесплатный тариф"), default=False)
    has_trial = models.BooleanField(_("есть пробный период"), default=False)
    erp_platform = models.CharField(
        _("модуль платформы"),
        max_length=150,
        blank=True,
        help_text=_("ERP-платформа, модулем которой является продукт: 1С:Предприятие 8."),
    )
    website = models.URLField(_("сайт"), blank=True)
    capabilities = models.ManyToManyField(
        Capability,
        verbose_name=_("возможности"),
        through="ProductCapability",
        related_name="products",
        blank=True,
    )
    tags = TaggableManager(verbose_name=_("теги"), blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("преемник"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="predecessors",
        help_text=_("Продукт, под именем которого этот продаётся теперь."),
    )
    data_verified_on = models.DateField(_("данные проверены"), null=True, blank=True)
    is_published = models.BooleanField(_("опубликован"), default=True)
    created_at = models.DateTimeField(_("создан"), auto_now_add=True)
    updated_at = models.DateTimeField(_("изменён"), auto_now=True)

    objects = ProductQuerySet.as_manager()

    class Meta:
        verbose_name = _("продукт")
        verbose_name_plural = _("продукты")
        ordering = ["name"]
        indexes = [
            # The list's default order: case-insensitive name among published products.
            models.Index(F("is_published"), Lower("name"), name="catalog_product_pub_lname_idx"),
            GinIndex(
                OpClass(Upper("name"), name="gin_trgm_ops"), name="catalog_product_name_trgm_idx"
            ),
            GinIndex(
                OpClass(Upper("summary"), name="gin_trgm_ops"),
                name="catalog_product_summ_trgm_idx",
            ),
            models.Index(fields=["price_from"], name="catalog_product_price_idx"),
            models.Index(fields=["deployment"], name="catalog_product_deploy_idx"),
            # Few products have a free plan: a partial index stays small and selective.
            models.Index(
                fields=["has_free_plan"],
                condition=Q(has_free_plan=True),
                name="catalog_product_free_idx",
            ),
            models.Index(fields=["-updated_at"], name="catalog_product_updated_idx"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalog:product-detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        # A renaming chain runs one way: a product cannot follow itself, directly or via one step.
        if (
            self.pk
            and self.successor_id
            and self.pk
            in (
                self.successor_id,
                self.successor.successor_id,
            )
        ):
            raise ValidationError(
                {
                    "successor": _(
                        "Продукт не может быть преемником самого себя или своего преемника."
                    )
                }
            )
        # /catalog/compare/ and /catalog/vendors/ are routed before /catalog/<slug>/.
        if self.slug in RESERVED_PRODUCT_SLUGS:
            raise ValidationError(
                {"slug": _("Адрес «%(slug)s» занят разделом каталога.") % {"slug": self.slug}}
            )


class ProductCapability(models.Model):
    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="product_capabilities"
    )
    capability = models.ForeignKey(
        Capability,
        verbose_name=_("возможность"),
        on_delete=models.PROTECT,
        related_name="product_capabilities",
    )
    note = models.CharField(_("примечание"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("возможность продукта")
        verbose_name_plural = _("возможности продукта")
        # A product's capabilities read in the order the site groups them.
        ordering = capability_display_order("capability__")
        constraints = [
            models.UniqueConstraint(
                fields=["product", "capability"], name="catalog_productcapability_unique"
            ),
        ]

    def __str__(self):
        return f"{self.product} — {self.capability}"
