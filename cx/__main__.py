"""`python -m cx`: see cx.cli."""
import sys

from cx.cli import main

sys.exit(main())
