"""A bare Flask "hello world", served the same way as the app for a fair comparison."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    """The smallest possible page."""
    return "Hello, world!"
