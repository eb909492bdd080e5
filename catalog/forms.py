"""The GET parameters of the catalog's pages other than the list (whose parameters are
ProductFilter's), read leniently through core.params.QueryForm."""

from django import forms
from django.utils.translation import gettext_lazy

from catalog import compare
from core.params import QueryForm


class ProductSlugsParam(forms.Field):
    """?products=a,b,c (or repeated products=a&products=b, as checkboxes send them): at most
    compare.MAX_PRODUCTS distinct slugs in the order given; repeats and the excess are noted."""

    widget = forms.SelectMultiple

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def clean(self, value):
        slugs, self.notes = compare.parse_product_slugs(value or [])
        return slugs


class CompareForm(QueryForm):
    products = ProductSlugsParam(label=gettext_lazy("Продукты"))
    # Switches: any other value simply means "off", as a link typed by hand expects.
    diff = forms.CharField(required=False)
    format = forms.CharField(required=False)
