"""The code keeps the shape DESIGN.md draws: imports run one way, bleach stays behind
core.text, and no template carries script or style that a strict CSP would block."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# What each package may import, besides itself, core and third-party libraries.
ALLOWED_IMPORTS = {
    "core": set(),
    "accounts": {"core"},
    "moderation": {"core", "accounts"},
    "support": {"core", "accounts", "moderation"},
    "forum": {"core", "accounts", "moderation", "support"},
}
PROJECT_PACKAGES = {"kindred", *ALLOWED_IMPORTS}


def python_files(package: str) -> list[Path]:
    return [
        path
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    ]


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(ALLOWED_IMPORTS))
def test_each_app_imports_only_the_apps_below_it(package):
    """No app imports one above it: forum, support, moderation, accounts, core."""
    allowed = ALLOWED_IMPORTS[package] | {package}
    offenders = []
    for path in python_files(package):
        for name in imported_packages(path) & PROJECT_PACKAGES:
            if name not in allowed:
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


def test_only_core_text_imports_bleach():
    """bleach is frozen upstream, so exactly one module wraps it."""
    importers = [
        str(path.relative_to(ROOT))
        for package in PROJECT_PACKAGES
        for path in python_files(package)
        if "bleach" in imported_packages(path)
    ]
    assert importers == ["core/text.py"]


INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>"
)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<[^>]+\sstyle\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(
    r"""(href|src|action)\s*=\s*["']\s*javascript:""", re.IGNORECASE
)


@pytest.mark.parametrize(
    "pattern",
    [INLINE_SCRIPT, INLINE_HANDLER, INLINE_STYLE, JAVASCRIPT_URL],
    ids=["inline-script", "event-handler", "style-attribute", "javascript-url"],
)
def test_templates_hold_nothing_a_strict_csp_would_block(pattern):
    """The CSP allows scripts and styles from our own files only."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "templates").rglob("*.html")
        if pattern.search(path.read_text())
    ]
    assert offenders == []
