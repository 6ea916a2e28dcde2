"""Former name of :mod:`aidtrack.web.cache`, kept while other modules still import it.

The module object is the cache module itself, so patching ``views.X`` patches ``cache.X``.
"""

import sys

from aidtrack.web import cache

sys.modules[__name__] = cache
