"""Reference data for the WMFR activity catalogue.

Source: "Wikimédia France/Démarche partenariale/en" (Meta-Wiki), the
partnership policy of Wikimédia France (2014-2015 action plan, "Types of
contribution" table, guiding principles).

English strings are copied verbatim from the source (typos and typography
included). French strings are a translation of that English text.
"""

from __future__ import annotations

PLAN = {
    "code": "2014-2015",
    "name": {"en": "2014-2015 action plan", "fr": "Plan d'action 2014-2015"},
    "start_year": 2014,
    "end_year": 2015,
    "priorities": [
        {
            "number": 1,
            "title": {
                "en": "Increase the number of contributors and add to content, by raising awareness among and training different target audiences",
                "fr": "Augmenter le nombre de contributeurs et enrichir les contenus, en sensibilisant et en formant différents publics cibles",
            },
            "sub_priorities": [
                {"en": "Secondary and higher education", "fr": "Enseignement secondaire et supérieur"},
                {"en": "GLAM", "fr": "GLAM"},
                {"en": "Cultural associations and groups", "fr": "Associations et groupes culturels"},
                {"en": "Research", "fr": "Recherche"},
                {"en": "Sport", "fr": "Sport"},
                {"en": "Social and solidarity economy", "fr": "Économie sociale et solidaire"},
            ],
        },
        {
            "number": 2,
            "title": {
                "en": "Provide local support to facilitate member involvement and creativity",
                "fr": "Apporter un soutien local pour favoriser l’implication et la créativité des membres",
            },
            "sub_priorities": [
                {
                    "en": "Develop an organization in each region",
                    "fr": "Développer une organisation dans chaque région",
                },
                {"en": "Fund local projects", "fr": "Financer des projets locaux"},
                {"en": "Encourage links between the regions", "fr": "Favoriser les liens entre les régions"},
                {"en": "Promote regional languages", "fr": "Promouvoir les langues régionales"},
            ],
        },
        {
            "number": 3,
            "title": {
                "en": "Encourage international links",
                "fr": "Favoriser les liens internationaux",
            },
            "sub_priorities": [
                {
                    "en": "Relations with the Wikimedia movement abroad",
                    "fr": "Relations avec le mouvement Wikimédia à l’étranger",
                },
                {
                    "en": "Support actions linked to Francophone countries and Africa in particular",
                    "fr": "Soutenir les actions liées aux pays francophones, et à l’Afrique en particulier",
                },
            ],
        },
        {
            "number": 4,
            "title": {
                "en": "Improve the tools available in the wiki environment",
                "fr": "Améliorer les outils disponibles dans l’environnement wiki",
            },
            "sub_priorities": [
                {"en": "Facilitate production by members", "fr": "Faciliter la production des membres"},
                {
                    "en": "Offer content production assistance services",
                    "fr": "Proposer des services d’aide à la production de contenus",
                },
                {
                    "en": "Contribute to the development of tools to meet our needs",
                    "fr": "Contribuer au développement d’outils répondant à nos besoins",
                },
            ],
        },
        {
            "number": 5,
            "title": {
                "en": "Broaden the scope of the association",
                "fr": "Élargir le champ d’action de l’association",
            },
            "sub_priorities": [
                {"en": "Develop strategic management tools", "fr": "Développer des outils de pilotage stratégique"},
                {"en": "Diversify sources of funding", "fr": "Diversifier les sources de financement"},
                {
                    "en": "Make the various communication tools coherent",
                    "fr": "Mettre en cohérence les différents outils de communication",
                },
            ],
        },
        {
            "number": 6,
            "title": {
                "en": "Create a favourable environment for Wikimedia projects",
                "fr": "Créer un environnement favorable aux projets Wikimédia",
            },
            "sub_priorities": [
                {
                    "en": "Raise awareness of the Wikimedia projects and free culture",
                    "fr": "Sensibiliser aux projets Wikimédia et à la culture libre",
                },
                {"en": "Raise awareness of public domain issues", "fr": "Sensibiliser aux enjeux du domaine public"},
            ],
        },
    ],
}

ACTIVITY_TYPES = [
    {
        "code": "edit-a-thon",
        "name": {"en": "Edit-a-thon", "fr": "Edit-a-thon"},
        "definition": {
            "en": "An event aimed at enriching Wikimedia projects linked to one or more given themes. Participants (Wikimedia France members, Wikipedians, groups identifies by the partner...) contribute over a period of time, from several hours to several days at a venue that provides sources",
            "fr": "Événement visant à enrichir les projets Wikimédia autour d’un ou de plusieurs thèmes donnés. Les participants (membres de Wikimédia France, wikipédiens, groupes identifiés par le partenaire…) contribuent pendant une durée allant de quelques heures à plusieurs jours, dans un lieu qui met des sources à leur disposition",
        },
        "note": {"en": "", "fr": ""},
        "partner_types": [
            "cultural_institutions",
            "local_authorities",
            "public_organisations",
            "education",
            "social_economy",
            "thematic_organisations",
        ],
        "wmfr_contribution": {
            "en": [
                "Mobilize Wikimedia France stakeholders (instructors / supervisors or contributors)",
                "Train groups taking part in advance of and on the day of the edit-a-thon",
            ],
            "fr": [
                "Mobiliser des intervenants de Wikimédia France (formateurs / encadrants ou contributeurs)",
                "Former les groupes participants en amont et le jour de l’edit-a-thon",
            ],
        },
        "partner_contribution": {
            "en": [
                "Cover travel expenses for Wikimedia France stakeholders + accommodation and meals where necessary",
                "Membership fee (100€ min.)",
            ],
            "fr": [
                "Prendre en charge les frais de déplacement des intervenants de Wikimédia France + l’hébergement et les repas si nécessaire",
                "Cotisation d’adhésion (100 € min.)",
            ],
        },
        "reciprocal_commitments": {
            "en": ["Communication", "Evaluation of the action"],
            "fr": ["Communication", "Évaluation de l’action"],
        },
        "documents": ["partnership_agreement"],
        "period": {"en": "2 to 3 months", "fr": "2 à 3 mois"},
        "min_months": 2,
        "max_months": 3,
        "membership_fee_expected": True,
    },
    {
        "code": "conference",
        "name": {"en": "Conference", "fr": "Conférence"},
        "definition": {
            "en": "Participation of a Wikimedia France member in a conference, debate or theme-based working group",
            "fr": "Participation d’un membre de Wikimédia France à une conférence, à un débat ou à un groupe de travail thématique",
        },
        "note": {"en": "", "fr": ""},
        "partner_types": [
            "cultural_institutions",
            "local_authorities",
            "public_organisations",
            "education",
            "social_economy",
            "thematic_organisations",
        ],
        "wmfr_contribution": {
            "en": [
                "Identify and mobilize a Wikimedia France member",
                "Prepare presentation materials",
            ],
            "fr": [
                "Identifier et mobiliser un membre de Wikimédia France",
                "Préparer les supports de présentation",
            ],
        },
        "partner_contribution": {
            "en": [
                "Cover travel expenses for Wikimedia France stakeholders + accommodation and meals where necessary",
            ],
            "fr": [
                "Prendre en charge les frais de déplacement des intervenants de Wikimédia France + l’hébergement et les repas si nécessaire",
            ],
        },
        "reciprocal_commitments": {
            "en": ["Communication", "Evaluation of the action"],
            "fr": ["Communication", "Évaluation de l’action"],
        },
        "documents": ["action_sheet"],
        "period": {"en": "1 month", "fr": "1 mois"},
        "min_months": 1,
        "max_months": 1,
        "membership_fee_expected": False,
    },
    {
        "code": "awareness-session",
        "name": {"en": "Awareness session", "fr": "Séance de sensibilisation"},
        "definition": {
            "en": "Awareness session run by a Wikimedia France stakeholder to inform audiences of the areas of action of the association (licences, free software, free sharing of knowledge, education and digital technology...) or the movement (presentation of Wikimedia France, Wikimedia projects, associative commitment...)",
            "fr": "Séance de sensibilisation animée par un intervenant de Wikimédia France pour informer les publics sur les domaines d’action de l’association (licences, logiciels libres, libre partage de la connaissance, éducation et numérique…) ou du mouvement (présentation de Wikimédia France, des projets Wikimédia, de l’engagement associatif…)",
        },
        "note": {"en": "", "fr": ""},
        "partner_types": [
            "cultural_institutions",
            "local_authorities",
            "public_organisations",
            "education",
            "social_economy",
            "thematic_organisations",
        ],
        "wmfr_contribution": {
            "en": [
                "Identify and mobilize a Wikimedia France member",
                "Prepare presentation materials",
            ],
            "fr": [
                "Identifier et mobiliser un membre de Wikimédia France",
                "Préparer les supports de présentation",
            ],
        },
        "partner_contribution": {
            "en": [
                "Cover travel expenses for the Wikimedia France member running the awareness session",
                "Accommodation and meals where necessary",
                "Membership fee (100€ min.)",
            ],
            "fr": [
                "Prendre en charge les frais de déplacement du membre de Wikimédia France qui anime la séance de sensibilisation",
                "Hébergement et repas si nécessaire",
                "Cotisation d’adhésion (100 € min.)",
            ],
        },
        "reciprocal_commitments": {
            "en": ["Communication", "Evaluation of the action"],
            "fr": ["Communication", "Évaluation de l’action"],
        },
        "documents": ["action_sheet"],
        "period": {"en": "1 month", "fr": "1 mois"},
        "min_months": 1,
        "max_months": 1,
        "membership_fee_expected": True,
    },
    {
        "code": "training",
        "name": {"en": "Training", "fr": "Formation"},
        "definition": {
            "en": "Single training session or cycle of training sessions for different audiences",
            "fr": "Session de formation ponctuelle ou cycle de sessions de formation destinés à différents publics",
        },
        "note": {
            "en": "(cf. Training catalogue, work in progress)",
            "fr": "(cf. catalogue des formations, en cours d’élaboration)",
        },
        "partner_types": [
            "companies",
            "cultural_institutions",
            "local_authorities",
            "public_organisations",
            "education",
            "social_economy",
            "thematic_organisations",
        ],
        "wmfr_contribution": {
            "en": [
                "Mobilize instructors",
                "Prepare the teaching programme and training materials",
            ],
            "fr": [
                "Mobiliser des formateurs",
                "Préparer le programme pédagogique et les supports de formation",
            ],
        },
        "partner_contribution": {
            "en": [
                "Invoices drawn up for the requesting organization at the rates in force",
            ],
            "fr": [
                "Facturation à l’organisme demandeur selon les tarifs en vigueur",
            ],
        },
        "reciprocal_commitments": {
            "en": ["Evaluation of the action"],
            "fr": ["Évaluation de l’action"],
        },
        "documents": ["training_agreement", "service_contract"],
        "period": {"en": "1 to 2 months", "fr": "1 à 2 mois"},
        "min_months": 1,
        "max_months": 2,
        "membership_fee_expected": False,
    },
    {
        "code": "content-upload",
        "name": {"en": "Content upload", "fr": "Import de contenus"},
        "definition": {
            "en": "Content upload to Wikimedia projects by Wikimedia France members or by the organization seeking to promote its contents",
            "fr": "Import de contenus sur les projets Wikimédia par des membres de Wikimédia France ou par l’organisation souhaitant valoriser ses contenus",
        },
        "note": {"en": "", "fr": ""},
        "partner_types": [
            "cultural_institutions",
            "local_authorities",
            "public_organisations",
            "education",
            "social_economy",
            "thematic_organisations",
        ],
        "wmfr_contribution": {
            "en": [
                "Mobilize one or more Wikimedia France stakeholders to carry out the upload or support the partner",
            ],
            "fr": [
                "Mobiliser un ou plusieurs intervenants de Wikimédia France pour réaliser l’import ou accompagner le partenaire",
            ],
        },
        "partner_contribution": {
            "en": ["Membership fee (100€ min.)"],
            "fr": ["Cotisation d’adhésion (100 € min.)"],
        },
        "reciprocal_commitments": {
            "en": ["Communication", "Evaluation of the action"],
            "fr": ["Communication", "Évaluation de l’action"],
        },
        "documents": ["partnership_agreement"],
        "period": {"en": "1 to 2 months", "fr": "1 à 2 mois"},
        "min_months": 1,
        "max_months": 2,
        "membership_fee_expected": True,
    },
    {
        "code": "wikipermanence",
        "name": {
            "en": 'Wikipermanence (Local "office hours")',
            "fr": "Wikipermanence (« permanence » locale)",
        },
        "definition": {
            "en": "Physical meeting between Wikimedians and new or future Wikimedians looking to acquire knowledge and advice about how Wikipedia or another Wikimedia project works, with the objective of answering questions, offering help with the first steps, monitoring actions...",
            "fr": "Rencontre physique entre wikimédiens et nouveaux ou futurs wikimédiens souhaitant acquérir des connaissances et des conseils sur le fonctionnement de Wikipédia ou d’un autre projet Wikimédia, dans le but de répondre aux questions, d’aider aux premiers pas, d’assurer le suivi des actions…",
        },
        "note": {"en": "", "fr": ""},
        "partner_types": [
            "general_public",
            "local_authorities",
        ],
        "wmfr_contribution": {
            "en": [
                "Mobilize one or more representatives",
                "Refund of travel expenses",
            ],
            "fr": [
                "Mobiliser un ou plusieurs représentants",
                "Remboursement des frais de déplacement",
            ],
        },
        "partner_contribution": {
            "en": ["Provide a venue and the required equipment"],
            "fr": ["Mettre à disposition un lieu et le matériel nécessaire"],
        },
        "reciprocal_commitments": {
            "en": ["Communication", "Evaluation of the action"],
            "fr": ["Communication", "Évaluation de l’action"],
        },
        "documents": ["action_sheet", "satisfaction_questionnaire"],
        "period": {"en": "1 month", "fr": "1 mois"},
        "min_months": 1,
        "max_months": 1,
        "membership_fee_expected": False,
    },
    {
        "code": "wikipedia-offline",
        "name": {"en": "Wikipedia off-line", "fr": "Wikipédia hors ligne"},
        "definition": {
            "en": "Technical deployment used to consult Wikipedia without an Internet connection (awareness, training and technical support)",
            "fr": "Dispositif technique permettant de consulter Wikipédia sans connexion Internet (sensibilisation, formation et accompagnement technique)",
        },
        "note": {"en": "", "fr": ""},
        "partner_types": [
            "cultural_institutions",
            "local_authorities",
            "public_organisations",
            "education",
            "social_economy",
            "thematic_organisations",
        ],
        "wmfr_contribution": {
            "en": [
                "Preparation of the equipment",
                "Mobilize an instructor",
            ],
            "fr": [
                "Préparation du matériel",
                "Mobiliser un formateur",
            ],
        },
        "partner_contribution": {
            "en": [
                "Cover the cost of the equipment",
                "Cover the cost of the instructor’s travel expenses",
            ],
            "fr": [
                "Prendre en charge le coût du matériel",
                "Prendre en charge les frais de déplacement du formateur",
            ],
        },
        "reciprocal_commitments": {
            "en": ["Communication", "Evaluation of the action"],
            "fr": ["Communication", "Évaluation de l’action"],
        },
        "documents": ["partnership_agreement"],
        "period": {"en": "2 months", "fr": "2 mois"},
        "min_months": 2,
        "max_months": 2,
        "membership_fee_expected": False,
    },
    {
        "code": "public-domain-day",
        "name": {
            "en": 'Operation "Free" or Public Domain Day',
            "fr": "Opération « Libre » ou Journée du domaine public",
        },
        "definition": {
            "en": "Organization and set-up of an awareness event focusing on the public domain and related issues",
            "fr": "Organisation et mise en place d’un événement de sensibilisation consacré au domaine public et aux enjeux qui s’y rattachent",
        },
        "note": {"en": "", "fr": ""},
        "partner_types": [
            "local_authorities",
        ],
        "wmfr_contribution": {
            "en": [
                "Mobilize Wikimedia France stakeholders",
                "Run a booth, workshops, awareness sessions",
            ],
            "fr": [
                "Mobiliser des intervenants de Wikimédia France",
                "Tenir un stand, animer des ateliers et des séances de sensibilisation",
            ],
        },
        "partner_contribution": {
            "en": ["Provide a venue"],
            "fr": ["Mettre à disposition un lieu"],
        },
        "reciprocal_commitments": {
            "en": ["Communication", "Evaluation of the action"],
            "fr": ["Communication", "Évaluation de l’action"],
        },
        "documents": ["partnership_agreement"],
        "period": {"en": "2 to 3 months", "fr": "2 à 3 mois"},
        "min_months": 2,
        "max_months": 3,
        "membership_fee_expected": False,
    },
    {
        "code": "wikipedian-in-residence",
        "name": {"en": "Wikipedian in residence", "fr": "Wikipédien en résidence"},
        "definition": {
            "en": "Presence of a Wikipedian in an organization with the aim of identifying and developing its content on the different Wikimedia projects",
            "fr": "Présence d’un wikipédien au sein d’une organisation dans le but d’identifier et de valoriser ses contenus sur les différents projets Wikimédia",
        },
        "note": {"en": "", "fr": ""},
        "partner_types": [
            "cultural_institutions",
            "public_organisations",
            "education",
            "social_economy",
            "thematic_organisations",
        ],
        "wmfr_contribution": {
            "en": [
                "Search for and select a Wikipedian in residence profile to match the partner’s expectations",
                "Search for and select an institution",
            ],
            "fr": [
                "Rechercher et sélectionner un profil de wikipédien en résidence correspondant aux attentes du partenaire",
                "Rechercher et sélectionner une institution",
            ],
        },
        "partner_contribution": {
            "en": [
                "Depending on the legal status of the Wikipedian in residence, taking charge of administrative aspects",
            ],
            "fr": [
                "Selon le statut juridique du wikipédien en résidence, prise en charge des aspects administratifs",
            ],
        },
        "reciprocal_commitments": {
            "en": ["Communication", "Evaluation of the action through a dedicated process"],
            "fr": ["Communication", "Évaluation de l’action selon un processus dédié"],
        },
        "documents": ["partnership_agreement"],
        "period": {"en": "2 to 3 months", "fr": "2 à 3 mois"},
        "min_months": 2,
        "max_months": 3,
        "membership_fee_expected": False,
    },
    {
        "code": "wikipedia-in-town",
        "name": {"en": "Wikipedia in town", "fr": "Wikipédia en ville"},
        "definition": {
            "en": "Installation of interactive signs containing a QR Code directing the public to Wikimedia projects and aiming to promote a city, its public spaces and monuments",
            "fr": "Installation de panneaux interactifs comportant un QR code qui renvoie le public vers les projets Wikimédia, afin de valoriser une ville, ses espaces publics et ses monuments",
        },
        "note": {"en": "", "fr": ""},
        "partner_types": [
            "local_authorities",
        ],
        "wmfr_contribution": {
            "en": [
                "Graphic layout for the panels",
                "Selection of articles",
            ],
            "fr": [
                "Mise en page graphique des panneaux",
                "Sélection des articles",
            ],
        },
        "partner_contribution": {
            "en": ["Cover the cost of the signs and printing"],
            "fr": ["Prendre en charge le coût des panneaux et de leur impression"],
        },
        "reciprocal_commitments": {
            "en": ["Communication", "Evaluation of the action"],
            "fr": ["Communication", "Évaluation de l’action"],
        },
        "documents": ["partnership_agreement"],
        "period": {"en": "2 to 3 months", "fr": "2 à 3 mois"},
        "min_months": 2,
        "max_months": 3,
        "membership_fee_expected": False,
    },
    {
        "code": "wikitech-lunches",
        "name": {"en": "Wikitech lunches", "fr": "Déjeuners Wikitech"},
        "definition": {
            "en": "Organization of breakfasts or lunches to present the technical projects of Wikimedia or Wikimedia France association: Wikidata, Semanticpedia...",
            "fr": "Organisation de petits-déjeuners ou de déjeuners pour présenter les projets techniques de Wikimédia ou de l’association Wikimédia France : Wikidata, Sémanticpédia…",
        },
        "note": {"en": "", "fr": ""},
        "partner_types": [
            "companies",
            "cultural_institutions",
            "general_public",
            "education",
        ],
        "wmfr_contribution": {
            "en": [
                "Organize the event",
                "Search for and select a competent speaker",
            ],
            "fr": [
                "Organiser l’événement",
                "Rechercher et sélectionner un intervenant compétent",
            ],
        },
        "partner_contribution": {
            "en": ["Provide a venue"],
            "fr": ["Mettre à disposition un lieu"],
        },
        "reciprocal_commitments": {
            "en": ["Communication", "Evaluation of the action"],
            "fr": ["Communication", "Évaluation de l’action"],
        },
        "documents": ["partnership_agreement"],
        "period": {"en": "1 month", "fr": "1 mois"},
        "min_months": 1,
        "max_months": 1,
        "membership_fee_expected": False,
    },
]
