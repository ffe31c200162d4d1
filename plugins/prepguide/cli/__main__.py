"""``python -m prepguide.cli``: the ``prepguide`` command (entry point ``prepguide.cli:main``)."""

import sys

from . import main

sys.exit(main())
