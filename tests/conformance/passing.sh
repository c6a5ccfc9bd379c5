#!/usr/bin/env bash
# Regenerates onnx-passing-<backend>.txt: the in-scope ONNX node tests that pass now.
set -euo pipefail
cd "$(dirname "$0")/../.."
backend="${1:-cpu}"
D=/usr/share/libonnx-testdata/data/node
out=$(mktemp -d)
node bin/kiln.js onnx-test $(sed "s|^|$D/|" tests/conformance/onnx-in-scope.txt) --out "$out" --backend "$backend" > "$out/log.txt" || [ $? -eq 1 ] # 1: some tests failed, which this script records
grep -v '^FAIL ' "$out/log.txt" | tail -1
comm -23 <(sort tests/conformance/onnx-in-scope.txt) <(grep '^FAIL ' "$out/log.txt" | sed 's/^FAIL \([^:]*\):.*/\1/' | sort) > "tests/conformance/onnx-passing-$backend.txt"
wc -l < "tests/conformance/onnx-passing-$backend.txt"
