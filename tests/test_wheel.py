"""The package as users install it: a wheel built from the sources, installed into a fresh
virtual environment and run outside the source tree through its ``rectify`` console script.

The fresh environment gets the dependencies from the running one (its site-packages on the
path), so nothing is downloaded but the build backend (setuptools, by pip's build isolation).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("analysis", "pyproject.toml", "README.md", "LICENSE")
DOCUMENT = ROOT / "data" / "raw" / "003_44fd058499c5af9b.txt"


@dataclass
class Installed:
    bin: Path
    wheel: Path
    outside: Path

    def run(self, *args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess:
        environment = {k: v for k, v in os.environ.items()
                       if k not in ("PYTHONPATH", "RECTIFY_ROOT", "PYTHONHASHSEED")}
        return subprocess.run([str(self.bin / "rectify"), *args], cwd=cwd or self.outside,
                              env={**environment, **env}, capture_output=True, text=True,
                              timeout=900)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    source.mkdir()
    for name in SOURCES:
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy2
        copy(ROOT / name, source / name,
             **({"ignore": shutil.ignore_patterns("__pycache__")} if copy is shutil.copytree
                else {}))
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(base / "dist"),
         str(source)], capture_output=True, text=True, timeout=900,
    )
    if built.returncode != 0 and "satisfies the requirement setuptools" in built.stderr:
        pytest.skip("the build backend (setuptools) cannot be fetched: no package index here")
    assert built.returncode == 0, built.stderr
    [wheel] = (base / "dist").glob("analysis-*.whl")
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    purelib = "import sysconfig; print(sysconfig.get_path('purelib'))"
    site = Path(subprocess.run([str(venv / "bin" / "python"), "-c", purelib],
                               capture_output=True, text=True, check=True).stdout.strip())
    # the running environment's packages, but not its (editable) install of this package
    (site / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"),
                    "install", "--no-deps", "--quiet", str(wheel)], check=True, timeout=600)
    outside = base / "elsewhere"
    outside.mkdir()
    return Installed(venv / "bin", wheel, outside)


def test_the_wheel_has_every_package_file(installed: Installed) -> None:
    import zipfile

    names = set(zipfile.ZipFile(installed.wheel).namelist())
    shipped = {path.relative_to(ROOT).as_posix() for path in (ROOT / "analysis").rglob("*")
               if path.is_file() and "__pycache__" not in path.parts}
    assert shipped <= names, sorted(shipped - names)


def test_help_and_coding_a_file_outside_the_source_tree(installed: Installed) -> None:
    helped = installed.run("--help")
    assert helped.returncode == 0 and "usage: rectify" in helped.stdout
    coded = installed.run("code", str(DOCUMENT), "--format", "jsonl")
    assert coded.returncode == 0, coded.stderr
    [record] = [json.loads(line) for line in coded.stdout.splitlines()]
    assert record["jurisdiction"] == "焦作市" and record["tasks_total"] == 46
    where = subprocess.run(
        [str(installed.bin / "python"), "-c", "import analysis; print(analysis.__file__)"],
        cwd=installed.outside, capture_output=True, text=True, check=True,
    ).stdout
    assert str(ROOT) not in where and "site-packages" in where


def test_a_stage_outside_a_project_says_so(installed: Installed) -> None:
    done = installed.run("panel")
    assert done.returncode == 2
    [line] = done.stderr.strip().splitlines()
    assert "is not a project directory" in line


def _models(installed: Installed, work: Path, seed: str) -> bytes:
    done = installed.run("--project", str(work), "models", PYTHONHASHSEED=seed)
    assert done.returncode == 0, done.stderr
    return (work / "reports" / "tables" / "models_coefficients.csv").read_bytes()


def test_the_console_script_does_not_depend_on_the_hash_seed(installed, tmp_path) -> None:
    (tmp_path / "data" / "raw").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "raw" / "manifest.csv", tmp_path / "data" / "raw")
    (tmp_path / "data" / "clean").mkdir()
    for name in ("panel.csv", "records.csv"):
        shutil.copy(ROOT / "data" / "clean" / name, tmp_path / "data" / "clean" / name)
    # seeds 1 and 4 give different last digits on this panel unless the seed is fixed
    # (pyfixest iterates over sets of strings)
    first = _models(installed, tmp_path, "1")
    assert first == _models(installed, tmp_path, "4")
    assert b"es_twfe" in first
