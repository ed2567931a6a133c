#!/usr/bin/env bash
# Builds @tensorflow/tfjs-node's native binding without its download: against the TensorFlow C library
# inside the pip wheel tensorflow_cpu (the Keras cross-check's venv, .cache/keras-venv), so that
# `--backend tensorflow` works on a machine that cannot reach storage.googleapis.com. tfjs-node's own
# install script fetches libtensorflow 2.9.1 and a prebuilt addon; offline it fails and npm drops the
# optional dependency. Every `npm ci` removes the addon again: run this script after it.
#   scripts/tfjs-node-from-wheel.sh [venv]     (default .cache/keras-venv, or $KERAS_VENV)
set -euo pipefail
cd "$(dirname "$0")/.."

venv="${1:-${KERAS_VENV:-.cache/keras-venv}}"
fail() { echo "tfjs-node-from-wheel: $*" >&2; exit 1; }

tf_dir="$(ls -d "$venv"/lib/python3*/site-packages/tensorflow 2>/dev/null | head -n1 || true)"
if [ -z "$tf_dir" ] || [ ! -f "$tf_dir/libtensorflow_cc.so.2" ] || [ ! -f "$tf_dir/libtensorflow_framework.so.2" ] || [ ! -d "$tf_dir/include/tensorflow/c" ]; then
  fail "no TensorFlow C library in the venv '$venv' (looked for lib/python3*/site-packages/tensorflow/libtensorflow_cc.so.2 and include/tensorflow/c). Create it first: python3 -m venv $venv && $venv/bin/pip install tensorflow_cpu==2.21.0 (what .ci/run does), or pass another venv as the first argument."
fi
tf_dir="$(cd "$tf_dir" && pwd -P)"

version="$(node -p 'require("./package.json").optionalDependencies["@tensorflow/tfjs-node"]')"
pkg=node_modules/@tensorflow/tfjs-node

# 1. The package and its dependencies (all in the lockfile), without its install script (the download).
if [ ! -f "$pkg/package.json" ]; then
  echo "installing @tensorflow/tfjs-node@$version without its install script"
  npm install --no-save --ignore-scripts --no-audit --no-fund >/dev/null
fi
[ -f "$pkg/package.json" ] || fail "npm did not put @tensorflow/tfjs-node into node_modules; is it still in package.json's optionalDependencies?"

# 2. The layout the binding's build expects: deps/include (the C API's headers) and deps/lib (the two
# libraries, linked, not copied: 850 MB). The names libtensorflow.so.2.9.1 and libtensorflow.so make
# install.js skip its download and let node-gyp link with -ltensorflow.
rm -rf "$pkg/deps"
mkdir -p "$pkg/deps/include/tensorflow/core/platform" "$pkg/deps/include/tsl/platform" "$pkg/deps/include/xla/tsl" "$pkg/deps/lib"
inc="$tf_dir/include"
cp -r "$inc/tensorflow/c" "$pkg/deps/include/tensorflow/"
cp "$inc"/tensorflow/core/platform/ctstring* "$pkg/deps/include/tensorflow/core/platform/"
cp "$inc"/tsl/platform/ctstring* "$pkg/deps/include/tsl/platform/"
cp -r "$inc/xla/tsl/c" "$pkg/deps/include/xla/tsl/"
lib="$pkg/deps/lib"
ln -s "$tf_dir/libtensorflow_cc.so.2" "$lib/libtensorflow_cc.so.2"
ln -s "$tf_dir/libtensorflow_framework.so.2" "$lib/libtensorflow_framework.so.2"
ln -s libtensorflow_cc.so.2 "$lib/libtensorflow.so"
ln -s libtensorflow_cc.so.2 "$lib/libtensorflow.so.2.9.1"
ln -s libtensorflow_framework.so.2 "$lib/libtensorflow_framework.so"

# 3. The addon, compiled by node-gyp (about 30 s).
echo "building the binding against $tf_dir"
if ! npm_config_build_from_source=true npm rebuild @tensorflow/tfjs-node >/tmp/tfjs-node-build.$$.log 2>&1; then
  tail -n 30 "/tmp/tfjs-node-build.$$.log" >&2
  fail "node-gyp could not build the binding (log above; it needs make, a C++ compiler and Node's headers)."
fi
rm -f "/tmp/tfjs-node-build.$$.log"

# 4. Proof: the backend starts and reports the library's version (quiet, as training/tf/backend.ts loads it).
TF_CPP_MIN_LOG_LEVEL=1 TF_ENABLE_ONEDNN_OPTS=0 node -e '
  const tf = require("@tensorflow/tfjs-node");
  if (tf.getBackend() !== "tensorflow") throw new Error(`backend is ${tf.getBackend()}`);
  console.log(`tfjs-node ${tf.version["tfjs-node"]} on TensorFlow ${tf.backend().binding.TF_Version}: backend tensorflow`);
' || fail "the binding was built but @tensorflow/tfjs-node does not start (output above)."
