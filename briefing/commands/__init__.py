"""Commands: what each CLI verb does, as plain functions over options objects.

``cli.py`` only parses arguments and calls these; they raise ``BriefingError`` subclasses
and report per-file problems in their result rather than printing.
"""
