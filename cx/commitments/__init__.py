"""From figures to commitments: customer promises, early-warning signals and the business case.

- `register`: the promise register (the contract's `promises` table): checked, saved, files in and out.
- `keeping`: whether each promise is kept, broken or not yet known, per unit and month.
- `drafts`: candidate promises proposed from the worst basics-first pain points, with their evidence.
- `signals`: every touchpoint x unit series watched month by month with a calibrated control chart.
- `business`: churn and revenue against lagged NPS per unit, and what a gain would be worth.
"""
