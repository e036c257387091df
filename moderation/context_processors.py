def nav(request) -> dict:
    return {}
