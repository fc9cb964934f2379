#!/usr/bin/env bash
# Installs what the tests and the app need on a fresh Debian 12 machine with the .NET 10 SDK:
# Debian packages (Chromium for browser tests, PostgreSQL for the data-layer tests, nginx for the
# proxy tests), the frontend's npm packages and the test OpenID Provider's (tests/oidc-provider).
# Safe to run again: it skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
fc-list 2>/dev/null | grep -qi 'dejavu\|liberation' || need+=(fonts-dejavu-core)

if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "install-prereqs: need root (or sudo) to install: ${need[*]}" >&2; exit 1
  fi
  echo "install-prereqs: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  # The Debian package starts a cluster on 5432; tests start their own servers, so stop it.
  if [[ " ${need[*]} " == *" postgresql "* ]]; then
    $sudo service postgresql stop >/dev/null 2>&1 || true
  fi
  # nginx-light starts a default site; tests run their own nginx with their own config.
  if [[ " ${need[*]} " == *" nginx-light "* ]]; then
    $sudo service nginx stop >/dev/null 2>&1 || true
  fi
fi

# The real OpenID Provider (npm oidc-provider) the OAuth tests start; the fixture runs npm ci too if this did not.
if [ ! -d tests/oidc-provider/node_modules ] || [ tests/oidc-provider/package-lock.json -nt tests/oidc-provider/node_modules/.package-lock.json ]; then
  (cd tests/oidc-provider && npm ci --no-audit --no-fund --loglevel=error)
fi

if [ -f frontend/package.json ]; then
  if [ ! -d frontend/node_modules ] || [ frontend/package-lock.json -nt frontend/node_modules/.package-lock.json ]; then
    (cd frontend && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
