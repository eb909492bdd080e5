import pytest

from catalog.factories import CapabilityFactory, ProductClassFactory, VendorFactory


@pytest.fixture
def crm_class():
    return ProductClassFactory(slug="crm", name="CRM-система", kind="crm", order=1)


@pytest.fixture
def sfa_class():
    return ProductClassFactory(slug="sfa", name="SFA-система", kind="sfa", order=2)


@pytest.fixture
def vendor():
    return VendorFactory(slug="acme", name="Acme")


@pytest.fixture
def funnel():
    return CapabilityFactory(slug="funnel-snapshot", name="Воронка продаж", group="sales")


@pytest.fixture
def api():
    return CapabilityFactory(slug="open-api", name="Открытый API", group="platform")
