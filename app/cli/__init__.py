"""The command line, ``python -m app.cli kb|recommend|chat|trial``: ``main`` builds the parser from the
command modules (``kb``, ``advisor``, ``trial``), each exposing ``register(subparsers)``, and turns domain
errors into one-line messages with exit code 2.
"""
