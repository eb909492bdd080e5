"""Side-by-side comparison (pure): reading the `products` parameter and building the rows."""

from dataclasses import dataclass

from django.utils.text import Truncator
from django.utils.translation import gettext as _

from catalog.capability_groups import group_by_capability
from catalog.facts import fact_rows
from portal.params import SLUG_MAX_LENGTH, clean_text

MIN_PRODUCTS = 2
MAX_PRODUCTS = 4

__all__ = ["MAX_PRODUCTS", "MIN_PRODUCTS", "capability_rows", "fact_rows", "parse_product_slugs"]


def parse_product_slugs(values):
    """Slugs from `?products=a,b,c` (also repeated `products=a&products=b` from checkboxes).

    Returns (slugs, notes): at most MAX_PRODUCTS distinct slugs in the order given.
    """
    slugs = []
    for part in ",".join(values).split(","):
        part = clean_text(part, SLUG_MAX_LENGTH).lower()
        if part and part not in slugs:
            slugs.append(part)
            if len(slugs) > MAX_PRODUCTS:
                break  # one over the limit is enough to say so; a huge list costs nothing more
    notes = []
    if len(slugs) > MAX_PRODUCTS:
        notes.append(
            _("Сравнить можно не больше %(max)d продуктов: показаны первые %(max)d.")
            % {"max": MAX_PRODUCTS}
        )
        slugs = slugs[:MAX_PRODUCTS]
    return slugs, notes


def unknown_note(unknown):
    shown = ", ".join(f"«{Truncator(slug).chars(40)}»" for slug in unknown)
    return _("Не найдены в каталоге и пропущены: %(slugs)s.") % {"slugs": shown}


def too_few_note():
    return _(
        "Для сравнения нужно от %(min)d до %(max)d продуктов. Отметьте их в каталоге "
        "или откройте сравнение с карточки продукта."
    ) % {"min": MIN_PRODUCTS, "max": MAX_PRODUCTS}


@dataclass
class Row:
    capability: object
    notes: list  # per product: None when the product lacks it, else its note ("" if none)

    @property
    def differs(self):
        return len({note is None for note in self.notes}) > 1


def capability_rows(products, capabilities):
    """Groups of rows for every capability at least one of the products has.

    products need `product_capabilities` prefetched; capabilities come in display order.
    Returns [(group label, [Row])].
    """
    held = [{pc.capability_id: pc.note for pc in p.product_capabilities.all()} for p in products]
    rows = []
    for capability in capabilities:
        notes = [h.get(capability.pk) for h in held]
        if any(note is not None for note in notes):
            rows.append(Row(capability, notes))
    return group_by_capability(rows, capability_of=lambda row: row.capability)
