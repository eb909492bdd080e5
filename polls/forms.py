from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.slugs import first_free, slug_from
from polls.models import COMMENT_MAX_LENGTH, Poll
from polls.services import CommentRequired, clean_comment

POLL_SLUG_LENGTH = 60


class VoteForm(forms.Form):
    """Validates a vote POST against one poll's own choices (a foreign choice is invalid)."""

    choice = forms.TypedChoiceField(
        label=_("Ваш ответ"),
        coerce=int,
        error_messages={
            "required": _("Выберите один из вариантов."),
            "invalid_choice": _("Выберите один из вариантов этого опроса."),
        },
    )
    comment = forms.CharField(
        label=_("Комментарий"),
        required=False,
        # No max_length here: a comment sent with a choice that takes none is dropped, not
        # an error; the limit applies in clean() to the choices that keep their comment.
        # The page draws its own textarea (polls/_form.html), since the block renders
        # without a bound form.
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        # The poll's choices come in (often from the cache), so validation costs no query.
        self._choices = {choice.pk: choice for choice in choices}
        self.fields["choice"].choices = [(choice.pk, choice.text) for choice in choices]

    def clean_choice(self):
        return self._choices[self.cleaned_data["choice"]]

    def clean(self):
        cleaned = super().clean()
        choice = cleaned.get("choice")
        if choice is not None:
            raw = (cleaned.get("comment") or "").strip()
            if choice.allows_comment and len(raw) > COMMENT_MAX_LENGTH:
                self.add_error(
                    "comment",
                    _("Комментарий длиннее %(limit)d символов.") % {"limit": COMMENT_MAX_LENGTH},
                )
            cleaned["comment"] = clean_comment(choice, raw)
            if choice.allows_comment and not cleaned["comment"]:
                self.add_error("comment", str(CommentRequired.message))
        return cleaned


class PollAdminForm(forms.ModelForm):
    """The admin's poll form. The slug is made on the server from the question as visitors
    read it, so "{portal}" never reaches an address (the admin's live slug filling would
    turn it into "portal"). A published poll may not run at the same time as another one:
    the home page shows one poll, and a new one must not silently replace the running one.
    """

    class Meta:
        model = Poll
        fields = [
            "question",
            "slug",
            "description",
            "opens_at",
            "closes_at",
            "is_published",
            "results_policy",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _(
                "Оставьте пустым — адрес составится из вопроса, с названием портала вместо "
                "«{portal}»."
            )

    def clean(self):
        cleaned = super().clean()
        if "slug" in self.fields and not cleaned.get("slug") and cleaned.get("question"):
            cleaned["slug"] = self._free_slug(Poll(question=cleaned["question"]).display_question)
        self._refuse_overlap(cleaned)
        return cleaned

    def _free_slug(self, question):
        slug = slug_from(question, POLL_SLUG_LENGTH) or "opros"
        taken = set(
            Poll.objects.exclude(pk=self.instance.pk)
            .filter(slug__startswith=slug)
            .values_list("slug", flat=True)
        )
        return first_free(slug, taken, POLL_SLUG_LENGTH)

    def _refuse_overlap(self, cleaned):
        opens_at, closes_at = cleaned.get("opens_at"), cleaned.get("closes_at")
        if not cleaned.get("is_published") or opens_at is None:
            return
        if closes_at is not None and closes_at < opens_at:
            return  # the model's constraint says what is wrong
        other = (
            Poll.objects.overlapping(opens_at, closes_at)
            .exclude(pk=self.instance.pk)
            .order_by("opens_at", "pk")
            .first()
        )
        if other is not None:
            raise forms.ValidationError(overlap_message(other), code="overlap")


def overlap_message(other, now=None):
    """Why a poll cannot run now: the poll it would compete with, and what to do."""
    context = {"poll": other.display_question, "period": _period(other)}
    if other.is_open(now or timezone.now()):
        first = gettext("Сейчас на сайте идёт опрос «%(poll)s» (%(period)s).") % context
        advice = gettext(
            "Сначала закройте его действием «Закрыть опрос» в списке опросов или выберите "
            "даты, которые не пересекаются с ним."
        )
    else:
        first = gettext("На это время уже назначен опрос «%(poll)s» (%(period)s).") % context
        advice = gettext(
            "Выберите даты, которые не пересекаются с ним, или снимите флажок «Показывать "
            "на сайте»."
        )
    why = gettext("Два опроса не могут идти одновременно: на главной странице показывается один.")
    return f"{first} {why} {advice}"


def _period(poll):
    def moment(value):
        return date_format(timezone.localtime(value), "j E Y, H:i")

    if poll.closes_at is None:
        return gettext("с %(start)s, без срока") % {"start": moment(poll.opens_at)}
    return gettext("с %(start)s до %(end)s") % {
        "start": moment(poll.opens_at),
        "end": moment(poll.closes_at),
    }
