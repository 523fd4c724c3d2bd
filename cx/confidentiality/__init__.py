"""Employee confidentiality: the one gate every employee figure passes through.

- `rounds`: survey rounds found in the answer dates; a date range snaps to whole rounds.
- `blocks`: the fixed reporting grid (round x unit x role) cut into pools of at least the
  minimum; a figure is published only for a union of whole pools.
- `gate`: builds the grid of a workspace and answers every employee figure from it (pages,
  `summary`, downloads, app exports); nothing else reads `employee_responses` for figures.
- `comments`: employee comments, only for groups of pools of at least ten answers.
- `setting`: the confidentiality minimum and its floors (5 in the app, 3 on the command line).

Why this closes differencing, route by route: docs/confidentiality.md.
"""
