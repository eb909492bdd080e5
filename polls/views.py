from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import DetailView, ListView

from core import page_cache, rate_limit
from core.breadcrumbs import breadcrumbs
from core.pagination import LenientPaginationMixin
from core.params import get_text
from polls.apps import POLLS_AREA
from polls.forms import VoteForm
from polls.models import Poll
from polls.selectors import build_results, get_current_poll, poll_state, vote_counts_by_poll
from polls.services import AlreadyVoted, PollNotOpen, VoteRefused, cast_vote
from polls.voter import Voter

# Every view that reads the visitor's vote is private: never_cache keeps it out of the page
# cache and out of shared proxies (docs/performance.md, "Page cache").


@method_decorator(never_cache, name="dispatch")
class PollDetailView(DetailView):
    queryset = Poll.objects.published().prefetch_related("choices")
    template_name = "polls/poll_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(poll_page_context(self.request, self.object))
        return context

    def render_to_response(self, context, **kwargs):
        return context["voter"].remember(super().render_to_response(context, **kwargs))


def poll_for_visitor(request, poll, choices, voter=None):
    """(voter, state): a visitor offered the form gets a voter token now, before the POST."""
    voter = voter or Voter.from_request(request)
    state = poll_state(poll, choices, voter.hash)
    if state.can_vote and voter.key is None:
        voter = Voter.from_request(request, create=True)
    return voter, state


def poll_page_context(request, poll, form=None, voter=None):
    """What a poll's page shows: its state for this visitor and, after a bad POST, the form.

    ?choice= preselects a choice: the aside's form (without JavaScript) leads here with it.
    """
    choices = list(poll.choices.all())
    voter, state = poll_for_visitor(request, poll, choices, voter)
    return {
        "poll": poll,
        "object": poll,
        "state": state,
        "voter": voter,
        "form": form,
        "selected_choice_id": _selected_choice_id(request, form, choices),
        "poll_block_hidden": True,  # the aside would repeat this very poll
        "breadcrumbs": breadcrumbs(
            (_("Опросы"), reverse("polls:poll-list")),
            (Truncator(poll.display_question).chars(60), None),
        ),
    }


def _selected_choice_id(request, form, choices):
    if form is not None:
        choice = form.cleaned_data.get("choice") if hasattr(form, "cleaned_data") else None
        return getattr(choice, "pk", None)
    wanted = get_text(request, "choice")
    return next((choice.pk for choice in choices if str(choice.pk) == wanted), None)


@require_GET
@never_cache
def poll_block(request, slug):
    """The aside's per-visitor part, fetched by polls.js: the vote form with this visitor's
    CSRF and voter tokens, or their answer and the results. Pages themselves stay the same
    for everyone and can be cached."""
    poll = get_object_or_404(Poll.objects.published().prefetch_related("choices"), slug=slug)
    voter, state = poll_for_visitor(request, poll, list(poll.choices.all()))
    context = {
        "state": state,
        "voter": voter,
        "prefix": "aside-poll",
        "next": _safe_next(request, get_text(request, "next", max_length=2000)) or "/",
    }
    return voter.remember(render(request, "polls/_poll.html", context))


@page_cache.shows(POLLS_AREA)
class PollListView(LenientPaginationMixin, ListView):
    """The archive: closed polls with their results (two queries for the whole page)."""

    template_name = "polls/poll_list.html"
    context_object_name = "polls"
    paginate_by = 10

    def get_queryset(self):
        return Poll.objects.closed().order_by("-closes_at", "-pk").prefetch_related("choices")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        polls = list(context["polls"])
        counts = vote_counts_by_poll(polls)
        context["archive"] = [
            (poll, *build_results(list(poll.choices.all()), counts.get(poll.pk, {})))
            for poll in polls
        ]
        current = get_current_poll()
        context["current_poll"] = current[0] if current else None
        context["breadcrumbs"] = breadcrumbs((_("Опросы"), None))
        return context


def _safe_next(request, target):
    """The page the form came from: a path on this site, as the form sends it
    (request.get_full_path()). Anything else is ignored, a bare word too: redirect() would
    take "0" for a URL pattern name and fail with NoReverseMatch, a 500."""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


@require_POST
def vote(request, slug):
    wait = rate_limit.hit("poll-vote", request, settings.POLL_VOTE_RATE_LIMIT)
    if wait is not None:
        response = render(
            request, "polls/rate_limited.html", {"poll_block_hidden": True}, status=429
        )
        response["Retry-After"] = str(wait)
        return response
    poll = get_object_or_404(Poll.objects.published().prefetch_related("choices"), slug=slug)
    choices = list(poll.choices.all())
    voter = Voter.from_request(request, create=True)
    form = VoteForm(request.POST, choices=choices)
    if not form.is_valid():
        context = poll_page_context(request, poll, form, voter)
        return voter.remember(render(request, "polls/poll_detail.html", context, status=400))
    next_url = _safe_next(request, request.POST.get("next", "")) or poll.get_absolute_url()
    try:
        cast_vote(
            poll=poll,
            choice=form.cleaned_data["choice"],
            voter_hash=voter.hash,
            comment=form.cleaned_data["comment"],
        )
    except AlreadyVoted:
        messages.info(request, _("Вы уже проголосовали в этом опросе. Ваш голос не изменён."))
    except PollNotOpen:
        messages.error(request, _("Голосование в этом опросе сейчас не идёт: голос не принят."))
    except VoteRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Спасибо, ваш голос учтён."))
    return voter.remember(redirect(next_url))
