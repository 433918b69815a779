"""How close `actiongraph import` comes to the hand-checked examples, seed by seed.

Run: python bench/import_accuracy.py [SEEDS_DIR [CORPUS_DIR]]  (defaults tests/data/seeds
and tests/data/documents)

Each seed is paired with the example plan whose area its text names most often. Actions are
matched one to one by the likeness of their texts (at least 0.6, greedy, best first). Per
seed it prints:

* rows: example actions recovered (matched) / example actions, and how many drafted;
* owners: matched actions whose responsible/accountable owners are the example's, each with
  the same basis (each owner named by one of its labels: name, post, aliases; involved ones
  ignored; an owner the example marks inferred, such as from a merged cell, must be inferred
  in the draft too, and a stated one stated);
* due: matched actions whose due period has the example's bounds (both undated counts);
* findings: links action -> finding (through the action, its objective or its priority),
  findings paired by text, each with its basis (an inferred link recorded as stated is a
  miss); precision and recall over matched actions.

Then, per document of the layout corpus (the same plan, ``truth.yaml``, written in many
layouts by ``tests/data/documents/make_corpus.py``): actions recovered, owners right (with
their basis), due months right (the month the due period ends), finding links right (an
action's set of findings is the truth's, each with the truth's basis), findings found (by
text), against the targets :data:`TARGETS`. A directory of other documents each with a
``<name>.truth.yaml`` beside it is measured the same way.
"""

from __future__ import annotations

import difflib
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graphmodel.model import OwnerRole, Plan  # noqa: E402
from loaders.documents import import_document  # noqa: E402
from loaders.names import name_key  # noqa: E402
from loaders.plans import load_plan  # noqa: E402

EXAMPLES = ["warrington", "cheshire-east", "wirral", "peterborough", "worcestershire"]
SEEDS = ROOT / "tests" / "data" / "seeds"
CORPUS = ROOT / "tests" / "data" / "documents"
SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".html", ".htm", ".xlsx", ".csv")
TARGETS = {"actions": 0.95, "owners": 0.90, "due": 0.90, "links": 0.90, "findings": 0.95}
"""The share each layout of the corpus must reach."""


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _match(example: Plan, draft: Plan) -> list[tuple[Any, Any]]:
    ex = [(a, name_key(a.text)[:300]) for a in example.actions]
    dr = [(a, name_key(a.text)[:300]) for a in draft.actions]
    scored = []
    for i, (_, et) in enumerate(ex):
        for j, (_, dt) in enumerate(dr):
            m = difflib.SequenceMatcher(None, et, dt, autojunk=False)
            if m.real_quick_ratio() >= 0.6 and m.quick_ratio() >= 0.6:
                r = m.ratio()
                if r >= 0.6:
                    scored.append((r, i, j))
    scored.sort(reverse=True)
    used_e, used_d, pairs = set(), set(), []
    for _, i, j in scored:
        if i not in used_e and j not in used_d:
            used_e.add(i)
            used_d.add(j)
            pairs.append((ex[i][0], dr[j][0]))
    return pairs


def _labels(plan: Plan) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for p in plan.people:
        out[f"person:{p.ref}"] = {name_key(x) for x in (p.name, p.post, *p.aliases) if x}
    for o in plan.organisations:
        out[f"organisation:{o.ref}"] = {name_key(x) for x in (o.name, *o.aliases)}
    for b in plan.boards:
        out[f"board:{b.ref}"] = {name_key(x) for x in (b.name, *b.aliases)}
    return out


def _owners(action: Any, labels: dict[str, set[str]]) -> list[tuple[set[str], bool]]:
    """The labels of the answerable owners, each with whether it is inferred (an owner the
    document states and one a reader inferred, such as from a merged cell, are not the same
    answer: an inferred owner recorded as stated is a miss, and the other way round)."""
    return [
        (labels.get(str(o.party), set()), o.inferred)
        for o in action.owners
        if o.role is not OwnerRole.INVOLVED
    ]


def _owners_right(ea: Any, da: Any, el: dict[str, set[str]], dl: dict[str, set[str]]) -> bool:
    want, got = _owners(ea, el), _owners(da, dl)
    if len(want) != len(got):
        return False
    free = list(got)
    for labels, inferred in want:
        hit = next((g for g in free if g[0] & labels and g[1] == inferred), None)
        if hit is None:
            return False
        free.remove(hit)
    return True


def _due_right(ea: Any, da: Any) -> bool:
    if ea.due is None or da.due is None:
        return ea.due is None and da.due is None
    if ea.due.is_dated or da.due.is_dated:
        return (ea.due.start, ea.due.end) == (da.due.start, da.due.end)
    return name_key(ea.due.text) == name_key(da.due.text)


def _links(plan: Plan, action: Any) -> set[tuple[str, bool]]:
    """(finding ref, inferred) of the action's links: through the action, else its objective,
    else its priority. A link's basis is part of the answer."""
    found = {(str(x), x.inferred) for x in action.addresses}
    objectives = {o.ref: o for o in plan.objectives}
    priorities = {p.ref: p for p in plan.priorities}
    if not found and action.objective in objectives:
        found |= {(str(x), x.inferred) for x in objectives[action.objective].addresses}
    if not found and action.priority in priorities:
        found |= {(str(x), x.inferred) for x in priorities[action.priority].addresses}
    return found


def _paired(links: set[tuple[str, bool]], fpair: dict[str, str]) -> set[tuple[str, bool]]:
    return {(fpair.get(r, f"?{r}"), inferred) for r, inferred in links}


def _finding_pairs(example: Plan, draft: Plan) -> dict[str, str]:
    """draft finding ref -> example finding ref, by text (at least 0.5 alike)."""
    out = {}
    for f in draft.findings:
        best = max(
            ((_ratio(name_key(f.text), name_key(e.text)), e.ref) for e in example.findings),
            default=(0.0, ""),
        )
        if best[0] >= 0.5:
            out[f.ref] = best[1]
    return out


def measure(example: Plan, draft: Plan) -> dict[str, Any]:
    pairs = _match(example, draft)
    el, dl = _labels(example), _labels(draft)
    fpair = _finding_pairs(example, draft)
    owners = sum(_owners_right(e, d, el, dl) for e, d in pairs)
    due = sum(_due_right(e, d) for e, d in pairs)
    both = sum(_owners_right(e, d, el, dl) and _due_right(e, d) for e, d in pairs)
    tp = fp = fn = 0
    for e, d in pairs:
        want = _links(example, e)
        got = _paired(_links(draft, d), fpair)
        tp += len(want & got)
        fp += len(got - want)
        fn += len(want - got)
    return {
        "example": len(example.actions),
        "drafted": len(draft.actions),
        "matched": len(pairs),
        "owners": owners,
        "due": due,
        "both": both,
        "precision": tp / (tp + fp) if tp + fp else None,
        "recall": tp / (tp + fn) if tp + fn else None,
    }


def _due_month(ea: Any, da: Any) -> bool:
    """Both undated, or both ending in the same month."""

    def month(action: Any) -> tuple[int, int] | None:
        due = action.due
        if due is None or not due.is_dated:
            return None
        day = due.end or due.start
        return (day.year, day.month) if day else None

    return month(ea) == month(da)


def measure_layout(truth: Plan, draft: Plan) -> dict[str, float]:
    """Shares (0-1) of the truth's actions recovered, and of recovered ones with the right
    owners, due month and findings; and of the truth's findings found."""
    pairs = _match(truth, draft)
    el, dl = _labels(truth), _labels(draft)
    fpair = _finding_pairs(truth, draft)
    n = len(pairs) or 1
    links = sum(_paired(_links(draft, d), fpair) == _links(truth, e) for e, d in pairs)
    found = set(fpair.values())
    return {
        "actions": len(pairs) / (len(truth.actions) or 1),
        "owners": sum(_owners_right(e, d, el, dl) for e, d in pairs) / n,
        "due": sum(_due_month(e, d) for e, d in pairs) / n,
        "links": links / n,
        "findings": len(found) / (len(truth.findings) or 1),
        "drafted": len(draft.actions),
    }


def corpus_rows(directory: Path) -> list[tuple[str, dict[str, float] | str]]:
    """(document, measures or the error) for every document of a corpus directory: each
    document against ``<name>.truth.yaml`` beside it, else against ``truth.yaml``."""
    shared = directory / "truth.yaml"
    out: list[tuple[str, dict[str, float] | str]] = []
    for doc in sorted(directory.iterdir()):
        if doc.suffix.lower() not in SUFFIXES:
            continue
        own = doc.with_name(doc.name + ".truth.yaml")
        truth_path = own if own.exists() else shared
        if not truth_path.exists():
            continue
        try:
            draft = import_document(doc).plan
        except Exception as e:  # a refused document is a row of the table too
            out.append((doc.name, f"not imported: {str(e)[:70]}"))
            continue
        out.append((doc.name, measure_layout(load_plan(truth_path), draft)))
    return out


def print_corpus(directory: Path) -> bool:
    """Print the per-layout table; True if every layout meets :data:`TARGETS`."""
    header = (
        f"{'layout':<26} {'actions':>8} {'owners':>8} {'due':>8} {'links':>8}"
        f" {'findings':>8} {'drafted':>7}  meets targets"
    )
    print(header)
    print("-" * len(header))
    ok = True
    for name, m in corpus_rows(directory):
        if isinstance(m, str):
            print(f"{name:<26} {m}")
            ok = False
            continue
        meets = all(m[k] >= v for k, v in TARGETS.items())
        ok = ok and meets
        print(
            f"{name:<26} {_pct(m['actions']):>8} {_pct(m['owners']):>8} {_pct(m['due']):>8}"
            f" {_pct(m['links']):>8} {_pct(m['findings']):>8} {int(m['drafted']):>7}"
            f"  {'yes' if meets else 'NO'}"
        )
    return ok


def _pct(n: float | None, d: int = 1) -> str:
    return "-" if n is None or d == 0 else f"{100 * n / d:5.1f}%"


def main() -> None:
    seeds = Path(sys.argv[1]) if len(sys.argv) > 1 else SEEDS
    corpus = Path(sys.argv[2]) if len(sys.argv) > 2 else CORPUS
    examples = {name: load_plan(ROOT / "examples" / f"{name}.yaml") for name in EXAMPLES}
    header = (
        f"{'seed':<26} {'example':<15} {'rows':>15} {'drafted':>7} {'owners':>7} {'due':>7}"
        f" {'both':>7} {'link P':>7} {'link R':>7} {'secs':>5}"
    )
    print(header)
    print("-" * len(header))
    for seed in sorted(seeds.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        name = max(examples, key=lambda n: text.count(examples[n].area))
        started = time.perf_counter()
        try:
            draft = import_document(seed).plan
        except Exception as e:  # a seed the importer refuses is a row of the table too
            print(f"{seed.name:<26} {name:<15} not imported: {str(e)[:60]}")
            continue
        secs = time.perf_counter() - started
        m = measure(examples[name], draft)
        rows = f"{m['matched']}/{m['example']} {_pct(m['matched'], m['example'])}"
        print(
            f"{seed.name:<26} {name:<15} {rows:>15} {m['drafted']:>7}"
            f" {_pct(m['owners'], m['matched']):>7} {_pct(m['due'], m['matched']):>7}"
            f" {_pct(m['both'], m['matched']):>7} {_pct(m['precision']):>7}"
            f" {_pct(m['recall']):>7} {secs:5.1f}"
        )
    print()
    print_corpus(corpus)


if __name__ == "__main__":
    main()
