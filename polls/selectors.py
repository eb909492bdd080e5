"""Reads for the polls: the cached current poll, a poll's state for one visitor, results."""

from dataclasses import dataclass, field

from django.db.models import Count, Min
from django.utils import timezone

from core.versions import ContentValue, Expiring
from polls.models import COMMENT_MAX_LENGTH, Poll, Vote

CURRENT_POLL_CACHE_SECONDS = 300
# Rebuilt whenever a poll or choice is saved or deleted (polls/apps.py registers the area).
CURRENT_POLL_AREA = "polls:current"
current_poll_cache = ContentValue(
    "polls:current", areas=(CURRENT_POLL_AREA,), timeout=CURRENT_POLL_CACHE_SECONDS
)


def get_current_poll():
    """The newest open poll with its choices as (poll, choices), or None; cached.

    A miss costs three queries; "no poll" is cached too.
    """
    current = current_poll_cache.get(_load_current_poll)
    if current is not None and not current[0].is_open():
        current = current_poll_cache.refresh(_load_current_poll)
    return current


def _load_current_poll():
    now = timezone.now()
    poll = Poll.objects.open(now).prefetch_related("choices").first()
    # The cached answer must expire when it stops being true: when this poll closes or
    # when a scheduled poll opens (saving a poll clears it at once anyway).
    changes = [
        Poll.objects.published().filter(opens_at__gt=now).aggregate(at=Min("opens_at"))["at"]
    ]
    if poll is not None:
        changes.append(poll.closes_at)
    timeout = CURRENT_POLL_CACHE_SECONDS
    for moment in filter(None, changes):
        timeout = min(timeout, max(1, int((moment - now).total_seconds()) + 1))
    return Expiring(None if poll is None else (poll, list(poll.choices.all())), timeout)


def voted_choice_id(poll, voter_hash):
    if not voter_hash:
        return None
    return (
        Vote.objects.filter(poll=poll, voter_hash=voter_hash)
        .values_list("choice_id", flat=True)
        .first()
    )


def vote_counts(poll):
    """{choice_id: votes}: one grouped query, counted from the votes themselves."""
    rows = Vote.objects.filter(poll=poll).values("choice_id").annotate(n=Count("pk"))
    return {row["choice_id"]: row["n"] for row in rows}


def vote_counts_by_poll(polls):
    """{poll_id: {choice_id: votes}} for several polls in one grouped query."""
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


@dataclass
class ChoiceResult:
    choice: object
    count: int
    percent: int
    is_mine: bool


@dataclass
class PollState:
    poll: Poll
    choices: list
    my_choice: object = None
    is_open: bool = False
    has_started: bool = True
    is_closed: bool = False
    show_results: bool = False
    total: int = 0
    results: list = field(default_factory=list)

    @property
    def can_vote(self):
        return self.is_open and self.my_choice is None

    @property
    def has_comment_choice(self):
        return any(choice.allows_comment for choice in self.choices)

    @property
    def has_voted(self):
        return self.my_choice is not None

    @property
    def comment_max_length(self):
        return COMMENT_MAX_LENGTH


def results_visible(poll, has_voted, now=None):
    if poll.is_closed(now):
        return True
    if poll.results_policy == Poll.ResultsPolicy.ALWAYS:
        return True
    return poll.results_policy == Poll.ResultsPolicy.AFTER_VOTE and has_voted


def whole_percents(values):
    """Whole percents that add up to exactly 100 (largest remainder), unlike rounding each."""
    total = sum(values)
    if not total:
        return [0] * len(values)
    exact = [value * 100 / total for value in values]
    percents = [int(share) for share in exact]
    by_remainder = sorted(range(len(values)), key=lambda i: exact[i] - percents[i], reverse=True)
    for i in by_remainder[: 100 - sum(percents)]:
        percents[i] += 1
    return percents


def build_results(choices, counts, my_choice_id=None):
    values = [counts.get(choice.pk, 0) for choice in choices]
    results = [
        ChoiceResult(choice, count, percent, choice.pk == my_choice_id)
        for choice, count, percent in zip(choices, values, whole_percents(values), strict=True)
    ]
    return sum(values), results


def poll_state(poll, choices, voter_hash, now=None):
    """Everything a template needs about one poll for one visitor: at most two queries."""
    now = now or timezone.now()
    my_choice_id = voted_choice_id(poll, voter_hash)
    my_choice = next((c for c in choices if c.pk == my_choice_id), None)
    state = PollState(
        poll=poll,
        choices=choices,
        my_choice=my_choice,
        is_open=poll.is_open(now),
        has_started=poll.has_started(now),
        is_closed=poll.is_closed(now),
        show_results=results_visible(poll, my_choice is not None, now),
    )
    if state.show_results:
        state.total, state.results = build_results(choices, vote_counts(poll), my_choice_id)
    return state
