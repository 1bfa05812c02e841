import sys

from intake_desk.cli import main

sys.exit(main())
