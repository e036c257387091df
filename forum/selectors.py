"""Read-only queries for the forum."""


def home_context(member) -> dict:
    return {"spaces": [], "waiting_threads": []}
