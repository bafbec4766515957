"""Translation status: what is missing or outdated in each language, and the marks
that say what each translation was made from (see status.py and marks.py)."""
