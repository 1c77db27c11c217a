"""Settings for `broadsheet worker` processes started by test_worker_process.py.

Short lease and housekeeping interval, so a killed worker's e-mail is recovered in
seconds instead of minutes.
"""

from broadsheet.settings import *  # noqa: F403

BROADSHEET_MAIL_LEASE_SECONDS = 2
BROADSHEET_WORKER_TIDY_SECONDS = 0.5
BROADSHEET_TASK_LEASE_SECONDS = 2
# aiosmtpd takes mail from any sender, zeitung.example too.
BROADSHEET_MAIL_SENDER_CHECK = False
