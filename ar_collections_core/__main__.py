import sys

from ar_collections_core.cli import main

sys.exit(main())
