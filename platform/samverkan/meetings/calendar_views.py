"""iCalendar: each meeting as ``.ics`` and subscribable feeds, including a person's secret one."""
from flask import Blueprint

bp = Blueprint("calendar", __name__)
