"""Compares the assets two `cfc build -o DIR/template.json` wrote, byte for
byte, and prints each identical zip and its entries:

    identical: assets/<sha256>.zip
    entries: index.js

With --extract OUT DEST: unzips OUT's one asset into DEST instead.
Usage: same-assets.py OUT1 OUT2 | same-assets.py --extract OUT DEST
"""
import os
import sys
import zipfile


def zips(out):
    folder = os.path.join(out, "assets")
    return sorted(os.path.join("assets", n) for n in os.listdir(folder) if n.endswith(".zip"))


def main(args):
    if args[0] == "--extract":
        (only,) = zips(args[1])
        zipfile.ZipFile(os.path.join(args[1], only)).extractall(args[2])
        return 0
    one, two = args
    if zips(one) != zips(two):
        print("different assets:", zips(one), zips(two))
        return 1
    for name in zips(one):
        with open(os.path.join(one, name), "rb") as a, open(os.path.join(two, name), "rb") as b:
            if a.read() != b.read():
                print("different bytes:", name)
                return 1
        print("identical:", name)
        print("entries:", " ".join(zipfile.ZipFile(os.path.join(one, name)).namelist()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
