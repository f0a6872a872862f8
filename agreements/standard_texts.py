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
            "Les contenus produits ou versés dans le cadre des actions (textes, images, données) sont publiés "
            "sur les projets Wikimédia (Wikipédia, Wikimedia Commons, Wikidata) sous la licence libre choisie "
            "ci-dessus, qui en permet la réutilisation par tous."
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
        "wmfr_representative_title": "Président(e) de Wikimédia France",
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
            "Content produced or uploaded as part of the actions (texts, images, data) is published on the "
            "Wikimedia projects (Wikipedia, Wikimedia Commons, Wikidata) under the free licence chosen above, "
            "which allows anyone to reuse it."
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
        "wmfr_representative_title": "Chair of Wikimédia France",
    },
}

DATES = {
    "fr": {"range": ", pour la période du {start} au {end}", "from": ", à compter du {start}"},
    "en": {"range": ", for the period from {start} to {end}", "from": ", from {start}"},
}


def texts(language: str) -> dict[str, str]:
    return STANDARD_TEXTS["en" if language == "en" else "fr"]
