#!/usr/bin/env bash
# The one command that runs every test: provisions what the tests need (Docker engine, static busybox,
# Chromium, test images), builds the app, then runs type-check, lint, unit, integration and UI tests. Every
# stage runs even when an earlier one fails; the last line is the plain summary `N passed, N failed`.
set -uo pipefail
cd "$(dirname "$0")/.."
reports=.test-reports
rm -rf "$reports" && mkdir -p "$reports"
stage() { printf '\n=== %s ===\n' "$1"; }
record() { printf '%s %s\n' "$1" "$2" >>"$reports/checks.txt"; } # name pass|fail

stage "provision"
if bash scripts/ensure-docker.sh; then record provision-docker pass; else record provision-docker fail; fi
if bash scripts/ensure-chromium.sh; then record provision-chromium pass; else record provision-chromium fail; fi
if bash scripts/build-test-images.sh; then record test-images pass; else record test-images fail; fi

# What an earlier, interrupted run left (test-labelled only): a machine keeps its Docker state between runs, and
# leftover networks use up the engine's address pools.
bash scripts/clean-test-leftovers.sh

stage "build (electron-vite: main, preload, renderer)"
if npx electron-vite build >"$reports/build.log" 2>&1 && bash scripts/build-proxy.sh >>"$reports/build.log" 2>&1; then record build pass; else cat "$reports/build.log"; record build fail; fi

stage "type-check"
if npx tsc --noEmit -p tsconfig.json; then record typecheck pass; else record typecheck fail; fi

stage "lint"
if npx eslint .; then record lint pass; else record lint fail; fi

stage "unit tests"
npx vitest run --project unit --reporter=default --reporter=json --outputFile.json="$reports/unit.json"

stage "integration tests (real Docker engine, real skiff serve, real kubectl and client-node)"
# Two files at a time (each has its own `skiff serve`, data dir and namespaces); then, alone, the suites that
# restart or starve the shared engine.
npx vitest run --project integration --reporter=default --reporter=json --outputFile.json="$reports/integration.json"
npx vitest run --project integration-exclusive --reporter=default --reporter=json --outputFile.json="$reports/integration-exclusive.json"

stage "UI tests (Playwright, Debian Chromium)"
npx playwright test

stage "cleanup"
bash scripts/clean-test-leftovers.sh

stage "summary"
node scripts/summarize-tests.js "$reports"
