"""Writes for the polls: casting a vote. The database, not Python, decides "already voted"."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from polls.models import COMMENT_MAX_LENGTH, Vote

ONE_PER_VOTER = "polls_vote_one_per_voter"
FOREIGN_KEY_VIOLATION = "23503"  # PostgreSQL SQLSTATE


class VoteRefused(Exception):
    message = _("Голос не принят.")

    def __str__(self):
        return str(self.message)


class PollNotOpen(VoteRefused):
    message = _("Голосование в этом опросе сейчас не идёт.")


class AlreadyVoted(VoteRefused):
    message = _("Вы уже проголосовали в этом опросе.")


class InvalidChoice(VoteRefused):
    message = _("Выберите один из вариантов этого опроса.")


class CommentRequired(VoteRefused):
    message = _("Напишите, какую задачу вы хотите решить.")


def clean_comment(choice, comment):
    """A comment only belongs to a choice that asks for one; elsewhere it is dropped."""
    if not choice.allows_comment:
        return ""
    return (comment or "").strip()[:COMMENT_MAX_LENGTH]


def cast_vote(*, poll, choice, voter_hash, comment="", now=None):
    """Records one vote or raises a VoteRefused subclass; never a half-written vote."""
    if not poll.is_open(now or timezone.now()):
        raise PollNotOpen
    # No composite foreign key (choice, poll) in Django: the pairing is checked here, and
    # choices never move between polls (the admin edits them inline under their poll).
    if choice.poll_id != poll.pk:
        raise InvalidChoice
    comment = clean_comment(choice, comment)
    if choice.allows_comment and not comment:
        raise CommentRequired
    if not voter_hash:
        raise VoteRefused
    try:
        # The savepoint keeps an outer transaction usable after the unique violation.
        with transaction.atomic():
            return Vote.objects.create(
                poll=poll, choice=choice, voter_hash=voter_hash, comment=comment
            )
    except IntegrityError as exc:
        if _constraint_name(exc) == ONE_PER_VOTER or ONE_PER_VOTER in str(exc):
            raise AlreadyVoted from exc
        if getattr(exc.__cause__, "pgcode", None) == FOREIGN_KEY_VIOLATION:
            raise InvalidChoice from exc  # the choice was deleted while this vote came in
        raise


def _constraint_name(exc):
    diag = getattr(exc.__cause__, "diag", None)
    return getattr(diag, "constraint_name", None)
