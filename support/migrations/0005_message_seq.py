from django.db import migrations, models
from django.db.models import Max


def number_stored_messages(apps, schema_editor):
    """Number each room's existing messages 1, 2, 3, ... in id order."""
    Room = apps.get_model("support", "Room")
    ChatMessage = apps.get_model("support", "ChatMessage")
    for room_id in ChatMessage.objects.values_list("room_id", flat=True).distinct():
        ids = ChatMessage.objects.filter(room_id=room_id).order_by("id")
        for seq, pk in enumerate(ids.values_list("id", flat=True), start=1):
            ChatMessage.objects.filter(pk=pk).update(seq=seq)
        newest = ChatMessage.objects.filter(room_id=room_id).aggregate(Max("seq"))
        Room.objects.filter(pk=room_id).update(message_seq=newest["seq__max"] or 0)


class Migration(migrations.Migration):
    dependencies = [
        ("support", "0004_membership_help_asked"),
    ]

    operations = [
        migrations.AddField(
            model_name="room",
            name="message_seq",
            field=models.PositiveBigIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="chatmessage",
            name="seq",
            field=models.PositiveBigIntegerField(null=True),
        ),
        migrations.RunPython(number_stored_messages, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="chatmessage",
            name="seq",
            field=models.PositiveBigIntegerField(),
        ),
        migrations.AddConstraint(
            model_name="chatmessage",
            constraint=models.UniqueConstraint(
                fields=("room", "seq"), name="chat_message_seq_once"
            ),
        ),
    ]
