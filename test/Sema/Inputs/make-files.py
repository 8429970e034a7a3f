#!/usr/bin/env python3
"""make-files.py DIR COUNT: COUNT empty files in DIR (f00000, f00001, ...),
for a test of an asset with more files than a zip lists."""
import os
import sys

folder, count = sys.argv[1], int(sys.argv[2])
os.makedirs(folder, exist_ok=True)
for i in range(count):
    open(os.path.join(folder, "f%05d" % i), "w").close()
