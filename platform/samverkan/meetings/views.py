"""Meetings: agenda, registrations, minutes, decisions and follow-up actions, and their lists."""
from flask import Blueprint

bp = Blueprint("meetings", __name__)
