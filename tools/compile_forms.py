#!/usr/bin/env python3
"""Compile ui/*.ui into src/intake_desk/ui/forms and release the translations (see the module's help)."""

import sys

from intake_desk.ui.forms.compile import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
