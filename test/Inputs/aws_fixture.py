"""A fake AWS endpoint on 127.0.0.1 for what moto cannot answer.

    aws_fixture.py PORT SCENARIO

Answers AWS Query-protocol requests (CloudFormation, STS) as a real
endpoint does in SCENARIO:
  access-denied    every call: 403 AccessDenied naming the action
  expired          every call: 403 ExpiredToken
  throttled        the first two calls: 400 Throttling; then DescribeStacks
                   answers a stack "api" with one output
  always-throttled every call: 400 Throttling
  in-progress      DescribeStacks: stack "api" in UPDATE_IN_PROGRESS
  name-taken       DescribeStacks: no such stack; CreateChangeSet:
                   AlreadyExistsException (created meanwhile by someone else)
  slow             a CloudFormation that takes its time: a create runs over
                   several polls (for the live view)
  fails-then-ok    the first create fails (a table's name is taken) and
                   rolls back to ROLLBACK_COMPLETE; a second deploy deletes
                   the stack and creates it again, which works
Every request is counted in the X-Fixture-Calls header of the reply.
"""
import sys
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SCENARIO = sys.argv[2] if len(sys.argv) > 2 else "access-denied"
CALLS = {"n": 0}


def error(code, message, sender=True):
    return ("<ErrorResponse><Error><Type>%s</Type><Code>%s</Code><Message>%s</Message></Error>"
            "<RequestId>fixture</RequestId></ErrorResponse>" % ("Sender" if sender else "Receiver", code, message))


def stack(status):
    return ("<DescribeStacksResponse><DescribeStacksResult><Stacks><member>"
            "<StackName>api</StackName><StackId>arn:aws:cloudformation:us-east-1:123456789012:stack/api/1</StackId>"
            "<StackStatus>%s</StackStatus><Outputs><member><OutputKey>Url</OutputKey>"
            "<OutputValue>https://example.invalid/api</OutputValue></member></Outputs>"
            "</member></Stacks></DescribeStacksResult></DescribeStacksResponse>" % status)


ARN = "arn:aws:cloudformation:us-east-1:123456789012:stack/api/1"
STACK = {"status": None, "events": [], "pending": [], "creates": 0}


def event(logical, rtype, status, reason=""):
    """An event; its id is given when it happens (advance)."""
    return {"id": None, "logical": logical, "type": rtype, "status": status, "reason": reason}


def happen(e):
    e["id"] = "e%d" % (len(STACK["events"]) + 1)
    STACK["events"].append(e)


def stack_event(status, reason=""):
    return event("api", "AWS::CloudFormation::Stack", status, reason)


def queue(*events):
    for e in events:
        STACK["pending"].append(e)


def advance():
    """Each look at the stack moves the script one event on."""
    if STACK["pending"]:
        e = STACK["pending"].pop(0)
        happen(e)
        if e["type"] == "AWS::CloudFormation::Stack":
            STACK["status"] = e["status"]


def member_events():
    out = []
    for e in reversed(STACK["events"]):
        out.append("<member><EventId>%s</EventId><StackName>api</StackName><StackId>%s</StackId>"
                   "<LogicalResourceId>%s</LogicalResourceId><ResourceType>%s</ResourceType>"
                   "<ResourceStatus>%s</ResourceStatus><ResourceStatusReason>%s</ResourceStatusReason>"
                   "<Timestamp>2026-12-07T12:00:00Z</Timestamp></member>"
                   % (e["id"], ARN, e["logical"], e["type"], e["status"], e["reason"]))
    return "".join(out)


def scripted(action, form):
    """A stack whose operations take several polls (slow, fails-then-ok)."""
    name = form.get("StackName", [""])[0]
    if action == "DescribeStacks":
        advance()
        if STACK["status"] is None or (STACK["status"] == "DELETE_COMPLETE" and name != ARN):
            return 400, error("ValidationError", "Stack with id %s does not exist" % name)
        return 200, stack(STACK["status"]).replace(
            "arn:aws:cloudformation:us-east-1:123456789012:stack/api/1", ARN)
    if action == "DescribeStackEvents":
        return 200, ("<DescribeStackEventsResponse><DescribeStackEventsResult><StackEvents>%s</StackEvents>"
                     "</DescribeStackEventsResult></DescribeStackEventsResponse>" % member_events())
    if action == "CreateChangeSet":
        STACK["status"] = "REVIEW_IN_PROGRESS"
        happen(stack_event("REVIEW_IN_PROGRESS", "User Initiated"))
        return 200, ("<CreateChangeSetResponse><CreateChangeSetResult><Id>cs-1</Id><StackId>%s</StackId>"
                     "</CreateChangeSetResult></CreateChangeSetResponse>" % ARN)
    if action == "DescribeChangeSet":
        changes = "".join("<member><Type>Resource</Type><ResourceChange><Action>Add</Action>"
                          "<LogicalResourceId>%s</LogicalResourceId><ResourceType>%s</ResourceType>"
                          "</ResourceChange></member>" % c
                          for c in [("Jobs", "AWS::SQS::Queue"), ("Orders", "AWS::DynamoDB::Table")])
        return 200, ("<DescribeChangeSetResponse><DescribeChangeSetResult><ChangeSetId>cs-1</ChangeSetId>"
                     "<Status>CREATE_COMPLETE</Status><ExecutionStatus>AVAILABLE</ExecutionStatus>"
                     "<Changes>%s</Changes></DescribeChangeSetResult></DescribeChangeSetResponse>" % changes)
    if action == "ExecuteChangeSet":
        STACK["creates"] += 1
        fail = SCENARIO == "fails-then-ok" and STACK["creates"] == 1
        queue(stack_event("CREATE_IN_PROGRESS", "User Initiated"),
              event("Jobs", "AWS::SQS::Queue", "CREATE_IN_PROGRESS"),
              event("Orders", "AWS::DynamoDB::Table", "CREATE_IN_PROGRESS"))
        if fail:
            queue(event("Orders", "AWS::DynamoDB::Table", "CREATE_FAILED",
                        "Resource handler returned message: \"Table already exists: orders-dev\""),
                  event("Jobs", "AWS::SQS::Queue", "CREATE_FAILED", "Resource creation cancelled"),
                  stack_event("ROLLBACK_IN_PROGRESS",
                              "The following resource(s) failed to create: [Orders, Jobs]. Rollback requested by user."),
                  event("Jobs", "AWS::SQS::Queue", "DELETE_COMPLETE"),
                  event("Orders", "AWS::DynamoDB::Table", "DELETE_COMPLETE"),
                  stack_event("ROLLBACK_COMPLETE"))
        else:
            queue(event("Jobs", "AWS::SQS::Queue", "CREATE_COMPLETE"),
                  event("Orders", "AWS::DynamoDB::Table", "CREATE_IN_PROGRESS", "Eventual consistency check initiated"),
                  event("Orders", "AWS::DynamoDB::Table", "CREATE_COMPLETE"),
                  stack_event("CREATE_COMPLETE"))
        return 200, "<ExecuteChangeSetResponse><ExecuteChangeSetResult/></ExecuteChangeSetResponse>"
    if action == "DeleteChangeSet":
        return 200, "<DeleteChangeSetResponse/>"
    if action == "DeleteStack":
        queue(stack_event("DELETE_IN_PROGRESS", "User Initiated"), stack_event("DELETE_COMPLETE"))
        return 200, "<DeleteStackResponse/>"
    return 400, error("InvalidAction", "the fixture does not answer %s in %s" % (action, SCENARIO))


def answer(action, form):
    n = CALLS["n"]
    if SCENARIO in ("slow", "fails-then-ok"):
        return scripted(action, form)
    if SCENARIO == "access-denied":
        return 403, error("AccessDenied", "User: arn:aws:iam::123456789012:user/ci is not authorized to perform: "
                          "cloudformation:%s on resource: arn:aws:cloudformation:us-east-1:123456789012:stack/api/*"
                          % action)
    if SCENARIO == "expired":
        return 403, error("ExpiredToken", "The security token included in the request is expired")
    if SCENARIO == "always-throttled" or (SCENARIO == "throttled" and n <= 2):
        return 400, error("Throttling", "Rate exceeded")
    if SCENARIO == "in-progress" and action == "DescribeStacks":
        return 200, stack("UPDATE_IN_PROGRESS")
    if SCENARIO == "name-taken":
        if action == "DescribeStacks":
            return 400, error("ValidationError", "Stack with id api does not exist")
        if action == "CreateChangeSet":
            return 400, error("AlreadyExistsException", "Stack [api] already exists")
    if action == "DescribeStacks":
        return 200, stack("CREATE_COMPLETE")
    return 400, error("InvalidAction", "the fixture does not answer %s in %s" % (action, SCENARIO))


class Handler(BaseHTTPRequestHandler):
    def reply(self, status, body):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/xml")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Fixture-Calls", str(CALLS["n"]))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def do_GET(self):
        self.reply(200, "<ok/>")

    do_HEAD = do_GET

    def do_POST(self):
        CALLS["n"] += 1
        length = int(self.headers.get("Content-Length", "0"))
        form = urllib.parse.parse_qs(self.rfile.read(length).decode())
        action = form.get("Action", ["?"])[0]
        self.reply(*answer(action, form))

    do_PUT = do_POST

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
