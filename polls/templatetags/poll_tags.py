from django import template
from django.db import DatabaseError

from polls.selectors import get_current_poll, poll_state
from polls.voter import Voter

register = template.Library()


@register.inclusion_tag("polls/_block.html", takes_context=True)
def current_poll_block(context):
    """ "Наш опрос" in the aside: the cached current poll, plus at most two queries (the
    visitor's vote, the counts). Renders nothing without a poll or on the poll's own page."""
    request = context.get("request")
    if request is None or context.get("poll_block_hidden"):
        return {}
    try:
        current = get_current_poll()
        if current is None:
            return {}
        poll, choices = current
        state = poll_state(poll, choices, Voter.from_request(request).hash)
    except DatabaseError:
        # The aside is decoration: the 500 page (database down) must still render.
        return {}
    return {"state": state, "next": request.get_full_path(), "form": None}
