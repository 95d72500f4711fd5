"""``python -m tracker``."""

import sys

from tracker.entry import main

sys.exit(main())
