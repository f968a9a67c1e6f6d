"""The report a user downloads or prints: ``content`` builds the sections once from a recommendation
(and trial), ``blocks`` renders them to Markdown and self-contained HTML, ``pdf`` to PDF, and ``render``
writes the files. ``views`` (number formats, key facts, chart points) and ``charts`` (inline SVG) are
shared with the web app, so the app and the report show the same figures the same way.
"""
