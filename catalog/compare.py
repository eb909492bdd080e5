"""Side-by-side comparison (pure): reading the `products` parameter and building the rows."""

from dataclasses import dataclass

from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalog.capability_groups import group_by_capability
from catalog.facts import UNKNOWN, fact_rows
from core.params import SLUG_MAX_LENGTH, clean_text

MIN_PRODUCTS = 2
MAX_PRODUCTS = 4

__all__ = ["MAX_PRODUCTS", "MIN_PRODUCTS", "capability_rows", "fact_rows", "parse_product_slugs"]


def parse_product_slugs(values):
    """Slugs from `?products=a,b,c` (also repeated `products=a&products=b` from checkboxes).

    Returns (slugs, notes): at most MAX_PRODUCTS distinct slugs in the order given.
    """
    slugs, repeated = [], []
    for part in ",".join(values).split(","):
        part = clean_text(part, SLUG_MAX_LENGTH).lower()
        if part in slugs and part not in repeated:
            repeated.append(part)
        if part and part not in slugs:
            slugs.append(part)
            if len(slugs) > MAX_PRODUCTS:
                break  # one over the limit is enough to say so; a huge list costs nothing more
    notes = []
    if repeated:
        shown = ", ".join(f"«{Truncator(slug).chars(40)}»" for slug in repeated[:MAX_PRODUCTS])
        notes.append(_("Указаны несколько раз и учтены один раз: %(slugs)s.") % {"slugs": shown})
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
    basis: str = ""  # where a known cell comes from, in words
    source_url: str = ""

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
    """A product's cell: есть, нет (known to be absent) or нет данных, which is also what a
    cell nobody recorded reads as, never "нет"."""
    if link is None or not link.is_known:
        return Cell("unknown", link.note if link else "")
    basis = str(link.get_basis_display()) if link.basis else ""
    return Cell("yes" if link.is_confirmed else "no", link.note, basis, link.source_url)


def capability_rows(products, capabilities):
    """Groups of rows for every capability at least one of the products has or may have
    (a row where every product is known to lack it says nothing).

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


@dataclass(frozen=True)
class Alternative:
    """A similar product and how it differs from the one on the card."""

    product: object
    gains: list  # capability names it has and the card's product lacks
    losses: list  # capability names the card's product has and it lacks


def alternatives(own_names, similar):
    """own_names: the card product's confirmed capabilities, in display order; similar:
    products annotated with capability_names (ProductQuerySet.similar_to)."""
    own = set(own_names)
    result = []
    for other in similar:
        theirs = list(other.capability_names or [])
        result.append(
            Alternative(
                other,
                gains=[name for name in theirs if name not in own],
                losses=[name for name in own_names if name not in set(theirs)],
            )
        )
    return result


def only_differences(facts, groups):
    """The comparison without the rows in which all products agree."""
    facts = [row for row in facts if row.differs]
    groups = [(label, [row for row in rows if row.differs]) for label, rows in groups]
    return facts, [(label, rows) for label, rows in groups if rows]


CELL_WORDS = {"yes": gettext_lazy("есть"), "no": gettext_lazy("нет"), "unknown": UNKNOWN}


def fact_provenance(fact):
    """Where a fact comes from, as the HTML says it: the source and its check date, or «не
    проверено»; "" for a fact that cannot go stale or says "нет данных"."""
    if fact.source:
        text = _("источник: %(url)s, проверено %(date)s") % {
            "url": fact.source.url,
            "date": fact.source.checked_on.strftime("%d.%m.%Y"),
        }
        if fact.source.page_date:
            text += ", " + _("страница от %(date)s") % {
                "date": fact.source.page_date.strftime("%d.%m.%Y")
            }
        return text
    return str(_("не проверено")) if fact.is_unchecked else ""


def _fact_cell(fact):
    provenance = fact_provenance(fact)
    return f"{fact.text} ({provenance})" if provenance else fact.text


def _capability_cell(cell):
    parts = [part for part in (cell.note, cell.basis, cell.source_url) if part]
    words = str(CELL_WORDS[cell.state])
    return f"{words} ({'; '.join(parts)})" if parts else words


def table_rows(products, facts, groups):
    """The comparison as plain rows of text, for the CSV download, with the provenance the
    HTML shows: each fact's source and check date or «не проверено», each capability's
    basis and source."""
    rows = [[str(_("Параметр")), *(product.name for product in products)]]
    rows += [[row.label, *(_fact_cell(fact) for fact in row.facts)] for row in facts]
    for label, capability_rows in groups:
        rows.append([label])
        for row in capability_rows:
            rows.append([row.capability.name, *(_capability_cell(cell) for cell in row.cells)])
    return rows
