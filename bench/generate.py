#!/usr/bin/env python3
"""Write the benchmark's programs: a cfc stack of N resources and the same stack as
an AWS CDK app (plain JavaScript, L1 `Cfn*` constructs), so that both tools build
the same template.

    generate.py N OUT_DIR [--cdk CDK_APP_DIR]        one stack of N resources
    generate.py --stacks K N OUT_DIR [--cdk DIR]     K stacks of N resources each,
                                                     OUT_DIR/stack-001/main.cfn ...
                                                     (one CDK app with K stacks)

The resources cycle through four kinds, each referring to the ones just before
it (Ref, Fn::GetAtt, and "${...}" interpolation over a parameter, attributes and
pseudo parameters):

    i % 4 == 0  aws.sqs.Queue   name "${env}-q<i>-${aws.region}"; from the second
                                group on, a redrive policy to the previous group's queue
    i % 4 == 1  aws.sns.Topic   encrypted; subscribes the queue before it (GetAtt)
    i % 4 == 2  aws.s3.Bucket   KMS encryption; tags with the queue's name (GetAtt)
                                and the topic (Ref), in key order as CDK writes them
    i % 4 == 3  aws.iam.Role    a policy over "${bucket.Arn}/*", the queue and the topic

Every role is also an output (at most 150 per stack). The CDK app is written to
CDK_APP_DIR/app.js; it finds aws-cdk-lib by Node's usual lookup, so put it under
bench/cdk/ (whose node_modules holds the pinned aws-cdk-lib), and writes its
templates to CDK_APP_DIR/cdk.out. Only the standard library is used.
"""
import argparse
import json
import os

MAX_OUTPUTS = 150


def kinds(n):
    for i in range(n):
        yield i, i % 4


def name(i, kind):
    return "qtbr"[kind] + str(i)


def logical(i, kind):
    return "QTBR"[kind] + str(i)


def cfc_program(n, description):
    out = [f'description "{description}"', "", '@description("Prefix of every name: the stage.")',
           'param env: string = "dev"', ""]
    outputs = []
    for i, kind in kinds(n):
        if kind == 0:
            body = [f'QueueName: "${{env}}-q{i}-${{aws.region}}"', "VisibilityTimeout: 60",
                    "MessageRetentionPeriod: 345600"]
            if i >= 4:
                body.append(f"RedrivePolicy: {{ deadLetterTargetArn: q{i - 4}.Arn, maxReceiveCount: 5 }}")
            out.append(f"resource q{i} aws.sqs.Queue {{")
        elif kind == 1:
            body = [f'TopicName: "${{env}}-t{i}"', 'KmsMasterKeyId: "alias/aws/sns"',
                    f'Subscription: [{{ Protocol: "sqs", Endpoint: q{i - 1}.Arn }}]']
            out.append(f"resource t{i} aws.sns.Topic {{")
        elif kind == 2:
            body = [f'BucketName: "${{env}}-b{i}-${{aws.accountId}}-${{aws.region}}"',
                    "BucketEncryption: {",
                    "  ServerSideEncryptionConfiguration: [{",
                    '    ServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: "alias/aws/s3" }',
                    "    BucketKeyEnabled: true",
                    "  }]",
                    "}",
                    f'Tags: [{{ Key: "queue", Value: q{i - 2}.QueueName }}, {{ Key: "topic", Value: t{i - 1} }}]']
            out.append(f"resource b{i} aws.s3.Bucket {{")
        else:
            body = [f'RoleName: "${{env}}-r{i}-${{aws.region}}"',
                    "AssumeRolePolicyDocument: {",
                    '  Version: "2012-10-17"',
                    '  Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }]',
                    "}",
                    "Policies: [{",
                    '  PolicyName: "access"',
                    "  PolicyDocument: {",
                    '    Version: "2012-10-17"',
                    "    Statement: [",
                    f'      {{ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "${{b{i - 1}.Arn}}/*" }},',
                    f'      {{ Effect: "Allow", Action: ["sqs:SendMessage"], Resource: q{i - 3}.Arn }},',
                    f'      {{ Effect: "Allow", Action: ["sns:Publish"], Resource: t{i - 2} }},',
                    "    ]",
                    "  }",
                    "}]"]
            out.append(f"resource r{i} aws.iam.Role {{")
            if len(outputs) < MAX_OUTPUTS:
                outputs.append(f"output r{i}Arn = r{i}.Arn")
        out.extend("  " + line for line in body)
        out.append("}")
        out.append("")
    out.extend(outputs)
    return "\n".join(out) + "\n"


def cfc_stack_files(n, files, description):
    """The stack of cfc_program(n) split into `files` files of one folder
    stack (names are shared between them): {file name: text}. The header
    goes to the first file, the outputs to the last."""
    lines = cfc_program(n, description).split("\n")
    starts = [k for k, line in enumerate(lines) if line.startswith("resource ")]
    first_output = next(k for k, line in enumerate(lines) if line.startswith("output "))
    per_file = (len(starts) + files - 1) // files
    cuts = [0] + [starts[f * per_file] for f in range(1, files)] + [len(lines)]
    out = {}
    for f in range(files):
        chunk = lines[cuts[f]:cuts[f + 1]]
        if f + 1 < files:
            chunk = [line for k, line in enumerate(chunk, cuts[f]) if k < first_output]
        out["part-%02d.cfn" % f] = "\n".join(chunk).rstrip("\n") + "\n"
    return out


def worst_line(kind):
    """The worst inputs for a language server's position conversion, each a
    document of one long line (test/LSP/long-lines.test opens them too):
      list    a 350 KB list on one line, non-ASCII strings in it
      prefix  400 KB of prefix operators on one line
      oversize  a document over the 2 MiB limit (many short lines)"""
    if kind == "list":
        items = ", ".join('"\u00e9%d"' % i for i in range(35000))
        return "let names = [" + items + "]\noutput count = length(names)\n"
    if kind == "prefix":
        return "let flag = " + "!" * 400000 + "true\noutput on = flag\n"
    if kind == "oversize":
        return "let x = 1\n" + "output o = x + 1 // a line among many\n" * 60000
    raise ValueError("unknown kind " + kind)


def js(value):
    return json.dumps(value)


def cdk_stack(n, var, description):
    """The body of one CDK stack, as JavaScript statements on the stack `var`."""
    s = [f"  new cdk.CfnParameter({var}, 'Env', {{ type: 'String', default: 'dev', description: 'Prefix of every name: the stage.' }});"]
    outputs = 0
    for i, kind in kinds(n):
        v = name(i, kind)
        lid = logical(i, kind)
        if kind == 0:
            props = [f"queueName: cdk.Fn.sub({js('${Env}-q%d-${AWS::Region}' % i)})",
                     "visibilityTimeout: 60", "messageRetentionPeriod: 345600"]
            if i >= 4:
                props.append(f"redrivePolicy: {{ deadLetterTargetArn: q{i - 4}.attrArn, maxReceiveCount: 5 }}")
            s.append(f"  const {v} = new sqs.CfnQueue({var}, '{lid}', {{ {', '.join(props)} }});")
        elif kind == 1:
            props = [f"topicName: cdk.Fn.sub({js('${Env}-t%d' % i)})", "kmsMasterKeyId: 'alias/aws/sns'",
                     f"subscription: [{{ protocol: 'sqs', endpoint: q{i - 1}.attrArn }}]"]
            s.append(f"  const {v} = new sns.CfnTopic({var}, '{lid}', {{ {', '.join(props)} }});")
        elif kind == 2:
            props = [f"bucketName: cdk.Fn.sub({js('${Env}-b%d-${AWS::AccountId}-${AWS::Region}' % i)})",
                     "bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: "
                     "{ sseAlgorithm: 'aws:kms', kmsMasterKeyId: 'alias/aws/s3' }, bucketKeyEnabled: true }] }",
                     f"tags: [{{ key: 'queue', value: q{i - 2}.attrQueueName }}, {{ key: 'topic', value: t{i - 1}.ref }}]"]
            s.append(f"  const {v} = new s3.CfnBucket({var}, '{lid}', {{ {', '.join(props)} }});")
        else:
            props = [f"roleName: cdk.Fn.sub({js('${Env}-r%d-${AWS::Region}' % i)})",
                     "assumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', "
                     "Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }",
                     "policies: [{ policyName: 'access', policyDocument: { Version: '2012-10-17', Statement: ["
                     f"{{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: cdk.Fn.sub({js('${B%d.Arn}/*' % (i - 1))}) }}, "
                     f"{{ Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: q{i - 3}.attrArn }}, "
                     f"{{ Effect: 'Allow', Action: ['sns:Publish'], Resource: t{i - 2}.ref }}] }} }}]"]
            s.append(f"  const {v} = new iam.CfnRole({var}, '{lid}', {{ {', '.join(props)} }});")
            if outputs < MAX_OUTPUTS:
                outputs += 1
                s.append(f"  new cdk.CfnOutput({var}, '{lid}Arn', {{ value: {v}.attrArn }});")
    return s


def cdk_app(stacks, description):
    """stacks: list of (stack name, resource count)."""
    lines = [
        "// Generated by bench/generate.py: the cfc benchmark's stack as an AWS CDK app.",
        "// L1 (Cfn*) constructs, so the template is the one cfc builds. Run: node app.js",
        "const path = require('path');",
        "const cdk = require('aws-cdk-lib');",
        "const sqs = require('aws-cdk-lib/aws-sqs');",
        "const sns = require('aws-cdk-lib/aws-sns');",
        "const s3 = require('aws-cdk-lib/aws-s3');",
        "const iam = require('aws-cdk-lib/aws-iam');",
        "",
        "const app = new cdk.App({",
        "  outdir: path.join(__dirname, 'cdk.out'),",
        "  analyticsReporting: false,",
        "  context: { 'aws:cdk:enable-path-metadata': false, 'aws:cdk:version-reporting': false },",
        "});",
        "const synthesizer = () => new cdk.DefaultStackSynthesizer({ generateBootstrapVersionRule: false });",
        "",
    ]
    for idx, (stack_name, n) in enumerate(stacks):
        var = "stack"
        lines.append("{")
        lines.append(f"  const {var} = new cdk.Stack(app, '{stack_name}', {{ synthesizer: synthesizer(), "
                     f"analyticsReporting: false, description: {js(description)} }});")
        lines.extend(cdk_stack(n, var, description))
        lines.append("}")
    lines.append("app.synth();")
    return "\n".join(lines) + "\n"


def write(path, text):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stacks", type=int, help="write this many stacks, one folder each")
    ap.add_argument("resources", type=int, help="resources per stack")
    ap.add_argument("out", help="the .cfn file's folder (or, with --stacks, the folder of folders)")
    ap.add_argument("--cdk", help="also write the CDK app (app.js) into this folder")
    a = ap.parse_args()
    if a.resources < 1 or a.resources > 500:
        ap.error("resources: 1 to 500 (CloudFormation's limit per template)")
    desc = f"cfc benchmark: {a.resources} resources"
    if a.stacks:
        names = []
        for k in range(1, a.stacks + 1):
            write(os.path.join(a.out, f"stack-{k:03d}", "main.cfn"), cfc_program(a.resources, desc))
            names.append((f"Stack{k:03d}", a.resources))
        if a.cdk:
            write(os.path.join(a.cdk, "app.js"), cdk_app(names, desc))
    else:
        write(os.path.join(a.out, "main.cfn"), cfc_program(a.resources, desc))
        if a.cdk:
            write(os.path.join(a.cdk, "app.js"), cdk_app([("Bench", a.resources)], desc))


if __name__ == "__main__":
    main()
