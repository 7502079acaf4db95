"""Run oca-checks-odoo-module on this addon, whose folder is the git repository's root.

The tool looks for the manifest in the folders between a file and the repository's top,
never in the top itself (OCA keeps each addon in a sub-folder of its repository), so on
this layout it silently checks nothing. Here the top is taken to be the parent of the
repository: the manifest is found, and file names are reported as consultation/....
Arguments as for oca-checks-odoo-module (the pre-commit hook passes the changed files).
"""

import sys
from pathlib import Path

from oca_pre_commit_hooks import cli, utils

REPO_PARENT = str(Path(__file__).resolve().parent.parent.parent)

utils.top_path = lambda path: REPO_PARENT

if __name__ == "__main__":
    sys.exit(cli.main())
