"""Agencies (行政机关) in a tree, the people who work in them, and what each role may do."""
