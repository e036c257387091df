"""Numbering a room's messages: the database, not any process, decides a room's
order (ChatMessage.seq)."""

from __future__ import annotations

from django.db import transaction

from support.models import ChatMessage, Room


def next_message_seq(room_id: int) -> int:
    """Take the room's next message number. Call it inside the transaction that
    stores the message, before anything else in it: the room's row stays locked
    until that transaction ends, so a second writer anywhere waits for the first
    to commit (numbers in commit order) or roll back (its number is taken again:
    no gaps). On SQLite it takes the database's write lock first, so the
    transaction never has to upgrade a read to a write.

    The counter never falls behind the stored messages, even if a whole-row save
    of the room (the admin's form, say) wrote back an older value."""
    connection = transaction.get_connection()
    quote = connection.ops.quote_name
    greatest = "MAX" if connection.vendor == "sqlite" else "GREATEST"
    counter = quote("message_seq")
    cursor_sql = (
        f"UPDATE {quote(Room._meta.db_table)} SET {counter} = {greatest}("
        f"{counter}, (SELECT COALESCE(MAX({quote('seq')}), 0) "
        f"FROM {quote(ChatMessage._meta.db_table)} WHERE {quote('room_id')} = %s)"
        f") + 1 WHERE {quote('id')} = %s RETURNING {counter}"
    )
    with connection.cursor() as cursor:
        cursor.execute(cursor_sql, [room_id, room_id])
        return cursor.fetchone()[0]
