"""Input widgets shared by the forms of the pages."""

from django import forms


class DateInput(forms.DateInput):
    """The browser's date picker; it sends ISO dates, which every locale accepts."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    """The browser's time picker, in hours and minutes."""

    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")
