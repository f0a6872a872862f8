"""Standard wording of each section, in French and English, following the policy's
"Typical content of a partnership agreement". A draft starts from these; every section
stays editable. Placeholders are filled with str.format (values are plain text; the PDF
template escapes everything).
"""

STANDARD_TEXTS: dict[str, dict[str, str]] = {
    "fr": {
        "preamble": (
            "Wikimédia France est une association à but non lucratif, chapitre français du mouvement Wikimédia, "
            "qui a pour objet la diffusion libre de la connaissance, notamment au travers des projets Wikimédia "
            "(Wikipédia, Wikimedia Commons, Wikidata, Wikisource…).\n"
            "{partner} souhaite s’associer à Wikimédia France autour d’un projet commun : « {partnership} ». "
            "{goal}\n"
            "Les parties partagent la conviction que ce projet contribue aux biens communs de la connaissance, "
            "et inscrivent leur collaboration dans les principes directeurs de la démarche partenariale de "
            "Wikimédia France."
        ),
        "purpose": (
            "La présente convention a pour objet de définir le cadre général des actions envisagées par les "
            "parties et les contributions de chacune : modalités financières, mise à disposition de ressources "
            "humaines, matérielles et documentaires. Chaque action fait l’objet d’une clause de mise en œuvre "
            "(article 2) ; toute action nouvelle fait l’objet d’un avenant."
        ),
        "evaluation": (
            "Chaque partie s’engage à réaliser une évaluation des actions menées et à la partager avec l’autre "
            "partie : pertinence, efficacité, efficience, pérennité, valorisation du partenariat et qualité de "
            "la relation, selon la grille d’évaluation de Wikimédia France."
        ),
        "duration": (
            "La présente convention prend effet à la date de sa signature par les deux parties{dates}. "
            "Elle peut être renouvelée par avenant."
        ),
        "pilot": (
            "Une première phase d’expérimentation est conduite afin d’en tirer rapidement des enseignements ; "
            "le projet pourra ensuite être adapté d’un commun accord."
        ),
        "means": (
            "Les parties mettent à disposition les moyens nécessaires aux actions : salles, ordinateurs et "
            "connexion, documentation et sources, personnel et bénévoles, selon ce que précise chaque clause."
        ),
        "licence_scope": (
            "Sont concernés les textes, images et données produits ou versés dans le cadre des actions et "
            "publiés sur les projets Wikimédia (Wikipédia, Wikimedia Commons, Wikidata) ; cette licence en "
            "permet la réutilisation par tous."
        ),
        "disputes": (
            "En cas de différend, les parties s’efforcent de le résoudre à l’amiable. À défaut, la convention "
            "peut être résiliée par l’une ou l’autre partie par lettre recommandée avec un préavis d’un mois ; "
            "les actions engagées sont alors menées à leur terme ou arrêtées d’un commun accord."
        ),
        "clause_purpose": "{definition}",
        "clause_arrangements": (
            "L’action « {title} » est organisée conjointement par les parties, qui en fixent ensemble le "
            "programme, le lieu et le public."
        ),
    },
    "en": {
        "preamble": (
            "Wikimédia France is a non-profit association, the French chapter of the Wikimedia movement, whose "
            "purpose is the free sharing of knowledge, in particular through the Wikimedia projects (Wikipedia, "
            "Wikimedia Commons, Wikidata, Wikisource…).\n"
            "{partner} wishes to work with Wikimédia France on a joint project: “{partnership}”. {goal}\n"
            "The parties share the conviction that this project contributes to the common goods of knowledge, "
            "and place their collaboration within the guiding principles of Wikimédia France’s partnership "
            "policy."
        ),
        "purpose": (
            "This agreement establishes the overall framework for the actions envisaged by the parties and the "
            "contributions each will make: financial arrangements and the provision of human, material and "
            "document resources. Each action is the subject of an implementation clause (article 2); any new "
            "action is the subject of an amendment."
        ),
        "evaluation": (
            "Each party agrees to carry out an evaluation of the actions undertaken and to share it with the "
            "other party: relevance, effectiveness, efficiency, sustainability, promotion of the partnership "
            "and quality of the relationship, following Wikimédia France’s evaluation grid."
        ),
        "duration": (
            "This agreement takes effect on the date it is signed by both parties{dates}. It may be renewed "
            "by amendment."
        ),
        "pilot": (
            "An initial experimentation phase is run in order to learn lessons quickly; the project may then "
            "be adapted by mutual agreement."
        ),
        "means": (
            "The parties provide the means the actions need: rooms, computers and connection, documentation "
            "and sources, staff and volunteers, as each clause specifies."
        ),
        "licence_scope": (
            "This covers the texts, images and data produced or uploaded as part of the actions and published "
            "on the Wikimedia projects (Wikipedia, Wikimedia Commons, Wikidata); the licence allows anyone to "
            "reuse them."
        ),
        "disputes": (
            "The parties shall endeavour to settle any dispute amicably. Failing that, either party may "
            "terminate the agreement by registered letter with one month’s notice; actions under way are then "
            "completed or stopped by mutual agreement."
        ),
        "clause_purpose": "{definition}",
        "clause_arrangements": (
            "The action “{title}” is organised jointly by the parties, who agree together on its programme, "
            "venue and audience."
        ),
    },
}

# What differs by kind of document: a framework agreement announces amendments for new
# actions; an action sheet describes one action; a contract is masculine ("le présent contrat").
KIND_TEXTS: dict[str, dict[str, dict[str, str]]] = {
    "action_sheet": {
        "fr": {
            "purpose": (
                "La présente fiche action a pour objet de décrire l’action menée par les parties et les "
                "contributions de chacune : modalités financières, mise à disposition de ressources humaines, "
                "matérielles et documentaires, précisées à l’article 2."
            ),
            "duration": (
                "La présente fiche action prend effet à la date de sa signature par les deux parties{dates}. "
                "Elle prend fin une fois l’action réalisée et évaluée."
            ),
            "disputes": (
                "En cas de différend, les parties s’efforcent de le résoudre à l’amiable. À défaut, la fiche "
                "action peut être résiliée par l’une ou l’autre partie par lettre recommandée avec un préavis "
                "d’un mois ; l’action est alors menée à son terme ou arrêtée d’un commun accord."
            ),
        },
        "en": {
            "purpose": (
                "This action sheet describes the action carried out by the parties and the contributions each "
                "will make: financial arrangements and the provision of human, material and document "
                "resources, as set out in article 2."
            ),
            "duration": (
                "This action sheet takes effect on the date it is signed by both parties{dates}. It ends once "
                "the action has been carried out and evaluated."
            ),
            "disputes": (
                "The parties shall endeavour to settle any dispute amicably. Failing that, either party may "
                "terminate the action sheet by registered letter with one month’s notice; the action is then "
                "completed or stopped by mutual agreement."
            ),
        },
    },
    "training_agreement": {
        "fr": {
            "purpose": (
                "La présente convention a pour objet d’organiser les sessions de formation assurées par "
                "Wikimédia France et les contributions de chacune des parties, précisées à l’article 2."
            ),
            "duration": (
                "La présente convention prend effet à la date de sa signature par les deux parties{dates}. "
                "Elle prend fin une fois les sessions réalisées et évaluées."
            ),
        },
        "en": {
            "purpose": (
                "This agreement organises the training sessions provided by Wikimédia France and the "
                "contributions of each party, as set out in article 2."
            ),
            "duration": (
                "This agreement takes effect on the date it is signed by both parties{dates}. It ends once the "
                "sessions have been held and evaluated."
            ),
        },
    },
    "service_contract": {
        "fr": {
            "purpose": (
                "Le présent contrat a pour objet de définir les prestations assurées par Wikimédia France et "
                "leurs conditions, précisées à l’article 2."
            ),
            "duration": (
                "Le présent contrat prend effet à la date de sa signature par les deux parties{dates}. "
                "Il prend fin une fois les prestations réalisées."
            ),
            "evaluation": (
                "Les parties font ensemble le bilan des prestations réalisées : pertinence, qualité et suites "
                "possibles, selon la grille d’évaluation de Wikimédia France."
            ),
            "disputes": (
                "En cas de différend, les parties s’efforcent de le résoudre à l’amiable. À défaut, le contrat "
                "peut être résilié par l’une ou l’autre partie par lettre recommandée avec un préavis d’un mois ; "
                "les prestations réalisées restent dues."
            ),
        },
        "en": {
            "purpose": (
                "This contract defines the services provided by Wikimédia France and their conditions, as set "
                "out in article 2."
            ),
            "duration": (
                "This contract takes effect on the date it is signed by both parties{dates}. It ends once the "
                "services have been provided."
            ),
            "evaluation": (
                "The parties review the services provided together: relevance, quality and possible next steps, "
                "following Wikimédia France’s evaluation grid."
            ),
            "disputes": (
                "The parties shall endeavour to settle any dispute amicably. Failing that, either party may "
                "terminate the contract by registered letter with one month’s notice; services already provided "
                "remain payable."
            ),
        },
    },
}

DATES = {
    "fr": {"range": ", pour la période du {start} au {end}", "from": ", à compter du {start}"},
    "en": {"range": ", for the period from {start} to {end}", "from": ", from {start}"},
}


def texts(language: str, kind: str = "partnership_agreement") -> dict[str, str]:
    """The standard wording of every section for this kind of document, in ``language``."""
    language = "en" if language == "en" else "fr"
    return {**STANDARD_TEXTS[language], **KIND_TEXTS.get(kind, {}).get(language, {})}
