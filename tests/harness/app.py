"""The real app.py, run from a folder that has no pages/ subfolder.

Streamlit's AppTest resets its multipage state before every run and, when the
main script's folder holds a pages/ directory, starts each run in the old
pages-folder mode (running the page file alone). Running app.py from here keeps
every test run on the st.navigation path a browser takes.
"""
import runpy
from pathlib import Path

runpy.run_path(str(Path(__file__).resolve().parents[2] / "app.py"), run_name="__main__")
