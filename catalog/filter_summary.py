"""What the catalog list says about its filters: notes, the canonical query and the chips.

Each function reads a validated ProductFilter; none filters anything itself.
"""

from django.http import QueryDict
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from catalog.filters import CHOICE_CONDITIONS, ProductFilter
from catalog.models import ProductClass, Vendor
from portal.params import QUERY_MAX_LENGTH, was_cut


def _shown(value):
    return Truncator(str(value or "")).chars(40)


def notes(filterset):
    """Russian sentences about every parameter that was cut, repeated or ignored."""
    cleaned, data, filters = filterset.cleaned, filterset.data, filterset.filters
    result = []
    if "q" in cleaned and was_cut(data.get("q", "")):
        result.append(
            _("Поисковый запрос слишком длинный: учтены первые %(n)d символов.")
            % {"n": QUERY_MAX_LENGTH}
        )
    for name in filterset.form.errors:
        result.append(
            _("Фильтр «%(label)s» не применён: значение «%(value)s» не подходит.")
            % {"label": filters[name].label, "value": _shown(data.get(name))}
        )
    for name in ProductFilter.MULTI_VALUED:
        unknown = filterset.form.fields[name].unknown
        if unknown:
            result.append(
                _("Не найдено и не учтено в фильтре «%(label)s»: %(values)s.")
                % {
                    "label": filters[name].label,
                    "values": ", ".join(f"«{_shown(v)}»" for v in unknown),
                }
            )
    for name in (*ProductFilter.PARAMS, "sort"):
        if name not in ProductFilter.MULTI_VALUED and len(data.getlist(name)) > 1:
            result.append(
                _("Параметр «%(name)s» указан несколько раз: учтено последнее значение.")
                % {"name": filters[name].label}
            )
    return result


def canonical_params(filterset):
    """The valid parameters as a canonical, shareable query (no page)."""
    params = QueryDict(mutable=True)
    for name in (*ProductFilter.PARAMS, "sort"):
        value = filterset.cleaned.get(name)
        if value in (None, "", []):
            continue
        if name in ProductFilter.MULTI_VALUED:
            params.setlist(name, [obj.slug for obj in value])
        elif isinstance(value, ProductClass | Vendor):
            params[name] = value.slug
        else:
            params[name] = str(value)
    return params


def chips(filterset, params=None):
    """Active filters as (text, query string without that filter value)."""
    params = canonical_params(filterset) if params is None else params
    result = []
    for name in ProductFilter.PARAMS:
        label = filterset.filters[name].label
        for value in params.getlist(name):
            rest = params.copy()
            rest.setlist(name, [v for v in params.getlist(name) if v != value])
            text = _chip_text(filterset, name, value)
            result.append((text if name == "price_max" else f"{label}: {text}", rest.urlencode()))
    return result


def _chip_text(filterset, name, value):
    cleaned = filterset.cleaned[name]
    if name in ProductFilter.MULTI_VALUED:
        return next(str(obj) for obj in cleaned if obj.slug == value)
    if name in CHOICE_CONDITIONS:
        return str(dict(filterset.filters[name].extra["choices"])[value])
    if name == "price_max":
        return _("Цена до %(price)s ₽") % {"price": value}
    return str(cleaned)
