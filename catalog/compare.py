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


@dataclass(frozen=True)
class Cell:
    state: str  # "yes", "no" or "unknown" (the catalog has no data)
    note: str = ""

    @property
    def is_yes(self):
        return self.state == "yes"

    @property
    def is_unknown(self):
        return self.state == "unknown"


@dataclass
class Row:
    capability: object
    cells: list  # one Cell per product

    @property
    def notes(self):
        """Per product: None unless it has the capability, else its note ("" if none)."""
        return [cell.note if cell.state == "yes" else None for cell in self.cells]

    @property
    def differs(self):
        return len({cell.state for cell in self.cells}) > 1


def _cell(link):
    if link is None:
        return Cell("no")
    return Cell("yes" if link.is_confirmed else "unknown", link.note)


def capability_rows(products, capabilities):
    """Groups of rows for every capability at least one of the products has or may have.

    products need `product_capabilities` prefetched; capabilities come in display order.
    Returns [(group label, [Row])].
    """
    held = [{pc.capability_id: pc for pc in p.product_capabilities.all()} for p in products]
    rows = []
    for capability in capabilities:
        cells = [_cell(links.get(capability.pk)) for links in held]
        if any(cell.state != "no" for cell in cells):
            rows.append(Row(capability, cells))
    return group_by_capability(rows, capability_of=lambda row: row.capability)
