"""The words members receive from the moderators.

These are the starting texts; operators edit them in the admin (MessageTemplate), and
these are used when a template row is missing. Placeholders: {guideline} (its number),
{guideline_title}, {reason} (the moderator's words), {until} (a date, for sanctions).

The bodies are marked for translation: a template an operator has not edited is sent
in the language the words are written in; an edited one is sent as the operator
wrote it.
"""

from django.utils.translation import gettext_noop

DEFAULT_TEMPLATES: dict[str, tuple[str, str]] = {
    "approve": (
        "A held post is approved",
        gettext_noop(
            "Thank you for waiting. Your post has been looked at by a moderator "
            "and is now up for everyone to read."
        ),
    ),
    "edit": (
        "A post is edited, then approved",
        gettext_noop(
            "A moderator made a small change to your post before it went up, so "
            "that it fits guideline {guideline} ({guideline_title}). What they "
            "said: {reason}\n\nEverything else you wrote is there. If you think "
            "the change was wrong, you can ask another moderator to look again."
        ),
    ),
    "hide": (
        "A post is hidden",
        gettext_noop(
            "A moderator has hidden something you wrote, because of guideline "
            "{guideline} ({guideline_title}). What they said: {reason}\n\nYou are "
            "still welcome here. If you think this was a mistake, you can ask "
            "another moderator to look again."
        ),
    ),
    "remove": (
        "A post is removed",
        gettext_noop(
            "A moderator has removed something you wrote, because of guideline "
            "{guideline} ({guideline_title}). What they said: {reason}\n\nYou are "
            "still welcome here. If you think this was a mistake, you can ask "
            "another moderator to look again."
        ),
    ),
    "support": (
        "A moderator checks in after a post about hard feelings",
        gettext_noop(
            "A moderator read what you wrote. Nothing you said breaks any rule: "
            "telling people how hard things are is exactly what Kindred is for. If "
            "things feel too much right now, Get help now shows who you can reach "
            "straight away, and I need someone now connects you with a volunteer "
            "listener."
        ),
    ),
    "appeal_received": (
        "An appeal arrives",
        gettext_noop(
            "Thank you. Another moderator, not the one who decided, will look at "
            "it again and let you know here."
        ),
    ),
    "appeal_overturned": (
        "An appeal succeeds",
        gettext_noop(
            "Another moderator looked again and changed the earlier decision. What "
            "they said: {reason}\n\nThank you for asking, and sorry for the "
            "trouble."
        ),
    ),
    "appeal_upheld": (
        "An appeal is turned down",
        gettext_noop(
            "Another moderator looked again and the earlier decision stays, under "
            "guideline {guideline} ({guideline_title}). What they said: {reason}"
        ),
    ),
    "sanction_appeal_lifted": (
        "An appeal against a sanction succeeds",
        gettext_noop(
            "Another moderator looked again and lifted the {kind}. What they said: "
            "{reason}\n\nThank you for asking, and sorry for the trouble."
        ),
    ),
    "sanction_appeal_upheld": (
        "An appeal against a sanction is turned down",
        gettext_noop(
            "Another moderator looked again and the {kind} stays, under guideline "
            "{guideline} ({guideline_title}). What they said: {reason}"
        ),
    ),
    "report_reversed": (
        "A decision on something a member reported is changed on appeal",
        gettext_noop(
            "Something you reported was looked at again by another moderator, "
            "after its author asked, and the earlier decision was changed. What "
            "they said: {reason}\n\nThank you for reporting it; it is always fine "
            "to report again, or to step away from a conversation."
        ),
    ),
    "report_acted": (
        "A member's report led to action",
        gettext_noop(
            "Thank you for your report. A moderator looked at it and acted under "
            "guideline {guideline} ({guideline_title}). Thank you for looking out "
            "for others here."
        ),
    ),
    "report_kept": (
        "A member's report was looked at; the content stays",
        gettext_noop(
            "Thank you for your report. A moderator looked at it carefully and "
            "decided it can stay up. If it still feels wrong to you, it is fine to "
            "step away from the conversation, and you are always welcome to report "
            "again."
        ),
    ),
    "sanction_warning": (
        "A warning",
        gettext_noop(
            "A moderator is reminding you of guideline {guideline} "
            "({guideline_title}). {reason}"
        ),
    ),
    "sanction_mute": (
        "Posting is paused for a while",
        gettext_noop(
            "You can keep reading, but posting and chatting in group rooms are "
            "paused until {until}, because of guideline {guideline} "
            "({guideline_title}). {reason}"
        ),
    ),
    "sanction_suspension": (
        "An account is suspended for a while",
        gettext_noop(
            "Your account is suspended until {until}, because of guideline "
            "{guideline} ({guideline_title}). {reason}"
        ),
    ),
    "sanction_ban": (
        "An account is closed",
        gettext_noop(
            "Your account can no longer take part in Kindred, because of guideline "
            "{guideline} ({guideline_title}). {reason}"
        ),
    ),
}
