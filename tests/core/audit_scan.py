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


def _calls(trees: list[ast.Module], func: ast.FunctionDef) -> list[ast.Call]:
    """Every call of ``func`` (by name, in the module defining it or one importing it by name: helpers are shared)."""

    def reaches(tree: ast.Module) -> bool:
        return func in ast.walk(tree) or any(
            isinstance(n, ast.ImportFrom) and any(a.name == func.name for a in n.names) for n in ast.walk(tree)
        )

    return [
        node
        for tree in trees
        if reaches(tree)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and _name(node.func) == func.name
    ]


def _argument(func: ast.FunctionDef, call: ast.Call, param: str) -> str | None:
    """The string literal ``call`` passes for ``param`` (positionally or by keyword), else the default, else None."""
    names = [a.arg for a in func.args.args + func.args.kwonlyargs]
    index = names.index(param)
    if index < len(call.args) and isinstance(call.args[index], ast.Constant):
        return call.args[index].value
    for keyword in call.keywords:
        if keyword.arg == param and isinstance(keyword.value, ast.Constant):
            return keyword.value.value
    return next(iter(_default(func, param)), None)


def _default(func: ast.FunctionDef, param: str) -> set[str]:
    """The string default of ``param`` in ``func``'s signature, if it has one (``verb="update"``)."""
    positional = func.args.args[len(func.args.args) - len(func.args.defaults) :]
    pairs = list(zip(positional, func.args.defaults, strict=True)) + list(
        zip(func.args.kwonlyargs, func.args.kw_defaults, strict=True)
    )
    return {d.value for a, d in pairs if a.arg == param and isinstance(d, ast.Constant) and isinstance(d.value, str)}


def _expand(trees: list[ast.Module], func: ast.FunctionDef | None, value: ast.expr) -> set[str]:
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return {value.value}
    if isinstance(value, ast.JoinedStr) and func is not None:
        # The f-string is filled by the helper's parameters: read them call by call, so each call gives one type.
        holes = [p.value for p in value.values if isinstance(p, ast.FormattedValue)]
        assert all(isinstance(h, ast.Name) for h in holes), ast.unparse(value)
        found = set()
        for call in _calls(trees, func):
            args = {h.id: _argument(func, call, h.id) for h in holes}
            if None not in args.values():
                found.add("".join(p.value if isinstance(p, ast.Constant) else args[p.value.id] for p in value.values))
        return found
    if isinstance(value, ast.IfExp):
        return _expand(trees, func, value.body) | _expand(trees, func, value.orelse)
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
