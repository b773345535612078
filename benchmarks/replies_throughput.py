"""Reply understanding throughput on one core: ``python benchmarks/replies_throughput.py``.

Reads the shipped corpus' raw messages (every split) round-robin through the offline
engine, after a warm-up, with the date cache cleared before each reply (as if every
reply were new), and prints replies per second. Target: >= 200 replies/s.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ar_collections_core.replies import OpenInvoice, understand
from ar_collections_core.replies.corpus import read_corpus
from ar_collections_core.replies.dates import _dateparser_parse


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--replies", type=int, default=2000, help="replies to read (timed)")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    jobs = [
        (
            example["message"],
            date.fromisoformat(example["today"]),
            example["partner_lang"],
            [OpenInvoice.from_mapping(row) for row in example["open_invoices"]],
        )
        for example in read_corpus()
    ]
    for message, today, lang, invoices in jobs:  # warm-up: imports, dateparser languages
        understand(message, today=today, partner_lang=lang, open_invoices=invoices)
    started, cpu_started = time.perf_counter(), time.process_time()
    for index in range(args.replies):
        message, today, lang, invoices = jobs[index % len(jobs)]
        _dateparser_parse.cache_clear()  # as if every reply were new: no cached dates
        understand(message, today=today, partner_lang=lang, open_invoices=invoices)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    # On a shared machine the wall clock counts time spent waiting for the core; the CPU
    # time is what the work itself costs on one core.
    print(f"{args.replies} replies in {elapsed:.2f} s on one core: "
          f"{args.replies / elapsed:.0f} replies/s wall clock, "
          f"{args.replies / cpu:.0f} replies/s of CPU time (target >= 200)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
