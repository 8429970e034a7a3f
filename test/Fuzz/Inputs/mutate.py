#!/usr/bin/env python3
"""Mutation test: random mutations of the examples never crash cfc.

Makes COUNT mutants of examples/*/*.cfn (a deterministic random generator:
the same seed gives the same mutants), each by one to three byte and token
edits: delete a span, duplicate a span, insert punctuation or a keyword,
swap two lines, truncate. Runs `cfc build` and `cfc check` on every mutant,
JOBS at a time, and fails when a run
  - ends by a signal (a crash, an abort, a sanitizer report) or with an
    exit status other than 0 (built) or 1 (input errors), or
  - takes a second or more of CPU time (user + system). CPU time, not wall
    time: the machine is shared, and waiting for a core is not slowness.
    A run still going after HANG_SECONDS of wall time is killed and fails.
Failing mutants are kept in OUT with the command that failed.

--replay PIPELINE --cli-every N is the sanitizers' build's run
(Fuzz/mutations-sanitizers.test), where 2,000 processes under
AddressSanitizer took minutes: the pipeline's fuzz target
(fuzz/cfc-fuzz-pipeline: parse, check, lower, the security rules, every
emitter, as cfc build and cfc check do) runs every mutant in one process and
must end normally, and every Nth mutant also goes through cfc build and cfc
check as above, each its own process.
"""
import argparse
import os
import pathlib
import random
import shutil
import signal
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

CPU_LIMIT = 1.0
HANG_SECONDS = 20.0

INSERTIONS = [
    b"{", b"}", b"(", b")", b"[", b"]", b",", b":", b".", b"@", b"->", b"?", b"=", b"==", b"!", b"|", b"&&",
    b"+", b"-", b"*", b"/", b"%", b"\"", b"\"\"\"", b"'", b"${", b"//", b"/*", b"*/", b"\\", b"\\u{",
    b"param", b"let", b"resource", b"output", b"import", b"as", b"for", b"in", b"component", b"fn", b"assert",
    b"type", b"true", b"false", b"none", b"description", b"if", b"else", b"std.", b"aws.", b"@if(", b"@dependsOn(",
    b"raw(", b"join(", b"0", b"-1", b"1e999", b"99999999999999999999", b"10s", b"1GiB", b"x", b"_", b"\n",
    b"\t", b"\x00", b"\xff", b"\xc3\xa9", b"\xf0\x9f\x98\x80", b"[[[[[[[[", b"((((((((", b"${${${",
    b"resource r aws.s3.Bucket {", b"import std.storage", b"for i in [1, 2] ", b"let a = a",
]


def delete_span(rng, data):
    if not data:
        return data
    start = rng.randrange(len(data))
    return data[:start] + data[start + rng.randint(1, 40):]


def duplicate_span(rng, data):
    if not data:
        return data
    start = rng.randrange(len(data))
    span = data[start:start + rng.randint(1, 80)]
    at = rng.randrange(len(data) + 1)
    return data[:at] + span + data[at:]


def insert_token(rng, data):
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.choice(INSERTIONS) + data[at:]


def swap_lines(rng, data):
    lines = data.split(b"\n")
    if len(lines) < 2:
        return data
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines)


def truncate(rng, data):
    return data[:rng.randrange(len(data) + 1)]


# Truncation once in a while: it removes most of what the others test.
MUTATIONS = [delete_span] * 3 + [duplicate_span] * 3 + [insert_token] * 4 + [swap_lines] * 2 + [truncate]


def mutate(rng, data):
    for _ in range(rng.randint(1, 3)):
        data = rng.choice(MUTATIONS)(rng, data)
    return data


def run(command, hang=HANG_SECONDS, log=os.devnull):
    """(how it ended, CPU seconds, wall seconds): 'exit N', 'signal NAME' or 'hung'."""
    with open(log, "wb") as null:
        actions = [(os.POSIX_SPAWN_DUP2, null.fileno(), 1), (os.POSIX_SPAWN_DUP2, null.fileno(), 2)]
        start = time.monotonic()
        pid = os.posix_spawn(command[0], command, os.environ, file_actions=actions)
    hung = threading.Event()

    def kill():
        hung.set()
        os.kill(pid, signal.SIGKILL)

    timer = threading.Timer(hang, kill)
    timer.start()
    _, status, usage = os.wait4(pid, 0)
    timer.cancel()
    wall = time.monotonic() - start
    cpu = usage.ru_utime + usage.ru_stime
    if hung.is_set():
        return "hung", cpu, wall
    if os.WIFSIGNALED(status):
        return "signal " + signal.Signals(os.WTERMSIG(status)).name, cpu, wall
    return "exit %d" % os.WEXITSTATUS(status), cpu, wall


def check_mutant(cfc, path):
    """The failures of cfc build and cfc check on one mutant, and the runs' outcomes."""
    failures, outcomes = [], []
    for command in ([cfc, "build", str(path)], [cfc, "check", str(path)]):
        ended, cpu, wall = run(command)
        outcomes.append((ended, cpu, wall))
        if ended not in ("exit 0", "exit 1"):
            failures.append("%s: %s" % (" ".join(command), ended))
        elif cpu >= CPU_LIMIT:
            failures.append("%s: %.2f s of CPU time" % (" ".join(command), cpu))
    return failures, outcomes


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cfc", required=True)
    parser.add_argument("--examples", type=pathlib.Path, required=True)
    parser.add_argument("--out", type=pathlib.Path, required=True)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--replay", help="a fuzz target's replay binary to run every mutant through")
    parser.add_argument("--cli-every", type=int, default=1, help="run every Nth mutant through cfc")
    args = parser.parse_args()
    cfc = shutil.which(args.cfc) or args.cfc
    examples = sorted(args.examples.glob("*/*.cfn"))
    if not examples:
        sys.exit("mutate.py: no examples in %s" % args.examples)
    sources = [p.read_bytes() for p in examples]

    rng = random.Random(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    mutants = []
    for i in range(args.count):
        which = rng.randrange(len(examples))
        path = args.out / ("%04d-%s.cfn" % (i, examples[which].parent.name))
        path.write_bytes(mutate(rng, sources[which]))
        mutants.append(path)

    started = time.monotonic()
    replay_failed = 0
    if args.replay:
        # One process for all: the hang bound grows with the mutants, and
        # its output is kept beside OUT (OUT.replay.txt).
        log = args.out.parent / (args.out.name + ".replay.txt")
        ended, cpu, wall = run([args.replay, str(args.out)], hang=HANG_SECONDS * len(mutants) / 20, log=log)
        print("%d mutants through %s in one process: %s" % (len(mutants), os.path.basename(args.replay), ended))
        replay_failed = ended != "exit 0"
    sample = mutants[::args.cli_every]
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(lambda p: check_mutant(cfc, p), sample))
    elapsed = time.monotonic() - started

    statuses, failed = {}, 0
    slowest_cpu = slowest_wall = 0.0
    for path, (failures, outcomes) in zip(sample, results):
        for ended, cpu, wall in outcomes:
            statuses[ended] = statuses.get(ended, 0) + 1
            slowest_cpu, slowest_wall = max(slowest_cpu, cpu), max(slowest_wall, wall)
        for failure in failures:
            print("FAIL %s: %s" % (path, failure))
            failed += 1
    failing = {path for path, (failures, _) in zip(sample, results) if failures}
    for path in mutants:
        if path not in failing and not replay_failed:
            path.unlink()  # Only failing mutants are kept (all of them when the replay failed).
    print("%d mutants of %d examples: %d runs of cfc build and cfc check" % (
        len(mutants), len(examples), 2 * len(sample)) +
        (" (every %dth mutant)" % args.cli_every if args.cli_every > 1 else ""))
    print("outcomes: %s; slowest run %.0f ms of CPU time (%.0f ms wall); %.1f s in all" % (
        ", ".join("%s: %d" % kv for kv in sorted(statuses.items())), slowest_cpu * 1000, slowest_wall * 1000,
        elapsed), file=sys.stderr)
    if failed or replay_failed:
        print("%d failing runs" % (failed + replay_failed))
        sys.exit(1)
    print("no crash, every exit status 0 or 1, every run under %g s of CPU time" % CPU_LIMIT)


if __name__ == "__main__":
    main()
