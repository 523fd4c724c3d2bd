"""Running cx for a team: who may do what (access), what they did (audit), and the actions both guard."""
