#!/usr/bin/env python3
"""Prints a template whose one property nests 100,000 lists deep: the
diff must refuse it (CFC7103) rather than recurse into it."""
depth = 100000
print('{"Resources": {"Jobs": {"Type": "AWS::SQS::Queue", "Properties": {"Tags": '
      + "[" * depth + "]" * depth + "}}}}")
