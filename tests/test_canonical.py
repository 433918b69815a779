"""Canonical YAML and JSON: scalars kept as text, exact round trips, located problems."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import yaml
from hypothesis import HealthCheck, given, settings
from strategies import plans

from graphmodel import Plan
from graphmodel.model import plan_json_schema
from loaders import load_plan, read_plan, write_plan
from loaders.canonical import dump_json, dump_yaml

TEACHING = Path(__file__).parent.parent / "examples" / "teaching.yaml"


def test_the_teaching_example_is_in_canonical_form() -> None:
    """Loading and writing it again gives the same bytes: the file is what the writer emits."""
    assert dump_yaml(load_plan(TEACHING)) == TEACHING.read_text(encoding="utf-8")


def test_yaml_json_yaml_is_identical(tmp_path: Path) -> None:
    plan = load_plan(TEACHING)
    write_plan(plan, tmp_path / "p.json")
    write_plan(load_plan(tmp_path / "p.json"), tmp_path / "p.yaml")
    assert (tmp_path / "p.yaml").read_bytes() == TEACHING.read_bytes()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_generated_plans_round_trip_through_yaml_and_json(plan: Plan) -> None:
    for dump in (dump_yaml, dump_json):
        text = dump(plan)
        data = yaml.load(text, Loader=yaml.SafeLoader) if dump is dump_yaml else json.loads(text)
        assert Plan.model_validate(data) == plan


def test_scalars_stay_text(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        "area: Norway\ntitle: 'yes'\nactions:\n"
        "- {ref: 1.10, text: no, due: 2024-03-31, depends_on: [1.2]}\n"
        "- {ref: 1.2, text: on}\n",
        encoding="utf-8",
    )
    plan = load_plan(path)
    action = plan.actions[0]
    assert (action.ref, action.text, action.depends_on) == ("1.10", "no", ["1.2"])
    assert action.due is not None and action.due.text == "2024-03-31"
    assert plan.actions[1].text == "on"


def test_json_numbers_stay_text(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text('{"area": "X", "title": "T", "actions": [{"ref": 1.10, "text": "A"}]}')
    assert load_plan(path).actions[0].ref == "1.10"


def test_a_bom_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_bytes(b"\xef\xbb\xbfarea: X\ntitle: T\n")
    assert read_plan(path).ok


def test_json_problems_are_placed_by_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text(
        '{\n  "area": "X",\n  "title": "T",\n  "actions": [\n'
        '    {"ref": "a", "text": "A", "owners": ["Ann"]}\n  ]\n}\n'
    )
    (problem,) = read_plan(path).problems
    assert (problem.place.line, problem.place.column) == (5, 42)
    assert problem.code == "schema.value_error" and problem.value == "Ann"


def test_the_teaching_example_validates_against_the_published_schema() -> None:
    data = yaml.safe_load(TEACHING.read_text(encoding="utf-8"))
    jsonschema.validate(data, plan_json_schema())


def test_the_schema_rejects_what_the_model_rejects() -> None:
    bad = {"area": "X", "title": "T", "actions": [{"ref": "a", "text": "A", "owner": []}]}
    validator = jsonschema.Draft202012Validator(plan_json_schema())
    assert list(validator.iter_errors(bad))
