#!/usr/bin/env bash
# Offline validation of k8s/, Dockerfile.jvm, Dockerfile.native and .dockerignore.
# Usage: bash .ci/validate-deploy/run.sh   (from any directory; needs Node >= 20,
# and uses kubectl for rendering when it is on PATH).
set -euo pipefail

tool_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "${tool_dir}/../.." && pwd)"

if ! command -v node >/dev/null 2>&1; then
  echo "validate-deploy: node (>= 20) is required" >&2
  exit 1
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "${node_major}" -lt 20 ]; then
  echo "validate-deploy: node >= 20 is required, found $(node --version)" >&2
  exit 1
fi

# Install the pinned tools on first use, or again when the lock file has changed.
if [ ! -d "${tool_dir}/node_modules" ] \
  || [ "${tool_dir}/package-lock.json" -nt "${tool_dir}/node_modules/.package-lock.json" ]; then
  (cd "${tool_dir}" && npm ci --no-audit --no-fund --silent)
fi

exec node "${tool_dir}/validate.mjs" "${repo_root}"
