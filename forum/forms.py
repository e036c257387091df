from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.content_notes import ContentNote
from forum.models import BODY_MAX_LENGTH, TITLE_MAX_LENGTH

TOO_LONG_BODY = _(
    "That is longer than one post can hold (%(show_value)s characters, the limit is "
    "%(limit_value)s). Could you split it into a post and a reply?"
)


class PostForm(forms.Form):
    body = forms.CharField(
        label=_("Your words"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=BODY_MAX_LENGTH,
        error_messages={
            "required": _("Write something first; even a few words are enough."),
            "max_length": TOO_LONG_BODY,
        },
        help_text=_(
            "Blank line for a new paragraph, *stars* for emphasis, - for a list, > to "
            "quote. Links are fine. Please leave out names, places and anything that "
            "could identify you or anyone else."
        ),
    )
    content_notes = forms.MultipleChoiceField(
        label=_("Content notes (optional)"),
        choices=ContentNote.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "If you mention one of these, tick it: your words are folded away until "
            "the reader chooses to open them."
        ),
    )
    anonymous = forms.BooleanField(
        label=_("Post fully anonymously (shown as “Anonymous parent”)"),
        required=False,
        help_text=_(
            "Other members won't see your pseudonym on this post. You'll still see it "
            "as yours, and moderators can see who wrote it to keep everyone safe."
        ),
    )

    def __init__(self, *args, in_circle: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # In a circle people come to know each other: no fully anonymous posts
        # (forum.services refuses them there too).
        if in_circle:
            self.fields.pop("anonymous", None)


class ThreadForm(PostForm):
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX_LENGTH,
        min_length=3,
        error_messages={
            "required": _("Give your thread a short title."),
            "max_length": _("Titles can be up to %(limit_value)s characters long."),
            "min_length": _("A few more letters in the title, please."),
        },
    )
    field_order = ["title", "body", "content_notes", "anonymous"]


class ReplyForm(PostForm):
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, in_circle: bool = False, **kwargs):
        super().__init__(*args, in_circle=in_circle, **kwargs)
        self.fields["body"].label = _("Your reply")


class EditThreadForm(ThreadForm):
    anonymous = None


class EditReplyForm(PostForm):
    anonymous = None
