#!/usr/bin/env bash
# Set up Thidua on a fresh machine and serve it: virtualenv, dependencies, migrations, demo data, web server.
# Usage: ./run.sh            (PORT=8000 by default; THIDUA_DATA_DIR moves the SQLite file and uploads;
#                              THIDUA_DEBUG=1 is the developer mode — detailed error pages, never with real data)
set -euo pipefail
cd "$(dirname "$0")"
PY="${PYTHON:-python3}"
"$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Thidua cần Python >= 3.11")'
if [ ! -x .venv/bin/python ]; then
  echo "→ Tạo môi trường ảo .venv"
  "$PY" -m venv .venv
fi
stamp=.venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)
if [ ! -f "$stamp" ]; then
  echo "→ Cài đặt thư viện"
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e .
  touch "$stamp"
fi
echo "→ Cập nhật cơ sở dữ liệu"
.venv/bin/thidua migrate --noinput -v 0
echo "→ Nạp dữ liệu mẫu"
.venv/bin/thidua demo
PORT="${PORT:-8000}"
# Serves with DEBUG off (unless THIDUA_DEBUG=1) and prints where to open it, how to stop it and where the data is.
exec .venv/bin/thidua serve "127.0.0.1:${PORT}"
