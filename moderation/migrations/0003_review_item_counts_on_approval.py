from django.db import migrations, models

APPROVING_ACTIONS = ["approve", "edit", "support"]


def mark_posts_waiting_for_their_first_approval(apps, schema_editor):
    """Held forum posts never approved were not counted when saved: keep counting
    them when approved, as before. (Posts held again after an edit can't be told
    apart from them here; they count once more, as they did until now.)"""
    ReviewItem = apps.get_model("moderation", "ReviewItem")
    ReviewItem.objects.filter(held=True, kind__in=["thread", "reply"]).exclude(
        decisions__action__in=APPROVING_ACTIONS
    ).update(counts_on_approval=True)


class Migration(migrations.Migration):

    dependencies = [
        ("moderation", "0002_seed_message_templates"),
    ]

    operations = [
        migrations.AddField(
            model_name="reviewitem",
            name="counts_on_approval",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(
            mark_posts_waiting_for_their_first_approval, migrations.RunPython.noop
        ),
    ]
