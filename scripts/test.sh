#!/usr/bin/env bash
# Install what the tests need and run the whole suite:
# system libraries for Qt, poppler (PDF to PNG), a PostgreSQL server on
# 127.0.0.1:5432 if none answers, the virtualenv with the test extras.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
apt_install "${QT_RUNTIME[@]}" poppler-utils postgresql-client

if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    apt_install postgresql
    version=$(ls /etc/postgresql | sort -n | tail -1)
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || pg_ctlcluster "$version" main start
    for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi

make_venv "[test]"
exec .venv/bin/python -m pytest -n auto "$@"
