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


# --- Rooms a newcomer can find ------------------------------------------------------

MAX_MODULE_LINES = 500


def test_no_module_is_over_500_lines():
    """A module that grows past a few hundred lines becomes a package of workflows."""
    too_long = [
        f"{path.relative_to(ROOT)} has {lines} lines"
        for package in sorted(PROJECT_PACKAGES)
        for path in python_files(package)
        if (lines := len(path.read_text().splitlines())) > MAX_MODULE_LINES
    ]
    assert too_long == []


def string_constants(path: Path) -> list[str]:
    """Every string literal in a module, f-string pieces included, docstrings not."""
    tree = ast.parse(path.read_text(), filename=str(path))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(
            node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef
        )
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def url_prefixes() -> set[str]:
    """The first path segment of every page the site serves ("support", "spaces")."""
    from django.urls import get_resolver

    prefixes = set()
    pending = list(get_resolver().url_patterns)
    while pending:
        pattern = pending.pop()
        first = str(pattern.pattern).lstrip("^/").split("/")[0]
        if first and "<" not in first:
            prefixes.add(first)
        elif not first and hasattr(pattern, "url_patterns"):
            pending.extend(pattern.url_patterns)
    return prefixes


# A path that has to be matched as a prefix, not reversed: the admin is Django's own.
URL_LITERALS_ALLOWED = {"/admin/"}


def test_no_app_writes_a_url_as_a_literal():
    """URLs come from reverse() or get_absolute_url(), so renaming a page is safe."""
    prefixes = url_prefixes()
    offenders = [
        f"{path.relative_to(ROOT)}: {value!r}"
        for package in sorted(PROJECT_PACKAGES - {"kindred"})
        for path in python_files(package)
        for value in string_constants(path)
        if value.startswith("/")
        and value not in URL_LITERALS_ALLOWED
        and value[1:].split("/")[0] in prefixes
    ]
    assert offenders == []


def content_apps_names() -> dict[str, set[str]]:
    """What the content apps (forum, support) name themselves: the kinds they
    register for moderation, their hold reasons and their URL namespaces."""
    from django.apps import apps
    from django.urls import get_resolver

    from moderation import registry

    moderation_side = {"moderation", "accounts", "auth"}
    kinds = {
        moderatable.kind
        for moderatable in registry.registered()
        if moderatable.model._meta.app_label not in moderation_side
    }
    from moderation.services.screening import PREMODERATION

    holds = {reason.key for reason in registry.hold_reasons()} - {PREMODERATION}
    content_labels = {
        config.label
        for config in apps.get_app_configs()
        if config.name.split(".")[0] in {"forum", "support"}
    }
    namespaces = {
        namespace
        for namespace in get_resolver().namespace_dict
        if namespace in content_labels or namespace in {"forum", "support"}
    }
    return {"kinds": kinds, "holds": holds, "namespaces": namespaces}


def test_moderation_names_no_content_app_kind_hold_reason_or_url():
    """Moderation learns about forum and support through its registry only."""
    names = content_apps_names()
    assert names["kinds"] and names["holds"] and names["namespaces"]
    offenders = []
    for path in python_files("moderation"):
        for value in string_constants(path):
            if value in names["kinds"] | names["holds"]:
                offenders.append(f"{path.relative_to(ROOT)} names {value!r}")
            if value.split(":")[0] in names["namespaces"] and ":" in value:
                offenders.append(f"{path.relative_to(ROOT)} names URL {value!r}")
    assert offenders == []


RENDERING_NAMES = {
    "render_to_string",
    "get_template",
    "select_template",
    "format_html",
    "format_html_join",
    "mark_safe",
    "Template",
}


def is_read_or_write_layer(path: Path) -> bool:
    return any(part in {"services", "selectors"} for part in path.parts) or (
        path.stem in {"services", "selectors"}
    )


def test_services_and_selectors_render_no_html():
    """Writes and reads return data; presentation modules and templates render."""
    offenders = []
    for package in sorted(PROJECT_PACKAGES):
        for path in python_files(package):
            if not is_read_or_write_layer(path):
                continue
            tree = ast.parse(path.read_text(), filename=str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom):
                    named = {alias.name for alias in node.names}
                    if named & RENDERING_NAMES or node.module == "django.template":
                        offenders.append(f"{path.relative_to(ROOT)}: {node.module}")
    assert offenders == []
