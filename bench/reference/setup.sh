#!/usr/bin/env bash
# Creates the Python reference environment in bench/reference/.venv with pinned
# versions, so the PyOD fixtures and timings can be regenerated. Python is used
# only as a reference here; the product code is TypeScript.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/.venv"
python_bin="${PYTHON:-python3}"

if [[ ! -x "$venv/bin/python" ]]; then
  "$python_bin" -m venv "$venv"
fi

"$venv/bin/pip" install --quiet --upgrade pip
"$venv/bin/pip" install --quiet \
  pyod==3.6.5 \
  scikit-learn==1.9.1 \
  numpy==2.4.6 \
  scipy==1.17.1
# PyOD's FeatureBagging and LSCP import combo; --no-deps keeps the pins above.
"$venv/bin/pip" install --quiet --no-deps combo==0.1.3

"$venv/bin/python" -c 'import pyod, sklearn, numpy, scipy; print("pyod", pyod.__version__, "sklearn", sklearn.__version__, "numpy", numpy.__version__, "scipy", scipy.__version__)'
