"""The web app: a JSON API with OpenAPI and a server-rendered dashboard.

>>> from aidtrack.web import create_app
>>> app = create_app("sqlite://")      # doctest: +SKIP
"""

from aidtrack.web.app import create_app

__all__ = ["create_app"]
