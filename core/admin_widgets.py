"""Widgets of the editors' forms."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.utils.html import format_html, format_html_join
from taggit.forms import TagWidget
from taggit.models import Tag

SUGGESTED_TAGS = 300


class TagSuggestWidget(TagWidget):
    """Taggit's comma-separated tag box with the tags already in use as suggestions.

    The browser's own suggestion list (a <datalist>) offers whole values, so
    static/js/admin-tags.js rewrites it as the editor types: each suggestion is what was
    typed up to the last comma plus one known tag. Without JavaScript the box still takes
    any comma-separated tags. `model` limits the suggestions to that model's tags.
    """

    class Media:
        js = ["js/admin-tags.js"]

    def __init__(self, model=None, attrs=None):
        super().__init__(attrs)
        self.model = model

    def known_tags(self):
        tags = Tag.objects.all()
        if self.model is not None:
            content_type = ContentType.objects.get_for_model(self.model)
            tags = tags.filter(taggit_taggeditem_items__content_type=content_type)
        tags = tags.annotate(uses=Count("taggit_taggeditem_items")).order_by("-uses", "name")
        return list(tags.values_list("name", flat=True)[:SUGGESTED_TAGS])

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        list_id = f"{attrs.get('id', name)}-suggestions"
        attrs.update({"list": list_id, "autocomplete": "off", "data-tag-suggest": ""})
        box = super().render(name, value, attrs, renderer)
        options = format_html_join("", '<option value="{}">', ((tag,) for tag in self.known_tags()))
        return format_html('{}<datalist id="{}">{}</datalist>', box, list_id, options)
