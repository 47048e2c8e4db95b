"""Actors: the list with its filters, an actor's page, and keeping actors and their people."""
from flask import Blueprint

bp = Blueprint("actors", __name__)
