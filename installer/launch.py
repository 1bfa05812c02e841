"""Entry script of the frozen build."""

import sys

from intake_desk.cli import main

sys.exit(main())
