"""Ships the repository's top-level data folders (sql/, expectations/, the
reference snapshots) inside the package as pipeline/_data, so a wheel or
`pip install .` carries them while the repository keeps one copy of each.
Everything else is declared in pyproject.toml."""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
DATA = {"sql": "sql", "expectations": "expectations", "sources/reference": "reference"}


class BuildPyWithData(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):  # an editable install reads the checkout itself
            return
        data = Path(self.build_lib) / "pipeline" / "_data"
        shutil.rmtree(data, ignore_errors=True)  # no file deleted from the repository lingers in a build
        for source, target in DATA.items():
            shutil.copytree(ROOT / source, data / target,
                            dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


setup(cmdclass={"build_py": BuildPyWithData})
