#!/usr/bin/env python3
"""Checks that each ZIP given is valid (every entry's CRC, read back by
Python's zipfile) and prints its entries for FileCheck, one per line:
`name mode method size`, then the SHA-256 of the content an asset key
names (cfc-asset-1, IR/AssetDigest.cpp) so the key can be checked against
the file's name; then what `unzip -t` says of it, when unzip is installed."""
import hashlib
import os
import shutil
import subprocess
import sys
import zipfile

def first_entry(path):
    with zipfile.ZipFile(path) as z:
        return z.namelist()[:1]


# By first entry, not by key, so that the order says which zip is which.
for path in sorted(sys.argv[1:], key=first_entry):
    with zipfile.ZipFile(path) as z:
        bad = z.testzip()
        if bad is not None:
            sys.exit("%s: entry %s is corrupt" % (path, bad))
        digest = hashlib.sha256(b"cfc-asset-1\n")
        print("zip %s: %d entries" % (os.path.basename(path), len(z.infolist())))
        for info in z.infolist():
            mode = (info.external_attr >> 16) & 0o777
            method = {0: "stored", 8: "deflated"}[info.compress_type]
            print("  %s %o %s %d %s" % (info.filename, mode, method, info.file_size,
                                        "%04d-%02d-%02d" % info.date_time[:3]))
            data = z.read(info)
            digest.update(b"%s\0%s\0%d\0" % (info.filename.encode(), b"755" if mode & 0o100 else b"644",
                                             len(data)))
            digest.update(data)
        name = os.path.basename(path)
        print("key matches content: %s" % (name == digest.hexdigest() + ".zip"))
        if shutil.which("unzip"):
            tested = subprocess.run(["unzip", "-tq", path], capture_output=True, text=True)
            print("unzip -t: %s" % tested.stdout.strip().split(" in compressed data")[0])
