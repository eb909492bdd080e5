from django import template
from django.db import DatabaseError

from polls.selectors import get_current_poll

register = template.Library()


@register.inclusion_tag("polls/_block.html", takes_context=True)
def current_poll_block(context):
    """ "Наш опрос" in the aside: the cached current poll, the same for every visitor (no
    query once cached). The visitor's own part (form with tokens, or their answer and the
    results) is fetched by polls.js. Renders nothing without a poll or on the poll's page."""
    if context.get("poll_block_hidden"):
        return {}
    try:
        current = get_current_poll()
    except DatabaseError:
        # The aside is decoration: the error pages (database down) must still render.
        return {}
    if current is None:
        return {}
    poll, choices = current
    return {"poll": poll, "choices": choices}
