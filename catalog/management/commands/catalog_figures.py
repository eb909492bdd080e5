"""Prints the catalog's data figures (catalog/figures.py) for editors: run it on a live
database to see how much is known and sourced, and what is left to fill."""

from django.core.management.base import BaseCommand

from catalog.figures import catalog_figures
from catalog.models import Basis, CellStatus, Lifecycle, RussiaAvailability


def _share(part, whole):
    return f"{part} ({100 * part / whole:.0f} %)" if whole else str(part)


class Command(BaseCommand):
    help = "Print how much of the catalog's data is known and sourced."

    def handle(self, *args, **options):
        f = catalog_figures()
        out = self.stdout.write
        out(f"Published products: {f.products}, of them editions of another entry: {f.editions}")
        out("By class: " + ", ".join(f"{name} {n}" for name, n in f.by_class.items()))
        out("By tag (segments): " + ", ".join(f"{name} {n}" for name, n in f.by_segment.items()))
        total = sum(f.cells.values())
        out(
            "Capability cells: "
            + ", ".join(
                f"{CellStatus(status).label} {_share(f.cells.get(status, 0), total)}"
                for status in CellStatus.values
            )
            + f"; without a row: {f.missing_cells}"
        )
        on_sale = sum(f.cells_on_sale.values())
        out(
            f"Cells of products sold in Russia: {on_sale}, known (есть/нет) "
            f"{100 * f.known_share_on_sale:.0f} %"
        )
        known = total - f.cells.get(CellStatus.UNKNOWN, 0)
        out(
            "Known cells by basis: "
            + ", ".join(
                f"{Basis(basis).label if basis else 'не указано'} {n}"
                for basis, n in sorted(f.cells_by_basis.items())
            )
            + f"; with a source URL {_share(f.cells_with_url, known)}"
        )
        out(
            "Facts that can go stale, with a value: "
            f"{f.facts_with_value}, with a source {_share(f.facts_with_source, f.facts_with_value)}"
        )
        out(
            "Price plans by currency: "
            + (", ".join(f"{c} {n}" for c, n in sorted(f.plans_by_currency.items())) or "none")
            + "; headline prices by currency: "
            + (
                ", ".join(f"{c} {n}" for c, n in sorted(f.headline_prices_by_currency.items()))
                or "none"
            )
        )
        out(
            "Lifecycle: "
            + ", ".join(f"{Lifecycle(v).label} {n}" for v, n in sorted(f.lifecycles.items()))
        )
        out(
            "In Russia: "
            + ", ".join(
                f"{RussiaAvailability(v).label} {n}" for v, n in sorted(f.availability.items())
            )
        )
