"""Live support pages, one module per workflow: asking for someone (asking),
listening (listening), and the rooms (rooms). Thin: they check access through
selectors and call services."""
