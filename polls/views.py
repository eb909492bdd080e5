from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView
from django_ratelimit.decorators import ratelimit

from polls.forms import VoteForm
from polls.models import Poll
from polls.selectors import build_results, get_current_poll, poll_state, vote_counts_by_poll
from polls.services import AlreadyVoted, PollNotOpen, VoteRefused, cast_vote
from polls.voter import Voter
from portal.breadcrumbs import breadcrumbs
from portal.pagination import LenientPaginationMixin


def vote_rate(group, request):
    """Read per request, so override_settings and the environment both apply; None = off."""
    return settings.POLL_VOTE_RATE_LIMIT or None


class PollDetailView(DetailView):
    queryset = Poll.objects.published().prefetch_related("choices")
    template_name = "polls/poll_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        voter = Voter.from_request(self.request)
        context.update(poll_page_context(self.object, voter))
        return context


def poll_page_context(poll, voter, form=None):
    """What a poll's page shows: its state for this voter and, after a bad POST, the form."""
    return {
        "poll": poll,
        "object": poll,
        "state": poll_state(poll, list(poll.choices.all()), voter.hash),
        "form": form,
        "poll_block_hidden": True,  # the aside would repeat this very poll
        "breadcrumbs": breadcrumbs(
            (_("Опросы"), reverse("polls:poll-list")),
            (Truncator(poll.display_question).chars(60), None),
        ),
    }


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


def _safe_next(request):
    """The page the form came from: a path on this site, as the form sends it
    (request.get_full_path()). Anything else is ignored, a bare word too: redirect() would
    take "0" for a URL pattern name and fail with NoReverseMatch, a 500."""
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


@require_POST
@ratelimit(key="ip", rate=vote_rate, method="POST", block=False)
def vote(request, slug):
    if getattr(request, "limited", False):
        return render(request, "polls/rate_limited.html", {"poll_block_hidden": True}, status=429)
    poll = get_object_or_404(Poll.objects.published().prefetch_related("choices"), slug=slug)
    choices = list(poll.choices.all())
    voter = Voter.from_request(request, create=True)
    form = VoteForm(request.POST, choices=choices)
    if not form.is_valid():
        context = poll_page_context(poll, voter, form)
        return render(request, "polls/poll_detail.html", context, status=400)
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
        return voter.remember(redirect(_safe_next(request) or poll.get_absolute_url()))
    return redirect(_safe_next(request) or poll.get_absolute_url())
