"""LibreOffice headless (Debian's libreoffice-calc, installed by scripts/test.sh) for the
tracker tests: converting a workbook as a lead's LibreOffice would open and save it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

SOFFICE = shutil.which("soffice") or "/usr/bin/soffice"
CSV_ALL_SHEETS = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"
"""Comma, double quotes, UTF-8, cells as shown, every sheet to its own file (LibreOffice 7.2+)."""
CSV_UTF8 = "csv:Text - txt - csv (StarCalc):44,34,76,1"
"""The first sheet as UTF-8 CSV."""


def convert(source: Path, target: str, out: Path, profile: Path) -> list[Path]:
    """Convert ``source`` with LibreOffice to ``target`` (a filter) in folder ``out``; the
    files written. ``profile`` is a user profile of this test session, so that parallel
    runs do not share one."""
    out.mkdir(parents=True, exist_ok=True)
    before = set(out.iterdir())
    done = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    written = sorted(set(out.iterdir()) - before)
    assert done.returncode == 0 and written, done.stdout + done.stderr
    return written


def csv_folder(source: Path, out: Path, profile: Path) -> Path:
    """Every sheet of ``source`` as ``out/<sheet>.csv``: a plan workbook's CSV folder."""
    raw = out / "raw"
    folder = out / "csv"
    folder.mkdir(parents=True)
    for path in convert(source, CSV_ALL_SHEETS, raw, profile):
        sheet = path.stem.removeprefix(source.stem + "-")
        path.rename(folder / f"{sheet}.csv")
    return folder
