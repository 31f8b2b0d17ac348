#!/bin/sh
# Build the demo project and pack it into dist/.
set -eu
mkdir -p dist
python3 -m py_compile src/hello.py
tar -czf dist/demo.tar.gz src docs
echo "built dist/demo.tar.gz"
