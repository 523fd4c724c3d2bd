"""The workshop pack: a slide deck (python-pptx) and a workbook (openpyxl) of one view.

`content.build` gathers the view's figures as text tables and chart specs; `deck` and
`workbook` write them. Every slide and sheet states the workspace, the filters, the
period, n and the date it was made (`content.Context.line`). Charts are Vega-Lite specs
rendered offline to PNG by vl-convert, with the same locale and type as the screen.
"""
