"""Runs a command against a private AWS emulator on 127.0.0.1.

    with_moto.py [--fixture SCENARIO] COMMAND ARG...

(Not called moto.py: the file would hide the moto package from itself.)

Starts one moto_server (moto 5) on a free loopback port, or with --fixture
the small fake of aws_fixture.py for what moto cannot answer (access
denied, throttling, expired credentials), waits until it answers, runs
COMMAND with the AWS variables pointing at it (fake credentials,
AWS_REGION=us-east-1, AWS_ENDPOINT_URL), and always stops it. Exits with
COMMAND's status. Nothing but 127.0.0.1 is ever contacted: the variables
that could name a profile or another endpoint are cleared.

moto 5.2 keeps a stack's outputs from before a change set runs (its
execute_change_set does not recompute them, as update_stack does); the
server started here patches that one step, so that deploys through change
sets see their outputs as on AWS.

COMMAND also gets PYTHON (this interpreter, which has boto3) and
MOTO_ENDPOINT, for checks written in Python.
"""
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url, server, deadline=30.0):
    start = time.time()
    while time.time() - start < deadline:
        if server.poll() is not None:
            sys.exit("with_moto.py: the server exited at once (status %d)" % server.returncode)
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return
        except urllib.error.HTTPError:
            return  # It answered, if only with an error.
        except Exception:
            time.sleep(0.1)
    sys.exit("with_moto.py: the server did not answer within %ds" % deadline)


def serve_patched_moto(port):
    """moto_server, with a stack's outputs recomputed after a change set runs."""
    from moto.cloudformation.models import CloudFormationBackend
    from moto.server import main as moto_main

    original = CloudFormationBackend.execute_change_set

    def execute_change_set(self, change_set_name, stack_name=None):
        original(self, change_set_name, stack_name)
        for stack in self.stacks.values():
            stack._parse_template()
            stack.output_map = stack._create_output_map()

    CloudFormationBackend.execute_change_set = execute_change_set
    moto_main(["-H", "127.0.0.1", "-p", str(port)])


def main(argv):
    if len(argv) == 2 and argv[0] == "--serve":
        return serve_patched_moto(int(argv[1]))
    fixture = None
    if len(argv) >= 2 and argv[0] == "--fixture":
        fixture, argv = argv[1], argv[2:]
    if not argv:
        sys.exit(__doc__)
    port = free_port()
    here = os.path.dirname(os.path.abspath(__file__))
    if fixture:
        server_cmd = [sys.executable, os.path.join(here, "aws_fixture.py"), str(port), fixture]
    else:
        server_cmd = [sys.executable, os.path.abspath(__file__), "--serve", str(port)]
    # A test runner that gives up on the test (lit's timeout) sends SIGTERM:
    # leave through the finally below, which stops the server.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    log = open(os.devnull, "w")
    server = subprocess.Popen(server_cmd, stdout=log, stderr=log, start_new_session=True)
    endpoint = "http://127.0.0.1:%d" % port
    try:
        wait_until_up(endpoint + "/", server)
        env = dict(os.environ)
        for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN",
                     "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"):
            env.pop(name, None)
        env.update({
            "AWS_ENDPOINT_URL": endpoint,
            "MOTO_ENDPOINT": endpoint,
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_REGION": "us-east-1",
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_CONFIG_FILE": os.devnull,
            "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
            "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_PAGER": "",
            "CFC_AWS_RETRY_BASE_MS": "10",
            "PYTHON": sys.executable,
        })
        return subprocess.call(argv, env=env)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
