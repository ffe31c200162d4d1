"""The whole guide: the content folder loaded, given ids and cross-checked
(``corpus``), what a public build may hold (``privacy``), and the guide's
``mkdocs.yml`` and its prepguide options read without MkDocs
(``config_file``, for the command line).

Built on ``read``; see docs/development.md, "Layout".
"""
