#!/usr/bin/env bash
# Offline checks of the documentation deliverables:
#   openapi   the API description the packaged app served (target/openapi/openapi.json, written by ApiDescriptionIT
#             during ./mvnw verify) validates as OpenAPI 3 and lists every operation
#   compose   compose/docker-compose.yml against the Compose Specification schema, compose/.env.example
# Usage: bash .ci/validate-docs/run.sh [openapi|compose|all]   (needs Node >= 20)
set -euo pipefail

tool_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "${tool_dir}/../.." && pwd)"
what="${1:-all}"

if ! command -v node >/dev/null 2>&1 || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  echo "validate-docs: node >= 20 is required" >&2
  exit 1
fi
# Install the pinned tools on first use, or again when the lock file has changed.
if [ ! -d "${tool_dir}/node_modules" ] \
  || [ "${tool_dir}/package-lock.json" -nt "${tool_dir}/node_modules/.package-lock.json" ]; then
  (cd "${tool_dir}" && npm ci --no-audit --no-fund --silent)
fi

if [ "$what" = openapi ] || [ "$what" = all ]; then
  served="${repo_root}/target/openapi/openapi.json"
  if [ ! -s "$served" ]; then
    echo "validate-docs: ${served} is missing: ./mvnw verify writes it (ApiDescriptionIT, against the packaged app)" >&2
    exit 1
  fi
  node "${tool_dir}/openapi.mjs" "$served"
fi

if [ "$what" = compose ] || [ "$what" = all ]; then
  node "${tool_dir}/compose.mjs" "$repo_root"
  if command -v promtool >/dev/null 2>&1; then
    promtool check config --syntax-only "${repo_root}/compose/prometheus.yml"
  fi
fi
