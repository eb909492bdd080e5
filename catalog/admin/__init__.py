"""The catalog's admin: one module per part (Django's autodiscovery imports this package)."""

from catalog.admin import products, taxonomy  # noqa: F401 -- register the ModelAdmins
