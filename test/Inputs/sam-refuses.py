#!/usr/bin/env python3
"""Which SAM templates SAM's own transform refuses: runs the SAM translator
(the pinned samtranslator, tools/catalog/sam-translator.version) on each
template and prints the paths it refuses, one a line.

Offline, and as a deployment sees the template: local artefact paths
(`CodeUri: ./src`) become the S3 URIs `sam package` would upload them to,
serverless applications are validated without asking the Serverless
Application Repository, managed policy names resolve through the table the
translator ships, and the region is fixed.

Usage: sam-refuses.py TEMPLATE..."""
import json
import os
import sys

os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")

import samtranslator  # noqa: E402
from samtranslator.model.exceptions import InvalidDocumentException  # noqa: E402
from samtranslator.parser.parser import Parser  # noqa: E402
from samtranslator.plugins.application.serverless_app_plugin import ServerlessAppPlugin  # noqa: E402
from samtranslator.translator.translator import Translator  # noqa: E402
from samtranslator.yaml_helper import yaml_parse  # noqa: E402

ARTEFACTS = {"CodeUri", "ContentUri", "DefinitionUri"}


def packaged(template):
    """The template as `sam package` leaves it: local paths are S3 URIs."""
    for resource in (template.get("Resources") or {}).values():
        props = resource.get("Properties") if isinstance(resource, dict) else None
        if not isinstance(props, dict):
            continue
        for key in ARTEFACTS:
            value = props.get(key)
            if isinstance(value, str) and not value.startswith("s3://"):
                props[key] = "s3://packaged-artefacts/" + value.lstrip("./")
    return template


def managed_policies():
    path = os.path.join(os.path.dirname(samtranslator.__file__), "internal", "data", "aws_managed_policies.json")
    with open(path) as f:
        return json.load(f)["aws"]


def main(paths):
    policies = managed_policies()
    for path in paths:
        with open(path, encoding="utf-8") as f:
            template = yaml_parse(f.read())
        if not isinstance(template, dict):
            continue
        translator = Translator(policies, Parser(), plugins=[ServerlessAppPlugin(validate_only=True)])
        try:
            translator.translate(packaged(template), {}, get_managed_policy_map=lambda: policies)
        except InvalidDocumentException:
            print(path, flush=True)
        except Exception:
            pass  # A crash of the translator is no verdict.


if __name__ == "__main__":
    main(sys.argv[1:])
