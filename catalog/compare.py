"""Side-by-side comparison: reading the `products` parameter and building the table rows."""

from dataclasses import dataclass

from django.utils.text import Truncator
from django.utils.translation import gettext as _

MIN_PRODUCTS = 2
MAX_PRODUCTS = 4
SLUG_MAX_LENGTH = 160


def parse_product_slugs(values):
    """Slugs from `?products=a,b,c` (also repeated `products=a&products=b` from checkboxes).

    Returns (slugs, notes): at most MAX_PRODUCTS distinct slugs in the order given.
    """
    slugs = []
    for part in ",".join(values).split(","):
        part = part.replace("\x00", "").strip().lower()[:SLUG_MAX_LENGTH]  # no NUL for PostgreSQL
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


@dataclass
class FactRow:
    label: str
    values: list

    @property
    def differs(self):
        return len(set(self.values)) > 1


def fact_rows(products):
    """The scalar facts of each product, as display strings, one row per fact."""
    yes, no = _("есть"), _("нет")
    return [
        FactRow(_("Класс"), [p.product_class.name for p in products]),
        FactRow(_("Развёртывание"), [p.get_deployment_display() for p in products]),
        FactRow(
            _("Цена от, ₽ за пользователя в месяц"),
            [str(p.price_from) if p.price_from is not None else _("не указана") for p in products],
        ),
        FactRow(_("Бесплатный тариф"), [yes if p.has_free_plan else no for p in products]),
        FactRow(_("Пробный период"), [yes if p.has_trial else no for p in products]),
        FactRow(_("Модуль платформы"), [p.erp_platform or "—" for p in products]),
    ]


def capability_rows(products, capabilities):
    """Groups of rows for every capability at least one of the products has.

    products need `product_capabilities` prefetched with their capability.
    Returns [(group label, [Row])] in the capabilities' order.
    """
    held = [{pc.capability_id: pc.note for pc in p.product_capabilities.all()} for p in products]
    groups = {}
    for capability in capabilities:
        notes = [h.get(capability.pk) for h in held]
        if all(note is None for note in notes):
            continue
        groups.setdefault(capability.get_group_display(), []).append(Row(capability, notes))
    return list(groups.items())
