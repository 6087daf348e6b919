"""Signals the participants app sends, for apps above it to act on."""

from django.dispatch import Signal

# Sent inside the anonymisation's transaction, once per person, after their own fields are
# cleared: ``participant`` is the anonymised Participant. Receivers clear what they keep about
# the person that may identify them (free text, pending mail), and keep the statistics.
participant_anonymised = Signal()
