"""Every committed version of a plan kept in a git repository, read with the ``git`` command.

``REPO:path/to/plan.yaml`` names the plan: a repository (any folder inside its work tree)
and the plan's path relative to the repository's top. :func:`git_versions` returns, oldest
first, one :class:`~queries.versions.PlanVersion`-ready tuple per commit that changed the
plan: its short hash and subject as the label, its commit date, and the plan. A plan kept
in one file is followed through renames (``git mv``), and a commit that only renamed it is
not a new version; a plan kept as a folder of CSV files is read from each commit's folder.
A commit where the plan is deleted is skipped; one where it does not load is an error
naming the commit.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from graphmodel.errors import UsageError
from graphmodel.model import Plan

__all__ = ["GitVersion", "git_versions", "parse_git_spec"]


@dataclass(frozen=True)
class GitVersion:
    commit: str
    when: date
    subject: str
    plan: Plan

    @property
    def label(self) -> str:
        return f"{self.commit[:7]} {self.subject}".strip()


def parse_git_spec(spec: str) -> tuple[Path, str]:
    """``REPO:path`` -> (repository folder, path in it); the first colon after which the
    part before is an existing folder splits them.

    >>> parse_git_spec(".:examples/teaching.yaml")
    (PosixPath('.'), 'examples/teaching.yaml')
    """
    for i, char in enumerate(spec):
        if char == ":" and Path(spec[:i] or ".").is_dir() and spec[i + 1 :].strip():
            return Path(spec[:i] or "."), spec[i + 1 :].strip().lstrip("/")
    raise UsageError(
        f"{spec!r}: write --git REPO:path/to/plan.yaml, a repository folder, a colon and the "
        "plan's path inside the repository"
    )


def _git(repo: Path, *args: str) -> str:
    exe = shutil.which("git")
    if exe is None:
        raise UsageError("git is not installed: install git to read a plan's committed versions")
    done = subprocess.run(
        [exe, "-C", str(repo), *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        message = done.stderr.strip().splitlines()
        raise UsageError(f"{repo}: git {args[0]} failed: {message[-1] if message else ''}")
    return done.stdout


def _git_bytes(repo: Path, *args: str) -> bytes | None:
    exe = shutil.which("git") or "git"
    done = subprocess.run([exe, "-C", str(repo), *args], capture_output=True, check=False)
    return done.stdout if done.returncode == 0 else None


def _materialise(repo: Path, commit: str, path: str, into: Path) -> Path | None:
    """Write the plan at ``commit`` under ``into``; None when it is not in that commit."""
    target = into / commit / Path(path).name
    kind = _git_bytes(repo, "cat-file", "-t", f"{commit}:{path}")
    if kind is None:
        return None
    if kind.strip() == b"tree":
        target.mkdir(parents=True)
        names = _git(repo, "ls-tree", "--name-only", commit, f"{path.rstrip('/')}/")
        for name in names.splitlines():
            data = _git_bytes(repo, "show", f"{commit}:{name}")
            if data is not None:
                (target / Path(name).name).write_bytes(data)
        return target
    data = _git_bytes(repo, "show", f"{commit}:{path}")
    if data is None:
        return None
    target.parent.mkdir(parents=True)
    target.write_bytes(data)
    return target


def _commits(top: Path, path: str) -> list[tuple[str, str, str, str]]:
    """Each commit that changed the plan, oldest first: hash, ISO date, subject and the
    plan's path in that commit. A plan kept in one file is followed through renames
    (``git mv plan-2024.yaml plan.yaml``); a folder of CSV files by its path."""
    is_file = _git_bytes(top, "cat-file", "-t", f"HEAD:{path}") == b"blob\n"
    follow = ["--follow"] if is_file else []  # git follows a single file only
    log = _git(top, "log", *follow, "--name-status", "--format=%x00%H%x09%cI%x09%s", "--", path)
    found = []
    for record in log.split("\0"):
        lines = [line for line in record.splitlines() if line.strip()]
        if not lines:
            continue
        commit, when, subject = [*lines[0].split("\t", 2), "", ""][:3]
        changes = [line.split("\t") for line in lines[1:]]
        where = changes[0][-1] if is_file and changes else path
        found.append((commit, when, subject, where))
    return found[::-1]  # git cannot follow renames oldest first (--reverse with --follow)


def git_versions(repo: Path, path: str) -> list[GitVersion]:
    """Every committed version of the plan at ``path`` in ``repo``, oldest first; a commit
    that leaves the plan as it was (only renamed it) is not a new version."""
    from loaders.plans import read_plan

    repo = Path(repo)
    top = Path(_git(repo, "rev-parse", "--show-toplevel").strip())
    commits = _commits(top, path)
    if not commits:
        raise UsageError(
            f"{repo}:{path}: no commit of the repository has this path; give the plan's path "
            "from the repository's top folder"
        )
    versions = []
    last: bytes | None = None
    with tempfile.TemporaryDirectory(prefix="actiongraph-git-") as tmp:
        for commit, when, subject, where in commits:
            same = _git_bytes(top, "rev-parse", f"{commit}:{where}")
            if same is not None and same == last:
                continue  # renamed, not changed
            last = same
            plan_path = _materialise(top, commit, where, Path(tmp))
            if plan_path is None:
                continue  # the plan was deleted in this commit
            result = read_plan(plan_path)
            if not result.ok:
                first = (result.errors or result.problems)[0]
                where_in = f"{first.place} " if str(first.place) else ""
                raise UsageError(
                    f"{repo}:{where} at commit {commit[:7]} ({when[:10]}): {where_in}"
                    f"[{first.code}] {first.message}; check that version out and run "
                    "`actiongraph validate` on it"
                )
            assert result.plan is not None
            day = datetime.fromisoformat(when).date()
            versions.append(GitVersion(commit, day, subject, result.plan))
    return versions
