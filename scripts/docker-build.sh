#!/usr/bin/env bash
# Build the cx-workbench image: the wheel first (as CI builds it), then the Dockerfile.
#   scripts/docker-build.sh [TAG]        (default tag: cx-workbench)
# Needs a Docker engine (not on the development machines; CI does not run it).
set -euo pipefail
cd "$(dirname "$0")/.."
tag=${1:-cx-workbench}
rm -rf dist && python -m pip wheel --no-deps -w dist .
docker build -t "$tag" .
echo "Built $tag: docker run --rm -p 8501:8501 $tag   then open http://localhost:8501"
