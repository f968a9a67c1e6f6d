"""Tests of app/report/: Markdown, HTML, PDF and JSON reports, charts."""
