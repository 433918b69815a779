"""``python -m bench.load_share``: where ``load.json``'s CPU time goes, part by part.

Reads the benchmark's synthetic JSON plans (``--plans``, default 240; written first if
missing) inside :func:`graphmodel.collector.collector_owned`, as ``python -m bench`` runs them,
and times, per plan: the JSON parser alone (the floor of the target), :func:`read_plan`
whole, and its parts -- the standard library's parse with the duplicate-key hook and
numbers kept as text, pydantic's ``Plan.model_validate``, the integrity checks
(``plan_problems``) -- and, for comparison, pydantic validating the bytes directly
(``Plan.model_validate_json``), which cannot report duplicate keys, and pydantic's own
floor: the same data into the same tree of models with every value taken as it is (no
validator of ours, no constraint), which no change to the model's validators can beat.

    python -m bench.load_share --plans 240
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ConfigDict, create_model

from bench.__main__ import DATA


def bare_model(model: type[BaseModel]) -> type[BaseModel]:
    """``model`` with its fields and nesting (lists of entities, an entity) but every other
    value taken as it is: what pydantic costs before any validation of values.

    >>> from graphmodel.model import Plan
    >>> bare = bare_model(Plan)
    >>> plan = bare.model_validate({"area": " A ", "actions": [{"ref": "1", "due": 5}]})
    >>> plan.area, plan.actions[0].due, type(plan.actions[0]).__name__
    (' A ', 5, 'Action')
    """
    from graphmodel.model import Entity

    def bare(annotation: Any) -> Any:
        if get_origin(annotation) is list:
            (item,) = get_args(annotation)
            if isinstance(item, type) and issubclass(item, Entity):
                return list[bare_model(item)]  # type: ignore[misc]
            return list[Any]
        nested = [a for a in get_args(annotation) or (annotation,) if isinstance(a, type)]
        if nested and issubclass(nested[0], Entity):
            return bare_model(nested[0]) | None
        return Any

    fields: dict[str, Any] = {
        name: (bare(info.annotation), None) for name, info in model.model_fields.items()
    }
    made: type[BaseModel] = create_model(
        model.__name__, __config__=ConfigDict(extra="forbid"), **fields
    )
    return made


def _clock(work: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    start = time.process_time()
    result = work()
    return time.process_time() - start, result


def shares(paths: list[Path]) -> dict[str, float]:
    """CPU seconds per plan of each part of loading ``paths`` (see the module docstring)."""
    from graphmodel.collector import collector_owned, gc_paused
    from graphmodel.integrity import plan_problems
    from graphmodel.model import Plan
    from loaders.canonical import json_pairs
    from loaders.plans import read_plan

    raws = [p.read_bytes() for p in paths]
    read_plan(paths[0])  # imports and caches warm

    def parsed() -> list[Any]:
        with gc_paused():
            return [
                json.loads(
                    raw.decode("utf-8"),
                    object_pairs_hook=json_pairs([]),
                    parse_float=str,
                    parse_int=str,
                    parse_constant=str,
                )
                for raw in raws
            ]

    def each(work: Callable[[Any], Any], items: list[Any]) -> list[Any]:
        out = []
        for item in items:
            with gc_paused():
                out.append(work(item))
        return out

    with collector_owned():
        floor, _ = _clock(lambda: [json.loads(raw) for raw in raws])
        whole, results = _clock(lambda: [read_plan(p) for p in paths])
        plans = [r.plan_or_raise() for r in results]
        parse, data = _clock(parsed)
        model, _ = _clock(lambda: each(Plan.model_validate, data))
        integrity, _ = _clock(lambda: each(lambda p: list(plan_problems(p)), plans))
        from_bytes, _ = _clock(lambda: each(Plan.model_validate_json, raws))
        bare = bare_model(Plan)
        floor_of_pydantic, _ = _clock(lambda: each(bare.model_validate, data))
    n = len(paths)
    return {
        "json.loads alone (the floor)": floor / n,
        "read_plan (load.json)": whole / n,
        "  parse, duplicate keys found, numbers as text": parse / n,
        "  pydantic Plan.model_validate": model / n,
        "  integrity checks (plan_problems)": integrity / n,
        "  the rest (reading, decoding, depth check, result)": (whole - parse - model - integrity)
        / n,
        "Plan.model_validate_json of the bytes (no duplicate keys)": from_bytes / n,
        "pydantic alone: the same models, no value validated": floor_of_pydantic / n,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load_share", description=__doc__)
    parser.add_argument("--plans", type=int, default=240)
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args(argv)
    from bench.synthetic import write_plans

    parts = shares(write_plans(args.data / "json", args.plans, "json"))
    floor, whole = parts["json.loads alone (the floor)"], parts["read_plan (load.json)"]
    print(f"{args.plans} plans, CPU ms per plan:")
    for what, seconds in parts.items():
        share = f"  {seconds / whole:4.0%} of load" if what.startswith("  ") else ""
        print(f"  {what:<60} {seconds * 1000:6.2f}{share}")
    print(f"load.json / json.loads: {whole / floor:.1f}x (target <= 3x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
