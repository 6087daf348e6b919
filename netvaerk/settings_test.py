"""Settings for the test suite (pytest.ini): the development defaults with debug off.

Set in the environment, so worker, beat and manage.py subprocesses that the tests start
inherit it; a test that wants production mode says so in its subprocess's environment.
"""

import os

os.environ.setdefault("NETVAERK_ENV", "development")

from netvaerk.settings import *  # noqa: F403
