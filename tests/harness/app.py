"""The real app.py, run from a folder that has no pages/ subfolder.

Streamlit's AppTest resets its multipage state before every run and, when the
main script's folder holds a pages/ directory, starts each run in the old
pages-folder mode (running the page file alone). Running app.py from here keeps
every test run on the st.navigation path a browser takes.
"""
import runpy
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `streamlit run app.py` puts the project folder on the path; so do we
    sys.path.insert(0, str(ROOT))
runpy.run_path(str(ROOT / "app.py"), run_name="__main__")
