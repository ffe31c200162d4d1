"""Render: the guide and what ``tailor`` made for each contact become
pages (Markdown or HTML, through Jinja2 templates), calendar files and
the network map, with the page cache kept between serve rebuilds.

No MkDocs here: the plugin hands these pages to MkDocs
(docs/development.md, "Layout").
"""
