"""The web app: a JSON API with OpenAPI and a server-rendered dashboard.

Example::

    from aidtrack.web import create_app
    app = create_app("sqlite://")
"""

from aidtrack.web.app import create_app

__all__ = ["create_app"]
