"""The long fuzz run: mutate the real example plans for a while, check every case loads or
is refused with a located message (exit 2), and print what happened per mutation.

    .venv/bin/python scripts/fuzz.py --minutes 30 [--seed 1]

A failing case is printed with what reproduces it and the run exits 1.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.fuzzing import (
    BOOK_MUTATIONS,
    EXAMPLES,
    TEXT_MUTATIONS,
    mutated_book_case,
    mutated_text_case,
    validate_outcome,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--seed", type=int, default=None, help="for a repeatable run")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    end = time.monotonic() + args.minutes * 60
    tally: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0, 0.0])  # cases ok refused max
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "case"
        while time.monotonic() < end:
            example = rng.choice(EXAMPLES)
            seed = rng.randrange(2**32)
            if rng.random() < 0.25:
                mutation = rng.choice(BOOK_MUTATIONS)
                suffix = "xlsx"
                path = mutated_book_case(work, example, mutation, seed)
            else:
                mutation = rng.choice(TEXT_MUTATIONS)
                suffix = rng.choice(["yaml", "json", "csv"])
                path = mutated_text_case(work, example, suffix, mutation, seed)
            case = f"{example.stem} {suffix} {mutation.__name__} seed={seed}"
            row = tally[f"{suffix} {mutation.__name__}"]
            row[0] += 1
            try:
                outcome = validate_outcome(path, case)
            except Exception as e:
                failures.append(f"{case}: {e}")
                continue
            row[1 if outcome.status == 0 else 2] += 1
            row[3] = max(row[3], outcome.seconds)
    print(f"{'format mutation':<28} {'cases':>6} {'loaded':>7} {'refused':>8} {'slowest s':>10}")
    for key in sorted(tally):
        cases, ok, refused, slowest = tally[key]
        print(f"{key:<28} {cases:>6} {ok:>7} {refused:>8} {slowest:>10.2f}")
    total = sum(r[0] for r in tally.values())
    print(f"{total} cases in {args.minutes} min, {len(failures)} broke the rule")
    for failure in failures[:20]:
        print("FAIL", failure[:2000])
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
