"""Grouping capabilities under their group headings, as every catalog page shows them, and a
product's cell for each (pure: no database, no request)."""

from dataclasses import dataclass

from catalog.models import CellStatus, CellStatusChecks


def group_by_capability(items, capability_of=lambda item: item):
    """[(group label, [items])] in the order the items come (callers read them in
    capability display order, so groups and items are already sorted)."""
    groups = {}
    for item in items:
        groups.setdefault(capability_of(item).get_group_display(), []).append(item)
    return list(groups.items())


@dataclass(frozen=True)
class Cell(CellStatusChecks):
    """A capability as a product's card shows it: есть, нет or нет данных, and from where."""

    capability: object
    row: object = None  # the ProductCapability, or None: nobody recorded it

    @property
    def status(self):
        return self.row.status if self.row else CellStatus.UNKNOWN

    @property
    def note(self):
        return self.row.note if self.row else ""

    @property
    def basis_label(self):
        return self.row.get_basis_display() if self.row and self.row.basis else ""

    @property
    def source_url(self):
        return self.row.source_url if self.row else ""


def cells_of(capabilities, rows):
    """A Cell for every capability, in the capabilities' order: a capability without a row
    reads as "нет данных", never as "нет"."""
    by_capability = {row.capability_id: row for row in rows}
    return [Cell(capability, by_capability.get(capability.pk)) for capability in capabilities]
