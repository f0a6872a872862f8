"""Demo data: the policy's real partners, then N generated ones, then the demo accounts.

    manage.py seed_demo [--scale N] [--seed S]

* Loads the activity catalogue and the action plan first (idempotent).
* Creates the former and current partners listed in the partnership policy (real
  organisations, fictional contacts), their partnerships and activities. Normal saves,
  so they have history rows and audit entries.
* Creates ``--scale`` generated partners (default 60) with contacts, memberships,
  partnerships, activities and tags, in bulk. They carry the tag ``demo-generated``;
  a second run only adds what is missing up to N. Same seed, same data.
* Creates the demo accounts only when ``settings.DEMO_ACCOUNTS`` is true (never in
  production); their passwords are reset to the values below on every run.

Every e-mail address is on example.org; the phone numbers are in the ranges ARCEP keeps
for fiction (01 99 00, 02 61 91, 03 53 01, 04 65 71, 05 36 49).
"""

from __future__ import annotations

import datetime as dt
import random
import time
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django_scopes import scopes_disabled
from taggit.models import Tag

from accounts.roles import STAFF_MEMBER
from activities.models import Activity, ActivityStatus, ActivityType
from activities.services import catalogue_load
from agreements.demo import demo_agreements_ensure
from core.services import audit_log
from partnerships.models import (
    Contact,
    LegalStatus,
    Membership,
    Partner,
    PartnerMember,
    PartnerRole,
    Partnership,
    PartnershipKind,
    PartnerType,
    PipelineStatus,
    PrincipleAcceptance,
    Region,
    RelationshipStatus,
    Sector,
    StrategicPlan,
    SubPriority,
)
from partnerships.services import principles_accept

# --- Demo accounts ---------------------------------------------------------------------

DEMO_ACCOUNTS_CREDENTIALS = [
    {"username": "staff", "password": "wmfr-staff-demo-2026", "role": "staff member (back-office)"},
    {"username": "admin", "password": "wmfr-admin-demo-2026", "role": "superuser (back-office and /admin/)"},
    {"username": "partner", "password": "wmfr-partner-demo-2026", "role": "BnF contact, portal admin"},
]

GENERATED_TAG = "demo-generated"
DEFAULT_SCALE = 60
DEFAULT_SEED = 2014
BATCH = 1000

# Fictional WMFR staff: owners of partners and leads of partnerships.
STAFF_PEOPLE = [
    ("mathilde.lefevre", "Mathilde", "Lefèvre"),
    ("julien.moreau", "Julien", "Moreau"),
    ("sophie.bernard", "Sophie", "Bernard"),
    ("thomas.girard", "Thomas", "Girard"),
]

PT, SE, LS, RS, RG = PartnerType, Sector, LegalStatus, RelationshipStatus, Region
PS, PK = PipelineStatus, PartnershipKind

# --- The policy's former and current partners ----------------------------------------------
# Real organisations; contacts, dates and partnership details are fictional.
# Wikidata items only where certain; street addresses only where certain.

REAL_PARTNERS = [
    {
        "key": "an",
        "name": "Archives nationales",
        "legal_name": "Archives nationales (service à compétence nationale)",
        "partner_type": PT.CULTURAL_INSTITUTIONS,
        "sector": SE.ARCHIVES,
        "legal_status": LS.PUBLIC_BODY,
        "street": "59, rue Guynemer",
        "postal": "93380",
        "city": "Pierrefitte-sur-Seine",
        "region": RG.ILE_DE_FRANCE,
        "website": "https://www.archives-nationales.culture.gouv.fr",
        "status": RS.ACTIVE,
        "tags": ["GLAM", "Île-de-France", "Wikisource"],
        "contacts": [
            ("Hélène", "Marchand", "Responsable de la diffusion numérique", True),
            ("Olivier", "Perrin", "Chargé de la médiation culturelle", False),
        ],
        "principles": True,
        "owner": 0,
    },
    {
        "key": "avignon",
        "name": "Festival d'Avignon",
        "legal_name": "Association de gestion du Festival d'Avignon",
        "partner_type": PT.CULTURAL_INSTITUTIONS,
        "sector": SE.CULTURAL_NETWORKS,
        "legal_status": LS.NON_PROFIT,
        "city": "Avignon",
        "postal": "84000",
        "region": RG.PROVENCE_ALPES_COTE_D_AZUR,
        "website": "https://festival-avignon.com",
        "status": RS.FORMER,
        "tags": ["Photographie", "Spectacle vivant"],
        "contacts": [("Lucie", "Fabre", "Chargée de communication", True)],
        "memberships": [(2014, 150), (2015, 150)],
        "owner": 1,
    },
    {
        "key": "aso",
        "name": "Amaury Sport Organisation",
        "legal_name": "Amaury Sport Organisation (A.S.O.)",
        "partner_type": PT.COMPANIES,
        "sector": SE.CULTURAL_NETWORKS,
        "legal_status": LS.COMPANY,
        "street": "40-42, quai du Point-du-Jour",
        "postal": "92100",
        "city": "Boulogne-Billancourt",
        "region": RG.ILE_DE_FRANCE,
        "website": "https://www.aso.fr",
        "status": RS.FORMER,
        "tags": ["Sport", "Photographie"],
        "contacts": [
            ("Nicolas", "Roussel", "Responsable des contenus numériques", True),
            ("Émilie", "Caron", "Chargée des relations presse", False),
        ],
        "owner": 2,
    },
    {
        "key": "amcsti",
        "name": "AMCSTI",
        "legal_name": "Association des musées et centres pour le développement de la culture "
        "scientifique, technique et industrielle",
        "partner_type": PT.THEMATIC_ORGANISATIONS,
        "sector": SE.CULTURAL_NETWORKS,
        "legal_status": LS.NON_PROFIT,
        "city": "Paris",
        "region": RG.ILE_DE_FRANCE,
        "website": "https://www.amcsti.fr",
        "status": RS.ACTIVE,
        "tags": ["Culture scientifique", "Réseau"],
        "contacts": [
            ("Aurélie", "Vasseur", "Déléguée générale", True),
            ("Maxime", "Leclerc", "Chargé de projets", False),
        ],
        "memberships": [(2014, 100), (2015, 100), (2016, 100), ("current", 100)],
        "principles": True,
        "owner": 3,
    },
    {
        "key": "bnf",
        "name": "Bibliothèque nationale de France",
        "legal_name": "Bibliothèque nationale de France",
        "partner_type": PT.CULTURAL_INSTITUTIONS,
        "sector": SE.LIBRARIES,
        "legal_status": LS.PUBLIC_BODY,
        "street": "Quai François-Mauriac",
        "postal": "75013",
        "city": "Paris",
        "region": RG.ILE_DE_FRANCE,
        "website": "https://www.bnf.fr",
        "wikidata_id": "Q193563",
        "status": RS.ACTIVE,
        "tags": ["GLAM", "Wikisource", "Domaine public", "Île-de-France"],
        "contacts": [
            ("Claire", "Dubois", "Chargée de mission partenariats numériques", True),
            ("Antoine", "Lemaire", "Chef de projet Gallica", False),
            ("Isabelle", "Renaud", "Conservatrice, département des Estampes", False),
        ],
        "memberships": [(2014, 500), (2015, 500)],
        "principles": True,
        "owner": 0,
    },
    {
        "key": "toulouse",
        "name": "Mairie de Toulouse",
        "legal_name": "Commune de Toulouse",
        "partner_type": PT.LOCAL_AUTHORITIES,
        "sector": SE.LOCAL_AUTHORITIES,
        "legal_status": LS.PUBLIC_BODY,
        "street": "Place du Capitole",
        "postal": "31000",
        "city": "Toulouse",
        "region": RG.OCCITANIE,
        "website": "https://www.toulouse.fr",
        "status": RS.ACTIVE,
        "tags": ["Wikipédia en ville", "Langues régionales", "Occitanie"],
        "contacts": [
            ("Marion", "Sabatier", "Direction de la culture, chargée des projets numériques", True),
            ("Julien", "Castan", "Archives municipales", False),
        ],
        "memberships": [(2024, 300), (2025, 300), ("current", 300)],
        "principles": True,
        "owner": 1,
    },
    {
        "key": "loire-atlantique",
        "name": "Conseil départemental de Loire-Atlantique",
        "legal_name": "Département de Loire-Atlantique",
        "partner_type": PT.LOCAL_AUTHORITIES,
        "sector": SE.LOCAL_AUTHORITIES,
        "legal_status": LS.PUBLIC_BODY,
        "street": "3, quai Ceineray",
        "postal": "44000",
        "city": "Nantes",
        "region": RG.PAYS_DE_LA_LOIRE,
        "website": "https://www.loire-atlantique.fr",
        "status": RS.FORMER,
        "tags": ["Bibliothèques", "Pays de la Loire"],
        "contacts": [("Gaëlle", "Le Goff", "Bibliothèque départementale, responsable de l'action culturelle", True)],
        "owner": 2,
    },
    {
        "key": "bordeaux",
        "name": "Mairie de Bordeaux",
        "legal_name": "Commune de Bordeaux",
        "partner_type": PT.LOCAL_AUTHORITIES,
        "sector": SE.LOCAL_AUTHORITIES,
        "legal_status": LS.PUBLIC_BODY,
        "street": "Place Pey-Berland",
        "postal": "33000",
        "city": "Bordeaux",
        "region": RG.NOUVELLE_AQUITAINE,
        "website": "https://www.bordeaux.fr",
        "status": RS.IN_DISCUSSION,
        "tags": ["Domaine public", "Nouvelle-Aquitaine"],
        "contacts": [
            ("Pierre", "Lafargue", "Mission patrimoine et numérique", True),
            ("Sandrine", "Duprat", "Bibliothèque municipale", False),
        ],
        "owner": 3,
    },
    {
        "key": "pompidou",
        "name": "Centre Pompidou",
        "legal_name": "Centre national d'art et de culture Georges-Pompidou",
        "partner_type": PT.CULTURAL_INSTITUTIONS,
        "sector": SE.MULTIDISCIPLINARY,
        "legal_status": LS.PUBLIC_BODY,
        "street": "Place Georges-Pompidou",
        "postal": "75004",
        "city": "Paris",
        "region": RG.ILE_DE_FRANCE,
        "website": "https://www.centrepompidou.fr",
        "wikidata_id": "Q178065",
        "status": RS.FORMER,
        "tags": ["GLAM", "Art contemporain", "Île-de-France"],
        "contacts": [("Camille", "Roche", "Service des publics, projets numériques", True)],
        "owner": 0,
    },
    {
        "key": "citearchi",
        "name": "Cité de l'architecture et du patrimoine",
        "legal_name": "Cité de l'architecture et du patrimoine",
        "partner_type": PT.CULTURAL_INSTITUTIONS,
        "sector": SE.MULTIDISCIPLINARY,
        "legal_status": LS.PUBLIC_BODY,
        "street": "1, place du Trocadéro-et-du-11-Novembre",
        "postal": "75116",
        "city": "Paris",
        "region": RG.ILE_DE_FRANCE,
        "website": "https://www.citedelarchitecture.fr",
        "status": RS.ACTIVE,
        "tags": ["GLAM", "Wiki Loves Monuments", "Patrimoine", "Île-de-France"],
        "contacts": [
            ("Bertrand", "Fournier", "Responsable des ressources documentaires", True),
            ("Laure", "Michaud", "Chargée des partenariats", False),
        ],
        "memberships": [("current", 200)],
        "principles": True,
        "owner": 1,
    },
    {
        "key": "universcience",
        "name": "Palais de la découverte – Cité des sciences et de l'industrie",
        "legal_name": "Universcience",
        "partner_type": PT.CULTURAL_INSTITUTIONS,
        "sector": SE.MULTIDISCIPLINARY,
        "legal_status": LS.PUBLIC_BODY,
        "street": "30, avenue Corentin-Cariou",
        "postal": "75019",
        "city": "Paris",
        "region": RG.ILE_DE_FRANCE,
        "website": "https://www.cite-sciences.fr",
        "status": RS.FORMER,
        "tags": ["Culture scientifique", "Île-de-France"],
        "contacts": [
            ("Sébastien", "Aubert", "Chef de projet médiation numérique", True),
            ("Nadia", "Benali", "Chargée de programmation des conférences", False),
        ],
        "owner": 2,
    },
    {
        "key": "loreal",
        "name": "Fondation d'entreprise L'Oréal",
        "legal_name": "Fondation d'entreprise L'Oréal",
        "partner_type": PT.COMPANIES,
        "sector": SE.COMPANY_FOUNDATIONS,
        "legal_status": LS.NON_PROFIT,
        "city": "Clichy",
        "postal": "92110",
        "region": RG.ILE_DE_FRANCE,
        "website": "https://www.fondationloreal.com",
        "status": RS.FORMER,
        "tags": ["Mécénat", "Femmes et sciences"],
        "contacts": [("Valérie", "Guillot", "Responsable des programmes", True)],
        "memberships": [(2015, 500)],
        "owner": 3,
    },
    {
        "key": "lafayette",
        "name": "Fondation d'entreprise Galeries Lafayette",
        "legal_name": "Fondation d'entreprise Galeries Lafayette (Lafayette Anticipations)",
        "partner_type": PT.COMPANIES,
        "sector": SE.COMPANY_FOUNDATIONS,
        "legal_status": LS.NON_PROFIT,
        "street": "9, rue du Plâtre",
        "postal": "75004",
        "city": "Paris",
        "region": RG.ILE_DE_FRANCE,
        "website": "https://www.lafayetteanticipations.com",
        "status": RS.IN_DISCUSSION,
        "tags": ["Mécénat", "Art contemporain"],
        "contacts": [
            ("Charlotte", "Vidal", "Chargée du mécénat", True),
            ("Hugo", "Lambert", "Coordinateur des ateliers", False),
        ],
        "owner": 0,
    },
    {
        "key": "sevres",
        "name": "Sèvres – Cité de la céramique",
        "legal_name": "Sèvres – Cité de la céramique",
        "partner_type": PT.CULTURAL_INSTITUTIONS,
        "sector": SE.MUSEUMS,
        "legal_status": LS.PUBLIC_BODY,
        "street": "2, place de la Manufacture",
        "postal": "92310",
        "city": "Sèvres",
        "region": RG.ILE_DE_FRANCE,
        "website": "https://www.sevresciteceramique.fr",
        "status": RS.FORMER,
        "tags": ["GLAM", "Arts décoratifs", "Île-de-France"],
        "contacts": [("Agnès", "Poulain", "Responsable des collections numérisées", True)],
        "owner": 1,
    },
    {
        "key": "cluny",
        "name": "Musée de Cluny – musée national du Moyen Âge",
        "legal_name": "Musée de Cluny – musée national du Moyen Âge",
        "partner_type": PT.CULTURAL_INSTITUTIONS,
        "sector": SE.MUSEUMS,
        "legal_status": LS.PUBLIC_BODY,
        "street": "28, rue Du Sommerard",
        "postal": "75005",
        "city": "Paris",
        "region": RG.ILE_DE_FRANCE,
        "website": "https://www.musee-moyenage.fr",
        "status": RS.ACTIVE,
        "tags": ["GLAM", "Moyen Âge", "Île-de-France"],
        "contacts": [
            ("Mathieu", "Delorme", "Conservateur du patrimoine", True),
            ("Élodie", "Marchal", "Service culturel", False),
        ],
        "memberships": [(2025, 100), ("current", 100)],
        "principles": True,
        "owner": 2,
    },
    {
        # The policy names it only as "Musée de la Haute-Saône": the city is left blank.
        "key": "haute-saone",
        "name": "Musée de la Haute-Saône",
        "partner_type": PT.CULTURAL_INSTITUTIONS,
        "sector": SE.MUSEUMS,
        "legal_status": LS.PUBLIC_BODY,
        "city": "",
        "region": RG.BOURGOGNE_FRANCHE_COMTE,
        "status": RS.FORMER,
        "tags": ["GLAM", "Bourgogne-Franche-Comté"],
        "contacts": [("Jean-Marc", "Bouvier", "Attaché de conservation", True)],
        "notes": "La liste de la démarche partenariale indique seulement « Musée de la Haute-Saône » : "
        "établissement et commune à préciser.",
        "owner": 3,
    },
    {
        "key": "branly",
        "name": "Musée du quai Branly – Jacques Chirac",
        "legal_name": "Établissement public du musée du quai Branly – Jacques Chirac",
        "partner_type": PT.CULTURAL_INSTITUTIONS,
        "sector": SE.MUSEUMS,
        "legal_status": LS.PUBLIC_BODY,
        "street": "37, quai Branly",
        "postal": "75007",
        "city": "Paris",
        "region": RG.ILE_DE_FRANCE,
        "website": "https://www.quaibranly.fr",
        "status": RS.IN_DISCUSSION,
        "tags": ["GLAM", "Francophonie", "Île-de-France"],
        "contacts": [
            ("Fatou", "Diallo", "Chargée des ressources documentaires en ligne", True),
            ("Romain", "Chevalier", "Médiathèque", False),
        ],
        "owner": 0,
    },
    {
        "key": "versailles",
        "name": "Château de Versailles",
        "legal_name": "Établissement public du château, du musée et du domaine national de Versailles",
        "partner_type": PT.CULTURAL_INSTITUTIONS,
        "sector": SE.MUSEUMS,
        "legal_status": LS.PUBLIC_BODY,
        "street": "Place d'Armes",
        "postal": "78000",
        "city": "Versailles",
        "region": RG.ILE_DE_FRANCE,
        "website": "https://www.chateauversailles.fr",
        "wikidata_id": "Q2946",
        "status": RS.IN_DISCUSSION,
        "tags": ["GLAM", "Wiki Loves Monuments", "Patrimoine", "Île-de-France"],
        "contacts": [
            ("Anne-Sophie", "Berger", "Direction de la communication, pôle numérique", True),
            ("François", "Mallet", "Photothèque", False),
        ],
        "owner": 1,
    },
    {
        "key": "ministere",
        "name": "Ministère de la Culture et de la Communication",
        "legal_name": "Ministère de la Culture et de la Communication",
        "partner_type": PT.PUBLIC_ORGANISATIONS,
        "sector": SE.GOVERNMENT,
        "legal_status": LS.PUBLIC_BODY,
        "street": "3, rue de Valois",
        "postal": "75001",
        "city": "Paris",
        "region": RG.ILE_DE_FRANCE,
        "website": "https://www.culture.gouv.fr",
        "status": RS.FORMER,
        "tags": ["Wiki Loves Monuments", "Domaine public", "Open data"],
        "contacts": [
            ("Philippe", "Texier", "Département des programmes numériques", True),
            ("Catherine", "Noël", "Mission open data", False),
        ],
        "owner": 2,
    },
    {
        "key": "institut-francais",
        "name": "Institut français",
        "legal_name": "Institut français",
        "partner_type": PT.PUBLIC_ORGANISATIONS,
        "sector": SE.GOVERNMENT,
        "legal_status": LS.PUBLIC_BODY,
        "street": "8-14, rue du Capitaine-Scott",
        "postal": "75015",
        "city": "Paris",
        "region": RG.ILE_DE_FRANCE,
        "website": "https://www.institutfrancais.com",
        "status": RS.ACTIVE,
        "tags": ["Francophonie", "International"],
        "contacts": [
            ("Karine", "Ferrand", "Pôle langue française et numérique", True),
            ("David", "Owusu", "Réseau culturel à l'étranger", False, "en"),
        ],
        "principles": True,
        "owner": 3,
    },
    {
        "key": "auf",
        "name": "Agence universitaire de la Francophonie",
        "legal_name": "Agence universitaire de la Francophonie (AUF)",
        "partner_type": PT.PUBLIC_ORGANISATIONS,
        "sector": SE.GOVERNMENT,
        "legal_status": LS.NON_PROFIT,
        "city": "Montréal",
        "region": "",
        "country": "CA",
        "website": "https://www.auf.org",
        "status": RS.ACTIVE,
        "tags": ["Francophonie", "Afrique", "Enseignement supérieur"],
        "contacts": [
            ("Aminata", "Traoré", "Direction du numérique éducatif", True),
            ("Marc-André", "Gagnon", "Chargé de programme", False),
        ],
        "principles": True,
        "owner": 0,
    },
    {
        "key": "comue-lille",
        "name": "ComUE Lille Nord de France",
        "legal_name": "Communauté d'universités et d'établissements Lille Nord de France",
        "partner_type": PT.EDUCATION,
        "sector": SE.UNIVERSITIES,
        "legal_status": LS.PUBLIC_BODY,
        "city": "Lille",
        "postal": "59000",
        "region": RG.HAUTS_DE_FRANCE,
        "status": RS.FORMER,
        "tags": ["Enseignement supérieur", "Hauts-de-France"],
        "contacts": [("Stéphane", "Delattre", "Chargé de mission pédagogie numérique", True)],
        "owner": 1,
    },
    {
        "key": "ciup",
        "name": "Cité internationale universitaire de Paris",
        "legal_name": "Fondation nationale Cité internationale universitaire de Paris",
        "partner_type": PT.EDUCATION,
        "sector": SE.UNIVERSITIES,
        "legal_status": LS.NON_PROFIT,
        "street": "17, boulevard Jourdan",
        "postal": "75014",
        "city": "Paris",
        "region": RG.ILE_DE_FRANCE,
        "website": "https://www.ciup.fr",
        "status": RS.FORMER,
        "tags": ["Enseignement supérieur", "International", "Île-de-France"],
        "contacts": [
            ("Inès", "Haddad", "Vie des résidents, action culturelle", True),
            ("Lars", "Jensen", "Maison internationale", False, "en"),
        ],
        "owner": 2,
    },
    {
        "key": "rennes1",
        "name": "Université de Rennes 1",
        "legal_name": "Université de Rennes",
        "partner_type": PT.EDUCATION,
        "sector": SE.UNIVERSITIES,
        "legal_status": LS.PUBLIC_BODY,
        "street": "2, rue du Thabor",
        "postal": "35000",
        "city": "Rennes",
        "region": RG.BRETAGNE,
        "website": "https://www.univ-rennes.fr",
        "status": RS.ACTIVE,
        "tags": ["Enseignement supérieur", "Recherche", "Bretagne"],
        "contacts": [
            ("Yann", "Le Bihan", "Vice-président numérique", True),
            ("Morgane", "Kerleau", "Service commun de documentation", False),
            ("Erwan", "Guéguen", "Enseignant-chercheur en histoire", False),
        ],
        "memberships": [(2025, 100)],
        "principles": True,
        "owner": 3,
    },
    {
        "key": "inria",
        "name": "Inria",
        "legal_name": "Institut national de recherche en informatique et en automatique",
        "partner_type": PT.EDUCATION,
        "sector": SE.UNIVERSITIES,
        "legal_status": LS.PUBLIC_BODY,
        "street": "Domaine de Voluceau, Rocquencourt",
        "postal": "78150",
        "city": "Le Chesnay-Rocquencourt",
        "region": RG.ILE_DE_FRANCE,
        "website": "https://www.inria.fr",
        "status": RS.ACTIVE,
        "tags": ["Recherche", "Logiciel libre", "Wikidata"],
        "contacts": [
            ("Guillaume", "Ferrer", "Chargé de la médiation scientifique", True),
            ("Priya", "Raman", "Ingénieure de recherche", False, "en"),
        ],
        "principles": True,
        "owner": 0,
    },
]

# Partnerships of the real partners. Dates: a date, or an int = days from today.
# Activities: (type code, title, start, status or None to derive it from the dates).
REAL_PARTNERSHIPS = [
    {
        "partners": ["an"],
        "title": "Wikipédien en résidence aux Archives nationales",
        "goal": "Accompagner les équipes des Archives nationales dans la diffusion de leurs fonds numérisés "
        "sur Wikimedia Commons et Wikisource, et former les agents à la contribution.",
        "kind": PK.AGREEMENT,
        "status": PS.ACTIVE,
        "start": -420,
        "end": 320,
        "lead": 0,
        "subs": [(1, 2), (4, 2)],
        "location": "Pierrefitte-sur-Seine",
        "activities": [
            ("wikipedian-in-residence", "Résidence wikipédienne – première période", -400, None),
            ("content-upload", "Import d'une sélection de cartes et plans sur Commons", -200, None),
            ("training", "Formation des agents à Wikimedia Commons", -30, None),
            ("edit-a-thon", "Edit-a-thon « Archives de la Révolution française »", 45, None),
        ],
    },
    {
        "partners": ["bnf"],
        "title": "Gallica sur Wikisource et Wikimedia Commons",
        "goal": "Verser sur Wikisource et Wikimedia Commons des documents du domaine public numérisés par la BnF "
        "et en faciliter la correction collaborative.",
        "kind": PK.AGREEMENT,
        "status": PS.COMPLETED,
        "start": dt.date(2013, 3, 1),
        "end": dt.date(2015, 12, 31),
        "lead": 0,
        "subs": [(1, 2), (6, 2)],
        "location": "Paris",
        "activities": [
            ("content-upload", "Import de textes du domaine public sur Wikisource", dt.date(2013, 4, 2), None),
            ("training", "Formation des bibliothécaires à la correction sur Wikisource", dt.date(2014, 2, 10), None),
            ("conference", "Conférence « Le domaine public, bien commun »", dt.date(2015, 1, 15), None),
        ],
    },
    {
        "partners": ["bnf"],
        "title": "Journées contributives BnF – Wikidata",
        "goal": "Relier les notices d'autorité de la BnF et Wikidata lors de journées contributives ouvertes "
        "aux bibliothécaires et aux wikimédiens.",
        "kind": PK.AGREEMENT,
        "status": PS.DRAFTING,
        "start": 60,
        "end": None,
        "lead": 1,
        "subs": [(1, 2), (4, 3)],
        "location": "Paris",
        "activities": [("edit-a-thon", "Journée contributive Wikidata à la BnF", 90, None)],
    },
    {
        "partners": ["avignon"],
        "title": "Photographier le Festival d'Avignon",
        "goal": "Illustrer les articles consacrés au Festival et aux compagnies invitées grâce à des photographies "
        "sous licence libre prises par des bénévoles accrédités.",
        "kind": PK.AGREEMENT,
        "status": PS.COMPLETED,
        "start": dt.date(2014, 6, 1),
        "end": dt.date(2014, 9, 30),
        "pilot": True,
        "lead": 1,
        "subs": [(1, 3)],
        "location": "Avignon",
        "activities": [
            ("content-upload", "Versement des photographies du Festival 2014 sur Commons", dt.date(2014, 7, 4), None)
        ],
    },
    {
        "partners": ["aso"],
        "title": "Le Tour de France sur Wikipédia",
        "goal": "Accréditer des photographes bénévoles sur les étapes du Tour de France et améliorer les articles "
        "consacrés aux coureurs et aux étapes.",
        "kind": PK.PATRONAGE_IN_KIND,
        "status": PS.COMPLETED,
        "start": dt.date(2014, 5, 1),
        "end": dt.date(2014, 8, 31),
        "pilot": True,
        "lead": 2,
        "subs": [(1, 5)],
        "location": "Boulogne-Billancourt",
        "activities": [
            ("training", "Formation des équipes numériques d'ASO à Wikipédia et Commons", dt.date(2014, 5, 12), None)
        ],
    },
    {
        "partners": ["amcsti"],
        "title": "Culture scientifique et Wikipédia",
        "goal": "Former les médiateurs du réseau de l'AMCSTI à la contribution pour enrichir les articles "
        "scientifiques et techniques de Wikipédia.",
        "kind": PK.AGREEMENT,
        "status": PS.ACTIVE,
        "start": -700,
        "end": None,
        "lead": 3,
        "subs": [(1, 3), (6, 1)],
        "location": "Paris",
        "activities": [
            ("training", "Formation des médiateurs scientifiques – session 1", -650, None),
            ("awareness-session", "Séance de sensibilisation aux projets Wikimédia", -300, None),
            ("conference", "Conférence aux rencontres annuelles du réseau", 30, None),
        ],
    },
    {
        "partners": ["toulouse"],
        "title": "Toulouse, Wikipédia en ville",
        "goal": "Faire de Toulouse une ville contributive : wikipermanences, ateliers dans les bibliothèques et "
        "valorisation du patrimoine toulousain et occitan.",
        "kind": PK.AGREEMENT,
        "status": PS.ACTIVE,
        "start": -300,
        "end": 400,
        "lead": 1,
        "subs": [(2, 1), (2, 4)],
        "location": "Toulouse",
        "activities": [
            ("wikipedia-in-town", "Toulouse, Wikipédia en ville – lancement", -280, None),
            ("wikipermanence", "Wikipermanence à la médiathèque José-Cabanis", -20, None),
            ("public-domain-day", "Journée du domaine public à Toulouse", 40, None),
        ],
    },
    {
        "partners": ["loire-atlantique"],
        "title": "Wikipermanences dans les bibliothèques de Loire-Atlantique",
        "goal": "Ouvrir des permanences Wikipédia dans les bibliothèques du réseau départemental et former "
        "les bibliothécaires à l'accompagnement des publics.",
        "kind": PK.AGREEMENT,
        "status": PS.COMPLETED,
        "start": dt.date(2014, 9, 1),
        "end": dt.date(2015, 6, 30),
        "lead": 2,
        "subs": [(2, 1)],
        "location": "Nantes",
        "activities": [
            ("wikipermanence", "Wikipermanence – bibliothèque départementale", dt.date(2014, 10, 4), None),
            ("training", "Formation des bibliothécaires du réseau", dt.date(2015, 1, 20), None),
            ("wikipermanence", "Wikipermanence de printemps", dt.date(2015, 4, 11), None),
        ],
    },
    {
        "partners": ["bordeaux"],
        "title": "Journée du domaine public à Bordeaux",
        "goal": "Célébrer chaque année l'entrée d'auteurs dans le domaine public avec les bibliothèques "
        "et les archives de la ville.",
        "kind": PK.AGREEMENT,
        "status": PS.IN_DISCUSSION,
        "start": None,
        "end": None,
        "lead": 3,
        "subs": [(6, 2)],
        "location": "Bordeaux",
        "activities": [],
    },
    {
        "partners": ["pompidou"],
        "title": "Edit-a-thon art contemporain au Centre Pompidou",
        "goal": "Améliorer les articles consacrés aux artistes des collections du Musée national d'art moderne.",
        "kind": PK.AGREEMENT,
        "status": PS.COMPLETED,
        "start": dt.date(2014, 2, 1),
        "end": dt.date(2014, 4, 30),
        "pilot": True,
        "lead": 0,
        "subs": [(1, 2)],
        "location": "Paris",
        "activities": [("edit-a-thon", "Edit-a-thon « Artistes femmes des collections »", dt.date(2014, 3, 8), None)],
    },
    {
        "partners": ["citearchi", "ministere"],
        "title": "Wiki Loves Monuments en France",
        "goal": "Organiser le concours photographique Wiki Loves Monuments pour documenter les monuments "
        "historiques français sous licence libre.",
        "kind": PK.AGREEMENT,
        "status": PS.COMPLETED,
        "start": dt.date(2013, 6, 1),
        "end": dt.date(2015, 12, 31),
        "lead": 1,
        "subs": [(1, 2), (6, 1)],
        "location": "Paris",
        "activities": [
            ("conference", "Remise des prix Wiki Loves Monuments 2013", dt.date(2013, 12, 7), None),
            ("content-upload", "Import des photographies lauréates", dt.date(2014, 1, 13), None),
            ("conference", "Remise des prix Wiki Loves Monuments 2014", dt.date(2014, 12, 6), None),
        ],
    },
    {
        "partners": ["citearchi"],
        "title": "Ateliers architecture et patrimoine",
        "goal": "Animer un cycle d'ateliers contributifs autour des fonds de la bibliothèque de la Cité "
        "et du patrimoine architectural du XXe siècle.",
        "kind": PK.AGREEMENT,
        "status": PS.ACTIVE,
        "start": -150,
        "end": 215,
        "lead": 1,
        "subs": [(1, 2)],
        "location": "Paris",
        "activities": [
            ("edit-a-thon", "Edit-a-thon « Architectes du XXe siècle »", -120, None),
            ("awareness-session", "Présentation de Wikipédia aux équipes de la Cité", 20, None),
        ],
    },
    {
        "partners": ["universcience"],
        "title": "Wikipédia au Palais de la découverte",
        "goal": "Faire découvrir Wikipédia aux publics du Palais de la découverte et enrichir les articles "
        "de vulgarisation scientifique.",
        "kind": PK.AGREEMENT,
        "status": PS.COMPLETED,
        "start": dt.date(2014, 9, 1),
        "end": dt.date(2015, 3, 31),
        "lead": 2,
        "subs": [(1, 2), (1, 4)],
        "location": "Paris",
        "activities": [
            ("conference", "Conférence « Wikipédia, une encyclopédie scientifique ? »", dt.date(2014, 10, 9), None),
            ("edit-a-thon", "Edit-a-thon sciences et techniques", dt.date(2015, 1, 24), None),
        ],
    },
    {
        "partners": ["loreal"],
        "title": "Femmes et sciences sur Wikipédia",
        "goal": "Rendre visibles les femmes scientifiques sur Wikipédia, avec le soutien financier de la "
        "Fondation et la participation de lauréates de ses programmes.",
        "kind": PK.SPONSORSHIP,
        "status": PS.COMPLETED,
        "start": dt.date(2015, 1, 1),
        "end": dt.date(2015, 12, 31),
        "lead": 3,
        "subs": [(5, 2), (1, 4)],
        "location": "Clichy",
        "activities": [("training", "Formation des lauréates à la contribution", dt.date(2015, 3, 10), None)],
    },
    {
        "partners": ["lafayette"],
        "title": "Accueil d'ateliers contributifs",
        "goal": "Mécénat en nature : mise à disposition de salles et de matériel pour des ateliers Wikipédia "
        "consacrés à l'art contemporain.",
        "kind": PK.PATRONAGE_IN_KIND,
        "status": PS.DRAFTING,
        "start": 45,
        "end": None,
        "lead": 0,
        "subs": [(5, 2)],
        "location": "Paris",
        "activities": [("wikitech-lunches", "Déjeuner Wikitech « Données ouvertes et art »", 75, None)],
    },
    {
        "partners": ["sevres"],
        "title": "Les collections de Sèvres sur Wikimedia Commons",
        "goal": "Verser sur Wikimedia Commons des photographies de pièces des collections et documenter "
        "l'histoire de la manufacture sur Wikipédia.",
        "kind": PK.AGREEMENT,
        "status": PS.COMPLETED,
        "start": dt.date(2014, 4, 1),
        "end": dt.date(2015, 2, 28),
        "lead": 1,
        "subs": [(1, 2)],
        "location": "Sèvres",
        "activities": [
            ("content-upload", "Import des photographies de la collection de porcelaine", dt.date(2014, 5, 5), None),
            ("edit-a-thon", "Edit-a-thon « Histoire de la céramique »", dt.date(2014, 11, 15), None),
        ],
    },
    {
        "partners": ["cluny"],
        "title": "Le Moyen Âge sur Wikipédia",
        "goal": "Enrichir les articles consacrés aux œuvres et à l'histoire médiévales à partir des "
        "collections du musée de Cluny.",
        "kind": PK.AGREEMENT,
        "status": PS.ACTIVE,
        "start": -240,
        "end": 480,
        "lead": 2,
        "subs": [(1, 2)],
        "location": "Paris",
        "activities": [
            ("edit-a-thon", "Edit-a-thon « La Dame à la licorne »", -200, None),
            ("wikipedian-in-residence", "Wikipédien en résidence au musée de Cluny", -40, None),
        ],
    },
    {
        "partners": ["haute-saone"],
        "title": "Collections du musée sur Wikimedia Commons",
        "goal": "Expérimenter le versement d'images de collections départementales sur Wikimedia Commons.",
        "kind": PK.AGREEMENT,
        "status": PS.COMPLETED,
        "start": dt.date(2013, 5, 1),
        "end": dt.date(2013, 9, 30),
        "pilot": True,
        "lead": 3,
        "subs": [(1, 2), (2, 1)],
        "location": "Haute-Saône",
        "activities": [("content-upload", "Import d'une première série de photographies", dt.date(2013, 6, 3), None)],
    },
    {
        "partners": ["branly"],
        "title": "Arts d'Afrique et d'Océanie sur Wikipédia",
        "goal": "Documenter sur Wikipédia, dans plusieurs langues, les collections extra-européennes du musée.",
        "kind": PK.AGREEMENT,
        "status": PS.IN_DISCUSSION,
        "start": None,
        "end": None,
        "lead": 0,
        "subs": [(1, 2), (3, 2)],
        "location": "Paris",
        "activities": [],
    },
    {
        "partners": ["versailles"],
        "title": "Photographies des espaces du château",
        "goal": "Permettre à des photographes bénévoles de documenter les espaces du château et du domaine.",
        "kind": PK.AGREEMENT,
        "status": PS.IDENTIFIED,
        "start": None,
        "end": None,
        "lead": 1,
        "subs": [(1, 2)],
        "location": "Versailles",
        "activities": [],
    },
    {
        "partners": ["ministere"],
        "title": "Sensibilisation au domaine public",
        "goal": "Sensibiliser les établissements culturels aux enjeux du domaine public et de l'ouverture "
        "des données culturelles.",
        "kind": PK.AGREEMENT,
        "status": PS.COMPLETED,
        "start": dt.date(2014, 1, 1),
        "end": dt.date(2014, 6, 30),
        "lead": 2,
        "subs": [(6, 2)],
        "location": "Paris",
        "activities": [
            ("conference", "Conférence « Domaine public et institutions culturelles »", dt.date(2014, 1, 21), None)
        ],
    },
    {
        "partners": ["institut-francais", "auf"],
        "title": "Wikipédia hors ligne dans le réseau francophone",
        "goal": "Installer Wikipédia hors ligne dans des établissements du réseau francophone peu connectés "
        "et former leurs équipes à son usage.",
        "kind": PK.AGREEMENT,
        "status": PS.ACTIVE,
        "start": -380,
        "end": 350,
        "pilot": True,
        "lead": 3,
        "subs": [(3, 2), (3, 1)],
        "location": "Paris",
        "activities": [
            ("wikipedia-offline", "Installation de Wikipédia hors ligne – premiers sites", -330, None),
            ("training", "Formation des responsables de médiathèques francophones", -90, None),
            ("wikipedia-offline", "Installation de Wikipédia hors ligne – deuxième vague", 60, None),
        ],
    },
    {
        "partners": ["auf"],
        "title": "Formation des universitaires francophones à la contribution",
        "goal": "Former des enseignants et des documentalistes du réseau de l'AUF à la contribution "
        "aux projets Wikimédia.",
        "kind": PK.AGREEMENT,
        "status": PS.ACTIVE,
        "start": -200,
        "end": 165,
        "lead": 0,
        "subs": [(3, 2), (1, 1)],
        "location": "En ligne",
        "activities": [
            ("training", "Formation en ligne – première promotion", -180, None),
            ("training", "Formation en ligne – deuxième promotion", -25, None),
        ],
    },
    {
        "partners": ["comue-lille"],
        "title": "Wikipédia en cours : ateliers pour les étudiants",
        "goal": "Intégrer la contribution à Wikipédia dans des enseignements de licence et de master.",
        "kind": PK.AGREEMENT,
        "status": PS.COMPLETED,
        "start": dt.date(2014, 9, 1),
        "end": dt.date(2015, 6, 30),
        "lead": 1,
        "subs": [(1, 1)],
        "location": "Lille",
        "activities": [
            ("awareness-session", "Séance de sensibilisation des enseignants", dt.date(2014, 9, 23), None),
            ("training", "Atelier de contribution pour les étudiants", dt.date(2015, 2, 2), None),
        ],
    },
    {
        "partners": ["ciup"],
        "title": "Déjeuners Wikitech à la Cité internationale",
        "goal": "Réunir résidents, chercheurs et wikimédiens autour des outils techniques des projets Wikimédia.",
        "kind": PK.AGREEMENT,
        "status": PS.COMPLETED,
        "start": dt.date(2015, 1, 1),
        "end": dt.date(2015, 6, 30),
        "lead": 2,
        "subs": [(4, 3), (3, 1)],
        "location": "Paris",
        "activities": [
            ("wikitech-lunches", "Déjeuner Wikitech « Wikidata pour les chercheurs »", dt.date(2015, 2, 12), None),
            ("wikitech-lunches", "Déjeuner Wikitech « Outils de Wikimedia Commons »", dt.date(2015, 5, 7), None),
        ],
    },
    {
        "partners": ["rennes1"],
        "title": "Wikipédia dans les cursus de l'Université de Rennes 1",
        "goal": "Former étudiants et enseignants à la contribution et valoriser la recherche rennaise, "
        "y compris en breton.",
        "kind": PK.AGREEMENT,
        "status": PS.ACTIVE,
        "start": -500,
        "end": 230,
        "lead": 3,
        "subs": [(1, 1), (1, 4), (2, 4)],
        "location": "Rennes",
        "activities": [
            ("training", "Formation des doctorants à la contribution", -450, None),
            ("edit-a-thon", "Edit-a-thon « Sciences en Bretagne »", -150, None),
            ("training", "Atelier de contribution en breton", 25, None),
        ],
    },
    {
        "partners": ["inria"],
        "title": "Outils libres et déjeuners Wikitech avec Inria",
        "goal": "Rapprocher chercheurs et développeurs des outils des projets Wikimédia, en particulier Wikidata.",
        "kind": PK.AGREEMENT,
        "status": PS.ACTIVE,
        "start": -260,
        "end": None,
        "lead": 0,
        "subs": [(4, 3)],
        "location": "Le Chesnay-Rocquencourt",
        "activities": [
            ("wikitech-lunches", "Déjeuner Wikitech « Wikidata et le web sémantique »", -230, None),
            ("conference", "Conférence « Logiciels libres et communs de la connaissance »", -60, None),
            ("wikitech-lunches", "Déjeuner Wikitech « Requêtes SPARQL »", 35, None),
        ],
    },
]

# --- Material for the generated partners -------------------------------------------------
# (city, postal code, "de <département>" or "" when it is not the prefecture, region, university)

CITIES = [
    ("Paris", "75011", "", RG.ILE_DE_FRANCE, True),
    ("Versailles", "78000", "des Yvelines", RG.ILE_DE_FRANCE, True),
    ("Nanterre", "92000", "des Hauts-de-Seine", RG.ILE_DE_FRANCE, True),
    ("Créteil", "94000", "du Val-de-Marne", RG.ILE_DE_FRANCE, True),
    ("Évry-Courcouronnes", "91000", "de l'Essonne", RG.ILE_DE_FRANCE, True),
    ("Cergy", "95000", "du Val-d'Oise", RG.ILE_DE_FRANCE, True),
    ("Melun", "77000", "de Seine-et-Marne", RG.ILE_DE_FRANCE, False),
    ("Bobigny", "93000", "de la Seine-Saint-Denis", RG.ILE_DE_FRANCE, False),
    ("Montreuil", "93100", "", RG.ILE_DE_FRANCE, False),
    ("Argenteuil", "95100", "", RG.ILE_DE_FRANCE, False),
    ("Vincennes", "94300", "", RG.ILE_DE_FRANCE, False),
    ("Lille", "59000", "du Nord", RG.HAUTS_DE_FRANCE, True),
    ("Amiens", "80000", "de la Somme", RG.HAUTS_DE_FRANCE, True),
    ("Arras", "62000", "du Pas-de-Calais", RG.HAUTS_DE_FRANCE, True),
    ("Beauvais", "60000", "de l'Oise", RG.HAUTS_DE_FRANCE, False),
    ("Laon", "02000", "de l'Aisne", RG.HAUTS_DE_FRANCE, False),
    ("Roubaix", "59100", "", RG.HAUTS_DE_FRANCE, False),
    ("Dunkerque", "59140", "", RG.HAUTS_DE_FRANCE, True),
    ("Valenciennes", "59300", "", RG.HAUTS_DE_FRANCE, True),
    ("Calais", "62100", "", RG.HAUTS_DE_FRANCE, False),
    ("Compiègne", "60200", "", RG.HAUTS_DE_FRANCE, True),
    ("Strasbourg", "67000", "du Bas-Rhin", RG.GRAND_EST, True),
    ("Metz", "57000", "de la Moselle", RG.GRAND_EST, True),
    ("Nancy", "54000", "de Meurthe-et-Moselle", RG.GRAND_EST, True),
    ("Reims", "51100", "", RG.GRAND_EST, True),
    ("Mulhouse", "68100", "", RG.GRAND_EST, True),
    ("Colmar", "68000", "du Haut-Rhin", RG.GRAND_EST, False),
    ("Troyes", "10000", "de l'Aube", RG.GRAND_EST, True),
    ("Épinal", "88000", "des Vosges", RG.GRAND_EST, False),
    ("Châlons-en-Champagne", "51000", "de la Marne", RG.GRAND_EST, False),
    ("Charleville-Mézières", "08000", "des Ardennes", RG.GRAND_EST, False),
    ("Dijon", "21000", "de la Côte-d'Or", RG.BOURGOGNE_FRANCHE_COMTE, True),
    ("Besançon", "25000", "du Doubs", RG.BOURGOGNE_FRANCHE_COMTE, True),
    ("Vesoul", "70000", "de la Haute-Saône", RG.BOURGOGNE_FRANCHE_COMTE, False),
    ("Auxerre", "89000", "de l'Yonne", RG.BOURGOGNE_FRANCHE_COMTE, False),
    ("Belfort", "90000", "du Territoire de Belfort", RG.BOURGOGNE_FRANCHE_COMTE, True),
    ("Mâcon", "71000", "de Saône-et-Loire", RG.BOURGOGNE_FRANCHE_COMTE, False),
    ("Nevers", "58000", "de la Nièvre", RG.BOURGOGNE_FRANCHE_COMTE, False),
    ("Chalon-sur-Saône", "71100", "", RG.BOURGOGNE_FRANCHE_COMTE, False),
    ("Rouen", "76000", "de la Seine-Maritime", RG.NORMANDIE, True),
    ("Caen", "14000", "du Calvados", RG.NORMANDIE, True),
    ("Le Havre", "76600", "", RG.NORMANDIE, True),
    ("Cherbourg-en-Cotentin", "50100", "", RG.NORMANDIE, False),
    ("Évreux", "27000", "de l'Eure", RG.NORMANDIE, False),
    ("Alençon", "61000", "de l'Orne", RG.NORMANDIE, False),
    ("Saint-Lô", "50000", "de la Manche", RG.NORMANDIE, False),
    ("Bayeux", "14400", "", RG.NORMANDIE, False),
    ("Rennes", "35000", "d'Ille-et-Vilaine", RG.BRETAGNE, True),
    ("Brest", "29200", "", RG.BRETAGNE, True),
    ("Quimper", "29000", "du Finistère", RG.BRETAGNE, False),
    ("Vannes", "56000", "du Morbihan", RG.BRETAGNE, True),
    ("Lorient", "56100", "", RG.BRETAGNE, True),
    ("Saint-Brieuc", "22000", "des Côtes-d'Armor", RG.BRETAGNE, False),
    ("Saint-Malo", "35400", "", RG.BRETAGNE, False),
    ("Lannion", "22300", "", RG.BRETAGNE, False),
    ("Nantes", "44000", "de Loire-Atlantique", RG.PAYS_DE_LA_LOIRE, True),
    ("Angers", "49000", "de Maine-et-Loire", RG.PAYS_DE_LA_LOIRE, True),
    ("Le Mans", "72000", "de la Sarthe", RG.PAYS_DE_LA_LOIRE, True),
    ("Laval", "53000", "de la Mayenne", RG.PAYS_DE_LA_LOIRE, False),
    ("La Roche-sur-Yon", "85000", "de la Vendée", RG.PAYS_DE_LA_LOIRE, False),
    ("Saint-Nazaire", "44600", "", RG.PAYS_DE_LA_LOIRE, False),
    ("Cholet", "49300", "", RG.PAYS_DE_LA_LOIRE, False),
    ("Orléans", "45000", "du Loiret", RG.CENTRE_VAL_DE_LOIRE, True),
    ("Tours", "37000", "d'Indre-et-Loire", RG.CENTRE_VAL_DE_LOIRE, True),
    ("Bourges", "18000", "du Cher", RG.CENTRE_VAL_DE_LOIRE, False),
    ("Blois", "41000", "de Loir-et-Cher", RG.CENTRE_VAL_DE_LOIRE, False),
    ("Chartres", "28000", "d'Eure-et-Loir", RG.CENTRE_VAL_DE_LOIRE, False),
    ("Châteauroux", "36000", "de l'Indre", RG.CENTRE_VAL_DE_LOIRE, False),
    ("Bordeaux", "33000", "de la Gironde", RG.NOUVELLE_AQUITAINE, True),
    ("Limoges", "87000", "de la Haute-Vienne", RG.NOUVELLE_AQUITAINE, True),
    ("Poitiers", "86000", "de la Vienne", RG.NOUVELLE_AQUITAINE, True),
    ("La Rochelle", "17000", "de la Charente-Maritime", RG.NOUVELLE_AQUITAINE, True),
    ("Pau", "64000", "des Pyrénées-Atlantiques", RG.NOUVELLE_AQUITAINE, True),
    ("Angoulême", "16000", "de la Charente", RG.NOUVELLE_AQUITAINE, False),
    ("Périgueux", "24000", "de la Dordogne", RG.NOUVELLE_AQUITAINE, False),
    ("Bayonne", "64100", "", RG.NOUVELLE_AQUITAINE, False),
    ("Niort", "79000", "des Deux-Sèvres", RG.NOUVELLE_AQUITAINE, False),
    ("Mont-de-Marsan", "40000", "des Landes", RG.NOUVELLE_AQUITAINE, False),
    ("Agen", "47000", "de Lot-et-Garonne", RG.NOUVELLE_AQUITAINE, False),
    ("Tulle", "19000", "de la Corrèze", RG.NOUVELLE_AQUITAINE, False),
    ("Toulouse", "31000", "de la Haute-Garonne", RG.OCCITANIE, True),
    ("Montpellier", "34000", "de l'Hérault", RG.OCCITANIE, True),
    ("Nîmes", "30000", "du Gard", RG.OCCITANIE, True),
    ("Perpignan", "66000", "des Pyrénées-Orientales", RG.OCCITANIE, True),
    ("Albi", "81000", "du Tarn", RG.OCCITANIE, False),
    ("Carcassonne", "11000", "de l'Aude", RG.OCCITANIE, False),
    ("Rodez", "12000", "de l'Aveyron", RG.OCCITANIE, False),
    ("Béziers", "34500", "", RG.OCCITANIE, False),
    ("Tarbes", "65000", "des Hautes-Pyrénées", RG.OCCITANIE, False),
    ("Montauban", "82000", "de Tarn-et-Garonne", RG.OCCITANIE, False),
    ("Cahors", "46000", "du Lot", RG.OCCITANIE, False),
    ("Foix", "09000", "de l'Ariège", RG.OCCITANIE, False),
    ("Lyon", "69002", "du Rhône", RG.AUVERGNE_RHONE_ALPES, True),
    ("Grenoble", "38000", "de l'Isère", RG.AUVERGNE_RHONE_ALPES, True),
    ("Saint-Étienne", "42000", "de la Loire", RG.AUVERGNE_RHONE_ALPES, True),
    ("Clermont-Ferrand", "63000", "du Puy-de-Dôme", RG.AUVERGNE_RHONE_ALPES, True),
    ("Annecy", "74000", "de la Haute-Savoie", RG.AUVERGNE_RHONE_ALPES, False),
    ("Chambéry", "73000", "de la Savoie", RG.AUVERGNE_RHONE_ALPES, True),
    ("Valence", "26000", "de la Drôme", RG.AUVERGNE_RHONE_ALPES, False),
    ("Bourg-en-Bresse", "01000", "de l'Ain", RG.AUVERGNE_RHONE_ALPES, False),
    ("Villeurbanne", "69100", "", RG.AUVERGNE_RHONE_ALPES, False),
    ("Moulins", "03000", "de l'Allier", RG.AUVERGNE_RHONE_ALPES, False),
    ("Aurillac", "15000", "du Cantal", RG.AUVERGNE_RHONE_ALPES, False),
    ("Le Puy-en-Velay", "43000", "de la Haute-Loire", RG.AUVERGNE_RHONE_ALPES, False),
    ("Privas", "07000", "de l'Ardèche", RG.AUVERGNE_RHONE_ALPES, False),
    ("Vichy", "03200", "", RG.AUVERGNE_RHONE_ALPES, False),
    ("Marseille", "13001", "des Bouches-du-Rhône", RG.PROVENCE_ALPES_COTE_D_AZUR, True),
    ("Nice", "06000", "des Alpes-Maritimes", RG.PROVENCE_ALPES_COTE_D_AZUR, True),
    ("Toulon", "83000", "du Var", RG.PROVENCE_ALPES_COTE_D_AZUR, True),
    ("Avignon", "84000", "de Vaucluse", RG.PROVENCE_ALPES_COTE_D_AZUR, True),
    ("Aix-en-Provence", "13100", "", RG.PROVENCE_ALPES_COTE_D_AZUR, True),
    ("Gap", "05000", "des Hautes-Alpes", RG.PROVENCE_ALPES_COTE_D_AZUR, False),
    ("Digne-les-Bains", "04000", "des Alpes-de-Haute-Provence", RG.PROVENCE_ALPES_COTE_D_AZUR, False),
    ("Arles", "13200", "", RG.PROVENCE_ALPES_COTE_D_AZUR, False),
    ("Ajaccio", "20000", "de la Corse-du-Sud", RG.CORSE, False),
    ("Bastia", "20200", "de la Haute-Corse", RG.CORSE, False),
    ("Corte", "20250", "", RG.CORSE, True),
    ("Pointe-à-Pitre", "97110", "", RG.GUADELOUPE, True),
    ("Basse-Terre", "97100", "de la Guadeloupe", RG.GUADELOUPE, False),
    ("Fort-de-France", "97200", "de la Martinique", RG.MARTINIQUE, True),
    ("Cayenne", "97300", "de la Guyane", RG.GUYANE, True),
    ("Saint-Denis", "97400", "de La Réunion", RG.LA_REUNION, True),
    ("Mamoudzou", "97600", "de Mayotte", RG.MAYOTTE, False),
]
# Bigger cities come up more often.
CITY_WEIGHTS = [6 if c[0] == "Paris" else 3 if c[4] else 1 for c in CITIES]

PHONE_PREFIX = {  # ARCEP numbers reserved for works of fiction, by area
    RG.ILE_DE_FRANCE: "+331990",
    RG.BRETAGNE: "+332619",
    RG.NORMANDIE: "+332619",
    RG.PAYS_DE_LA_LOIRE: "+332619",
    RG.CENTRE_VAL_DE_LOIRE: "+332619",
    RG.GRAND_EST: "+333530",
    RG.HAUTS_DE_FRANCE: "+333530",
    RG.BOURGOGNE_FRANCHE_COMTE: "+333530",
    RG.AUVERGNE_RHONE_ALPES: "+334657",
    RG.PROVENCE_ALPES_COTE_D_AZUR: "+334657",
    RG.CORSE: "+334657",
    RG.NOUVELLE_AQUITAINE: "+335364",
    RG.OCCITANIE: "+335364",
}
PHONE_MIDDLE = {"+331990": "0", "+332619": "1", "+333530": "1", "+334657": "1", "+335364": "9"}

FIRST_NAMES = [
    "Camille",
    "Léa",
    "Manon",
    "Chloé",
    "Emma",
    "Inès",
    "Sarah",
    "Julie",
    "Pauline",
    "Marie",
    "Anne",
    "Claire",
    "Élise",
    "Margaux",
    "Laura",
    "Océane",
    "Nathalie",
    "Isabelle",
    "Sylvie",
    "Christine",
    "Valérie",
    "Sandrine",
    "Céline",
    "Audrey",
    "Émilie",
    "Aurélie",
    "Mélanie",
    "Hélène",
    "Agathe",
    "Juliette",
    "Louise",
    "Zoé",
    "Yasmine",
    "Thomas",
    "Nicolas",
    "Julien",
    "Maxime",
    "Alexandre",
    "Antoine",
    "Hugo",
    "Lucas",
    "Louis",
    "Paul",
    "Arthur",
    "Mathieu",
    "Sébastien",
    "Guillaume",
    "Vincent",
    "François",
    "Pierre",
    "Jean",
    "Philippe",
    "Olivier",
    "Laurent",
    "Stéphane",
    "Christophe",
    "David",
    "Romain",
    "Benoît",
    "Damien",
    "Karim",
    "Mehdi",
    "Yann",
    "Erwan",
    "Loïc",
    "Bastien",
    "Théo",
    "Adrien",
    "Clément",
    "Raphaël",
]
LAST_NAMES = [
    "Martin",
    "Bernard",
    "Thomas",
    "Petit",
    "Robert",
    "Richard",
    "Durand",
    "Dubois",
    "Moreau",
    "Laurent",
    "Simon",
    "Michel",
    "Lefebvre",
    "Leroy",
    "Roux",
    "David",
    "Bertrand",
    "Morel",
    "Fournier",
    "Girard",
    "Bonnet",
    "Dupont",
    "Lambert",
    "Fontaine",
    "Rousseau",
    "Vincent",
    "Muller",
    "Lefèvre",
    "Faure",
    "André",
    "Mercier",
    "Blanc",
    "Guérin",
    "Boyer",
    "Garnier",
    "Chevalier",
    "François",
    "Legrand",
    "Gauthier",
    "Garcia",
    "Perrin",
    "Robin",
    "Clément",
    "Morin",
    "Nicolas",
    "Henry",
    "Roussel",
    "Mathieu",
    "Gautier",
    "Masson",
    "Marchand",
    "Duval",
    "Denis",
    "Dumont",
    "Marie",
    "Lemaire",
    "Noël",
    "Meyer",
    "Dufour",
    "Meunier",
    "Brun",
    "Blanchard",
    "Giraud",
    "Joly",
    "Rivière",
    "Lucas",
    "Brunet",
    "Gaillard",
    "Barbier",
    "Arnaud",
    "Martinez",
    "Gérard",
    "Roche",
    "Renard",
    "Schmitt",
    "Roy",
    "Leroux",
    "Colin",
    "Vidal",
    "Caron",
    "Picard",
    "Roger",
    "Fabre",
    "Aubert",
    "Lemoine",
    "Renaud",
    "Dumas",
    "Lacroix",
    "Olivier",
    "Philippe",
    "Bourgeois",
    "Pierre",
    "Benoît",
    "Rey",
    "Leclerc",
    "Payet",
    "Rolland",
    "Leclercq",
    "Guillaume",
    "Lecomte",
    "Lopez",
    "Jean",
    "Dupuy",
    "Guillot",
    "Hubert",
    "Berger",
    "Carpentier",
    "Le Gall",
    "Kerouac",
    "Le Goff",
    "Salaün",
    "Etcheverry",
    "Casanova",
    "Benali",
    "Nguyen",
    "Diallo",
    "Haddad",
]
LYCEE_PATRONS = [
    "Victor-Hugo",
    "Jean-Jaurès",
    "Jules-Ferry",
    "Marie-Curie",
    "Louis-Pasteur",
    "Condorcet",
    "Montaigne",
    "Jean-Moulin",
    "Simone-Veil",
    "Albert-Camus",
    "George-Sand",
    "Voltaire",
    "Jacques-Prévert",
    "Paul-Éluard",
    "Charles-de-Gaulle",
    "Colette",
    "Émile-Zola",
    "Jean-Monnet",
    "Olympe-de-Gouges",
    "Camille-Claudel",
]
WORDS = [
    "Horizon",
    "Lumière",
    "Boussole",
    "Archipel",
    "Sillage",
    "Passerelle",
    "Mosaïque",
    "Escale",
    "Racines",
    "Trait d'union",
    "Carrefour",
    "Ricochet",
    "Hirondelle",
    "Grand Large",
    "Vent d'Ouest",
    "Clair-Obscur",
    "Palimpseste",
    "Encre",
    "Volubilis",
    "Ginkgo",
    "Tilleul",
    "Olivier",
    "Cèdre",
    "Écume",
    "Marelle",
    "Filigrane",
]
THEMES = [
    "patrimoine local",
    "histoire industrielle",
    "biodiversité",
    "architecture",
    "personnalités locales",
    "femmes de sciences",
    "photographie ancienne",
    "cartes postales anciennes",
    "monuments historiques",
    "gastronomie régionale",
    "littérature",
    "musique",
    "arts plastiques",
    "sport",
    "langues régionales",
    "géologie",
    "archéologie",
    "histoire ouvrière",
    "patrimoine fluvial",
    "jardins",
    "cinéma",
    "bande dessinée",
]
ROLES = {
    PT.CULTURAL_INSTITUTIONS: [
        "Directeur",
        "Directrice",
        "Conservateur",
        "Conservatrice",
        "Chargé des publics",
        "Chargée de la médiation numérique",
        "Responsable des collections",
        "Documentaliste",
    ],
    PT.LOCAL_AUTHORITIES: [
        "Adjoint à la culture",
        "Adjointe à la culture",
        "Directeur des affaires culturelles",
        "Chargée de mission numérique",
        "Chef de projet open data",
    ],
    PT.PUBLIC_ORGANISATIONS: [
        "Chargé de mission",
        "Chargée de mission",
        "Responsable de la communication",
        "Directeur adjoint",
        "Chef de service",
    ],
    PT.EDUCATION: [
        "Professeur documentaliste",
        "Professeure d'histoire",
        "Maître de conférences",
        "Vice-présidente numérique",
        "Conseiller pédagogique",
        "Bibliothécaire",
    ],
    PT.SOCIAL_ECONOMY: ["Président", "Présidente", "Coordinateur", "Coordinatrice", "Animateur", "Trésorière"],
    PT.THEMATIC_ORGANISATIONS: ["Président", "Présidente", "Secrétaire", "Trésorier", "Responsable des publications"],
    PT.COMPANIES: ["Gérant", "Gérante", "Responsable RSE", "Directrice de la communication", "Chargé du mécénat"],
    PT.GENERAL_PUBLIC: ["Référent", "Référente", "Animateur bénévole", "Animatrice bénévole"],
}
THEMATIC_TAGS = {
    PT.CULTURAL_INSTITUTIONS: [
        "GLAM",
        "Patrimoine",
        "Photographie",
        "Wiki Loves Monuments",
        "Domaine public",
        "Wikisource",
    ],
    PT.LOCAL_AUTHORITIES: [
        "Wikipédia en ville",
        "Patrimoine",
        "Open data",
        "Wiki Loves Monuments",
        "Langues régionales",
    ],
    PT.PUBLIC_ORGANISATIONS: ["Open data", "Domaine public", "Wiki Loves Earth", "Wikidata"],
    PT.EDUCATION: ["Enseignement supérieur", "Éducation", "Recherche", "Wikidata"],
    PT.SOCIAL_ECONOMY: ["Économie sociale et solidaire", "Éducation populaire", "Inclusion numérique"],
    PT.THEMATIC_ORGANISATIONS: ["Patrimoine", "Langues régionales", "Wiki Loves Earth", "Photographie", "Sport"],
    PT.COMPANIES: ["Mécénat", "Logiciel libre", "Open data"],
    PT.GENERAL_PUBLIC: ["Wikipermanence", "Inclusion numérique"],
}
# Which sub-priority (priority number, position) a partner type mostly serves.
TYPE_SUB_PRIORITIES = {
    PT.CULTURAL_INSTITUTIONS: [(1, 2)],
    PT.LOCAL_AUTHORITIES: [(2, 1), (2, 3)],
    PT.PUBLIC_ORGANISATIONS: [(6, 1)],
    PT.EDUCATION: [(1, 1), (1, 4)],
    PT.SOCIAL_ECONOMY: [(1, 6)],
    PT.THEMATIC_ORGANISATIONS: [(1, 3)],
    PT.COMPANIES: [(5, 2)],
    PT.GENERAL_PUBLIC: [(6, 1)],
}
STREET_KINDS = ["rue", "avenue", "place", "boulevard", "quai"]
STREET_NAMES = [
    "de la République",
    "Victor-Hugo",
    "Jean-Jaurès",
    "du Général-Leclerc",
    "de la Gare",
    "des Écoles",
    "Pasteur",
    "du Marché",
    "Gambetta",
    "de la Liberté",
]
REGIONAL_LANGUAGE_REGIONS = {
    RG.BRETAGNE,
    RG.OCCITANIE,
    RG.CORSE,
    RG.GRAND_EST,
    RG.GUADELOUPE,
    RG.MARTINIQUE,
    RG.GUYANE,
    RG.LA_REUNION,
}


def de(place: str) -> str:
    """French "de" before a place name: d'Angers, du Mans, de La Rochelle, de Paris."""
    if place.startswith("Le "):
        return "du " + place[3:]
    if place.startswith("Les "):
        return "des " + place[4:]
    if place[:1] in "AEIOUYÉÈÊÎÔ":
        return "d'" + place
    return "de " + place


def ascii_slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "".join(c if c.isalnum() else "-" for c in text).strip("-").replace("--", "-")


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, 28))


def resolve_day(value, today: dt.date) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return today + dt.timedelta(days=value)


def activity_status_for(start: dt.date, end: dt.date, today: dt.date) -> str:
    if end < today:
        return ActivityStatus.DONE
    if start <= today:
        return ActivityStatus.IN_PREPARATION
    return ActivityStatus.PLANNED


# (name template, sector, legal status, needs: "" any city / "prefecture" / "university")
NAME_TEMPLATES = {
    PT.CULTURAL_INSTITUTIONS: [
        ("Médiathèque municipale {de_city}", SE.LIBRARIES, LS.PUBLIC_BODY, ""),
        ("Bibliothèque municipale {de_city}", SE.LIBRARIES, LS.PUBLIC_BODY, ""),
        ("Réseau des médiathèques {de_city}", SE.LIBRARIES, LS.PUBLIC_BODY, ""),
        ("Bibliothèque départementale {dept}", SE.LIBRARIES, LS.PUBLIC_BODY, "prefecture"),
        ("Bibliothèque universitaire {de_city}", SE.LIBRARIES, LS.PUBLIC_BODY, "university"),
        ("Musée des beaux-arts {de_city}", SE.MUSEUMS, LS.PUBLIC_BODY, ""),
        ("Musée d'histoire {de_city}", SE.MUSEUMS, LS.PUBLIC_BODY, ""),
        ("Muséum d'histoire naturelle {de_city}", SE.MUSEUMS, LS.PUBLIC_BODY, ""),
        ("Musée archéologique {de_city}", SE.MUSEUMS, LS.PUBLIC_BODY, ""),
        ("Musée de la photographie {de_city}", SE.MUSEUMS, LS.PUBLIC_BODY, ""),
        ("Écomusée du pays {de_city}", SE.MUSEUMS, LS.NON_PROFIT, ""),
        ("Archives départementales {dept}", SE.ARCHIVES, LS.PUBLIC_BODY, "prefecture"),
        ("Archives municipales {de_city}", SE.ARCHIVES, LS.PUBLIC_BODY, ""),
        ("Centre d'art contemporain {de_city}", SE.MULTIDISCIPLINARY, LS.PUBLIC_BODY, ""),
        ("Théâtre municipal {de_city}", SE.MULTIDISCIPLINARY, LS.PUBLIC_BODY, ""),
        ("Maison de la culture {de_city}", SE.MULTIDISCIPLINARY, LS.NON_PROFIT, ""),
        ("Festival du livre {de_city}", SE.CULTURAL_NETWORKS, LS.NON_PROFIT, ""),
        ("Festival de musique {de_city}", SE.CULTURAL_NETWORKS, LS.NON_PROFIT, ""),
    ],
    PT.LOCAL_AUTHORITIES: [
        ("Mairie {de_city}", SE.LOCAL_AUTHORITIES, LS.PUBLIC_BODY, ""),
        ("Communauté d'agglomération {de_city}", SE.LOCAL_AUTHORITIES, LS.PUBLIC_BODY, ""),
        ("Conseil départemental {dept}", SE.LOCAL_AUTHORITIES, LS.PUBLIC_BODY, "prefecture"),
        ("Office de tourisme {de_city}", SE.LOCAL_AUTHORITIES, LS.PUBLIC_BODY, ""),
    ],
    PT.PUBLIC_ORGANISATIONS: [
        ("Atelier Canopé {dept}", SE.GOVERNMENT, LS.PUBLIC_BODY, "prefecture"),
        ("Service régional de l'archéologie, antenne {de_city}", SE.GOVERNMENT, LS.PUBLIC_BODY, "prefecture"),
        ("Centre hospitalier {de_city}", SE.OTHER, LS.PUBLIC_BODY, ""),
        ("Maison de l'emploi {de_city}", SE.OTHER, LS.PUBLIC_BODY, ""),
        ("Conservatoire botanique {de_city}", SE.OTHER, LS.PUBLIC_BODY, "university"),
    ],
    PT.EDUCATION: [
        ("Université {de_city}", SE.UNIVERSITIES, LS.PUBLIC_BODY, "university"),
        ("IUT {de_city}", SE.UNIVERSITIES, LS.PUBLIC_BODY, "university"),
        ("École supérieure d'art {de_city}", SE.UNIVERSITIES, LS.PUBLIC_BODY, ""),
        ("Laboratoire d'histoire {de_city}", SE.UNIVERSITIES, LS.PUBLIC_BODY, "university"),
        ("Lycée {patron} {de_city}", SE.OTHER, LS.PUBLIC_BODY, ""),
        ("Collège {patron} {de_city}", SE.OTHER, LS.PUBLIC_BODY, ""),
    ],
    PT.SOCIAL_ECONOMY: [
        ("Maison des jeunes et de la culture {de_city}", SE.OTHER, LS.NON_PROFIT, ""),
        ("Centre social {word} {de_city}", SE.OTHER, LS.NON_PROFIT, ""),
        ("Ressourcerie {de_city}", SE.OTHER, LS.NON_PROFIT, ""),
        ("Régie de quartier {de_city}", SE.OTHER, LS.NON_PROFIT, ""),
        ("Fablab {de_city}", SE.OTHER, LS.NON_PROFIT, ""),
        ("Tiers-lieu {word}", SE.OTHER, LS.NON_PROFIT, ""),
        ("Coopérative {word}", SE.OTHER, LS.COMPANY, ""),
        ("Association d'éducation populaire {word}", SE.OTHER, LS.NON_PROFIT, ""),
    ],
    PT.THEMATIC_ORGANISATIONS: [
        ("Société d'histoire et d'archéologie {de_city}", SE.CULTURAL_NETWORKS, LS.NON_PROFIT, ""),
        ("Cercle généalogique {de_city}", SE.CULTURAL_NETWORKS, LS.NON_PROFIT, ""),
        ("Association des amis du musée {de_city}", SE.CULTURAL_NETWORKS, LS.NON_PROFIT, ""),
        ("Club photo {de_city}", SE.CULTURAL_NETWORKS, LS.NON_PROFIT, ""),
        ("Société des sciences naturelles {de_city}", SE.CULTURAL_NETWORKS, LS.NON_PROFIT, ""),
        ("Association {word}", SE.CULTURAL_NETWORKS, LS.NON_PROFIT, ""),
        ("Compagnie théâtrale {word}", SE.CULTURAL_NETWORKS, LS.NON_PROFIT, ""),
        ("Club sportif {de_city}", SE.OTHER, LS.NON_PROFIT, ""),
    ],
    PT.COMPANIES: [
        ("Éditions {surname}", SE.OTHER, LS.COMPANY, ""),
        ("Imprimerie {surname}", SE.OTHER, LS.COMPANY, ""),
        ("Librairie {surname}", SE.OTHER, LS.COMPANY, ""),
        ("{surname} Conseil", SE.OTHER, LS.COMPANY, ""),
        ("Studio {word}", SE.OTHER, LS.COMPANY, ""),
        ("{word} Numérique", SE.OTHER, LS.COMPANY, ""),
        ("Agence {word}", SE.OTHER, LS.COMPANY, ""),
        ("Fondation d'entreprise {surname}", SE.COMPANY_FOUNDATIONS, LS.NON_PROFIT, ""),
    ],
    PT.GENERAL_PUBLIC: [
        ("Groupe de contributeurs {de_city}", SE.OTHER, LS.NON_PROFIT, ""),
        ("Atelier Wikipédia {de_city}", SE.OTHER, LS.NON_PROFIT, ""),
        ("Club de lecture {de_city}", SE.OTHER, LS.NON_PROFIT, ""),
    ],
}
TYPE_WEIGHTS = [
    (PT.CULTURAL_INSTITUTIONS, 30),
    (PT.LOCAL_AUTHORITIES, 10),
    (PT.PUBLIC_ORGANISATIONS, 6),
    (PT.EDUCATION, 16),
    (PT.SOCIAL_ECONOMY, 12),
    (PT.THEMATIC_ORGANISATIONS, 14),
    (PT.COMPANIES, 9),
    (PT.GENERAL_PUBLIC, 3),
]
GOALS = {
    PT.CULTURAL_INSTITUTIONS: [
        "Enrichir Wikipédia et Wikimedia Commons à partir des collections {de_partner} "
        "et former ses équipes à la contribution.",
        "Diffuser sous licence libre une sélection de documents {de_partner} et documenter le thème « {theme} ».",
    ],
    PT.LOCAL_AUTHORITIES: [
        "Faire connaître les projets Wikimédia aux habitants et valoriser le patrimoine de {city} sur Wikipédia.",
        "Ouvrir des rendez-vous contributifs réguliers à {city} et documenter le thème « {theme} ».",
    ],
    PT.PUBLIC_ORGANISATIONS: [
        "Sensibiliser les agents aux projets Wikimédia et à l'ouverture des données publiques.",
        "Partager des ressources documentaires sous licence libre et documenter le thème « {theme} ».",
    ],
    PT.EDUCATION: [
        "Former élèves, étudiants et enseignants à la contribution et à l'esprit critique face aux sources.",
        "Intégrer la rédaction d'articles sur le thème « {theme} » dans un enseignement de l'année.",
    ],
    PT.SOCIAL_ECONOMY: [
        "Accompagner les publics éloignés du numérique dans la découverte et la contribution à Wikipédia.",
        "Monter des ateliers contributifs ouverts à tous autour du thème « {theme} ».",
    ],
    PT.THEMATIC_ORGANISATIONS: [
        "Mettre les connaissances des membres au service de Wikipédia sur le thème « {theme} ».",
        "Former les membres de l'association à la contribution et verser leurs photographies sur Commons.",
    ],
    PT.COMPANIES: [
        "Soutenir les actions de Wikimédia France par un mécénat et sensibiliser les salariés aux projets Wikimédia.",
        "Former les équipes à la contribution et partager des savoir-faire techniques avec la communauté.",
    ],
    PT.GENERAL_PUBLIC: [
        "Accueillir et accompagner de nouveaux contributeurs lors de rendez-vous réguliers à {city}.",
    ],
}
PARTNERSHIP_TITLES = [
    "{theme_cap} sur Wikipédia",
    "Programme contributif avec {partner}",
    "{partner} et les projets Wikimédia",
    "Valorisation du thème « {theme} »",
    "Partenariat {year} – {partner}",
]
ACTIVITY_TITLES = {
    "edit-a-thon": "Edit-a-thon « {theme_cap} »",
    "conference": "Conférence « Wikipédia et {theme} »",
    "awareness-session": "Séance de sensibilisation à Wikipédia – {city}",
    "training": "Formation à la contribution – {partner}",
    "content-upload": "Import de documents sur Wikimedia Commons – {theme}",
    "wikipermanence": "Wikipermanence {de_city}",
    "wikipedia-offline": "Installation de Wikipédia hors ligne – {partner}",
    "public-domain-day": "Journée du domaine public {year} {de_city}",
    "wikipedian-in-residence": "Wikipédien en résidence – {partner}",
    "wikipedia-in-town": "{city}, Wikipédia en ville",
    "wikitech-lunches": "Déjeuner Wikitech – {theme}",
}
PIPELINE_WEIGHTS = [
    (PS.IDENTIFIED, 10),
    (PS.IN_DISCUSSION, 15),
    (PS.DRAFTING, 10),
    (PS.ACTIVE, 30),
    (PS.COMPLETED, 30),
    (PS.ABANDONED, 5),
]
KIND_FOR_TYPE = {PT.COMPANIES: [PK.SPONSORSHIP, PK.PATRONAGE_EXPERTISE, PK.PATRONAGE_IN_KIND, PK.AGREEMENT]}


def weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


@dataclass
class Generated:
    """One generated partner and its dependent rows, before they have primary keys."""

    partner: Partner
    contacts: list[Contact] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    acceptance: PrincipleAcceptance | None = None
    tags: list[str] = field(default_factory=list)
    # (Partnership, [sub-priority keys], [(Activity, [sub-priority keys])], with_previous_partner)
    partnerships: list[tuple] = field(default_factory=list)
    created_at: dt.datetime | None = None


class Command(BaseCommand):
    help = "Seed demo data: the policy's real partners, N generated partners, and the demo accounts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=DEFAULT_SCALE,
            help=f"Generated partners wanted in total, beyond the real ones (default {DEFAULT_SCALE}).",
        )
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Random seed (same seed, same data).")

    # --- entry point ---------------------------------------------------------------------

    def handle(self, *args, scale: int, seed: int, **options):
        if scale < 0:
            raise CommandError("--scale must be 0 or more.")
        started = time.monotonic()
        self.today = timezone.localdate()
        self.now = timezone.now()
        # A command acts like staff: it sees every partner (see partnerships/middleware.py).
        with scopes_disabled():
            count = catalogue_load()
            self.stdout.write(f"Catalogue: {count} activity types and the current action plan loaded.")
            with transaction.atomic():
                accounts = self.demo_accounts_ensure()
                self.staff = self.staff_ensure()
                self.load_reference()
                self.real_data_ensure()
                self.generated_ensure(scale=scale, seed=seed)
                if accounts:
                    self.partner_account_names(accounts)
        if connection.vendor == "postgresql":
            # Bulk loads leave the planner's statistics stale until autovacuum catches up.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        created, rendered = demo_agreements_ensure(by=self.staff[0] if self.staff else None, today=self.today)
        self.stdout.write(f"Agreements: {created} created, {rendered} PDF versions rendered.")
        self.stdout.write(self.style.SUCCESS(f"Done in {time.monotonic() - started:.1f} s."))
        self.credentials_print(accounts)

    # --- users ---------------------------------------------------------------------------

    def demo_accounts_ensure(self) -> dict:
        if not settings.DEMO_ACCOUNTS:
            return {}
        user_model = get_user_model()
        staff_group = Group.objects.get(name=STAFF_MEMBER)
        creds = {c["username"]: c["password"] for c in DEMO_ACCOUNTS_CREDENTIALS}
        accounts = {}
        for username, attrs in [
            ("staff", {"first_name": "Camille", "last_name": "Martin", "is_staff": True, "is_superuser": False}),
            ("admin", {"first_name": "Admin", "last_name": "WMFR", "is_staff": True, "is_superuser": True}),
            ("partner", {"is_staff": False, "is_superuser": False}),
        ]:
            user = user_model.objects.filter(username=username).first() or user_model(username=username)
            for name, value in attrs.items():
                setattr(user, name, value)
            user.email = user.email or f"{username}.demo@example.org"
            user.preferred_language = "fr"
            user.is_active = True
            user.set_password(creds[username])
            user.save()
            if username == "staff":
                user.groups.add(staff_group)
            accounts[username] = user
        try:  # a demo account locked out by failed logins is usable again
            from axes.utils import reset

            for username in accounts:
                reset(username=username)
        except Exception as error:  # noqa: BLE001 - a failed reset must not stop the seed
            self.stderr.write(f"Could not reset login failures of the demo accounts: {error}")
        return accounts

    def partner_account_names(self, accounts: dict) -> None:
        """The partner demo user is a BnF contact, admin of the BnF in the portal."""
        bnf = Partner.objects.filter(name="Bibliothèque nationale de France", city="Paris").first()
        if bnf is None:
            return
        user = accounts["partner"]
        contact = bnf.contacts.order_by("pk").first()
        if contact:
            user.first_name, user.last_name, user.email = contact.first_name, contact.last_name, contact.email
            user.save(update_fields=["first_name", "last_name", "email"])
        PartnerMember.objects.get_or_create(partner=bnf, user=user, defaults={"role": PartnerRole.ADMIN})

    def staff_ensure(self) -> list:
        user_model = get_user_model()
        group = Group.objects.get(name=STAFF_MEMBER)
        staff = []
        for username, first, last in STAFF_PEOPLE:
            user = user_model.objects.filter(username=username).first()
            if user is None:
                user = user_model(
                    username=username,
                    first_name=first,
                    last_name=last,
                    is_staff=True,
                    email=f"{username}@example.org",
                    preferred_language="fr",
                )
                user.set_unusable_password()
                user.save()
                user.groups.add(group)
            staff.append(user)
        return staff

    # --- reference data ------------------------------------------------------------------

    def load_reference(self) -> None:
        plan = StrategicPlan.objects.get(is_current=True)
        self.sub_ids = {
            (sp.priority.number, sp.position): sp.pk
            for sp in SubPriority.objects.filter(priority__plan=plan).select_related("priority")
        }
        self.types = {t.code: t for t in ActivityType.objects.filter(is_active=True)}
        self.types_for = {pt: [t for t in self.types.values() if pt in t.eligible_partner_types] for pt in PT.values}

    def sub_priority_ids(self, keys) -> list[int]:
        return [self.sub_ids[k] for k in dict.fromkeys(keys) if k in self.sub_ids]

    # --- the policy's partners -----------------------------------------------------------

    def real_data_ensure(self) -> None:
        partners, created = {}, 0
        for index, spec in enumerate(REAL_PARTNERS):
            partner = Partner.objects.filter(name__iexact=spec["name"], city__iexact=spec["city"]).first()
            if partner is None:
                partner = self.real_partner_create(spec, index)
                created += 1
            partners[spec["key"]] = partner
        made = 0
        for spec in REAL_PARTNERSHIPS:
            if not Partnership.objects.filter(title=spec["title"]).exists():
                self.real_partnership_create(spec, partners)
                made += 1
        self.stdout.write(
            f"Policy partners: {created} created, {len(REAL_PARTNERS) - created} already there; "
            f"their partnerships: {made} created, {len(REAL_PARTNERSHIPS) - made} already there."
        )

    def real_partner_create(self, spec: dict, index: int) -> Partner:
        partner = Partner.objects.create(
            name=spec["name"],
            legal_name=spec.get("legal_name", ""),
            partner_type=spec["partner_type"],
            sector=spec["sector"],
            legal_status=spec["legal_status"],
            street_address=spec.get("street", ""),
            postal_code=spec.get("postal", ""),
            city=spec["city"],
            region=spec["region"],
            country=spec.get("country", "FR"),
            website=spec.get("website", ""),
            wikidata_id=spec.get("wikidata_id", ""),
            relationship_status=spec["status"],
            owner=self.staff[spec.get("owner", 0) % len(self.staff)],
            notes=spec.get("notes", ""),
        )
        # Added to the directory over the last three years, oldest partners first.
        created_at = self.now - dt.timedelta(days=1090 - index * 9, hours=index)
        Partner.objects.filter(pk=partner.pk).update(created_at=created_at, updated_at=created_at)
        audit_log(obj=partner, action="partner.created", data={"source": "seed_demo"})
        partner.tags.add(*spec.get("tags", []))
        for contact in spec["contacts"]:
            first, last, role, signatory, *lang = contact
            Contact.objects.create(
                partner=partner,
                first_name=first,
                last_name=last,
                role=role,
                is_signatory=signatory,
                email=f"{ascii_slug(first)}.{ascii_slug(last)}@example.org",
                phone=self.phone(random.Random(f"{first}{last}"), spec["region"]),
                preferred_language=lang[0] if lang else "fr",
            )
        for year, amount in spec.get("memberships", []):
            year = self.today.year if year == "current" else year
            paid = dt.date(year, 3, 15) if year < self.today.year else min(dt.date(year, 2, 10), self.today)
            Membership.objects.create(partner=partner, year=year, amount=Decimal(amount), paid_on=paid)
        if spec.get("principles"):
            first, last, *_ = spec["contacts"][0]
            principles_accept(partner=partner, name=f"{first} {last}")
        return partner

    def real_partnership_create(self, spec: dict, partners: dict) -> Partnership:
        start, end = resolve_day(spec["start"], self.today), resolve_day(spec["end"], self.today)
        partnership = Partnership.objects.create(
            title=spec["title"],
            goal=spec["goal"],
            kind=spec["kind"],
            status=spec["status"],
            start_date=start,
            end_date=end,
            is_pilot=spec.get("pilot", False),
            lead=self.staff[spec["lead"] % len(self.staff)],
        )
        partnership.partners.set([partners[key] for key in spec["partners"]])
        partnership.sub_priorities.set(self.sub_priority_ids(spec["subs"]))
        audit_log(obj=partnership, action="partnership.created", data={"source": "seed_demo"})
        # Recorded a little after its partners were added to the directory.
        added = max(p.created_at for p in Partner.objects.filter(pk__in=[partners[k].pk for k in spec["partners"]]))
        created_at = min(added + dt.timedelta(days=7 + hash_days(spec["title"]) % 90), self.now)
        Partnership.objects.filter(pk=partnership.pk).update(created_at=created_at, updated_at=created_at)
        for code, title, day, status in spec["activities"]:
            activity_type = self.types[code]
            a_start = resolve_day(day, self.today)
            a_end = add_months(a_start, activity_type.max_months) - dt.timedelta(days=1)
            activity = Activity.objects.create(
                partnership=partnership,
                activity_type=activity_type,
                title=title,
                status=status or activity_status_for(a_start, a_end, self.today),
                start_date=a_start,
                end_date=a_end,
                location=spec["location"],
            )
            activity.sub_priorities.set(self.sub_priority_ids(spec["subs"][:1]))
        return partnership

    # --- generated partners --------------------------------------------------------------

    def generated_ensure(self, *, scale: int, seed: int) -> None:
        marker, _ = Tag.objects.get_or_create(name=GENERATED_TAG)
        content_type = ContentType.objects.get_for_model(Partner)
        tagged_item = Partner.tags.through
        generated_ids = set(
            tagged_item.objects.filter(tag=marker, content_type=content_type).values_list("object_id", flat=True)
        )
        generated_keys, taken = set(), set()
        for pk, name, city in Partner.objects.values_list("pk", "name", "city").iterator(chunk_size=5000):
            (generated_keys if pk in generated_ids else taken).add((name.lower(), city.lower()))
        need = scale - len(generated_keys)
        if need <= 0:
            self.stdout.write(f"Generated partners: {len(generated_keys)} already there (wanted {scale}); none added.")
            return
        self.tag_ids = {}
        self.marker_id = marker.pk
        self.content_type_id = content_type.pk
        totals = dict.fromkeys(["partners", "contacts", "memberships", "partnerships", "activities"], 0)
        batch: list[Generated] = []
        index = 0
        while need > 0:
            rng = random.Random(seed * 1_000_003 + index)
            item = self.generated_one(rng, index, taken)
            index += 1
            key = (item.partner.name.lower(), item.partner.city.lower())
            taken.add(key)
            if key in generated_keys:
                continue  # made by an earlier run
            batch.append(item)
            need -= 1
            if len(batch) == BATCH or need == 0:
                self.generated_write(batch, totals)
                batch = []
        self.stdout.write(
            f"Generated partners: {totals['partners']} created ({len(generated_keys)} already there), "
            f"{totals['contacts']} contacts, {totals['memberships']} memberships, "
            f"{totals['partnerships']} partnerships, {totals['activities']} activities."
        )

    def phone(self, rng: random.Random, region: str) -> str:
        prefix = PHONE_PREFIX.get(region)
        if not prefix:
            return ""
        return f"{prefix}{PHONE_MIDDLE[prefix]}{rng.randint(0, 9999):04d}"

    def generated_name(self, rng: random.Random, taken: set):
        """A partner type, template and city whose name is free; a number only when needed."""
        last, attempts = None, 0
        while last is None or attempts < 40:
            attempts += 1
            partner_type = weighted(rng, TYPE_WEIGHTS)
            template, sector, legal_status, needs = rng.choice(NAME_TEMPLATES[partner_type])
            city = rng.choices(CITIES, weights=CITY_WEIGHTS)[0]
            name_city, _postal, dept, _region, university = city
            if (needs == "prefecture" and not dept) or (needs == "university" and not university):
                continue
            name = template.format(
                de_city=de(name_city),
                dept=dept,
                patron=rng.choice(LYCEE_PATRONS),
                word=rng.choice(WORDS),
                surname=rng.choice(LAST_NAMES),
            )
            last = partner_type, sector, legal_status, name, city
            if (name.lower(), name_city.lower()) not in taken:
                return last
        partner_type, sector, legal_status, name, city = last
        number = 2
        while (f"{name} {number}".lower(), city[0].lower()) in taken:
            number += 1
        return partner_type, sector, legal_status, f"{name} {number}", city

    def generated_one(self, rng: random.Random, index: int, taken: set) -> Generated:
        partner_type, sector, legal_status, name, city = self.generated_name(rng, taken)
        city_name, postal, _dept, region, _university = city
        created_at = self.now - dt.timedelta(seconds=rng.randint(3600, 3 * 365 * 86400))
        # Partnerships first: the partner's relationship status follows from them.
        plans = []
        if rng.random() < 0.40:
            plans.append(weighted(rng, PIPELINE_WEIGHTS))
            if rng.random() < 0.12:
                plans.append(weighted(rng, PIPELINE_WEIGHTS))
        statuses = set(plans)
        if statuses & {PS.ACTIVE, PS.DRAFTING}:
            relationship = RS.ACTIVE
        elif statuses & {PS.IDENTIFIED, PS.IN_DISCUSSION}:
            relationship = RS.IN_DISCUSSION
        elif PS.COMPLETED in statuses:
            relationship = RS.FORMER if rng.random() < 0.7 else RS.ACTIVE
        elif statuses:
            relationship = rng.choice([RS.DECLINED, RS.FORMER])
        else:
            relationship = weighted(rng, [(RS.PROSPECT, 60), (RS.IN_DISCUSSION, 25), (RS.DECLINED, 15)])
        slug = ascii_slug(name)[:60]
        partner = Partner(
            name=name,
            partner_type=partner_type,
            sector=sector,
            legal_status=legal_status,
            legal_name=f"Commune {de(city_name)}" if name.startswith("Mairie ") else "",
            street_address=f"{rng.randint(1, 120)}, {rng.choice(STREET_KINDS)} {rng.choice(STREET_NAMES)}",
            postal_code=postal,
            city=city_name,
            region=region,
            country="FR",
            website=f"https://{slug}.example.org" if rng.random() < 0.6 else "",
            relationship_status=relationship,
            owner=self.staff[rng.randrange(len(self.staff))] if rng.random() < 0.75 else None,
            notes="Partenaire de démonstration généré automatiquement." if rng.random() < 0.1 else "",
        )
        item = Generated(partner=partner, created_at=created_at)
        # Contacts: two people with different names.
        first_names = rng.sample(FIRST_NAMES, 2)
        last_names = rng.sample(LAST_NAMES, 2)
        for position, (first, last) in enumerate(zip(first_names, last_names, strict=True)):
            item.contacts.append(
                Contact(
                    partner=partner,
                    first_name=first,
                    last_name=last,
                    role=rng.choice(ROLES[partner_type]),
                    email=f"{ascii_slug(first)}.{ascii_slug(last)}@example.org",
                    phone=self.phone(rng, region) if rng.random() < 0.6 else "",
                    preferred_language="en" if rng.random() < 0.05 else "fr",
                    is_signatory=position == 0 and rng.random() < 0.6,
                )
            )
        # WMFR memberships for about 30 %: a run of consecutive years.
        if rng.random() < 0.30:
            last_year = self.today.year - (0 if rng.random() < 0.5 else rng.randint(1, 4))
            for year in range(last_year - rng.randint(0, 3), last_year + 1):
                paid = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
                if year == self.today.year and (paid > self.today or rng.random() < 0.2):
                    paid = None
                item.memberships.append(
                    Membership(
                        partner=partner,
                        year=year,
                        amount=Decimal(rng.choice([100, 100, 100, 150, 200, 250, 500])),
                        paid_on=paid,
                    )
                )
        if plans and rng.random() < 0.5:
            first, last = first_names[0], last_names[0]
            accepted = created_at + dt.timedelta(days=rng.randint(1, 120))
            item.acceptance = PrincipleAcceptance(
                partner=partner,
                accepted_by_name=f"{first} {last}",
                accepted_at=min(accepted, self.now),
            )
        tags = [GENERATED_TAG]
        tags += rng.sample(THEMATIC_TAGS[partner_type], rng.randint(0, 2))
        if rng.random() < 0.4:
            tags.append(Region(region).label)
        item.tags = list(dict.fromkeys(tags))
        for status in plans:
            item.partnerships.append(self.generated_partnership(rng, item, status))
        return item

    def generated_partnership(self, rng: random.Random, item: Generated, status: str):
        partner = item.partner
        today = self.today
        theme = rng.choice(THEMES)
        if partner.region in REGIONAL_LANGUAGE_REGIONS and rng.random() < 0.2:
            theme = "langues régionales"
        start = end = None
        if status == PS.ACTIVE:
            start = today - dt.timedelta(days=rng.randint(20, 900))
            end = today + dt.timedelta(days=rng.randint(30, 500)) if rng.random() < 0.6 else None
        elif status == PS.COMPLETED:
            start = today - dt.timedelta(days=rng.randint(200, 3000))
            end = min(start + dt.timedelta(days=rng.randint(60, 720)), today - dt.timedelta(days=rng.randint(1, 90)))
            end = max(end, start)
        elif status == PS.DRAFTING:
            start = today + dt.timedelta(days=rng.randint(15, 150)) if rng.random() < 0.7 else None
        elif status == PS.ABANDONED and rng.random() < 0.5:
            start = today - dt.timedelta(days=rng.randint(100, 1500))
        fmt = {
            "partner": partner.name,
            "de_partner": de_article(partner.name),
            "city": partner.city,
            "de_city": de(partner.city),
            "theme": theme,
            "theme_cap": theme[0].upper() + theme[1:],
            "year": (start or today).year,
        }
        kind = rng.choice(KIND_FOR_TYPE.get(partner.partner_type, [PK.AGREEMENT]))
        partnership = Partnership(
            title=rng.choice(PARTNERSHIP_TITLES).format(**fmt)[:200],
            goal=rng.choice(GOALS[partner.partner_type]).format(**fmt),
            kind=kind,
            status=status,
            start_date=start,
            end_date=end,
            is_pilot=rng.random() < 0.2,
            lead=self.staff[rng.randrange(len(self.staff))] if rng.random() < 0.85 else None,
        )
        subs = list(TYPE_SUB_PRIORITIES[partner.partner_type][:1])
        if rng.random() < 0.5:
            subs.append(rng.choice(TYPE_SUB_PRIORITIES[partner.partner_type]))
        if theme == "langues régionales":
            subs.append((2, 4))
        elif rng.random() < 0.15:
            subs.append(rng.choice([(6, 1), (6, 2), (4, 2), (2, 3)]))
        # Activities of types open to this partner type, dated inside the type's duration.
        if status in (PS.ACTIVE, PS.COMPLETED):
            count = rng.randint(1, 3)
        elif status in (PS.DRAFTING, PS.ABANDONED):
            count = rng.randint(0, 1)
        else:
            count = 0
        eligible = self.types_for[partner.partner_type]
        activities = []
        for _ in range(count if eligible else 0):
            activity_type = rng.choice(eligible)
            if status == PS.COMPLETED:
                span = max((end - start).days - 30, 0)
                a_start = start + dt.timedelta(days=rng.randint(0, span))
            elif status == PS.ACTIVE:
                a_start = start + dt.timedelta(days=rng.randint(0, (today - start).days + 120))
            else:
                a_start = (start or today) + dt.timedelta(days=rng.randint(0, 90))
            months = rng.randint(activity_type.min_months, activity_type.max_months)
            a_end = add_months(a_start, months) - dt.timedelta(days=1)
            if status == PS.ABANDONED:
                a_status = ActivityStatus.CANCELLED
            elif status == PS.DRAFTING:
                a_status = ActivityStatus.PLANNED
            else:
                a_status = activity_status_for(a_start, a_end, today)
                if a_status != ActivityStatus.DONE and status == PS.COMPLETED:
                    a_status = ActivityStatus.DONE
                elif a_status == ActivityStatus.DONE and rng.random() < 0.05:
                    a_status = ActivityStatus.CANCELLED
            title = ACTIVITY_TITLES[activity_type.code].format(**{**fmt, "year": a_start.year})
            activities.append(
                (
                    Activity(
                        activity_type=activity_type,
                        title=title[:200],
                        status=a_status,
                        start_date=a_start,
                        end_date=a_end,
                        location="En ligne" if rng.random() < 0.1 else partner.city,
                    ),
                    subs[:1] if rng.random() < 0.6 else [],
                )
            )
        with_previous = rng.random() < 0.1
        return partnership, subs, activities, with_previous

    def generated_write(self, batch: list[Generated], totals: dict) -> None:
        """Write one batch of generated partners and their rows with bulk inserts."""
        partners = [item.partner for item in batch]
        Partner.objects.bulk_create(partners, batch_size=BATCH)
        if not all(p.pk for p in partners):
            raise CommandError("This database does not return primary keys from bulk inserts.")
        for item in batch:
            item.partner.created_at = item.partner.updated_at = item.created_at
        Partner.objects.bulk_update(partners, ["created_at", "updated_at"], batch_size=BATCH)

        contacts = [c for item in batch for c in item.contacts]
        Contact.objects.bulk_create(contacts, batch_size=BATCH)
        memberships = [m for item in batch for m in item.memberships]
        Membership.objects.bulk_create(memberships, batch_size=BATCH)
        PrincipleAcceptance.objects.bulk_create(
            [item.acceptance for item in batch if item.acceptance], batch_size=BATCH
        )

        # Tags: create the missing Tag rows once, then the through rows.
        names = {name for item in batch for name in item.tags if name not in self.tag_ids}
        for name in sorted(names):
            self.tag_ids[name] = Tag.objects.get_or_create(name=name)[0].pk
        tagged_item = Partner.tags.through
        tagged_item.objects.bulk_create(
            [
                tagged_item(content_type_id=self.content_type_id, object_id=item.partner.pk, tag_id=self.tag_ids[name])
                for item in batch
                for name in item.tags
            ],
            batch_size=BATCH,
        )

        # Partnerships, their partners and sub-priorities, then activities.
        rows = [(item, p) for item in batch for p in item.partnerships]
        partnerships = [p[0] for _item, p in rows]
        Partnership.objects.bulk_create(partnerships, batch_size=BATCH)
        partner_links, sub_links, activities, activity_subs = [], [], [], []
        partnership_partner = Partnership.partners.through
        partnership_sub = Partnership.sub_priorities.through
        previous = None
        for item, (partnership, subs, acts, with_previous) in rows:
            delay = dt.timedelta(days=(hash_days(partnership.title) % 60))
            partnership.created_at = min(item.created_at + delay, self.now)
            partnership.updated_at = partnership.created_at
            partner_links.append(partnership_partner(partnership_id=partnership.pk, partner_id=item.partner.pk))
            if with_previous and previous is not None and previous.pk != item.partner.pk:
                partner_links.append(partnership_partner(partnership_id=partnership.pk, partner_id=previous.pk))
            previous = item.partner
            sub_links += [
                partnership_sub(partnership_id=partnership.pk, subpriority_id=sid)
                for sid in self.sub_priority_ids(subs)
            ]
            for activity, a_subs in acts:
                activity.partnership = partnership
                activities.append((activity, a_subs))
        Partnership.objects.bulk_update(partnerships, ["created_at", "updated_at"], batch_size=BATCH)
        partnership_partner.objects.bulk_create(partner_links, batch_size=BATCH)
        partnership_sub.objects.bulk_create(sub_links, batch_size=BATCH)
        Activity.objects.bulk_create([a for a, _s in activities], batch_size=BATCH)
        activity_sub = Activity.sub_priorities.through
        for activity, a_subs in activities:
            activity.created_at = min(activity.partnership.created_at + dt.timedelta(days=1), self.now)
            activity_subs += [
                activity_sub(activity_id=activity.pk, subpriority_id=sid) for sid in self.sub_priority_ids(a_subs)
            ]
        Activity.objects.bulk_update([a for a, _s in activities], ["created_at"], batch_size=BATCH)
        activity_sub.objects.bulk_create(activity_subs, batch_size=BATCH)

        totals["partners"] += len(partners)
        totals["contacts"] += len(contacts)
        totals["memberships"] += len(memberships)
        totals["partnerships"] += len(partnerships)
        totals["activities"] += len(activities)

    # --- output --------------------------------------------------------------------------

    def credentials_print(self, accounts: dict) -> None:
        if not accounts:
            self.stdout.write("DEMO_ACCOUNTS is off: no demo accounts were created.")
            return
        lines = ["Demo accounts (development only)", ""]
        lines += [f"{c['username']:<8}  {c['password']:<24}  {c['role']}" for c in DEMO_ACCOUNTS_CREDENTIALS]
        width = max(len(line) for line in lines)
        box = ["┌" + "─" * (width + 2) + "┐"]
        box += [f"│ {line:<{width}} │" for line in lines]
        box.append("└" + "─" * (width + 2) + "┘")
        self.stdout.write("\n".join(box))


def hash_days(text: str) -> int:
    """A stable small number from a string (Python's hash() changes between runs)."""
    return sum(ord(c) for c in text)


ARTICLE_NOUNS = (
    "Musée",
    "Muséum",
    "Médiathèque",
    "Bibliothèque",
    "Réseau",
    "Archives",
    "Centre",
    "Théâtre",
    "Maison",
    "Festival",
    "Écomusée",
    "Mairie",
    "Communauté",
    "Conseil",
    "Office",
    "Atelier",
    "Service",
    "Université",
    "École",
    "Laboratoire",
    "Lycée",
    "Collège",
    "Ressourcerie",
    "Régie",
    "Fablab",
    "Tiers-lieu",
    "Coopérative",
    "Association",
    "Société",
    "Cercle",
    "Club",
    "Compagnie",
    "Conservatoire",
    "Groupe",
    "Imprimerie",
    "Librairie",
    "Fondation",
    "Studio",
    "Agence",
    "IUT",
)
FEMININE = (
    "Médiathèque",
    "Bibliothèque",
    "Maison",
    "Mairie",
    "Communauté",
    "Université",
    "École",
    "Ressourcerie",
    "Régie",
    "Coopérative",
    "Association",
    "Société",
    "Compagnie",
    "Imprimerie",
    "Librairie",
    "Fondation",
    "Agence",
)
PLURAL = ("Archives", "Éditions")
VOWEL_START = ("Écomusée", "Atelier", "Office", "Université", "École", "Association", "Imprimerie", "Agence", "IUT")


def de_article(name: str) -> str:
    """ "de" + article before an organisation's name: "du musée des beaux-arts de Lyon",
    "de la médiathèque…", "de l'IUT…", "des archives…"; a proper name gets de()."""
    word, _space, rest = name.partition(" ")
    if word not in ARTICLE_NOUNS + PLURAL:
        return de(name)
    lowered = word if word == "IUT" else word[0].lower() + word[1:]
    phrase = f"{lowered} {rest}".strip()
    if word in PLURAL:
        return "des " + phrase
    if word in VOWEL_START:
        return "de l'" + phrase
    if word in FEMININE:
        return "de la " + phrase
    return "du " + phrase
