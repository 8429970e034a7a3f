"""Copies each uploaded image to the thumbnail bucket under a thumbnail key.

Invoked asynchronously by S3 (ObjectCreated). A failure raises, so Lambda
retries the event and finally sends it to the dead-letter queue.
"""
import os
import urllib.parse

import boto3

from naming import thumbnail_key

s3 = boto3.client("s3")


def handler(event, context):
    target = os.environ["THUMBNAILS"]
    for record in event["Records"]:
        bucket = record["s3"]["bucket"]["name"]
        # S3 event keys are URL-encoded ("my+photo.jpg").
        key = urllib.parse.unquote_plus(record["s3"]["object"]["key"])
        body = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
        s3.put_object(Bucket=target, Key=thumbnail_key(key), Body=body)
    return {"resized": len(event["Records"])}
