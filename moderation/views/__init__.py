"""Moderation pages, one module per group: the queue and its items (queue), members
as moderators see them (members), a member's reporting (reporting), a member's
messages, appeals and sanctions (notices), and operators' pages (operators).

Every moderator page answers 404 to anyone else; reporting, the member's own reports
and notices, appeals and the transparency page are for members.
"""

from django.http import HttpRequest

from moderation import selectors


def moderator_of(request: HttpRequest):
    """The signed-in moderator; a 404 for anyone else."""
    selectors.require_moderator(request.user)
    return request.user
