"""Who may do what with a meeting, built from the predicates in participants/rules.py.

A meeting is run — edited, cancelled, its invitees reminded, its attendance, minutes and
preparation tasks kept — by the secretariat and by the co-drivers of its network.
"""

import rules

from participants.rules import co_driven_network_ids, is_secretariat


@rules.predicate
def is_co_driver_of_meeting(user, meeting) -> bool:
    return meeting is not None and meeting.network_id in co_driven_network_ids(user)


rules.add_perm("meetings.run_meeting", is_secretariat | is_co_driver_of_meeting)
