"""``ar-collections decide``: JSON lines of account snapshots in, JSON lines of decisions out.

Each input line is either a snapshot object (docs/POLICY.md, "Snapshot format") or
``{"snapshot": {...}, "now": "2025-03-12T10:00:00Z", "policy": {...}}`` where
``now`` and ``policy`` (fields of CollectionPolicy, over the ``--policy`` file) are
optional. Each output line is the decision (``Decision.to_dict()``), or
``{"error": "...", "line": N}`` for a line that could not be read; the run goes on
and exits with 1 when any line failed.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime, timezone

from ar_collections_core.policy import CollectionPolicy, decide, snapshot_from_dict
from ar_collections_core.policy.codec import CodecError, from_jsonable

WRAPPER_KEYS = {"snapshot", "now", "policy"}


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "decide",
        help="decide per customer: JSON-lines snapshots on stdin, decisions on stdout",
        description=__doc__,
    )
    parser.add_argument("--policy", help="JSON file with CollectionPolicy fields")
    parser.add_argument(
        "--now", help="decision time, ISO 8601 with a timezone (default: the current time)"
    )
    parser.set_defaults(handler=run)


def parse_now(text: str | None) -> datetime:
    if not text:
        return datetime.now(timezone.utc)
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"now is not an ISO 8601 date-time: {text!r}") from None
    if moment.tzinfo is None:
        raise ValueError(f"now needs a timezone (e.g. {text}Z): {text!r}")
    return moment


def load_policy(path: str | None) -> CollectionPolicy:
    if not path:
        return CollectionPolicy()
    with open(path, encoding="utf-8") as handle:
        return from_jsonable(CollectionPolicy, json.load(handle), "policy")


def decide_line(line: str, policy: CollectionPolicy, now: datetime) -> dict:
    data = json.loads(line)
    if not isinstance(data, dict):
        raise ValueError("each line must be a JSON object")
    if "snapshot" in data and set(data) <= WRAPPER_KEYS:
        if data.get("policy") is not None:
            if not isinstance(data["policy"], dict):
                raise ValueError("policy must be an object of CollectionPolicy fields")
            policy = policy.with_overrides(data["policy"])
        if data.get("now"):
            now = parse_now(data["now"])
        data = data["snapshot"]
    snapshot = snapshot_from_dict(data)
    return decide(snapshot, policy, now).to_dict()


def run(args, stdin=None, stdout=None) -> int:
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    try:
        policy = load_policy(args.policy)
        now = parse_now(args.now)
    except (OSError, ValueError, CodecError) as exc:
        print(f"ar-collections decide: {exc}", file=sys.stderr)
        return 2
    failed = 0
    for number, line in enumerate(stdin, start=1):
        if not line.strip():
            continue
        try:
            result = decide_line(line, policy, now)
        except (ValueError, TypeError, KeyError) as exc:  # JSONDecodeError is a ValueError
            failed += 1
            result = {"error": str(exc), "line": number}
        stdout.write(json.dumps(result, ensure_ascii=False, sort_keys=True) + "\n")
    stdout.flush()
    return 1 if failed else 0
