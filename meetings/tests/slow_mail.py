"""A file mail backend that takes its time, like a mail server across a network.

Worker subprocesses in test_worker.py use it (EMAIL_BACKEND=meetings.tests.slow_mail.EmailBackend)
so that a SIGKILL can land in the middle of a batch. NETVAERK_TEST_MAIL_DELAY is the pause in
seconds before a message is written (accepted); NETVAERK_TEST_MAIL_DELAY_AFTER the pause after,
before the worker gets to record that it was sent.
"""

import os
import time

from django.core.mail.backends.filebased import EmailBackend as FileBackend


class EmailBackend(FileBackend):
    def send_messages(self, email_messages):
        time.sleep(float(os.environ.get("NETVAERK_TEST_MAIL_DELAY", "0")))
        sent = super().send_messages(email_messages)
        time.sleep(float(os.environ.get("NETVAERK_TEST_MAIL_DELAY_AFTER", "0")))
        return sent
