"""Print the pins of pyproject.toml (runtime and extras) that fall behind their latest release on the package index.

Informational only: it always exits 0, also when the index cannot be reached. Usage (from ``.ci/run``):
``.venv/bin/python .ci/outdated.py [pyproject.toml]``; it asks ``pip index versions`` of the running interpreter.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

PIN = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*==\s*([^\s;]+)")
LATEST = re.compile(r"^\S+ \(([^)]+)\)", re.MULTILINE)


def pins(pyproject: Path) -> dict[str, str]:
    """Every ``name==version`` requirement of the project, runtime first, then each optional extra."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    requirements = list(project.get("dependencies", []))
    for extra in project.get("optional-dependencies", {}).values():
        requirements += extra
    found = {}
    for requirement in requirements:
        match = PIN.match(requirement)
        if match:
            found[match.group(1)] = match.group(2)
    return found


def latest(name: str) -> str | None:
    """The newest release of ``name`` on the configured index (pre-releases excluded), or None if unknown."""
    try:
        done = subprocess.run(  # noqa: S603 - our interpreter, a name from our own pyproject
            [sys.executable, "-m", "pip", "index", "versions", name, "--timeout", "10", "--retries", "0"],
            capture_output=True,
            text=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    match = LATEST.search(done.stdout)
    return match.group(1) if done.returncode == 0 and match else None


def is_newer(candidate: str, pinned: str) -> bool:
    """True when ``candidate`` is a later version than ``pinned`` (PEP 440 when ``packaging`` is importable)."""
    try:
        from packaging.version import InvalidVersion, Version
    except ImportError:  # pragma: no cover - pip and pytest bring packaging
        return candidate != pinned
    try:
        return Version(candidate) > Version(pinned)
    except InvalidVersion:
        return candidate != pinned


def behind(pinned: dict[str, str], lookup=latest) -> tuple[list[str], bool]:
    """Lines ``name pinned X, latest Y`` for the pins behind, and whether the index answered at all (asked four at
    a time: one ``pip index versions`` takes a second or two)."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        newest = dict(zip(pinned, pool.map(lookup, pinned), strict=True))
    lines = [
        f"{name} pinned {version}, latest {newest[name]}"
        for name, version in pinned.items()
        if newest[name] is not None and is_newer(newest[name], version)
    ]
    return lines, any(value is not None for value in newest.values())


def main(argv: list[str]) -> int:
    pyproject = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "pyproject.toml"
    lines, answered = behind(pins(pyproject), lookup=latest)
    if not answered:
        print("Không hỏi được chỉ mục gói (PyPI): bỏ qua kiểm tra phiên bản mới.")
    elif lines:
        print("Phụ thuộc có bản phát hành mới hơn bản đang ghim (chỉ để biết, không làm hỏng CI):")
        for line in lines:
            print("  " + line)
    else:
        print("Mọi phụ thuộc đã ghim ở bản phát hành mới nhất.")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except Exception as exc:  # informational: never fail the CI run
        print(f"Không kiểm tra được phiên bản mới: {exc}")
        sys.exit(0)
