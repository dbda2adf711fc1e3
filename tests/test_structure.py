"""The shape of the code: the import graph reads top-down without cycles, the CLI is a thin
layer over functions importable from ``fritekst``, and every command has help."""

import ast
from pathlib import Path

import pytest

import fritekst
from conftest import REPO

SRC = REPO / "src" / "fritekst"  # the source tree (the package may be installed elsewhere)

# from the top down; a module may import from its own layer's package and from any layer below
LAYERS = [
    ("cli", {"fritekst.cli", "fritekst.__main__"}),
    ("api", {"fritekst.api"}),
    ("store", {"fritekst.store"}),
    ("export", {"fritekst.export"}),
    ("literature | summarize", {"fritekst.literature", "fritekst.summarize"}),
    ("coding", {"fritekst.coding"}),
    ("extract", {"fritekst.extract"}),
    ("nlp", {"fritekst.nlp"}),
    ("base", {"fritekst.lexicon", "fritekst.privacy", "fritekst.outfiles", "fritekst.errors",
              "fritekst.data"}),
]


def _module(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    """Every fritekst module each module imports, at the top or inside a function; importing
    a submodule by name (``from fritekst.coding import features``) is an edge to it."""
    edges: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        name = _module(path)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                if not target.startswith("fritekst"):
                    continue
                subs = [f"{target}.{a.name}" for a in node.names
                        if (SRC.parent / f"{target}.{a.name}".replace(".", "/")).with_suffix(
                            ".py").exists()]
                names = {a.name for a in node.names}
                if target == "fritekst" and names == {"__version__"}:
                    continue  # the version number, not the API
                found.update(subs or [target])
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.startswith("fritekst"))
        edges[name] = found - {name}
    return edges


def _layer(module: str) -> int:
    for rank, (_, prefixes) in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return rank
    raise AssertionError(f"{module} belongs to no layer; add it to LAYERS")


def test_every_module_has_a_layer_and_imports_only_downwards():
    upward = []
    for module, targets in _imports().items():
        if module == "fritekst":
            continue  # the package's lazy front
        for target in targets:
            if target != "fritekst" and _layer(target) < _layer(module):
                upward.append(f"{module} -> {target}")
    assert upward == []


def test_the_import_graph_has_no_cycles():
    edges = {m: {t for t in ts if t != "fritekst"} for m, ts in _imports().items()}
    state: dict[str, int] = {}
    cycles = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(" -> ".join([*path[path.index(nxt):], nxt]))
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    assert cycles == []


def test_the_cli_takes_every_library_function_from_the_package():
    tree = ast.parse((SRC / "cli.py").read_text(encoding="utf-8"))
    used = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("fritekst"):
            assert node.module in {"fritekst", "fritekst.errors"}, node.module
            if node.module == "fritekst":
                used.update(a.name for a in node.names)
    assert used <= set(fritekst.__all__)
    assert len(used) > 25


@pytest.mark.parametrize("name", [n for n in fritekst.__all__ if n != "__version__"])
def test_every_public_name_is_importable_and_documented(name):
    obj = getattr(fritekst, name)
    assert (obj.__doc__ or "").strip(), f"fritekst.{name} has no docstring"


def test_every_command_has_help_and_is_in_the_readme():
    from typer.main import get_command

    from fritekst.cli import app

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    group = get_command(app)
    for name, command in group.commands.items():
        assert (command.help or "").strip(), name
        assert f"fritekst {name}" in readme, name


def test_the_scripts_import_names_that_exist():
    """The benchmark and training scripts are not run by the tests; their imports are."""
    import importlib

    scripts = sorted((REPO / "scripts").glob("*.py"))
    assert len(scripts) >= 10
    missing = []
    for path in scripts:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("fritekst"):
                module = importlib.import_module(node.module)
                missing += [f"{path.name}: {node.module}.{a.name}" for a in node.names
                            if not hasattr(module, a.name)]
            elif isinstance(node, ast.Import):
                for a in node.names:
                    if a.name.startswith("fritekst"):
                        importlib.import_module(a.name)
    assert missing == []
