"""Live support keeps the shape DESIGN.md draws: one module per workflow, each of a
readable size; services, selectors and the wire format return data, and HTML is
made in presentation modules and templates."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MAX_LINES = 500
# Imports that make HTML (or mark it safe).
RENDERING = {
    "django.template",
    "django.template.loader",
    "django.utils.html",
    "django.utils.safestring",
    "django.shortcuts.render",
}
RENDERING_NAMES = {"render_to_string", "format_html", "mark_safe", "render"}


def support_modules() -> list[Path]:
    return sorted(
        path
        for path in (ROOT / "support").rglob("*.py")
        if "migrations" not in path.parts and "signposting" not in path.parts
    )


def data_modules() -> list[Path]:
    """Modules that must not render: services, selectors, events."""
    support = ROOT / "support"
    return [
        *sorted((support / "services").glob("*.py")),
        support / "selectors.py",
        support / "events.py",
    ]


@pytest.mark.parametrize(
    "path", support_modules(), ids=lambda p: str(p.relative_to(ROOT))
)
def test_each_module_stays_readable_in_one_sitting(path):
    assert len(path.read_text().splitlines()) <= MAX_LINES


def rendering_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name in RENDERING]
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module in RENDERING:
                found.append(node.module)
            found += [
                f"{node.module}.{a.name}"
                for a in node.names
                if a.name in RENDERING_NAMES and node.module.startswith("django")
            ]
    return found


@pytest.mark.parametrize("path", data_modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_services_selectors_and_events_render_nothing(path):
    """They may call support.presentation to build an event that carries HTML."""
    assert rendering_imports(path) == []
