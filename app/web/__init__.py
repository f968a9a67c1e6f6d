"""The web app behind ``python -m app``: ``server`` assembles FastAPI with the ``security`` middlewares,
the HTTP ``api`` (with its ``sessions``), the main Gradio page (``ui``, with the Trial tab in
``ui_trial``) and the compact ``widget``. ``ui_logic`` is what the page's events do, ``ui_session`` the
per-tab state and form conversions, ``messages`` the text of chat messages (none of these imports gradio),
and ``runtime`` opens the knowledge base and the advisor once per process, in the background. Settings
come from :mod:`app.settings`.
"""
