"""Read one file and check it: YAML with the position of every value
(``loader``), the pydantic models of every kind of file (``model``), one
document checked against them with located, helpful messages
(``validate``), and the JSON Schemas written from the models (``schema``).

Nothing here looks at a second file (docs/development.md, "Layout").
"""
