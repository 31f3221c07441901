"""Upgrading loses no data: a database made by the code before issue 8 (demo data and an eligibility run in it) is
migrated by today's code, and every table keeps its rows — row counts and a sample of rows, column by column.

How: the base commit's ``src`` is extracted with ``git archive``; in subprocesses with that old ``src`` first on
``PYTHONPATH`` the old code migrates a fresh database, loads ``thidua demo``, runs one eligibility job and snapshots
every table; then today's code runs ``migrate`` on the same database and snapshots again.

* SQLite always; PostgreSQL when ``DATABASE_URL`` points at one (a throwaway database is created and dropped).
* Skipped when the git history (the base commit) is not available, e.g. in a shallow clone; deselect with
  ``-m "not upgrade"``.
* The old code runs in this venv. If it fails there (a dependency bumped since has dropped something it uses), or
  with ``THIDUA_UPGRADE_PINNED=1``, it runs in a venv built from the base commit's own pins, cached in
  ``~/.cache/thidua-upgrade-venv-<hash>`` (building it needs the package index).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import tomllib
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REPO = Path(__file__).resolve().parent.parent
BASE_COMMIT = "aa8dade"  # main just before issue 8 (catalogue app, tasks framework, slices …)

# Old table -> new table, for every model that moved between apps (its rows must all be there under the new name).
TABLE_MOVES: dict[str, str] = {"awards_award": "catalogue_award"}  # issue 8: the award catalogue has its own app
# Bookkeeping tables that gain rows on upgrade (new migrations, content types and permissions of new models).
GROWING_TABLES = {"django_migrations", "django_content_type", "auth_permission"}
SAMPLE_ROWS = 20
TIMEOUT = 600


def _base_commit_available() -> bool:
    try:
        found = subprocess.run(
            ["git", "-C", str(REPO), "cat-file", "-e", f"{BASE_COMMIT}^{{commit}}"], capture_output=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return found.returncode == 0


pytestmark = [
    pytest.mark.upgrade,
    pytest.mark.skipif(not _base_commit_available(), reason=f"git history with {BASE_COMMIT} is not available"),
]

# Run with either code base's settings; prints nothing, writes {table: {count, pk, columns, rows}} as JSON.
SNAPSHOT_SCRIPT = """
import json, sys
import django
django.setup()
from django.db import connection

def plain(value):
    if value is None or isinstance(value, (bool, int, float, str, dict, list)):
        return value
    if isinstance(value, (bytes, memoryview)):
        return bytes(value).hex()
    return str(value)

quote = connection.ops.quote_name
tables = {}
with connection.cursor() as cursor:
    for table in sorted(connection.introspection.table_names(cursor)):
        columns = [c.name for c in connection.introspection.get_table_description(cursor, table)]
        pk = connection.introspection.get_primary_key_column(cursor, table)
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
        count = cursor.fetchone()[0]
        rows = []
        if pk:
            names = ", ".join(quote(c) for c in columns)
            cursor.execute(f"SELECT {names} FROM {quote(table)} ORDER BY {quote(pk)} LIMIT %s", [int(sys.argv[2])])
            rows = [[plain(v) for v in row] for row in cursor.fetchall()]
        tables[table] = {"count": count, "pk": pk, "columns": columns, "rows": rows}
with open(sys.argv[1], "w", encoding="utf-8") as out:
    json.dump(tables, out, ensure_ascii=False)
"""

# The base commit's own API: queue one eligibility run of the demo data and run it inline (Job + run + results).
OLD_ELIGIBILITY_SCRIPT = """
import django
django.setup()
from thidua.awards.selectors import ELIGIBILITY_JOB
from thidua.core.jobs import job_enqueue
from thidua.core.models import User

actor = User.objects.order_by("pk").first()
job = job_enqueue(actor=actor, kind=ELIGIBILITY_JOB, title="Xét 2025", params={"year": 2025}, run_inline=True)
job.refresh_from_db()
assert job.status == "done", (job.status, job.log)
"""


def _run(python: str, args: list[str], env: dict[str, str], cwd: Path) -> None:
    done = subprocess.run([python, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT)
    if done.returncode:
        command = " ".join(args[:3])
        raise RuntimeError(f"{command} failed ({done.returncode}):\n{done.stdout[-3000:]}{done.stderr[-5000:]}")


def _env(src: Path, data_dir: Path, database_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "PYTHONPATH", "THIDUA_ENV"}}
    env.update(
        PYTHONPATH=str(src),
        THIDUA_DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="thidua.config.settings",
        PYTHONWARNINGS="ignore",
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _extract_base(dest: Path) -> Path:
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", BASE_COMMIT, "src", "pyproject.toml"],
        capture_output=True,
        check=True,
        timeout=120,
    )
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(dest, filter="data")
    return dest


def _pinned_python(old_pyproject: Path) -> str:
    """A venv with exactly the base commit's runtime pins (built once, then reused from the cache)."""
    pins = tomllib.loads(old_pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]
    key = hashlib.sha1("\n".join([sys.version, *pins]).encode()).hexdigest()[:12]
    venv = Path.home() / ".cache" / f"thidua-upgrade-venv-{key}"
    python = venv / "bin" / "python"
    if not (venv / ".complete").exists():
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True, timeout=TIMEOUT)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", *pins], check=True, timeout=1800)
        (venv / ".complete").touch()
    return str(python)


def _snapshot(python: str, env: dict[str, str], cwd: Path, name: str) -> dict:
    script = cwd / "snapshot.py"
    script.write_text(SNAPSHOT_SCRIPT, encoding="utf-8")
    out = cwd / f"{name}.json"
    _run(python, [str(script), str(out), str(SAMPLE_ROWS)], env, cwd)
    return json.loads(out.read_text(encoding="utf-8"))


def _old_database(python: str, env: dict[str, str], cwd: Path) -> dict:
    """Migrate, load the demo and run an eligibility job with the old code; its snapshot."""
    _run(python, ["-m", "django", "migrate", "--noinput", "-v", "0"], env, cwd)
    _run(python, ["-m", "django", "demo"], env, cwd)
    _run(python, ["-c", OLD_ELIGIBILITY_SCRIPT], env, cwd)
    return _snapshot(python, env, cwd, "before")


def _compare_table(old_table: str, old: dict, new_table: str, new: dict) -> list[str]:
    problems = []
    grown = new_table in GROWING_TABLES and new["count"] > old["count"]
    if new["count"] != old["count"] and not grown:
        problems.append(f"{old_table} → {new_table}: {old['count']} rows before, {new['count']} after")
    if not old["pk"] or not new["pk"]:
        return problems
    common = [c for c in old["columns"] if c in new["columns"]]
    old_rows = {row[old["columns"].index(old["pk"])]: row for row in old["rows"]}
    new_rows = {row[new["columns"].index(new["pk"])]: row for row in new["rows"]}
    for key, row in old_rows.items():
        if key not in new_rows:
            problems.append(f"{old_table} → {new_table}: row {key!r} is gone")
            continue
        for column in common:
            before, after = row[old["columns"].index(column)], new_rows[key][new["columns"].index(column)]
            if before != after:
                problems.append(f"{old_table} → {new_table} row {key!r}.{column}: {before!r} became {after!r}")
    return problems


def _compare(before: dict, after: dict) -> list[str]:
    problems = []
    for old_table, old in before.items():
        new_table = TABLE_MOVES.get(old_table, old_table)
        if new_table not in after:
            problems.append(f"table {old_table} is gone (if its model moved, map it in TABLE_MOVES)")
            continue
        problems += _compare_table(old_table, old, new_table, after[new_table])
    return problems


def _empty_postgres(url: str | None) -> None:
    if url:
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("DROP SCHEMA public CASCADE")
            conn.execute("CREATE SCHEMA public")


@pytest.fixture
def database_url():
    """None for SQLite; for PostgreSQL (``DATABASE_URL``) the URL of a throwaway database, dropped afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield None
        return
    import psycopg

    name = f"thidua_upgrade_{uuid.uuid4().hex[:10]}"
    server = urlsplit(url)._replace(path="/postgres").geturl()
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlsplit(url)._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_upgrade_from_base_commit_keeps_every_row(tmp_path, database_url):
    old_src = _extract_base(tmp_path / "base") / "src"
    old_env = _env(old_src, tmp_path / "data", database_url)
    python = sys.executable
    if os.environ.get("THIDUA_UPGRADE_PINNED") == "1":
        python = _pinned_python(old_src.parent / "pyproject.toml")
    try:
        before = _old_database(python, old_env, tmp_path)
    except RuntimeError:
        if python != sys.executable:
            raise
        # Today's pins no longer carry the old code: start again, in a venv with the old pins.
        python = _pinned_python(old_src.parent / "pyproject.toml")
        old_env["THIDUA_DATA_DIR"] = str(tmp_path / "data-pinned")
        _empty_postgres(database_url)
        before = _old_database(python, old_env, tmp_path)
    assert sum(1 for table in before.values() if table["count"]) >= 20, "the old demo data did not load"
    assert before["awards_eligibilityresult"]["count"] > 0, "the old eligibility run stored no results"

    new_env = _env(REPO / "src", Path(old_env["THIDUA_DATA_DIR"]), database_url)
    _run(sys.executable, ["-m", "django", "migrate", "--noinput", "-v", "0"], new_env, tmp_path)
    after = _snapshot(sys.executable, new_env, tmp_path, "after")

    problems = _compare(before, after)
    assert not problems, f"{len(problems)} differences after the upgrade:\n" + "\n".join(problems[:60])
