"""Selection: the pure rule that suggests a panel (rule.py), and the state changes, emails,
admin and exports of panels and placements."""
