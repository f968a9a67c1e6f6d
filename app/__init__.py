"""The edges users touch: ``settings`` (the only place that reads the environment), ``cli/`` (the command
line, ``python -m app.cli``), ``web/`` (the Gradio app, the widget, the HTTP API and the server around
them, ``python -m app``) and ``report/`` (the downloadable report and the view helpers shared with the
web app). ``cli`` and ``web`` may use ``report``; ``report`` uses neither. ``errors`` holds the layer's
error classes (``AppError`` and below).
"""

import logging

# A library logs; the entry point (python -m app) decides where logs go. No handler here means no
# stray tracebacks on a CLI's stderr.
logging.getLogger(__name__).addHandler(logging.NullHandler())
