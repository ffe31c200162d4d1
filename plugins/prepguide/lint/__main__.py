"""``python -m prepguide.lint``: lint questions, or ``--evaluate`` a labelled file."""

import sys

from .measure import _main

sys.exit(_main())
