from django import forms
from django.utils.translation import gettext_lazy as _

from polls.models import COMMENT_MAX_LENGTH
from polls.services import CommentRequired, clean_comment


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
