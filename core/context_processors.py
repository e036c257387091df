from django.conf import settings

THEME_COOKIE = "kindred_theme"
THEMES = {"system", "light", "dark"}


def site(request) -> dict:
    """Values the base layout needs on every page."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        theme = getattr(user, "theme", "system")
    else:
        theme = request.COOKIES.get(THEME_COOKIE, "system")
    if theme not in THEMES:
        theme = "system"
    return {
        "theme": theme,
        "quick_exit_url": settings.QUICK_EXIT_URL,
    }
