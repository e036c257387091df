"""ASGI entry point: HTTP and WebSocket in one Daphne process."""

import gc
import os
import threading

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kindred.settings")

from core.http import get_asgi_application  # noqa: E402

django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.conf import settings  # noqa: E402

import forum.routing  # noqa: E402
import moderation.routing  # noqa: E402
import support.routing  # noqa: E402
from core.sockets import TryAgainWhenAway  # noqa: E402
from moderation.rules import current_rules  # noqa: E402
from moderation.rules.semantic import second_opinion  # noqa: E402
from moderation.rules.word_model import word_model  # noqa: E402

websocket_urlpatterns = [
    *forum.routing.websocket_urlpatterns,
    *support.routing.websocket_urlpatterns,
    *moderation.routing.websocket_urlpatterns,
]

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(
            TryAgainWhenAway(AuthMiddlewareStack(URLRouter(websocket_urlpatterns)))
        ),
    }
)

# The rules compile on first use; compile them now, so that a broken rules file
# stops start-up and the first post does not wait for them.
current_rules()


def _ready_second_opinion():
    word_model()
    second_opinion()


if settings.SECOND_OPINION:
    # The second opinion's readers take a few seconds to train and load: do it
    # beside serving, so that start-up is not held up and the first post hardly is.
    threading.Thread(target=_ready_second_opinion, daemon=True).start()

# Everything loaded so far (Django, the URL maps, the rules) lives as long as the
# process: keep it out of the garbage collector's full passes, which would otherwise
# walk it all now and then, in the middle of a request or a chat message.
gc.freeze()
