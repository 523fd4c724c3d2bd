"""Importing a survey export, as steps that read top to bottom (see pipeline.py):

read (read.py, with layout.py) → recognise (recognise.py) → map (map.py, with scales.py)
→ check (check.py) → write (write.py). The wizard and the command line call pipeline.propose
and pipeline.run; notes.py holds the notes and refusals they say in English and Finnish.
"""
