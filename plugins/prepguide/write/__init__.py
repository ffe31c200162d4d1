"""Write the user's files: the commands that change notes (``status`` through
``edit``, ``new`` and ``init`` through ``scaffold``, ``import`` through
``importer``), each file read under a lock and replaced atomically
(``file_edit``), YAML changed only on the lines that must change
(``yaml_edit``).

Built on ``read`` only: nothing here renders (docs/development.md, "Layout").
"""
