# Shared by scripts/demo and scripts/test: make sure uv is there and the locked environment is installed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export UV_PYTHON_DOWNLOADS=never
PY=$(command -v python3.11 || command -v python3)
if ! "$PY" -m uv --version >/dev/null 2>&1; then
  echo "==> installing uv (package manager) from PyPI"
  "$PY" -m pip install --quiet "uv==0.13.8" 2>/dev/null || "$PY" -m pip install --quiet --user "uv==0.13.8"
fi
UV=("$PY" -m uv)
echo "==> installing Tollbook and its locked dependencies into .venv"
"${UV[@]}" sync --frozen --all-extras --python "$PY" --quiet
