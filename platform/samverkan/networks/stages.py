"""The kinds of network and the steps of *Samverkanstrappan*.

The staircase is from Tillväxtverket's overview of the regional competence platforms (seed
``004``): four steps from talking to acting together, each with the question that marks it.
The Swedish names and questions are the seed's words.
"""
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

#: key -> label
NETWORK_KINDS = {
    "council": _l("Competence council"),
    "sector-council": _l("Sector council"),
    "programme-council": _l("Programme council"),
    "guidance-network": _l("Study and career guidance network"),
    "validation-network": _l("Validation network"),
    "other": _l("Other network"),
}


@dataclass(frozen=True)
class Stage:
    key: str
    #: the seed's name of the step
    name: str
    name_en: str
    #: the seed's question for the step
    question: str
    question_en: str


STAGES = (
    Stage("samtal", "Samtal", "Conversation", "Vem vill och varför?", "Who wants to, and why?"),
    Stage("samsyn", "Samsyn", "Shared view", "Vad bör göras?", "What should be done?"),
    Stage("samverkan", "Samverkan", "Cooperation", "Vilka behövs för att göra det?",
          "Who is needed to do it?"),
    Stage("samhandling", "Samhandling", "Joint action", "Hur ska det göras och av vilka?",
          "How is it to be done, and by whom?"),
)
STAGE_KEYS = tuple(stage.key for stage in STAGES)
STAGE_BY_KEY = {stage.key: stage for stage in STAGES}
