"""Networks: the list with its filters, a network's page, members and Samverkanstrappan."""
from flask import Blueprint

bp = Blueprint("networks", __name__)
