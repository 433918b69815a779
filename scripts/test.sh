#!/usr/bin/env bash
# Install everything the tests need into .venv, then lint, type-check and run every test.
# This is the README's test command and exactly what CI runs (.ci/run).
# Extra arguments go to pytest: bash scripts/test.sh -k periods
#
# bash scripts/test.sh --fast: the quick local run. It installs no system packages and skips
# the tests marked slow (browser, LibreOffice, Bolt server, fuzzing; see tests/conftest.py),
# and Hypothesis draws at most 10 examples a test (the dev profile). CI never passes it.
set -euo pipefail
cd "$(dirname "$0")/.."

fast=0
if [ "${1:-}" = "--fast" ]; then
    fast=1
    shift
fi

# The browser tests drive Debian's chromium (Playwright's own browser download cannot work
# offline); install it once, as root or through sudo.
if [ "$fast" -eq 0 ] && ! command -v chromium >/dev/null 2>&1; then
    echo "== installing Debian's chromium for the browser tests"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

# The tracker tests open the exported workbook in LibreOffice headless (Debian's
# libreoffice-calc): the plan sheets must read back the same from its CSV and xlsx; the
# screenshot in docs/screenshots/ is made the same way (and poppler-utils' pdftoppm).
if [ "$fast" -eq 0 ] && { ! command -v soffice >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; }; then
    echo "== installing Debian's libreoffice-calc and poppler-utils for the tracker tests"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
        libreoffice-calc poppler-utils >/dev/null
fi

python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'

echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== mypy"
.venv/bin/mypy
echo "== pytest"
status=0
if [ "$fast" -eq 1 ]; then
    ACTIONGRAPH_HYPOTHESIS_PROFILE=dev .venv/bin/python -m pytest -m "not slow" "$@" || status=$?
else
    .venv/bin/python -m pytest "$@" || status=$?
fi
if [ "$status" -eq 5 ]; then
    echo "pytest collected no tests: the test run is misconfigured" >&2
    exit 1
fi
exit "$status"
