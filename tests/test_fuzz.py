"""The short fuzz run: mutated real plans in every format load or are refused with a located
message and exit 2, never a traceback or a hang. The long run is ``python scripts/fuzz.py``.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzzing import (
    BOOK_MUTATIONS,
    EXAMPLES,
    TEXT_MUTATIONS,
    mutated_book_case,
    mutated_text_case,
    validate_outcome,
)

SHORT = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,  # CI runs the same cases every time; the long run explores
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@SHORT
@given(
    example=st.sampled_from(EXAMPLES),
    suffix=st.sampled_from(["yaml", "json", "csv"]),
    mutation=st.sampled_from(TEXT_MUTATIONS),
    seed=st.integers(0, 2**32 - 1),
)
def test_mutated_text_files_load_or_are_refused_clearly(
    tmp_path: Path, example: Path, suffix: str, mutation: object, seed: int
) -> None:
    path = mutated_text_case(tmp_path / "case", example, suffix, mutation, seed)  # type: ignore[arg-type]
    validate_outcome(
        path, f"{example.stem}.{suffix} {getattr(mutation, '__name__', mutation)} {seed}"
    )


@SHORT
@given(
    example=st.sampled_from(EXAMPLES),
    mutation=st.sampled_from(BOOK_MUTATIONS),
    seed=st.integers(0, 2**32 - 1),
)
def test_mutated_workbooks_load_or_are_refused_clearly(
    tmp_path: Path, example: Path, mutation: object, seed: int
) -> None:
    path = mutated_book_case(tmp_path / "case", example, mutation, seed)  # type: ignore[arg-type]
    validate_outcome(path, f"{example.stem}.xlsx {getattr(mutation, '__name__', mutation)} {seed}")
