# The wizard ranks the catalog's products: the catalog tests' fixtures serve here too.
from tests.catalog.conftest import api, crm_class, funnel, sfa_class, vendor  # noqa: F401
