#!/usr/bin/env bash
# Install the peer tools the benchmark compares against, into benchmarks/.tools/
# (ignored by git; nothing here is committed). Safe to re-run.
#
#   node 22 + markdownlint-cli2 0.24  (npm; markdownlint-cli2 0.24 asks for Node >= 22,
#                                      the `node` npm package ships a Node 22 binary)
#   pymarkdownlnt (PyMarkdown, `pymarkdown scan`) and mdformat, in their own venv
#
# Usage: bash benchmarks/setup.sh [--no-node] [--no-python]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tools="$here/.tools"
mkdir -p "$tools"

MARKDOWNLINT_CLI2_VERSION="${MARKDOWNLINT_CLI2_VERSION:-0.24}"
NODE_VERSION="${NODE_VERSION:-22}"
PYMARKDOWN_VERSION="${PYMARKDOWN_VERSION:-0.9.41}"
MDFORMAT_VERSION="${MDFORMAT_VERSION:-1.0.0}"

do_node=1
do_python=1
for arg in "$@"; do
  case "$arg" in
    --no-node) do_node=0 ;;
    --no-python) do_python=0 ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done

if [ "$do_node" = 1 ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "npm not found: install Node.js and npm (e.g. apt-get install nodejs npm), or pass --no-node" >&2
    exit 1
  fi
  mkdir -p "$tools/npm"
  [ -f "$tools/npm/package.json" ] || echo '{"private": true}' > "$tools/npm/package.json"
  npm install --prefix "$tools/npm" --no-audit --no-fund --loglevel=error \
    "node@$NODE_VERSION" "markdownlint-cli2@$MARKDOWNLINT_CLI2_VERSION"
  echo "node: $("$tools/npm/node_modules/.bin/node" --version)"
  echo "markdownlint-cli2: $(cd "$tools/npm" && node_modules/.bin/node node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs --help 2>&1 | head -n 1 || true)"
fi

if [ "$do_python" = 1 ]; then
  python3 -m venv "$tools/venv"
  "$tools/venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    "pymarkdownlnt==$PYMARKDOWN_VERSION" "mdformat==$MDFORMAT_VERSION"
  echo "pymarkdown: $("$tools/venv/bin/pymarkdown" version)"
  echo "mdformat: $("$tools/venv/bin/mdformat" --version)"
fi
