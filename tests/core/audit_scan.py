"""Find every audit event type the source emits, by reading the code (ast): ``audit.record(event_type="…")``
literals, f-strings filled by a helper's string argument (``_audit(actor, sheet, "advance")`` with
``event_type=f"scoring.{event}"``), and local variables assigned string literals (``event = "job.cancel"``)."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "thidua"
RECORDERS = {"record", "record_event", "audit"}


def _name(func: ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _strings(node: ast.AST) -> set[str]:
    return {n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)}


def _trees() -> dict[Path, ast.Module]:
    return {
        path: ast.parse(path.read_text(encoding="utf-8"))
        for path in SRC.rglob("*.py")
        if "migrations" not in path.parts and not (path.name == "audit.py" and path.parent.name == "core")
    }


def _param_values(trees: list[ast.Module], func: ast.FunctionDef, param: str) -> set[str]:
    """String literals passed for ``param`` in every call of ``func`` (by name, in any module: helpers are shared)."""
    names = [a.arg for a in func.args.args + func.args.kwonlyargs]
    index = names.index(param)
    values = set()

    def reaches(tree: ast.Module) -> bool:  # the module defining the helper, or one importing it by name
        return func in ast.walk(tree) or any(
            isinstance(n, ast.ImportFrom) and any(a.name == func.name for a in n.names) for n in ast.walk(tree)
        )

    for call in (node for tree in trees if reaches(tree) for node in ast.walk(tree)):
        if isinstance(call, ast.Call) and _name(call.func) == func.name:
            if index < len(call.args) and isinstance(call.args[index], ast.Constant):
                values.add(call.args[index].value)
            values |= {k.value.value for k in call.keywords if k.arg == param and isinstance(k.value, ast.Constant)}
    return values


def _expand(trees: list[ast.Module], func: ast.FunctionDef | None, value: ast.expr) -> set[str]:
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return {value.value}
    if isinstance(value, ast.JoinedStr) and func is not None:
        parts = value.values
        holes = [p for p in parts if isinstance(p, ast.FormattedValue)]
        assert len(holes) == 1 and isinstance(holes[0].value, ast.Name), ast.unparse(value)
        i = parts.index(holes[0])
        prefix = "".join(p.value for p in parts[:i])
        suffix = "".join(p.value for p in parts[i + 1 :])
        return {prefix + v + suffix for v in _param_values(trees, func, holes[0].value.id)}
    if isinstance(value, ast.Name) and func is not None:
        found = set()
        for node in ast.walk(func):
            if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == value.id for t in node.targets):
                found |= _strings(node.value)
        return found
    raise AssertionError(f"cannot read the event type {ast.unparse(value)}")


def emitted_event_types() -> dict[str, str]:
    """Every event type found, with the file that emits it."""
    found: dict[str, str] = {}
    trees = _trees()
    for path, tree in trees.items():
        owner: dict[ast.Call, ast.FunctionDef] = {}
        for func in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):  # outer first: inner ones win
            for call in ast.walk(func):
                if isinstance(call, ast.Call):
                    owner[call] = func
        for call in ast.walk(tree):
            if not (isinstance(call, ast.Call) and _name(call.func) in RECORDERS):
                continue
            for kw in call.keywords:
                if kw.arg == "event_type":
                    for event in _expand(list(trees.values()), owner.get(call), kw.value):
                        found.setdefault(event, str(path.relative_to(SRC)))
    return found
