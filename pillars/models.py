"""The four pillars and their checklists arrive with the pillars issue."""
