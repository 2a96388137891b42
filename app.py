"""The WSGI entry point: `app` is the Shortfall application built by create_app()."""

from questionnaire import create_app

app = create_app()
