"""Tests of app/web/: the HTTP API, sessions, the Gradio page's logic, and the real app in headless Chromium."""
