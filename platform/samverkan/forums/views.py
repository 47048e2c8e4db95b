"""Forums and forum models: starting a forum (from a model of any region) and keeping it."""
from flask import Blueprint

bp = Blueprint("forums", __name__)
