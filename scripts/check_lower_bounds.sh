#!/usr/bin/env bash
# The lowest versions requirements.txt allows, tested: a throwaway venv over this machine's packages
# with the oldest streamlit and duckdb that requirements.txt accepts, then the AppTest page tests and
# the store tests (or the tests given as arguments).
#   scripts/check_lower_bounds.sh [pytest args...]
# Also prints which older version fails and why, so a bound is never a guess.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=$(mktemp -d)/venv
python -m venv --system-site-packages "$venv"
"$venv/bin/pip" install -q "streamlit==1.65.0" "duckdb==2.0.0"
"$venv/bin/python" -c "import streamlit, duckdb; print('streamlit', streamlit.__version__, 'duckdb', duckdb.__version__)"
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(tests/test_page_overview.py tests/test_page_data.py tests/test_page_journey.py
                               tests/test_page_linkage.py tests/test_page_simulator.py tests/test_store.py
                               tests/test_team_holes.py tests/test_cli.py)
"$venv/bin/python" -m pytest -q -n 2 -p no:cacheprovider "${args[@]}"
# One below the bound, to show why it is the bound (expected to fail):
"$venv/bin/pip" install -q "streamlit==1.64.0"
"$venv/bin/python" -m pytest -q -n 2 -p no:cacheprovider tests/test_page_overview.py \
  -k "code_in_the_url" || echo "streamlit 1.64.0 fails as expected: the lower bound is 1.65"
