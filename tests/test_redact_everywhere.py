"""`--redact` on every example and on the import of every seed document, in every output, run
as a user runs it: no full name (any case, any white space), no surname and no first name of
three letters or more (as written, capitalised) may be left.

The seeds are the real plan texts, copied into ``tests/data/seeds/`` so the tests do not
depend on anything outside the repository.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from graphmodel.model import Plan
from loaders.base import read_plan

ROOT = Path(__file__).parent.parent
SEEDS = sorted((ROOT / "tests" / "data" / "seeds").glob("*.txt"))
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))

_HONORIFICS = {"Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Cllr", "Councillor", "Sir", "Dame"}
# Words the importer sometimes files as a person's name that name no one.
_NOT_NAMES = {"Early", "Years", "Education", "Engagement", "Group", "Schools", "Special", "Name"}


def ag(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    return subprocess.run(
        [sys.executable, "-m", "actiongraph", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=600,
    )


def _name_word(word: str) -> bool:
    bare = word.replace("-", "").replace("'", "").replace("’", "")
    return bool(bare) and word[0].isupper() and bare.isalpha() and not word[1:].isupper()


def personal_names(plan: Plan) -> tuple[set[str], set[str]]:
    """The full names of the plan's people that are people's names, and their first names
    and surnames of three letters or more."""
    full, parts = set(), set()
    for person in plan.people:
        for name in (person.name, *person.aliases):
            words = (name or "").split()
            while words and words[0].rstrip(".") in _HONORIFICS:
                words = words[1:]
            if not 2 <= len(words) <= 4 or not all(_name_word(w) for w in words):
                continue
            if any(w in _NOT_NAMES for w in words):
                continue
            full.add(" ".join(words))
            parts |= {w for w in (words[0], words[-1]) if sum(c.isalpha() for c in w) >= 3}
    return full, parts


def leaks(text: str, full: set[str], parts: set[str]) -> list[str]:
    found = [
        n
        for n in full
        if re.search(r"(?<!\w)" + r"\s+".join(map(re.escape, n.split())) + r"(?!\w)", text, re.I)
    ]
    found += [p for p in parts if re.search(r"(?<![\w-])" + re.escape(p) + r"(?![\w-])", text)]
    return sorted(found)


def text_of(path: Path) -> str:
    if path.is_dir():
        return "\n".join(text_of(p) for p in sorted(path.iterdir()))
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    return path.read_text(encoding="utf-8")


def outputs_of(plan: Path, folder: Path) -> dict[str, str]:
    """Every output of the commands that take --redact, for ``plan``."""
    found: dict[str, str] = {}
    for args in (
        ["audit", "--detail"],
        ["audit", "--format", "json"],
        ["audit", "--format", "md"],
        ["coverage", "--format", "md"],
        ["overload", "--format", "json"],
        ["chain"],
    ):
        run = ag(*args[:1], plan, *args[1:], "--redact")
        assert run.returncode in (0, 1), run.stderr
        found[" ".join(args)] = run.stdout + run.stderr
    for suffix in ("yaml", "xlsx"):
        out = folder / f"export.{suffix}"
        assert ag("export", plan, "-o", out, "--redact").returncode == 0
        found[f"export {suffix}"] = text_of(out)
    page = folder / "report.html"
    assert ag("report", plan, "--as-of", "2025-06-01", "-o", page, "--redact").returncode == 0
    import html

    found["report"] = html.unescape(page.read_text(encoding="utf-8"))
    return found


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_no_name_or_part_of_one_in_any_output_of_an_example(example: Path, tmp_path: Path) -> None:
    full, parts = personal_names(read_plan(example).plan_or_raise())
    for what, text in outputs_of(example, tmp_path).items():
        assert leaks(text, full, parts) == [], what


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_no_name_or_part_of_one_in_a_redacted_import(seed: Path, tmp_path: Path) -> None:
    plain = tmp_path / "plain.yaml"
    assert ag("import", seed, "-o", plain, "--report", tmp_path / "plain.txt").returncode == 0
    full, parts = personal_names(read_plan(plain).plan_or_raise())
    texts = {}
    for fmt, suffix in (("text", "yaml"), ("json", "xlsx"), ("md", "json")):
        draft, report = tmp_path / f"draft.{suffix}", tmp_path / f"review.{fmt}"
        run = ag("import", seed, "-o", draft, "--report", report, "--format", fmt, "--redact")
        assert run.returncode == 0, run.stderr
        texts[f"draft {suffix}"] = text_of(draft)
        texts[f"review {fmt}"] = report.read_text(encoding="utf-8")
    printed = ag("import", seed, "-o", tmp_path / "again.yaml", "--redact")
    texts["printed review"] = printed.stdout + printed.stderr
    texts.update(outputs_of(tmp_path / "draft.yaml", tmp_path))
    for what, text in texts.items():
        assert leaks(text, full, parts) == [], what


def test_the_search_finds_what_is_not_redacted(tmp_path: Path) -> None:
    seed = next(s for s in SEEDS if s.name.startswith("004"))
    plain = tmp_path / "plain.yaml"
    assert ag("import", seed, "-o", plain, "--report", tmp_path / "r.txt").returncode == 0
    full, parts = personal_names(read_plan(plain).plan_or_raise())
    assert len(full) >= 10 and "Hannah Jeffery" in full
    assert {"Hannah", "Jeffery"} <= parts
    assert "Hannah Jeffery" in leaks(plain.read_text(encoding="utf-8"), full, parts)


def test_a_post_naming_someone_else_is_redacted(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "area: Testshire\ntitle: T\n"
        "people:\n"
        "- {ref: priya, name: Priya Patel, post: Head of SEND}\n"
        "- {ref: sam, name: Sam Okafor, post: Deputy to Priya Patel}\n"
        "- {ref: kellie, name: Kellie Williams}\n"
        "organisations:\n- {ref: kw-consulting, name: Kellie Williams Consulting}\n"
        "findings:\n- {ref: F1, kind: area_for_improvement, text: Patel and Williams to report}\n"
        "actions:\n- {ref: '1', text: Brief the board, owners: ['person:sam'], addresses: [F1]}\n",
        encoding="utf-8",
    )
    out = tmp_path / "red.yaml"
    assert ag("export", plan, "-o", out, "--redact").returncode == 0
    text = out.read_text(encoding="utf-8")
    assert (
        leaks(text, {"Priya Patel", "Sam Okafor", "Kellie Williams"}, {"Patel", "Williams"}) == []
    )
    assert "Deputy to Head of SEND" in text
    assert re.search(r"Head of SEND and Person [0-9A-F]{4} to report", text)
    assert re.search(r"Person [0-9A-F]{4} Consulting", text)
