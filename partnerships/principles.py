"""The four guiding principles of the partnership policy, in English (verbatim) and French.

Every partner wishing to sign a partnership agreement is asked to support them.
"""

from django.utils.translation import get_language

GUIDING_PRINCIPLES = [
    {
        "code": "equality",
        "name": {"en": "equality", "fr": "égalité"},
        "description": {
            "en": "each organization has a say in defining, implementing, monitoring and evaluating the project undertaken by the partners.",
            "fr": "chaque organisation a voix au chapitre dans la définition, la mise en œuvre, le suivi et l’évaluation du projet mené par les partenaires.",
        },
    },
    {
        "code": "support",
        "name": {"en": "support", "fr": "adhésion"},
        "description": {
            "en": "each project is based on shared convictions, including that of contributing to common goods.",
            "fr": "chaque projet repose sur des convictions partagées, dont celle de contribuer aux biens communs.",
        },
    },
    {
        "code": "autonomy",
        "name": {"en": "autonomy", "fr": "autonomie"},
        "description": {
            "en": "each partner is autonomous within the framework of a project and contributes its own expertise and resources towards a profitable partnership experience. Partners do not have the right to interfere in Wikimédia France’s internal affairs, and vice-versa. Respect for the partner’s integrity and operating methods is essential.",
            "fr": "chaque partenaire est autonome dans le cadre d’un projet et apporte son expertise et ses ressources propres au service d’une expérience partenariale fructueuse. Les partenaires n’ont pas le droit de s’immiscer dans les affaires internes de Wikimédia France, et réciproquement. Le respect de l’intégrité et des modes de fonctionnement du partenaire est essentiel.",
        },
    },
    {
        "code": "goodwill",
        "name": {"en": "goodwill", "fr": "bienveillance"},
        "description": {
            "en": "most of the association’s partnership actions are coordinated and implemented by competent, devoted volunteer members.",
            "fr": "la plupart des actions partenariales de l’association sont coordonnées et mises en œuvre par des membres bénévoles compétents et dévoués.",
        },
    },
]


def principles_in(language: str | None = None) -> list[dict[str, str]]:
    """The principles as (name, description) in ``language`` (default: the active one)."""
    lang = "en" if (language or get_language() or "fr").startswith("en") else "fr"
    return [
        {"code": p["code"], "name": p["name"][lang], "description": p["description"][lang]} for p in GUIDING_PRINCIPLES
    ]
