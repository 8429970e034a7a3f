#!/bin/sh
# exit-is N COMMAND...: runs COMMAND and succeeds only if it exits with
# status N, so tests can tell 1 (input errors) from 2 (usage errors).
want=$1
shift
"$@"
got=$?
if [ "$got" -ne "$want" ]; then
  echo "exit-is: '$*' exited with $got, expected $want" >&2
  exit 1
fi
