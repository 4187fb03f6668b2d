#!/usr/bin/env bash
# Install counter and open the cashier's desk on built-in demo data (no server needed).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
apt_install "${QT_RUNTIME[@]}"
make_venv ""
exec .venv/bin/counter --data-dir demo-data gui --demo "$@"
