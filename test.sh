#!/usr/bin/env bash
# Install the test dependencies and run the whole suite.
# DATABASE_URL=postgres://… runs it on PostgreSQL; browser tests run when /usr/bin/chromium exists.
set -euo pipefail
cd "$(dirname "$0")"
PY="${PYTHON:-python3}"
VENV="${VENV:-.venv}"
if [ ! -x "$VENV/bin/python" ]; then
  "$PY" -m venv "$VENV"
fi
stamp="$VENV/.installed-test-$(sha1sum pyproject.toml | cut -c1-12)"
if [ ! -f "$stamp" ]; then
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  "$VENV/bin/python" -m pip install --quiet -e '.[test]'
  touch "$stamp"
fi
export THIDUA_DATA_DIR="${THIDUA_DATA_DIR:-$(mktemp -d)}"
if [ -x /usr/bin/chromium ]; then
  echo "Trình duyệt: /usr/bin/chromium — chạy cả kiểm thử giao diện (e2e)."
else
  echo "CẢNH BÁO: không có /usr/bin/chromium — BỎ QUA kiểm thử giao diện (e2e). Cài: apt-get install -y chromium"
fi
echo "Cơ sở dữ liệu: ${DATABASE_URL:+PostgreSQL}${DATABASE_URL:-SQLite}"
"$VENV/bin/ruff" check src tests bench
"$VENV/bin/ruff" format --check src tests bench
"$VENV/bin/lint-imports"  # layers and import cycles: [tool.importlinter] in pyproject.toml
"$VENV/bin/python" -m pytest -n "${TEST_WORKERS:-2}" "$@"
