"""Packaging glue: the wheel carries the app itself (app.py, pages/, the Streamlit config).

They stay at the top of the checkout, where `streamlit run app.py` expects them; the build
copies them into the package as `cx/_site/`, where `cx-workbench app` (and the page list in
cx/ui/frame.py) finds them once installed. Everything else is in pyproject.toml.
"""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
SITE = [("app.py", "app.py"), ("pages", "pages"), (".streamlit/config.toml", "streamlit-config.toml")]


class BuildWithSite(build_py):
    def run(self):
        super().run()
        target = Path(self.build_lib) / "cx" / "_site"
        for source, name in SITE:
            src, dst = HERE / source, target / name
            dst.parent.mkdir(parents=True, exist_ok=True)
            if src.is_dir():
                shutil.copytree(src, dst, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copyfile(src, dst)


setup(cmdclass={"build_py": BuildWithSite})
