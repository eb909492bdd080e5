from django.conf import settings
from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView
from django_ratelimit.decorators import ratelimit

from polls.forms import VoteForm
from polls.models import Poll, Vote
from polls.selectors import build_results, get_current_poll, poll_state
from polls.services import AlreadyVoted, PollNotOpen, VoteRefused, cast_vote
from polls.voter import Voter
from portal.pagination import LenientPaginationMixin


def vote_rate(group, request):
    """Read per request, so override_settings and the environment both apply; None = off."""
    return settings.POLL_VOTE_RATE_LIMIT or None


class PollDetailView(DetailView):
    queryset = Poll.objects.visible().prefetch_related("choices")
    template_name = "polls/poll_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        voter = Voter.from_request(self.request)
        choices = list(self.object.choices.all())
        context["state"] = poll_state(self.object, choices, voter.hash)
        context.setdefault("form", None)
        context["poll_block_hidden"] = True  # the aside would repeat this very poll
        return context


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
        counts = _counts_by_poll(polls)
        context["archive"] = [
            (poll, *build_results(list(poll.choices.all()), counts.get(poll.pk, {})))
            for poll in polls
        ]
        current = get_current_poll()
        context["current_poll"] = current[0] if current else None
        return context


def _counts_by_poll(polls):
    rows = (
        Vote.objects.filter(poll__in=polls)
        .values("poll_id", "choice_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {}
    for row in rows:
        counts.setdefault(row["poll_id"], {})[row["choice_id"]] = row["n"]
    return counts


def _safe_next(request):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


@require_POST
@ratelimit(key="ip", rate=vote_rate, method="POST", block=False)
def vote(request, slug):
    if getattr(request, "limited", False):
        return render(request, "polls/rate_limited.html", {"poll_block_hidden": True}, status=429)
    poll = get_object_or_404(Poll.objects.visible().prefetch_related("choices"), slug=slug)
    choices = list(poll.choices.all())
    voter = Voter.from_request(request, create=True)
    form = VoteForm(request.POST, choices=choices)
    if not form.is_valid():
        state = poll_state(poll, choices, voter.hash)
        context = {"object": poll, "poll": poll, "state": state, "form": form}
        context["poll_block_hidden"] = True
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
