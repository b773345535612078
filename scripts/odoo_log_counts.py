"""Print 'passed failed' from an Odoo test log (its odoo.tests.result lines)."""

import re
import sys

RESULT = re.compile(r"odoo\.tests\.result: (\d+) failed, (\d+) error\(s\) of (\d+) tests")
passed = failed = 0
try:
    with open(sys.argv[1], encoding="utf-8", errors="replace") as log:
        for line in log:
            match = RESULT.search(line)
            if match:
                bad = int(match[1]) + int(match[2])
                failed += bad
                passed += int(match[3]) - bad
except OSError:
    pass
print(passed, failed)
