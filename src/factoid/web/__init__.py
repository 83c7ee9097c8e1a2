"""The web pages: server-rendered HTML (Jinja2) with one CSS and one script file; see pages.py."""
