# Search answers rank the catalog's products: the catalog tests' fixtures serve here too.
from tests.catalog.conftest import crm_class, funnel, sfa_class  # noqa: F401
