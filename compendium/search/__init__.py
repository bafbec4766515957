"""Search: a prebuilt lunr index per language, and the files the browser loads.

Pure Python like the rest of the core: `LanguageSearch` collects the pages of
one language, `bundle` turns them into script files any static host (or a
folder on disk) can serve. Front ends only hand over hand-written pages and
write the files where the language's pages go.
"""
