"""Fixed vocabularies of the synthetic company: the value sets every other module draws from.

They live in one module, as plain constants, because the dbt seeds (competitor domains, free-mail domains, academic
patterns, lead-status mapping, form-signal mapping) must hold exactly the same lists: the generator plants data
against these values and the warehouse must recognise them. Change a list here and the matching seed with it.
"""

from __future__ import annotations

from typing import NamedTuple

# --- our own company: the seller whose funnel Handoff measures -------------------------------------------------
OUR_COMPANY = "Relaypoint"
OUR_DOMAIN = "relaypoint.io"
OUR_SITE = f"https://www.{OUR_DOMAIN}"
HUBSPOT_PORTAL_ID = 4727653
HUBSPOT_APP_ID = 2286

# --- firmographics -------------------------------------------------------------------------------------------------


class Industry(NamedTuple):
    """An industry value as Salesforce holds it, with how well it fits the ideal customer profile (0..1)."""

    name: str
    icp: float
    weight: float
    suffixes: tuple[str, ...]


INDUSTRIES: tuple[Industry, ...] = (
    Industry("Software", 1.0, 0.17, ("Labs", "Software", "Technologies", "Cloud", "AI", "Systems")),
    Industry("Financial Services", 1.0, 0.10, ("Capital", "Financial", "Payments", "Partners", "Bank")),
    Industry("Healthcare Technology", 1.0, 0.07, ("Health", "Medical", "Care", "Bio")),
    Industry("Internet", 0.5, 0.06, ("Digital", "Online", "Media Group", "Networks")),
    Industry("Insurance", 0.5, 0.04, ("Insurance", "Mutual", "Assurance")),
    Industry("Telecommunications", 0.5, 0.04, ("Telecom", "Communications", "Networks")),
    Industry("Manufacturing", 0.0, 0.10, ("Industries", "Manufacturing", "Components", "Works")),
    Industry("Retail", 0.0, 0.09, ("Brands", "Retail", "Stores", "Goods")),
    Industry("Education", 0.0, 0.05, ("Learning", "Academy", "Education")),
    Industry("Government", 0.0, 0.03, ("Authority", "Agency", "Council")),
    Industry("Media & Entertainment", 0.0, 0.05, ("Media", "Studios", "Entertainment")),
    Industry("Hospitality", 0.0, 0.04, ("Hotels", "Hospitality", "Resorts")),
    Industry("Construction", 0.0, 0.05, ("Construction", "Builders", "Engineering")),
    Industry("Non-Profit", 0.0, 0.03, ("Foundation", "Trust", "Alliance")),
    Industry("Energy", 0.0, 0.04, ("Energy", "Power", "Renewables")),
    Industry("Consulting", 0.0, 0.04, ("Consulting", "Advisors", "Group")),
)
ICP_INDUSTRIES: tuple[str, ...] = tuple(ind.name for ind in INDUSTRIES if ind.icp >= 1.0)

# Employee bands as a fit rule sees them; the ICP is mid-market to enterprise.
EMPLOYEE_BANDS: tuple[tuple[int, int, float], ...] = (
    (1, 10, 0.0),
    (11, 50, 0.0),
    (51, 200, 0.5),
    (201, 1000, 1.0),
    (1001, 5000, 1.0),
    (5001, 100000, 0.5),
)


class Country(NamedTuple):
    """A billing country: name as Salesforce shows it, ISO code, ICP geography, UTC offset (hours), TLD."""

    name: str
    code: str
    icp: bool
    utc_offset: float
    weight: float
    tld: str


COUNTRIES: tuple[Country, ...] = (
    Country("United States", "US", True, -5.0, 0.42, "com"),
    Country("Canada", "CA", True, -5.0, 0.05, "ca"),
    Country("United Kingdom", "GB", True, 0.0, 0.10, "co.uk"),
    Country("Germany", "DE", True, 1.0, 0.06, "de"),
    Country("Netherlands", "NL", True, 1.0, 0.03, "nl"),
    Country("Ireland", "IE", True, 0.0, 0.02, "ie"),
    Country("Australia", "AU", True, 10.0, 0.04, "com.au"),
    Country("France", "FR", False, 1.0, 0.04, "fr"),
    Country("Spain", "ES", False, 1.0, 0.03, "es"),
    Country("India", "IN", False, 5.5, 0.08, "in"),
    Country("Brazil", "BR", False, -3.0, 0.05, "com.br"),
    Country("Mexico", "MX", False, -6.0, 0.03, "mx"),
    Country("Japan", "JP", False, 9.0, 0.02, "jp"),
    Country("Singapore", "SG", False, 8.0, 0.02, "sg"),
    Country("Nigeria", "NG", False, 1.0, 0.01, "ng"),
)
ICP_COUNTRY_CODES: tuple[str, ...] = tuple(c.code for c in COUNTRIES if c.icp)
# How a few leads spell their country (web forms are free text); accounts always use the full name.
COUNTRY_SPELLINGS: dict[str, tuple[str, ...]] = {
    "US": ("USA", "US", "United States of America"),
    "GB": ("UK", "England", "Great Britain"),
    "DE": ("Deutschland",),
    "NL": ("The Netherlands",),
}

COMPANY_WORDS: tuple[str, ...] = (
    "Blue",
    "North",
    "Harbor",
    "Summit",
    "Cedar",
    "Iron",
    "Bright",
    "Silver",
    "Granite",
    "Maple",
    "Atlas",
    "Nova",
    "Vertex",
    "Pioneer",
    "Evergreen",
    "Crescent",
    "Falcon",
    "Orbit",
    "Quantum",
    "Sterling",
    "Beacon",
    "Copper",
    "Redwood",
    "Lumen",
    "Keystone",
    "Horizon",
    "Meridian",
    "Aspen",
    "Cobalt",
    "Juniper",
    "Polar",
    "Signal",
    "Tidal",
    "Willow",
    "Zenith",
    "Arbor",
    "Bay",
    "Canyon",
    "Delta",
    "Echo",
    "Fjord",
    "Glacier",
    "Helix",
    "Indigo",
    "Jade",
    "Kestrel",
    "Lattice",
    "Mosaic",
    "Nimbus",
    "Onyx",
    "Prairie",
    "Quartz",
    "Ridge",
    "Sable",
    "Terra",
    "Umber",
    "Vista",
    "Wren",
    "Yonder",
    "Amber",
    "Birch",
    "Coral",
    "Dune",
    "Ember",
    "Flint",
    "Grove",
    "Hollow",
)
COMPANY_WORDS_2: tuple[str, ...] = (
    "wave",
    "point",
    "stone",
    "field",
    "line",
    "bridge",
    "gate",
    "path",
    "light",
    "works",
    "peak",
    "mark",
    "scale",
    "stack",
    "sphere",
    "craft",
    "forge",
    "loop",
    "shift",
    "way",
    "port",
    "view",
    "base",
    "lane",
)
LEGAL_SUFFIXES: tuple[str, ...] = ("Inc.", "Inc", "LLC", "Ltd", "GmbH", "B.V.", "Corp.", "Co.", "", "", "", "")

# --- competitors, free mail, academia ------------------------------------------------------------------------------
# People at these domains research us to compete, never to buy. The dbt seed `competitor_domains` holds this list.
COMPETITOR_DOMAINS: tuple[str, ...] = (
    "pipelinehq.com",
    "funnelforge.io",
    "leadsmith.ai",
    "revgrid.io",
    "signalstack.com",
    "intentwise.io",
    "scorebeacon.com",
    "handraise.io",
)
COMPETITOR_NAMES: tuple[str, ...] = (
    "PipelineHQ",
    "FunnelForge",
    "LeadSmith AI",
    "RevGrid",
    "SignalStack",
    "Intentwise",
    "ScoreBeacon",
    "Handraise",
)
FREE_MAIL_DOMAINS: tuple[str, ...] = (
    "gmail.com",
    "yahoo.com",
    "outlook.com",
    "hotmail.com",
    "icloud.com",
    "aol.com",
    "proton.me",
    "protonmail.com",
    "live.com",
    "msn.com",
    "gmx.de",
    "web.de",
    "yahoo.co.uk",
    "mail.com",
    "yandex.ru",
    "qq.com",
)
FREE_MAIL_WEIGHTS: tuple[float, ...] = (
    0.42,
    0.10,
    0.09,
    0.08,
    0.07,
    0.02,
    0.02,
    0.01,
    0.03,
    0.01,
    0.03,
    0.02,
    0.03,
    0.02,
    0.02,
    0.03,
)
# Student addresses all end in one of these suffixes (the `academic_patterns` seed).
ACADEMIC_PATTERNS: tuple[str, ...] = (".edu", ".ac.uk", ".edu.au")
UNIVERSITIES: tuple[tuple[str, str, str], ...] = (
    ("Massachusetts Institute of Technology", "mit.edu", "US"),
    ("Stanford University", "stanford.edu", "US"),
    ("University of California, Berkeley", "berkeley.edu", "US"),
    ("University of Michigan", "umich.edu", "US"),
    ("University of Texas at Austin", "utexas.edu", "US"),
    ("New York University", "nyu.edu", "US"),
    ("Georgia Institute of Technology", "gatech.edu", "US"),
    ("Carnegie Mellon University", "cmu.edu", "US"),
    ("University of Oxford", "ox.ac.uk", "GB"),
    ("University of Cambridge", "cam.ac.uk", "GB"),
    ("University College London", "ucl.ac.uk", "GB"),
    ("University of Edinburgh", "ed.ac.uk", "GB"),
    ("Imperial College London", "imperial.ac.uk", "GB"),
    ("University of Melbourne", "unimelb.edu.au", "AU"),
    ("University of Sydney", "sydney.edu.au", "AU"),
    ("Arizona State University", "asu.edu", "US"),
)
PARTNER_NAMES: tuple[str, ...] = (
    "Brightpath Consulting",
    "Northgate Data Partners",
    "Summit RevOps Advisors",
    "Keystone Analytics Group",
    "Cobalt Systems Integrators",
)

# --- people ----------------------------------------------------------------------------------------------------------
FIRST_NAMES: tuple[str, ...] = (
    "James",
    "Mary",
    "John",
    "Patricia",
    "Robert",
    "Jennifer",
    "Michael",
    "Linda",
    "William",
    "Elizabeth",
    "David",
    "Barbara",
    "Richard",
    "Susan",
    "Joseph",
    "Jessica",
    "Thomas",
    "Sarah",
    "Charles",
    "Karen",
    "Christopher",
    "Nancy",
    "Daniel",
    "Lisa",
    "Matthew",
    "Betty",
    "Anthony",
    "Margaret",
    "Mark",
    "Sandra",
    "Donald",
    "Ashley",
    "Steven",
    "Kimberly",
    "Paul",
    "Emily",
    "Andrew",
    "Donna",
    "Joshua",
    "Michelle",
    "Kenneth",
    "Carol",
    "Kevin",
    "Amanda",
    "Brian",
    "Melissa",
    "George",
    "Deborah",
    "Timothy",
    "Stephanie",
    "Priya",
    "Rahul",
    "Wei",
    "Mei",
    "Hiroshi",
    "Yuki",
    "Lukas",
    "Anna",
    "Jan",
    "Sophie",
    "Lars",
    "Ingrid",
    "Mateo",
    "Lucia",
    "Carlos",
    "Ana",
    "Olumide",
    "Chiamaka",
    "Aisha",
    "Omar",
    "Fatima",
    "Noah",
    "Liam",
    "Olivia",
    "Emma",
    "Ava",
    "Mia",
    "Ethan",
    "Arjun",
    "Ananya",
    "Sven",
    "Freya",
    "Niamh",
    "Sean",
    "Chloe",
    "Jack",
    "Ruby",
    "Hannah",
    "Tom",
    "Lena",
)
LAST_NAMES: tuple[str, ...] = (
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Perez",
    "Thompson",
    "White",
    "Harris",
    "Sanchez",
    "Clark",
    "Ramirez",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Torres",
    "Nguyen",
    "Hill",
    "Flores",
    "Green",
    "Adams",
    "Nelson",
    "Baker",
    "Hall",
    "Rivera",
    "Campbell",
    "Mitchell",
    "Carter",
    "Roberts",
    "Patel",
    "Sharma",
    "Singh",
    "Chen",
    "Wang",
    "Li",
    "Zhang",
    "Tanaka",
    "Sato",
    "Mueller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "de Vries",
    "Jansen",
    "Bakker",
    "Murphy",
    "Kelly",
    "O'Brien",
    "Byrne",
    "Silva",
    "Santos",
    "Oliveira",
    "Okafor",
    "Adeyemi",
    "Khan",
    "Ali",
    "Hansen",
    "Larsen",
    "Johansson",
    "Rossi",
    "Dubois",
    "Moreau",
    "Kowalski",
    "Novak",
    "Cohen",
    "Levi",
)

SENIORITIES: tuple[str, ...] = ("Intern/Student", "Individual Contributor", "Manager", "Director", "VP", "C-Level")
SENIORITY_WEIGHTS: tuple[float, ...] = (0.04, 0.44, 0.24, 0.14, 0.08, 0.06)
FUNCTIONS: tuple[str, ...] = (
    "Marketing",
    "Sales",
    "Engineering/IT",
    "Data/Analytics",
    "Finance",
    "Operations",
    "HR",
)
FUNCTION_WEIGHTS: tuple[float, ...] = (0.19, 0.18, 0.22, 0.14, 0.08, 0.11, 0.08)
# How a Salesforce department field spells each function (messy on purpose; None = left blank).
DEPARTMENTS: tuple[tuple[str | None, ...], ...] = (
    ("Marketing", "Marketing", "Demand Gen", None),
    ("Sales", "Sales", "Revenue", None),
    ("Engineering", "IT", "Engineering", None),
    ("Data", "Analytics", "Data & Analytics", None),
    ("Finance", "Finance", "Accounting", None),
    ("Operations", "RevOps", "Business Operations", None),
    ("HR", "People", "Human Resources", None),
)

# Messy real titles by (seniority, function). Seniority 0 (interns) and C-level are mostly function-specific too.
TITLES: dict[tuple[int, int], tuple[str, ...]] = {
    (0, 0): ("Marketing Intern", "Marketing Co-op"),
    (0, 1): ("Sales Intern", "Business Development Intern"),
    (0, 2): ("Software Engineering Intern", "IT Intern"),
    (0, 3): ("Data Science Intern", "Analytics Intern"),
    (0, 4): ("Finance Intern",),
    (0, 5): ("Operations Intern",),
    (0, 6): ("HR Intern", "Recruiting Intern"),
    (1, 0): (
        "Marketing Specialist",
        "Content Marketing Manager",
        "Demand Generation Specialist",
        "SEO Specialist",
        "Marketing Operations Specialist",
        "Field Marketing Coordinator",
    ),
    (1, 1): (
        "Account Executive",
        "SDR",
        "Sales Development Representative",
        "Business Development Rep",
        "Sr. Account Executive",
        "Customer Success Manager",
    ),
    (1, 2): (
        "Software Engineer II",
        "Senior Software Engineer",
        "DevOps Engineer",
        "Systems Administrator",
        "Site Reliability Engineer",
        "Sr. Software Engineer",
        "Solutions Architect",
        "IT Specialist",
    ),
    (1, 3): (
        "Data Analyst",
        "Sr. Data Engineer",
        "Analytics Engineer",
        "Data Scientist",
        "BI Developer",
        "Senior Data Analyst",
        "Data Engineer II",
    ),
    (1, 4): ("Financial Analyst", "Accountant", "FP&A Analyst", "Senior Accountant"),
    (1, 5): ("Operations Analyst", "Revenue Operations Analyst", "Sales Operations Analyst", "Project Coordinator"),
    (1, 6): ("Recruiter", "HR Generalist", "Talent Acquisition Partner", "People Partner"),
    (2, 0): (
        "Marketing Operations Manager",
        "Sr. Manager, Demand Gen",
        "Growth Marketing Manager",
        "Manager, Marketing Analytics",
        "Product Marketing Manager",
    ),
    (2, 1): ("Sales Manager", "Regional Sales Manager", "Manager, Sales Development", "Inside Sales Manager"),
    (2, 2): ("Engineering Manager", "IT Manager", "Manager, Platform Engineering", "Sr. Engineering Manager"),
    (2, 3): ("BI Manager", "Analytics Manager", "Data Engineering Manager", "Manager, Data Science"),
    (2, 4): ("Finance Manager", "Controller", "FP&A Manager"),
    (2, 5): ("Operations Manager", "RevOps Manager", "Sales Operations Manager", "Program Manager"),
    (2, 6): ("HR Manager", "Talent Acquisition Manager", "People Operations Manager"),
    (3, 0): (
        "Director of Marketing",
        "Director, Demand Generation",
        "Head of Growth Marketing",
        "Sr. Director, Marketing Operations",
    ),
    (3, 1): ("Director of Sales", "Head of Sales", "Director, Sales Development", "Regional Sales Director"),
    (3, 2): (
        "Sr. Director of IT",
        "Director of Engineering",
        "Head of IT",
        "Director, Infrastructure",
        "Head of Platform",
    ),
    (3, 3): (
        "Head of Data",
        "Director of Analytics",
        "Director, Data Engineering",
        "Head of BI",
        "Sr. Director, Data Science",
    ),
    (3, 4): ("Director of Finance", "Head of FP&A", "Finance Director"),
    (3, 5): ("Head of RevOps", "Director of Revenue Operations", "Director, Business Operations", "Head of Sales Ops"),
    (3, 6): ("HR Director", "Head of People", "Director of Talent"),
    (4, 0): ("VP Marketing", "VP of Marketing", "Vice President, Demand Generation", "SVP Marketing"),
    (4, 1): ("VP Sales", "Vice President of Sales", "SVP, Global Sales", "VP, Sales"),
    (4, 2): ("VP Engineering", "VP of IT", "Vice President, Engineering", "SVP Technology"),
    (4, 3): ("VP, Data Engineering", "VP of Data", "Vice President, Analytics", "VP Data & Analytics"),
    (4, 4): ("VP Finance", "VP, Finance & Accounting"),
    (4, 5): ("VP Operations", "VP Revenue Operations", "VP, Business Operations"),
    (4, 6): ("VP People", "VP Human Resources"),
    (5, 0): ("CMO", "Chief Marketing Officer"),
    (5, 1): ("CRO", "Chief Revenue Officer", "Chief Sales Officer"),
    (5, 2): ("CTO", "CIO", "Chief Technology Officer", "Co-Founder & CTO"),
    (5, 3): ("Chief Data Officer", "CDO", "Chief Analytics Officer"),
    (5, 4): ("CFO", "Chief Financial Officer"),
    (5, 5): ("COO", "CEO", "Co-Founder & CEO", "Founder", "Chief Operating Officer"),
    (5, 6): ("CHRO", "Chief People Officer"),
}
STUDENT_TITLES: tuple[str, ...] = (
    "Student",
    "Graduate Student",
    "PhD Candidate",
    "MBA Candidate",
    "Research Assistant",
    "Undergraduate",
    "student",
)
FREELANCE_TITLES: tuple[str, ...] = (
    "Consultant",
    "Freelance Data Consultant",
    "Independent Consultant",
    "Owner",
    "Analyst",
    "Looking for opportunities",
    "Marketing Consultant",
)
FREELANCE_COMPANIES: tuple[str | None, ...] = ("Self-employed", "Freelance", "N/A", "none", "Independent", None)

# --- the sales team --------------------------------------------------------------------------------------------------
USER_ROLES: tuple[tuple[str, str, str | None], ...] = (
    # (name, developer_name, parent developer_name)
    ("VP Sales", "VP_Sales", None),
    ("Sales Manager", "Sales_Manager", "VP_Sales"),
    ("Account Executive", "Account_Executive", "Sales_Manager"),
    ("SDR Manager", "SDR_Manager", "VP_Sales"),
    ("SDR", "SDR", "SDR_Manager"),
    ("VP Marketing", "VP_Marketing", None),
    ("Marketing Ops", "Marketing_Ops", "VP_Marketing"),
    ("System Integration", "System_Integration", None),
)

# --- lead statuses ---------------------------------------------------------------------------------------------------
LEAD_STATUS_OPEN = "Open - Not Contacted"
LEAD_STATUS_WORKING = "Working - Contacted"
LEAD_STATUS_QUALIFIED = "Qualified"
LEAD_STATUS_NURTURE = "Nurture - Not Ready"
LEAD_STATUS_RECYCLED = "Recycled"
LEAD_STATUS_UNQ_BUDGET = "Unqualified - No Budget"
LEAD_STATUS_UNQ_AUTHORITY = "Unqualified - No Authority"
LEAD_STATUS_UNQ_FIT = "Unqualified - Not a Fit"
LEAD_STATUS_UNQ_STUDENT = "Unqualified - Student"
LEAD_STATUS_UNQ_COMPETITOR = "Unqualified - Competitor"
LEAD_STATUS_UNQ_BAD_DATA = "Unqualified - Bad Data"
LEAD_STATUSES: tuple[str, ...] = (
    LEAD_STATUS_OPEN,
    LEAD_STATUS_WORKING,
    LEAD_STATUS_QUALIFIED,
    LEAD_STATUS_UNQ_BUDGET,
    LEAD_STATUS_UNQ_AUTHORITY,
    LEAD_STATUS_UNQ_FIT,
    LEAD_STATUS_UNQ_STUDENT,
    LEAD_STATUS_UNQ_COMPETITOR,
    LEAD_STATUS_UNQ_BAD_DATA,
    LEAD_STATUS_NURTURE,
    LEAD_STATUS_RECYCLED,
)
# Statuses no mapping knows: the malformed `unknown_code` case for leads.
UNKNOWN_LEAD_STATUSES: tuple[str, ...] = ("Legacy - Unmapped", "Zombie Import")

LEAD_SOURCES: tuple[str, ...] = (
    "Web",
    "Organic Search",
    "Paid Social",
    "Webinar",
    "Content Syndication",
    "Trade Show",
    "Referral",
    "Partner",
    "Outbound",
    "List Import",
    "Chat",
)

# --- opportunities ---------------------------------------------------------------------------------------------------
OPPORTUNITY_STAGES: tuple[tuple[str, int, str], ...] = (
    # (stage_name, probability, forecast_category)
    ("Prospecting", 10, "Pipeline"),
    ("Discovery", 20, "Pipeline"),
    ("Demo", 40, "Pipeline"),
    ("Proposal", 60, "Best Case"),
    ("Negotiation", 80, "Commit"),
    ("Closed Won", 100, "Closed"),
    ("Closed Lost", 0, "Omitted"),
)
OPPORTUNITY_TYPES: tuple[str, ...] = ("New Business", "Existing Business - Expansion")

# --- campaigns, forms, pages -----------------------------------------------------------------------------------------
WEBINAR_TOPICS: tuple[str, ...] = (
    "Fixing the MQL-to-SQL Handoff",
    "Buying Committees in the Data",
    "Pipeline Math for Marketing Leaders",
    "Intent Data Without the Hype",
    "RevOps Metrics That Matter",
    "Scoring Fit and Intent Apart",
    "From Lead to Account: Running MQAs",
    "Killing Email Open Scoring",
    "Building Trust Between Sales and Marketing",
    "Quarterly Definition Reviews",
    "Attribution That Sales Believes",
    "Warehouse-Native Lead Routing",
)
CONFERENCES: tuple[str, ...] = (
    "SaaStr Annual",
    "Dreamforce",
    "Gartner Data & Analytics Summit",
    "MarTech Conference",
    "B2B Marketing Exchange",
    "Pavilion Revenue Summit",
)
SYNDICATION_VENDORS: tuple[str, ...] = ("TechTarget", "Integrate", "NetLine", "Madison Logic")

# Form names say what the form is: the `form_signal_mapping` seed maps these names (webinar forms by prefix).
FORM_DEMO = "Request a Demo"
FORM_CONTACT_SALES = "Contact Sales"
FORM_TRIAL = "Start a Free Trial"
FORM_NEWSLETTER = "Newsletter Signup"
FORM_CAREERS = "Careers: Apply"
FORM_PARTNER = "Partner Inquiry"
CONTENT_FORMS: tuple[tuple[str, str], ...] = (
    ("Download: State of RevOps 2026", "/resources/state-of-revops-2026"),
    ("Download: State of RevOps 2025", "/resources/state-of-revops-2025"),
    ("Download: The Lead Scoring Playbook", "/resources/lead-scoring-playbook"),
    ("Download: Buyer's Guide to Revenue Data Platforms", "/resources/buyers-guide"),
    ("Download: ROI Calculator Template", "/resources/roi-calculator-template"),
)
WEBINAR_FORM_PREFIX = "Webinar Registration: "
# name -> (intended signal, page path, HubSpot form_type)
FORMS: tuple[tuple[str, str, str, str], ...] = (
    (FORM_DEMO, "demo_request", "/demo", "REGULAR"),
    (FORM_CONTACT_SALES, "contact_sales", "/contact-sales", "REGULAR"),
    (FORM_TRIAL, "trial_signup", "/trial", "REGULAR"),
    (FORM_NEWSLETTER, "newsletter", "/blog", "POPUP"),
    (FORM_CAREERS, "job_application", "/careers/apply", "REGULAR"),
    (FORM_PARTNER, "partner_inquiry", "/partners", "REGULAR"),
    *((name, "content_download", path, "REGULAR") for name, path in CONTENT_FORMS),
    *(
        (WEBINAR_FORM_PREFIX + t, "webinar_registration", "/webinars/" + str(i + 1), "REGULAR")
        for i, t in enumerate(WEBINAR_TOPICS)
    ),
)

# Segment track events: (event table name as Segment slugs it, event_text as the site sends it).
TRACK_EVENTS: dict[str, tuple[str, str]] = {
    "demo": ("demo_requested", "Demo Requested"),
    "contact_sales": ("contact_sales_requested", "Contact Sales Requested"),
    "pricing_calc": ("pricing_calculator_used", "Pricing Calculator Used"),
    "trial": ("trial_started", "Trial Started"),
    "webinar": ("webinar_registered", "Webinar Registered"),
    "docs_search": ("docs_searched", "Docs Searched"),
    "newsletter": ("newsletter_subscribed", "Newsletter Subscribed"),
    "content": ("content_downloaded", "Content Downloaded"),
    "job": ("job_application_submitted", "Job Application Submitted"),
    "video": ("video_played", "Video Played"),
    "partner": ("partner_inquiry_submitted", "Partner Inquiry Submitted"),
}

# Website pages by category: (path, title). Categories drive behaviour; paths are what the warehouse sees.
PAGE_CATEGORIES: tuple[str, ...] = (
    "home",
    "blog",
    "pricing",
    "demo",
    "docs",
    "integrations",
    "customers",
    "product",
    "security",
    "careers",
    "about",
    "webinars",
    "resources",
    "compare",
    "legal",
)
_BLOG_SLUGS: tuple[str, ...] = (
    "what-is-an-mql",
    "lead-scoring-mistakes",
    "buying-committees",
    "email-opens-are-lying",
    "revops-metrics",
    "intent-data-explained",
    "sales-marketing-sla",
    "mql-vs-mqa",
    "pipeline-math",
    "handoff-speed",
    "b2b-attribution",
    "data-contracts-for-gtm",
    "bot-clicks-in-email",
    "account-scoring",
    "quarterly-reviews",
    "icp-definition",
    "hot-mqls",
    "reason-codes",
    "warehouse-native-gtm",
    "closed-won-analysis",
)
_DOCS_SLUGS: tuple[str, ...] = (
    "getting-started",
    "install",
    "api/authentication",
    "api/events",
    "api/accounts",
    "sdk/python",
    "sdk/javascript",
    "guides/lead-routing",
    "guides/scoring",
    "sso",
    "webhooks",
    "changelog",
)
_INTEGRATION_SLUGS: tuple[str, ...] = (
    "salesforce",
    "hubspot",
    "segment",
    "snowflake",
    "bigquery",
    "dbt",
    "slack",
    "outreach",
    "salesloft",
    "marketo",
)
_CUSTOMER_SLUGS: tuple[str, ...] = (
    "northwind-health",
    "bluewave-capital",
    "cedarpoint-software",
    "granite-payments",
    "atlas-labs",
)
PAGES: tuple[tuple[str, str, str], ...] = (
    # (category, path, title)
    ("home", "/", f"{OUR_COMPANY} | Revenue data you can trust"),
    *(("blog", f"/blog/{s}", f"{s.replace('-', ' ').title()} | {OUR_COMPANY} Blog") for s in _BLOG_SLUGS),
    ("blog", "/blog", f"Blog | {OUR_COMPANY}"),
    ("pricing", "/pricing", f"Pricing | {OUR_COMPANY}"),
    ("pricing", "/pricing/enterprise", f"Enterprise Plan | {OUR_COMPANY}"),
    ("pricing", "/pricing/calculator", f"Pricing Calculator | {OUR_COMPANY}"),
    ("demo", "/demo", f"Request a Demo | {OUR_COMPANY}"),
    ("demo", "/contact-sales", f"Contact Sales | {OUR_COMPANY}"),
    ("demo", "/trial", f"Start a Free Trial | {OUR_COMPANY}"),
    *(("docs", f"/docs/{s}", f"{s.split('/')[-1].replace('-', ' ').title()} | Docs") for s in _DOCS_SLUGS),
    *(("integrations", f"/integrations/{s}", f"{s.title()} Integration | {OUR_COMPANY}") for s in _INTEGRATION_SLUGS),
    *(("customers", f"/customers/{s}", f"Case Study: {s.replace('-', ' ').title()}") for s in _CUSTOMER_SLUGS),
    ("customers", "/customers", f"Customers | {OUR_COMPANY}"),
    ("product", "/product", f"Product | {OUR_COMPANY}"),
    ("product", "/product/scoring", f"Fit & Intent Scoring | {OUR_COMPANY}"),
    ("product", "/product/routing", f"Lead Routing | {OUR_COMPANY}"),
    ("security", "/security", f"Security & Compliance | {OUR_COMPANY}"),
    ("careers", "/careers", f"Careers | {OUR_COMPANY}"),
    ("careers", "/careers/apply", f"Apply | {OUR_COMPANY} Careers"),
    ("careers", "/careers/engineering", f"Engineering Jobs | {OUR_COMPANY}"),
    ("about", "/about", f"About | {OUR_COMPANY}"),
    ("about", "/partners", f"Partners | {OUR_COMPANY}"),
    *(("webinars", f"/webinars/{i + 1}", f"Webinar: {t}") for i, t in enumerate(WEBINAR_TOPICS)),
    *(("resources", p, n.replace("Download: ", "") + f" | {OUR_COMPANY}") for n, p in CONTENT_FORMS),
    ("compare", "/compare/pipelinehq", f"{OUR_COMPANY} vs PipelineHQ"),
    ("compare", "/compare/funnelforge", f"{OUR_COMPANY} vs FunnelForge"),
    ("legal", "/privacy", "Privacy Policy"),
)

# --- traffic sources (UTM) -------------------------------------------------------------------------------------------
# (source, medium, campaign, term, content, referrer); None = absent.
TRAFFIC_SOURCES: tuple[tuple[str | None, str | None, str | None, str | None, str | None, str | None], ...] = (
    (None, None, None, None, None, None),  # direct
    (None, None, None, None, None, "https://www.google.com/"),  # organic search
    (None, None, None, None, None, "https://www.bing.com/"),
    (None, None, None, None, None, "https://www.linkedin.com/"),
    ("google", "cpc", "brand-search", "relaypoint", "ad-1", "https://www.google.com/"),
    ("google", "cpc", "lead-scoring-software", "lead scoring software", "ad-3", "https://www.google.com/"),
    ("linkedin", "paid_social", "revops-leaders-q", None, "carousel-2", "https://www.linkedin.com/"),
    ("linkedin", "paid_social", "state-of-revops", None, "single-image", "https://www.linkedin.com/"),
    ("g2", "referral", "g2-category", None, None, "https://www.g2.com/"),
    ("capterra", "cpc", "capterra-listing", None, None, "https://www.capterra.com/"),
    ("newsletter", "email", "weekly-digest", None, None, None),
    ("partner", "referral", "partner-portal", None, None, "https://partners.example.org/"),
)
TRAFFIC_WEIGHTS: tuple[float, ...] = (0.28, 0.26, 0.03, 0.08, 0.07, 0.04, 0.06, 0.04, 0.05, 0.02, 0.05, 0.02)

# --- user agents, scanners -------------------------------------------------------------------------------------------
BROWSER_USER_AGENTS: tuple[str, ...] = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 "
    "Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 "
    "Safari/605.1.15",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 "
    "Safari/537.36 Edg/123.0.2420.81",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.4 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile "
    "Safari/537.36",
    "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 "
    "Mobile/15E148 Safari/604.1",
)
BROWSER_NAMES: tuple[str, ...] = (
    "Chrome",
    "Chrome",
    "Safari",
    "Edge",
    "Firefox",
    "Chrome",
    "Mobile Safari",
    "Chrome Mobile",
    "Mobile Safari",
)
CRAWLER_USER_AGENTS: tuple[str, ...] = (
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
    "Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)",
    "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
)
# What mail clients look like when a human opens an email.
EMAIL_OPEN_USER_AGENTS: tuple[str, ...] = (
    "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)",
    "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17328; Pro)",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)",
)
# Apple Mail Privacy Protection pre-fetches every image: an "open" minutes after delivery, human or not.
APPLE_MPP_USER_AGENT = "Mozilla/5.0"
APPLE_MPP_IP_PREFIX = "104.28."


class Scanner(NamedTuple):
    """A mail security scanner or bot that opens and clicks every link within seconds of delivery.

    `hubspot_flag_rate` is the share of its events HubSpot marks `filtered_event = true`: some, never all.
    """

    name: str
    user_agent: str
    ip_prefixes: tuple[str, ...]
    hubspot_flag_rate: float
    weight: float
    renders_pages: bool


SCANNERS: tuple[Scanner, ...] = (
    Scanner(
        "Mimecast",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/103.0.0.0 Safari/537.36",
        ("205.139.110.", "207.211.30."),
        0.55,
        0.20,
        False,
    ),
    Scanner(
        "Proofpoint URL Defense",
        "Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:11.0) like Gecko",
        ("148.163.", "67.231."),
        0.60,
        0.20,
        False,
    ),
    Scanner(
        "Barracuda",
        "Mozilla/5.0 (X11; Linux x86_64; rv:78.0) Gecko/20100101 Firefox/78.0",
        ("64.235.144.", "209.222.80."),
        0.40,
        0.12,
        False,
    ),
    Scanner(
        "Microsoft Defender Safe Links",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0",
        ("40.94.", "52.101."),
        0.70,
        0.28,
        False,
    ),
    Scanner("python-requests", "python-requests/2.31.0", ("3.85.", "54.210."), 0.85, 0.07, False),
    Scanner("Go-http-client", "Go-http-client/1.1", ("34.102.", "35.190."), 0.85, 0.05, False),
    Scanner(
        "Headless Chrome",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/122.0.0.0 Safari/537.36",
        ("35.185.", "104.196."),
        0.30,
        0.08,
        True,
    ),
)
SCANNER_IP_PREFIXES: tuple[str, ...] = tuple(p for s in SCANNERS for p in s.ip_prefixes)

# Human IP first octets by region, for plausible-looking addresses (not real allocations).
HUMAN_IP_OCTETS: tuple[int, ...] = (24, 50, 66, 71, 73, 76, 81, 86, 92, 98, 108, 122, 151, 174, 177, 189, 203)

# --- HubSpot email ---------------------------------------------------------------------------------------------------
EMAIL_EVENT_TYPES: tuple[str, ...] = (
    "SENT",
    "DROPPED",
    "PROCESSED",
    "DELIVERED",
    "DEFERRED",
    "BOUNCE",
    "OPEN",
    "CLICK",
    "PRINT",
    "FORWARD",
    "STATUSCHANGE",
    "SPAMREPORT",
    "SUPPRESSED",
)
UNKNOWN_EMAIL_EVENT_TYPE = "MYSTERY"
EMAIL_CAMPAIGN_KINDS: tuple[tuple[str, str], ...] = (
    # (name prefix, subject)
    ("Weekly Digest", "This week in RevOps: {topic}"),
    ("Product Update", "New in Relaypoint: {topic}"),
    ("Webinar Invite", "Join us live: {topic}"),
    ("Content Promo", "Free guide: {topic}"),
    ("Customer Story", "How teams fixed {topic}"),
)
BOUNCE_KINDS: tuple[tuple[str, str, str], ...] = (
    ("UNKNOWN_USER", "550", "550 5.1.1 The email account that you tried to reach does not exist"),
    ("MAILBOX_FULL", "452", "452 4.2.2 The email account that you tried to reach is over quota"),
    ("DNS_FAILURE", "550", "550 5.1.2 Host unknown: domain lookup failed"),
    ("POLICY", "554", "554 5.7.1 Message rejected due to local policy"),
    ("THROTTLED", "421", "421 4.7.0 Try again later, closing connection"),
)

# --- third-party intent ----------------------------------------------------------------------------------------------
INTENT_TOPICS: tuple[str, ...] = (
    "Lead Scoring",
    "Revenue Operations",
    "Marketing Automation",
    "Sales Engagement",
    "Customer Data Platform",
    "Account-Based Marketing",
    "Data Warehousing",
    "Marketing Attribution",
)
INTENT_PROVIDERS: tuple[str, ...] = ("bombora", "6sense")
