"""Tests of app/: settings, and one folder per edge; the real server, a second-origin host site and Chromium are fixtures here."""
