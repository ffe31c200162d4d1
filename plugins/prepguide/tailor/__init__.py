"""Tailor one conversation: from the guide and your profile, the common
ground, who introduced whom (``relations``), the questions, the intro
(timed by ``spoken_time``), the drafts, everything one prep page shows
(``prep``) and the dashboard's pipeline and what is due (``dashboard``).

Built on ``read`` and ``guide``; it writes values, not pages
(docs/development.md, "Layout").
"""
