#!/usr/bin/env python3
"""Which SAM templates SAM's own transform refuses: runs the SAM translator
(the pinned samtranslator, tools/catalog/sam-translator.version) on each
template and prints the paths it refuses, one a line. No network: the
managed-policy table the transform may ask for is empty, and the region is
fixed.

Usage: sam-refuses.py TEMPLATE..."""
import os
import sys

os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")

from samtranslator.model.exceptions import InvalidDocumentException  # noqa: E402
from samtranslator.translator.transform import transform  # noqa: E402
from samtranslator.yaml_helper import yaml_parse  # noqa: E402


class NoManagedPolicies:
    def load(self):
        return {}


def main(paths):
    for path in paths:
        with open(path, encoding="utf-8") as f:
            template = yaml_parse(f.read())
        try:
            transform(template, {}, NoManagedPolicies())
        except InvalidDocumentException:
            print(path, flush=True)
        except Exception:
            pass  # A crash of the translator is no verdict.


if __name__ == "__main__":
    main(sys.argv[1:])
