"""Server-rendered UI (Jinja2, small JS, no CDN), mounted by api/app.py; calls api services."""
