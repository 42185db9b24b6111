"""Shared by the client scripts: a deadline loop and the JSON report the tests read."""
import json
import sys
import time


def until(cond, seconds=30.0, what='condition', step=None):
    """Call step() (if given) and cond() until cond() is true; fail after the deadline."""
    deadline = time.monotonic() + seconds
    while True:
        if step:
            step()
        value = cond()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError('timed out waiting for ' + what)
        if not step:
            time.sleep(0.02)


def report(data):
    """The script's result: one JSON document on stdout."""
    json.dump(data, sys.stdout, sort_keys=True)
    sys.stdout.write('\n')
    sys.stdout.flush()


def text(b):
    return None if b is None else b.decode('utf-8')
