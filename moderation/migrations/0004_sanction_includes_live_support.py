from django.db import migrations, models
from django.db.models import Q


def bans_include_live_support(apps, schema_editor):
    Sanction = apps.get_model("moderation", "Sanction")
    Sanction.objects.filter(kind="ban").update(includes_live_support=True)


OLD_MUTE_WORDS = (
    "You can keep reading, but posting and chatting are paused until {until}, "
    "because of guideline {guideline} ({guideline_title}). {reason}"
)
NEW_MUTE_WORDS = (
    "You can keep reading, but posting and chatting in group rooms are paused "
    "until {until}, because of guideline {guideline} ({guideline_title}). {reason}"
)


def mute_words_leave_live_support_open(apps, schema_editor):
    """A mute no longer pauses live support by itself: reword the shipped message,
    unless an operator has already written their own."""
    MessageTemplate = apps.get_model("moderation", "MessageTemplate")
    MessageTemplate.objects.filter(key="sanction_mute", body=OLD_MUTE_WORDS).update(
        body=NEW_MUTE_WORDS
    )


class Migration(migrations.Migration):

    dependencies = [
        ("moderation", "0003_review_item_counts_on_approval"),
    ]

    operations = [
        migrations.AddField(
            model_name="sanction",
            name="includes_live_support",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(bans_include_live_support, migrations.RunPython.noop),
        migrations.RunPython(
            mute_words_leave_live_support_open, migrations.RunPython.noop
        ),
        migrations.AddConstraint(
            model_name="sanction",
            constraint=models.CheckConstraint(
                condition=~Q(kind="ban") | Q(includes_live_support=True),
                name="sanction_ban_includes_live_support",
            ),
        ),
    ]
