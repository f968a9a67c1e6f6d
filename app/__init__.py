"""The edges users touch: ``settings`` (the only place that reads the environment), ``cli/`` (the command
line, ``python -m app.cli``), ``web/`` (the Gradio app, the widget, the HTTP API and the server around
them, ``python -m app``) and ``report/`` (the downloadable report and the view helpers shared with the
web app). ``cli`` and ``web`` may use ``report``; ``report`` uses neither.
"""
