"""Hand-written content for the demo municipality (Lyngbjerg Kommune), used by meetings/demo.py.

Everything here is data stored in the database, so it is written in Danish. Dates are not
fixed: each network names its start relative to the day the demo is loaded, so a fresh demo
always has a concluded network, active ones with meetings around today, and planned ones.
"""

MUNICIPALITY = "Lyngbjerg Kommune"
MAIL_DOMAIN = "demo.netvaerk.dk"

THEMES = [
    (
        "Ensomhed blandt ældre",
        "Mange ældre bor alene og mangler nogen at dele hverdagen med. Temaet handler om "
        "fællesskaber, der også når dem, der ikke selv opsøger dem.",
    ),
    (
        "Unge uden uddannelse eller job",
        "Unge mellem 15 og 29 år, der hverken er i uddannelse eller arbejde, og som ofte har "
        "mødt mange forskellige indsatser uden at finde fodfæste.",
    ),
    (
        "Pårørende til borgere med demens",
        "Ægtefæller, børn og venner, der bærer en stor del af omsorgen for en person med demens "
        "og selv har brug for viden, aflastning og fællesskab.",
    ),
    (
        "Klimatilpasning i boligområder",
        "Skybrud og stigende grundvand rammer boligområderne. Temaet handler om løsninger, "
        "beboerne selv kan se værdien af og være med til at forme.",
    ),
    (
        "Mental sundhed hos børn og unge",
        "Flere børn og unge mistrives, har angst eller bliver væk fra skolen. Temaet handler om "
        "at handle tidligt og sammen på tværs af skole, fritid og familie.",
    ),
    (
        "Rekruttering og fastholdelse i ældreplejen",
        "Det er svært at skaffe og holde på medarbejdere i hjemmeplejen og på plejecentrene. "
        "Temaet handler om arbejdsdage, man har lyst til at komme tilbage til.",
    ),
]

# Themes used only by the generated history (--scale), so the volume spreads over more subjects.
HISTORY_THEMES = [
    (
        "Digital inklusion af ældre",
        "Ældre, der står uden for de digitale løsninger og dermed får sværere adgang til "
        "både kommunen og fællesskaber.",
    ),
    (
        "Overgange fra sygehus til eget hjem",
        "Borgere, der udskrives til eget hjem, og de brud i forløbet, der opstår mellem "
        "sygehus, hjemmepleje og praktiserende læge.",
    ),
    (
        "Bevægelse og fællesskab for børn",
        "Børn, der ikke er med i foreningslivet, og hvordan skole, klub og foreninger kan "
        "åbne dørene sammen.",
    ),
    (
        "Sundhed i udsatte boligområder",
        "Ulighed i sundhed mellem boligområderne og beboernes egne bud på, hvad der gør en "
        "forskel i hverdagen.",
    ),
]

PLACES = {
    "raadhus": "Lyngbjerg Rådhus, mødelokale 2",
    "byraadssal": "Lyngbjerg Rådhus, byrådssalen",
    "kilden": "Medborgerhuset Kilden, Torvet 4",
    "bibliotek": "Lyngbjerg Bibliotek, Store Sal",
    "solsikken": "Aktivitetscentret Solsikken, Enghavevej 12",
    "engparken": "Fælleshuset i Engparken, Engparken 31",
    "ungdomsskole": "Ungdomsskolen, Skolevej 8",
}

# ---------------------------------------------------------------------------------------------
# Participants. ``key`` names a person in the networks below; it is not stored.
# ---------------------------------------------------------------------------------------------

PARTICIPANTS = [
    # --- Kommunale medarbejdere ---------------------------------------------------------------
    {
        "key": "mette",
        "name": "Mette Kjær Andersen",
        "background": "municipal_staff",
        "organisation": "Lyngbjerg Kommune, Ældre og Sundhed",
        "phone": "+45 43 68 71 12",
        "competence_professional": "Leder af kommunens tre aktivitetscentre; ergoterapeut.",
        "competence_personal": "Får folk, der ikke kender hinanden, til at tale sammen.",
        "competence_methodical": "Har erfaring med borgerinddragelse og små, hurtige forsøg.",
        "perspective": "Ser, hvem der kommer i centrene – og hvem der aldrig dukker op.",
        "motivation": "Vil gerne finde veje til de ældre, vi i dag ikke når.",
        "manager_name": "Birgitte Holm",
        "manager_email": "birgitte.holm@lyngbjerg.dk",
    },
    {
        "key": "jonas",
        "name": "Jonas Præstegaard",
        "background": "municipal_staff",
        "organisation": "Jobcenter Lyngbjerg, Ungeenheden",
        "phone": "+45 43 68 72 40",
        "competence_professional": "Uddannelsesvejleder med ti års erfaring med unge på kanten.",
        "competence_personal": "Tålmodig og vedholdende; giver ikke op på nogen.",
        "competence_methodical": "Arbejder med motiverende samtaler og mentorforløb.",
        "perspective": "Kender systemets regler – og hvordan de opleves fra den unges stol.",
        "motivation": "Vil have færre unge til at gå fra indsats til indsats uden at komme videre.",
        "manager_name": "Kasper Lund",
        "manager_email": "kasper.lund@lyngbjerg.dk",
    },
    {
        "key": "sofie",
        "name": "Sofie Lindholm Nielsen",
        "background": "municipal_staff",
        "organisation": "Lyngbjerg Kommune, Demenskoordinationen",
        "phone": "+45 43 68 73 05",
        "competence_professional": "Demenskoordinator og sygeplejerske.",
        "competence_personal": "Har selv været pårørende til en far med demens.",
        "competence_methodical": "Har ledet pårørendegrupper og undervist i demens.",
        "perspective": "Møder de pårørende, når de er ved at knække – ofte for sent.",
        "motivation": "Vil gøre de pårørende til ligeværdige partnere fra diagnosen.",
        "manager_name": "Hanne Vestergaard",
        "manager_email": "hanne.vestergaard@lyngbjerg.dk",
    },
    {
        "key": "rasmus",
        "name": "Rasmus Ebbesen",
        "background": "municipal_staff",
        "organisation": "Lyngbjerg Kommune, Teknik og Miljø",
        "phone": "+45 43 68 74 18",
        "competence_professional": "Klimatilpasningsplanlægger, civilingeniør i vand og miljø.",
        "competence_personal": "Nysgerrig og god til at forklare tekniske ting enkelt.",
        "competence_methodical": "Har brugt skybrudskortlægning og 3D-modeller i borgermøder.",
        "perspective": "Kender kommunens klimaplan og dens økonomi.",
        "motivation": "Vil have løsninger, beboerne selv passer på, fordi de bruger dem.",
        "manager_name": "Peter Bisgaard",
        "manager_email": "peter.bisgaard@lyngbjerg.dk",
    },
    {
        "key": "line",
        "name": "Line Frederiksen",
        "background": "municipal_staff",
        "organisation": "Pædagogisk Psykologisk Rådgivning, Lyngbjerg Kommune",
        "phone": "+45 43 68 75 31",
        "competence_professional": "Skolepsykolog med fokus på angst og skolefravær.",
        "competence_personal": "Rolig og lyttende, også når samtalen bliver svær.",
        "competence_methodical": "Kognitiv tilgang; har udviklet forløb for forældregrupper.",
        "perspective": "Ser børnene, når bekymringen allerede er blevet stor.",
        "motivation": "Vil flytte hjælpen tættere på klasseværelset og tidligere i forløbet.",
        "manager_name": "Anne Marie Dahl",
        "manager_email": "annemarie.dahl@lyngbjerg.dk",
    },
    {
        "key": "thomas",
        "name": "Thomas Vinther",
        "background": "municipal_staff",
        "organisation": "Hjemmeplejen Nord, Lyngbjerg Kommune",
        "phone": "+45 43 68 76 02",
        "competence_professional": "Social- og sundhedsassistent og gruppeleder i hjemmeplejen.",
        "competence_personal": "Kender hverdagen på ruterne indefra.",
        "competence_methodical": "Har været med til at indføre selvstyrende teams.",
        "perspective": "Ved, hvad der får kolleger til at blive – og til at gå.",
        "motivation": "Vil have flere til at vælge faget og blive i det.",
        "manager_name": "Lone Gravesen",
        "manager_email": "lone.gravesen@lyngbjerg.dk",
    },
    {
        "key": "camilla",
        "name": "Camilla Bech",
        "background": "municipal_staff",
        "organisation": "Lyngbjerg Kommune, Sundhed og Forebyggelse",
        "phone": "+45 43 68 77 44",
        "competence_professional": "Sundhedsfaglig konsulent med speciale i forebyggelse.",
        "competence_personal": "Struktureret og god til at holde fast i aftaler.",
        "competence_methodical": "Erfaring med effektmåling og forandringsteori.",
        "perspective": "Tænker i forebyggelse frem for reparation.",
        "motivation": "Vil bygge bro mellem gode idéer og det, der kan dokumenteres.",
        "manager_name": "Mikkel Staun",
        "manager_email": "mikkel.staun@lyngbjerg.dk",
    },
    {
        "key": "henrik",
        "name": "Henrik Møller Sørensen",
        "background": "municipal_staff",
        "organisation": "Lyngbjerg Kommune, Kultur og Fritid",
        "phone": "+45 43 68 78 23",
        "competence_professional": "Fritidskonsulent; kender foreningslivet og de frivillige.",
        "competence_personal": "Har et stort netværk i byen.",
        "competence_methodical": "Har bygget partnerskaber mellem kommune og foreninger.",
        "perspective": "Ser fællesskaber, der allerede findes og kunne åbne sig for flere.",
        "motivation": "Vil bruge foreningerne som en del af løsningen.",
        "manager_name": "Susanne Aagaard",
        "manager_email": "susanne.aagaard@lyngbjerg.dk",
    },
    {
        "key": "nadia",
        "name": "Nadia Hussein",
        "background": "municipal_staff",
        "organisation": "SSP og Ungeindsatsen, Lyngbjerg Kommune",
        "phone": "+45 43 68 79 60",
        "competence_professional": "SSP-konsulent og socialrådgiver.",
        "competence_personal": "Taler både dansk, arabisk og ungdomssprog.",
        "competence_methodical": "Opsøgende arbejde og netværksmøder med familier.",
        "perspective": "Møder de unge på gaden og i klubberne, ikke på kontoret.",
        "motivation": "Vil have de unges egne stemmer med, når indsatserne laves.",
        "manager_name": "Kasper Lund",
        "manager_email": "kasper.lund@lyngbjerg.dk",
    },
    # --- Borgere -----------------------------------------------------------------------------
    {
        "key": "erik",
        "name": "Erik Dalsgaard",
        "background": "citizen",
        "organisation": "",
        "phone": "+45 21 44 18 90",
        "competence_personal": "Pensioneret skolelærer og enkemand; besøgsven gennem fem år.",
        "perspective": "Ved, hvordan det er at sidde alene, når ugen er lang.",
        "motivation": "Vil gerne give noget videre af det, der hjalp ham selv.",
    },
    {
        "key": "fatima",
        "name": "Fatima Khalil",
        "background": "citizen",
        "organisation": "Beboer i Engparken",
        "phone": "+45 28 90 12 33",
        "competence_personal": "Mor til tre; aktiv i beboerforeningens fællesspisning.",
        "perspective": "Har haft vand i kælderen to gange på fem år.",
        "motivation": "Vil have, at løsningerne også bliver til steder, hvor børnene kan lege.",
    },
    {
        "key": "kirsten",
        "name": "Kirsten Overgaard",
        "background": "citizen",
        "organisation": "Grundejerforeningen Engbakken",
        "phone": "+45 40 55 21 78",
        "competence_professional": "Tidligere landinspektør.",
        "competence_personal": "Formand for grundejerforeningen; kender naboerne.",
        "perspective": "Parcelhusejernes syn på, hvem der skal betale for regnvandet.",
        "motivation": "Vil have fælles løsninger i stedet for at hver grund klarer sig selv.",
    },
    # --- Brugere -----------------------------------------------------------------------------
    {
        "key": "mathias",
        "name": "Mathias Krogh",
        "background": "user",
        "organisation": "",
        "phone": "+45 31 22 67 04",
        "competence_personal": "22 år; har været i jobcentrets ungeindsats i tre år og er nu i "
        "lære som tømrer.",
        "perspective": "Ved, hvilke møder der hjalp – og hvilke der bare var møder.",
        "motivation": "Vil gerne gøre vejen kortere for dem, der kommer efter.",
    },
    {
        "key": "amalie",
        "name": "Amalie Winther",
        "background": "user",
        "organisation": "",
        "phone": "+45 52 18 44 90",
        "competence_personal": "17 år, går i gymnasiet; har haft angst i udskolingen.",
        "perspective": "Har selv brugt kommunens ungerådgivning.",
        "motivation": "Vil have, at andre unge får hjælp, før de holder op med at gå i skole.",
    },
    {
        "key": "bent",
        "name": "Bent Juhl",
        "background": "user",
        "organisation": "",
        "phone": "+45 43 62 10 77",
        "competence_personal": "81 år og modtager hjemmehjælp to gange om ugen.",
        "perspective": "Mærker forskel på de hjælpere, der har tid, og dem, der ikke har.",
        "motivation": "Vil gerne sige sin mening, når den alligevel bliver hørt.",
    },
    # --- Pårørende ---------------------------------------------------------------------------
    {
        "key": "lise",
        "name": "Lise Damgaard",
        "background": "relative",
        "organisation": "",
        "phone": "+45 26 71 39 52",
        "competence_personal": "Gift med Poul, der fik stillet diagnosen Alzheimers for tre år "
        "siden.",
        "perspective": "Hverdagen som pårørende – og de mange skift i hjælpen.",
        "motivation": "Vil have, at andre pårørende bliver set tidligere, end hun blev.",
    },
    {
        "key": "per",
        "name": "Per Holst",
        "background": "relative",
        "organisation": "",
        "phone": "+45 29 80 14 63",
        "competence_professional": "Projektleder i et rådgivende ingeniørfirma.",
        "competence_personal": "Søn af en mor med vaskulær demens på plejecenter.",
        "perspective": "Pårørende, der bor langt væk og arbejder fuld tid.",
        "motivation": "Vil gøre det lettere at være pårørende på afstand.",
    },
    {
        "key": "hanne",
        "name": "Hanne Skov",
        "background": "relative",
        "organisation": "",
        "phone": "+45 23 45 90 11",
        "competence_personal": "Mor til en 15-årig med skolevægring.",
        "perspective": "Forældrenes oplevelse af at stå mellem skole, PPR og egen læge.",
        "motivation": "Vil have, at familier får én indgang i stedet for fem.",
    },
    # --- Interesseorganisationer -------------------------------------------------------------
    {
        "key": "grethe",
        "name": "Grethe Sommer",
        "background": "interest_organisation",
        "organisation": "Ældre Sagen, Lyngbjerg lokalafdeling",
        "phone": "+45 40 12 77 35",
        "competence_professional": "Koordinator for lokalafdelingens 60 besøgsvenner.",
        "competence_personal": "Energisk og god til at rekruttere frivillige.",
        "perspective": "De frivilliges muligheder – og grænser.",
        "motivation": "Vil have flere ældre med i de fællesskaber, der allerede findes.",
    },
    {
        "key": "morten",
        "name": "Morten Bak",
        "background": "interest_organisation",
        "organisation": "Alzheimerforeningen, Lyngbjerg og omegn",
        "phone": "+45 22 61 48 07",
        "competence_professional": "Frivillig rådgiver i foreningens pårørenderådgivning.",
        "competence_personal": "Har passet sin kone med demens i syv år.",
        "perspective": "Mange pårørendes historier, ikke kun én.",
        "motivation": "Vil gøre foreningens viden til en del af kommunens tilbud.",
    },
    {
        "key": "yasmin",
        "name": "Yasmin Ali",
        "background": "interest_organisation",
        "organisation": "Foreningen Unge for Unge",
        "phone": "+45 60 24 81 39",
        "competence_professional": "Projektkoordinator; uddanner unge frivillige mentorer.",
        "competence_personal": "24 år; har selv haft en mentor.",
        "perspective": "Unge, der hjælper unge, uden for systemet.",
        "motivation": "Vil vise, hvad jævnaldrende kan, som voksne ikke kan.",
    },
    # --- Virksomheder ------------------------------------------------------------------------
    {
        "key": "kristian",
        "name": "Kristian Lauridsen",
        "background": "company",
        "organisation": "Lauridsen Anlæg ApS",
        "phone": "+45 70 20 44 18",
        "competence_professional": "Anlægsgartner; bygger regnbede og grønne tage.",
        "competence_methodical": "Har lavet lokal afledning af regnvand i tre boligforeninger.",
        "perspective": "Hvad løsningerne koster at anlægge og passe.",
        "motivation": "Vil vise, at klimatilpasning kan blive til gode uderum.",
    },
    {
        "key": "julie",
        "name": "Julie Kofoed",
        "background": "company",
        "organisation": "Kofoed Rekruttering ApS",
        "phone": "+45 33 14 56 70",
        "competence_professional": "Rekrutteringskonsulent for social- og sundhedssektoren.",
        "competence_methodical": "Arbejder med kompetencebaseret rekruttering.",
        "perspective": "Arbejdsgivernes blik på unge og nye medarbejdere.",
        "motivation": "Vil gerne flere ind på arbejdsmarkedet ad andre veje end de vante.",
    },
    {
        "key": "anders",
        "name": "Anders Bruun",
        "background": "company",
        "organisation": "Velfærdsteknologi Nord ApS",
        "phone": "+45 70 22 31 09",
        "competence_professional": "Produktchef for GPS-ure og digitale kalendere til demente.",
        "competence_methodical": "Brugertest og tjenestedesign.",
        "perspective": "Hvad teknologien kan – og hvornår den ikke hjælper.",
        "motivation": "Vil udvikle det, pårørende faktisk efterspørger.",
    },
    # --- Evalueringsinstitut -----------------------------------------------------------------
    {
        "key": "maria",
        "name": "Maria Thorsen",
        "background": "evaluation_institute",
        "organisation": "Center for Evaluering og Effekt",
        "phone": "+45 33 48 08 12",
        "competence_professional": "Seniorevaluator; har evalueret sociale indsatser i 12 år.",
        "competence_methodical": "Forandringsteori, virkningsevaluering og spørgeskemaer.",
        "perspective": "Hvordan vi ved, om det virker.",
        "motivation": "Vil hjælpe netværkene med at måle det, der betyder noget.",
    },
    # --- Fagforeninger -----------------------------------------------------------------------
    {
        "key": "bo",
        "name": "Bo Rasmussen",
        "background": "union",
        "organisation": "FOA, lokalafdelingen i Lyngbjerg",
        "phone": "+45 46 97 30 22",
        "competence_professional": "Faglig sekretær for social- og sundhedsområdet.",
        "competence_personal": "Tidligere social- og sundhedshjælper.",
        "perspective": "Medarbejdernes arbejdsmiljø og vilkår.",
        "motivation": "Vil have, at gode idéer også kan holde i en travl hverdag.",
    },
    {
        "key": "pia",
        "name": "Pia Mortensen",
        "background": "union",
        "organisation": "Lyngbjerg Lærerkreds",
        "phone": "+45 46 97 40 51",
        "competence_professional": "Kredsformand og lærer i udskolingen.",
        "perspective": "Lærernes muligheder for at opdage og reagere på mistrivsel.",
        "motivation": "Vil give lærerne bedre redskaber og kortere vej til hjælp.",
    },
    # --- Andre kommuner ----------------------------------------------------------------------
    {
        "key": "simon",
        "name": "Simon Høgh",
        "background": "other_municipality",
        "organisation": "Søholm Kommune, Klimasekretariatet",
        "phone": "+45 72 36 51 00",
        "competence_professional": "Projektleder for Søholms skybrudsplan.",
        "competence_methodical": "Har gennemført beboerprojekter om regnvand i almene boliger.",
        "perspective": "Erfaringer fra en nabokommune, der er et par år foran.",
        "motivation": "Vil dele det, der gik galt, så andre kan springe det over.",
    },
    {
        "key": "karina",
        "name": "Karina Bendtsen",
        "background": "other_municipality",
        "organisation": "Vestby Kommune, Ungeenheden",
        "phone": "+45 72 40 18 66",
        "competence_professional": "Leder af Vestbys samlede ungeindsats.",
        "competence_methodical": "Har samlet jobcenter, UU og SSP i ét team.",
        "perspective": "Hvordan en anden kommune har organiseret sig.",
        "motivation": "Vil lære af Lyngbjerg og dele Vestbys erfaringer.",
    },
    # --- Forskere ----------------------------------------------------------------------------
    {
        "key": "idamarie",
        "name": "Ida Marie Kristensen",
        "background": "researcher",
        "organisation": "Professionshøjskolen Sjælland, Forskning i Velfærd",
        "phone": "+45 72 48 22 90",
        "competence_professional": "Ph.d. i sociologi; forsker i ensomhed og aldring.",
        "competence_methodical": "Kvalitative interview og deltagerobservation.",
        "perspective": "Hvad forskningen ved om ensomhed – og hvad den ikke ved.",
        "motivation": "Vil bringe forskning og praksis tættere på hinanden.",
    },
    {
        "key": "jakob",
        "name": "Jakob Lindberg",
        "background": "researcher",
        "organisation": "Københavns Universitet, Institut for Psykologi",
        "phone": "+45 35 32 48 70",
        "competence_professional": "Lektor i børne- og ungdomspsykologi.",
        "competence_methodical": "Trivselsmålinger og tidlig opsporing.",
        "perspective": "Den nyeste viden om børn og unges mentale sundhed.",
        "motivation": "Vil se forskningen brugt i en rigtig kommune.",
    },
    {
        "key": "louise",
        "name": "Louise Hjort",
        "background": "researcher",
        "organisation": "DTU Sustain",
        "phone": "+45 45 25 16 03",
        "competence_professional": "Postdoc i urban hydrologi og klimatilpasning.",
        "competence_methodical": "Modellering af regnvand og borgervidenskab.",
        "perspective": "Hvad data siger om, hvor vandet løber hen.",
        "motivation": "Vil afprøve borgermålinger af regn i et rigtigt boligområde.",
    },
    # --- Andet -------------------------------------------------------------------------------
    {
        "key": "ole",
        "name": "Ole Brandt",
        "background": "other",
        "organisation": "Lyngbjerg Sogn",
        "phone": "+45 43 62 04 15",
        "competence_professional": "Sognepræst; står for kirkens besøgstjeneste.",
        "competence_personal": "Kommer i mange hjem i forbindelse med sorg og tab.",
        "perspective": "Ensomheden efter et dødsfald.",
        "motivation": "Vil gerne åbne kirkens rum for flere fællesskaber.",
    },
    {
        "key": "sanne",
        "name": "Sanne Krag",
        "background": "other",
        "organisation": "Byrådet, Social- og Sundhedsudvalget",
        "phone": "+45 24 63 19 80",
        "competence_professional": "Byrådsmedlem og næstformand i Social- og Sundhedsudvalget.",
        "perspective": "Det politiske blik: hvad kan prioriteres, og hvordan fortæller vi om det?",
        "motivation": "Vil følge netværkenes arbejde tæt og tage idéerne med i udvalget.",
    },
    {
        "key": "peter",
        "name": "Peter Fogh",
        "background": "other",
        "organisation": "Boligselskabet Engbo",
        "phone": "+45 43 64 22 10",
        "competence_professional": "Driftschef for Engparkens 640 lejemål.",
        "competence_methodical": "Har ledet helhedsplanen for Engparken.",
        "perspective": "Boligselskabets drift og beboerdemokratiet.",
        "motivation": "Vil have klimatilpasning, der også løfter udearealerne.",
    },
]

# ---------------------------------------------------------------------------------------------
# Networks. ``start`` is days from the day the demo is loaded. Members are
# (key, role, phase orders, co-driver, manager agreement); the agreement only matters for
# municipal staff. Meetings follow the phases the schedule gives: 4 meetings → phases
# 1, 2, 3, 4; 5 → 1, 2, 3, 3, 4; 6 → 1, 2, 2, 3, 4, 4 (see meetings/demo.py).
# ---------------------------------------------------------------------------------------------

CORE, INVOLVED = "core", "involved"
AGREED, PENDING, DECLINED = "agreed", "pending", "declined"

NETWORKS = [
    {
        "name": "Fællesskaber der når ud",
        "theme": "Ensomhed blandt ældre",
        "status": "concluded",
        "start": -300,
        "place": "solsikken",
        "challenge": (
            "Hver femte borger over 75 år i Lyngbjerg bor alene og siger, at de ofte føler sig "
            "ensomme. Kommunens og foreningernes tilbud bliver især brugt af dem, der i "
            "forvejen er aktive – de mest ensomme når vi ikke."
        ),
        "purpose": (
            "At finde og afprøve nye måder at række ud til ensomme ældre på, sammen med "
            "frivillige, foreninger og de ældre selv, og at forankre det, der virker."
        ),
        "members": [
            ("mette", CORE, (), True, AGREED),
            ("grethe", CORE, (), False, None),
            ("henrik", CORE, (), False, AGREED),
            ("camilla", CORE, (), False, AGREED),
            ("ole", CORE, (), False, None),
            ("erik", CORE, (), False, None),
            ("idamarie", INVOLVED, (1, 4), False, None),
            ("bent", INVOLVED, (1, 3), False, None),
            ("maria", INVOLVED, (4,), False, None),
            ("sanne", INVOLVED, (4,), False, None),
        ],
        "leaves": [],
        "meetings": [
            {
                "title": "Opstart: hvem er de ensomme ældre?",
                "time": ("09:00", 210),
                "agenda": (
                    "1. Velkomst og præsentationsrunde\n"
                    "2. Netværkets udfordring og arbejdsform\n"
                    "3. Oplæg: Hvad ved vi om ensomhed blandt ældre? (Ida Marie Kristensen)\n"
                    "4. Gruppearbejde: hvor møder vi de ensomme – og hvor gør vi ikke?\n"
                    "5. Aftaler om interview med ældre før næste møde"
                ),
                "minutes": (
                    "Netværket tog hul på arbejdet med en præsentationsrunde, hvor alle fortalte, "
                    "hvorfor de var med. Ida Marie gennemgik forskningen: ensomhed hænger "
                    "sammen med tab af ægtefælle, dårligt helbred og flytning. Gruppearbejdet "
                    "pegede på, at hverken centre eller foreninger møder de ældre, der er holdt "
                    "op med at gå ud. Aftalt: hver deltager interviewer to ældre før næste møde."
                ),
                "tasks": [
                    (
                        "Interview to ældre i dit netværk",
                        "other",
                        "Brug interviewguiden fra sekretariatet og tag noter.",
                        ["mette", "grethe", "erik", "ole"],
                    ),
                    (
                        "Læs forskningsoversigten om ensomhed",
                        "reading",
                        "Oversigten er sendt på mail; læs især afsnit 3 om ældre, der bor alene.",
                        ["henrik", "camilla"],
                    ),
                ],
            },
            {
                "title": "Idéværksted: nye veje til de ældre",
                "time": ("13:00", 180),
                "agenda": (
                    "1. Tjek-ind\n"
                    "2. Fortællinger fra interviewene\n"
                    "3. Idéudvikling i tre spor: opsporing, første skridt, fællesskabet\n"
                    "4. Udvælgelse af idéer til afprøvning"
                ),
                "minutes": (
                    "Interviewene viste, at mange ældre gerne vil have besøg, men ikke vil bede "
                    "om det. Tre idéer gik videre: 1) hjemmeplejen og frisøren spørger ind til "
                    "ensomhed og tilbyder en besøgsven, 2) 'ring en ven'-kæde fra Solsikken, "
                    "3) fællesspisning i kirkens sognegård med kørsel."
                ),
                "tasks": [
                    (
                        "Beskriv idéen om opsporing via hjemmeplejen",
                        "other",
                        "En side: hvem gør hvad, hvad kræver det, hvordan ved vi om det virker.",
                        ["mette", "camilla"],
                    ),
                ],
            },
            {
                "title": "Afprøvning: første erfaringer",
                "time": ("09:00", 210),
                "agenda": (
                    "1. Tjek-ind\n"
                    "2. Status på de tre afprøvninger\n"
                    "3. Oplæg: Besøgsven-kæden i praksis (Grethe Sommer)\n"
                    "4. Hvad justerer vi?"
                ),
                "minutes": (
                    "Fællesspisningen i sognegården har haft 14 gæster to gange, heraf seks nye. "
                    "Kørslen er afgørende. Hjemmeplejen har henvist fire borgere til en "
                    "besøgsven; medarbejderne efterlyser en kort samtaleguide. Ring-en-ven-"
                    "kæden er kommet langsomt i gang."
                ),
                "tasks": [
                    (
                        "Oplæg om besøgsven-kæden",
                        "talk",
                        "10 minutter om de første erfaringer fra de frivillige.",
                        ["grethe"],
                    ),
                    (
                        "Afprøv samtaleguiden på to ruter",
                        "try_out",
                        "Giv guiden til to medarbejdere i hjemmeplejen og saml deres erfaringer.",
                        ["mette"],
                    ),
                ],
            },
            {
                "title": "Afprøvning: hvad virker for hvem?",
                "time": ("13:00", 180),
                "agenda": (
                    "1. Tjek-ind\n"
                    "2. Erfaringer med samtaleguiden\n"
                    "3. Borgernes egne fortællinger (Bent Juhl)\n"
                    "4. Hvad skal forankres?"
                ),
                "minutes": (
                    "Samtaleguiden virker, når medarbejderen kender borgeren i forvejen. Bent "
                    "fortalte om, hvordan det var at blive spurgt – 'det var første gang nogen "
                    "spurgte, om jeg savnede nogen'. Netværket anbefaler at forankre opsporingen "
                    "og fællesspisningen."
                ),
                "tasks": [],
            },
            {
                "title": "Forankring og afslutning",
                "time": ("09:00", 240),
                "agenda": (
                    "1. Tjek-ind\n"
                    "2. Evaluering: hvad har vi lært? (Maria Thorsen)\n"
                    "3. Anbefalinger til Social- og Sundhedsudvalget\n"
                    "4. Hvem tager stafetten?\n"
                    "5. Afslutning"
                ),
                "minutes": (
                    "Maria fremlagde evalueringen: 31 ældre er nået gennem de nye veje, og 22 af "
                    "dem deltager nu fast i et fællesskab. Sanne Krag tager anbefalingerne med i "
                    "udvalget. Solsikken overtager fællesspisningen, og samtaleguiden indgår i "
                    "hjemmeplejens introduktion. Netværket er afsluttet."
                ),
                "tasks": [
                    (
                        "Læs evalueringsrapporten",
                        "reading",
                        "Rapporten ligger i netværkets mappe.",
                        ["mette", "grethe", "henrik", "camilla", "ole", "erik"],
                    ),
                ],
            },
        ],
    },
    {
        "name": "Vejen ind – unge på vej mod uddannelse og job",
        "theme": "Unge uden uddannelse eller job",
        "status": "active",
        "start": -100,
        "place": "ungdomsskole",
        "challenge": (
            "Omkring 400 unge i Lyngbjerg er hverken i uddannelse eller job. Mange af dem har "
            "haft kontakt til fem eller flere forskellige indsatser, og de oplever, at de skal "
            "fortælle deres historie forfra hver gang."
        ),
        "purpose": (
            "At udvikle en sammenhængende vej for unge med én fast voksen, tæt på "
            "virksomhederne, og at afprøve den med 20 unge."
        ),
        "members": [
            ("jonas", CORE, (), True, AGREED),
            ("nadia", CORE, (), False, AGREED),
            ("karina", CORE, (), False, None),
            ("julie", CORE, (), False, None),
            ("yasmin", CORE, (), False, None),
            ("mathias", CORE, (), False, None),
            ("jakob", INVOLVED, (1,), False, None),
            ("henrik", INVOLVED, (2,), False, PENDING),
            ("bo", INVOLVED, (3,), False, None),
            ("maria", INVOLVED, (3, 4), False, None),
            ("sanne", INVOLVED, (4,), False, None),
        ],
        "leaves": [],
        "extra": [(3, "line")],
        "meetings": [
            {
                "title": "Opstart: de unges vej gennem systemet",
                "time": ("09:00", 210),
                "agenda": (
                    "1. Velkomst og præsentation\n"
                    "2. Udfordringen i tal\n"
                    "3. Mathias fortæller sin historie\n"
                    "4. Kortlægning: alle de steder en ung møder kommunen\n"
                    "5. Aftaler"
                ),
                "minutes": (
                    "Mathias fortalte om tre år med skiftende sagsbehandlere. Kortlægningen "
                    "viste 11 forskellige indgange til kommunen for en ung uden uddannelse. "
                    "Netværket vil undersøge, hvad der skal til for, at den unge har én fast "
                    "voksen hele vejen."
                ),
                "tasks": [
                    (
                        "Tal med tre unge om deres vej",
                        "other",
                        "Brug spørgsmålene fra mødet og skriv korte noter.",
                        ["nadia", "yasmin", "jonas"],
                    ),
                ],
            },
            {
                "title": "Idéværksted: én fast voksen",
                "time": ("13:00", 180),
                "agenda": (
                    "1. Tjek-ind\n"
                    "2. Oplæg: Sådan samlede Vestby ungeindsatsen (Karina Bendtsen)\n"
                    "3. Idéudvikling\n"
                    "4. Hvad kræver idéerne af os?"
                ),
                "minutes": (
                    "Karina fortalte om Vestbys samlede ungeteam. Netværket udviklede idéen om "
                    "en 'ungeguide', der følger den unge fra første kontakt til fast job, og om "
                    "praktikpladser i foreningslivet. Henrik undersøger foreningernes interesse."
                ),
                "tasks": [
                    (
                        "Oplæg om Vestbys ungeteam",
                        "talk",
                        "15 minutter om organisering og de første resultater.",
                        ["karina"],
                    ),
                    (
                        "Læs notatet om ungeguide-modeller",
                        "reading",
                        "",
                        ["jonas", "nadia", "julie"],
                    ),
                ],
            },
            {
                "title": "Idéværksted: virksomhederne som medspillere",
                "time": ("09:00", 210),
                "agenda": (
                    "1. Tjek-ind\n"
                    "2. Oplæg: Hvad virksomhederne har brug for (Julie Kofoed)\n"
                    "3. Idéerne skærpes\n"
                    "4. Plan for afprøvning"
                ),
                "minutes": (
                    "Julie pegede på, at virksomhederne vil have én kontaktperson og hurtigt "
                    "svar. Netværket besluttede at afprøve ungeguiden med 20 unge og fem "
                    "virksomheder fra næste måned."
                ),
                "tasks": [
                    ("Find fem virksomheder til afprøvningen", "other", "", ["julie", "jonas"]),
                ],
            },
            {
                "title": "Afprøvning: ungeguiden i praksis",
                "time": ("12:30", 210),
                "agenda": (
                    "1. Tjek-ind\n"
                    "2. De første forløb\n"
                    "3. Oplæg: Arbejdsmiljø og vilkår for unge i praktik (Bo Rasmussen)\n"
                    "4. Justeringer"
                ),
                "minutes": (
                    "De første otte unge er startet med en guide. Tilbagemeldingen er, at det er "
                    "rart at kende sin voksen, men ventetiden på afklaring er stadig lang."
                ),
                "tasks": [
                    (
                        "Afprøv ungeguiden med tre unge",
                        "try_out",
                        "Notér, hvad der virker, og hvor det går i stå.",
                        ["jonas", "nadia"],
                    ),
                    ("Oplæg om vilkår for unge i praktik", "talk", "", ["bo"]),
                ],
            },
            {
                "title": "Forankring: hvad tager vi med?",
                "time": ("09:00", 210),
                "agenda": (
                    "1. Tjek-ind\n"
                    "2. Foreløbige resultater (Maria Thorsen)\n"
                    "3. Hvad skal til for at gøre ungeguiden permanent?\n"
                    "4. Fortælling til politikerne"
                ),
                "minutes": (
                    "Foreløbige resultater: 14 af 20 unge er i gang med uddannelse, praktik "
                    "eller job. Netværket skriver anbefalinger til udvalget."
                ),
                "tasks": [
                    ("Skriv udkast til anbefalinger", "other", "", ["jonas", "karina"]),
                    (
                        "Læs de foreløbige resultater",
                        "reading",
                        "",
                        ["nadia", "julie", "yasmin", "mathias"],
                    ),
                ],
            },
            {
                "title": "Afslutning og overdragelse",
                "time": ("13:00", 180),
                "agenda": (
                    "1. Tjek-ind\n"
                    "2. Anbefalingerne til Beskæftigelsesudvalget (Sanne Krag)\n"
                    "3. Overdragelse til drift\n"
                    "4. Afslutning"
                ),
                "minutes": ("Anbefalingerne er overdraget. Ungeguiden fortsætter i Jobcentret."),
                "tasks": [],
            },
        ],
    },
    {
        "name": "Pårørende som partnere i demensindsatsen",
        "theme": "Pårørende til borgere med demens",
        "status": "active",
        "start": -45,
        "place": "kilden",
        "challenge": (
            "Pårørende til borgere med demens bærer en stor del af omsorgen, men kommer først "
            "i kontakt med kommunen, når de er ved at knække. De oplever mange skift i hjælpen "
            "og får sjældent lov at bidrage med det, de ved om deres nærmeste."
        ),
        "purpose": (
            "At gøre de pårørende til partnere fra diagnosen: tidligere kontakt, en fast "
            "person at ringe til og aflastning, der passer til hverdagen."
        ),
        "members": [
            ("sofie", CORE, (), True, AGREED),
            ("lise", CORE, (), False, None),
            ("per", CORE, (), False, None),
            ("morten", CORE, (), False, None),
            ("thomas", CORE, (), False, AGREED),
            ("mette", CORE, (), False, PENDING),
            ("idamarie", INVOLVED, (1,), False, None),
            ("ole", INVOLVED, (2,), False, None),
            ("anders", INVOLVED, (3,), False, None),
            ("bo", INVOLVED, (3, 4), False, None),
        ],
        "leaves": ["per"],
        "meetings": [
            {
                "title": "Opstart: de pårørendes hverdag",
                "time": ("16:00", 180),
                "agenda": (
                    "1. Velkomst og præsentation\n"
                    "2. Lise og Morten fortæller\n"
                    "3. Tidslinje: fra de første tegn til plejecenter\n"
                    "4. Hvor er de pårørende alene?"
                ),
                "minutes": (
                    "Mødet blev holdt sidst på eftermiddagen, så pårørende med arbejde kunne "
                    "deltage. Tidslinjen viste et 'hul' på op til to år fra diagnosen til første "
                    "kontakt med demenskoordinatoren. Netværket vil arbejde med at lukke hullet."
                ),
                "tasks": [
                    (
                        "Læs pårørendeundersøgelsen",
                        "reading",
                        "Alzheimerforeningens undersøgelse fra sidste år; sendt på mail.",
                        ["sofie", "thomas", "mette"],
                    ),
                    (
                        "Tag en pårørende med til næste møde",
                        "other",
                        "Spørg en pårørende, du kender, om de vil give deres perspektiv.",
                        ["morten"],
                    ),
                ],
            },
            {
                "title": "Idéværksted: tidlig kontakt",
                "time": ("16:00", 180),
                "agenda": (
                    "1. Tjek-ind\n"
                    "2. Oplæg: Sorgen, der begynder før døden (Ole Brandt)\n"
                    "3. Idéudvikling: hvordan møder vi de pårørende ved diagnosen?\n"
                    "4. Udvælgelse"
                ),
                "minutes": "",
                "tasks": [
                    ("Oplæg om pårørendes sorg", "talk", "Ca. 15 minutter.", ["ole"]),
                    ("Saml eksempler på velkomstbreve fra andre kommuner", "other", "", ["sofie"]),
                ],
            },
            {
                "title": "Afprøvning: pårørendekontakt fra dag ét",
                "time": ("16:00", 180),
                "agenda": (
                    "1. Tjek-ind\n"
                    "2. Oplæg: Teknologi, der aflaster (Anders Bruun)\n"
                    "3. Plan for afprøvning af pårørendekontakt\n"
                    "4. Arbejdsmiljø for medarbejderne"
                ),
                "minutes": "",
                "tasks": [
                    (
                        "Afprøv pårørendesamtalen i hjemmeplejen",
                        "try_out",
                        "To samtaler med nye pårørende; brug skabelonen.",
                        ["thomas"],
                    ),
                    ("Demonstrér GPS-uret", "talk", "", ["anders"]),
                ],
            },
            {
                "title": "Afprøvning: erfaringer og justering",
                "time": ("16:00", 180),
                "agenda": "1. Tjek-ind\n2. Erfaringer fra afprøvningen\n3. Justeringer",
                "minutes": "",
                "tasks": [],
            },
            {
                "title": "Forankring: fra forsøg til fast praksis",
                "time": ("16:00", 180),
                "agenda": "1. Tjek-ind\n2. Hvad gør vi permanent?\n3. Afslutning",
                "minutes": "",
                "tasks": [],
            },
        ],
    },
    {
        "name": "Regnvand som ressource i Engparken",
        "theme": "Klimatilpasning i boligområder",
        "status": "planned",
        "start": 30,
        "place": "engparken",
        "challenge": (
            "Engparken er oversvømmet tre gange på otte år. Boligselskabet og kommunen skal "
            "investere i klimatilpasning, men beboerne kender ikke planerne og frygter, at "
            "grønne områder og legepladser forsvinder."
        ),
        "purpose": (
            "At udvikle klimaløsninger sammen med beboerne, så regnvandet bliver til gode "
            "uderum, og at lave en plan, boligselskab, grundejere og kommune står bag."
        ),
        "members": [
            ("rasmus", CORE, (), True, AGREED),
            ("fatima", CORE, (), False, None),
            ("kirsten", CORE, (), False, None),
            ("peter", CORE, (), False, None),
            ("kristian", CORE, (), False, None),
            ("simon", CORE, (), False, None),
            ("louise", INVOLVED, (1, 2), False, None),
            ("henrik", INVOLVED, (2,), False, DECLINED),
            ("camilla", INVOLVED, (3,), False, PENDING),
            ("maria", INVOLVED, (4,), False, None),
        ],
        "leaves": [],
        "meetings": [
            {
                "title": "Opstart: hvor løber vandet hen?",
                "time": ("17:00", 180),
                "agenda": (
                    "1. Velkomst\n"
                    "2. Skybrudskortet for Engparken (Louise Hjort)\n"
                    "3. Gåtur i området\n"
                    "4. Hvad betyder uderummene for beboerne?"
                ),
                "minutes": "",
                "tasks": [
                    (
                        "Tag billeder af steder, hvor vandet samler sig",
                        "other",
                        "Upload dem i netværkets mappe.",
                        ["fatima", "kirsten"],
                    ),
                    ("Forbered oplæg om skybrudskortet", "talk", "", ["louise"]),
                ],
            },
            {
                "title": "Idéværksted: regnvand og leg",
                "time": ("17:00", 180),
                "agenda": (
                    "1. Tjek-ind\n"
                    "2. Erfaringer fra Søholm (Simon Høgh)\n"
                    "3. Idéudvikling med model af området"
                ),
                "minutes": "",
                "tasks": [
                    (
                        "Læs Søholms evaluering af regnbede",
                        "reading",
                        "",
                        ["rasmus", "peter", "kristian"],
                    ),
                ],
            },
            {
                "title": "Afprøvning: et regnbed ved fælleshuset",
                "time": ("09:00", 210),
                "agenda": "1. Tjek-ind\n2. Status på regnbedet\n3. Beboernes reaktioner",
                "minutes": "",
                "tasks": [
                    (
                        "Anlæg et prøve-regnbed",
                        "try_out",
                        "Lille bed ved fælleshuset, før næste møde.",
                        ["kristian"],
                    ),
                ],
            },
            {
                "title": "Forankring: den fælles plan",
                "time": ("17:00", 180),
                "agenda": "1. Tjek-ind\n2. Udkast til fælles plan\n3. Afslutning",
                "minutes": "",
                "tasks": [],
            },
        ],
    },
    {
        "name": "Trivsel i skolen – fra bekymring til handling",
        "theme": "Mental sundhed hos børn og unge",
        "status": "draft",
        "start": 75,
        "place": "bibliotek",
        "challenge": (
            "Antallet af elever med højt skolefravær er fordoblet på fem år. Lærere opdager "
            "ofte mistrivslen, men ved ikke, hvem de skal gå til, og familierne venter længe "
            "på hjælp."
        ),
        "purpose": (
            "At korte vejen fra bekymring til handling, så hjælpen kommer tidligt og tæt på "
            "barnet, i samarbejde med familien."
        ),
        "members": [
            ("line", CORE, (), False, PENDING),
            ("nadia", CORE, (), False, PENDING),
            ("hanne", CORE, (), False, None),
            ("amalie", CORE, (), False, None),
            ("pia", CORE, (), False, None),
            ("jakob", INVOLVED, (1, 2), False, None),
            ("yasmin", INVOLVED, (2,), False, None),
            ("camilla", INVOLVED, (3,), False, PENDING),
        ],
        "leaves": [],
        "meetings": [
            {
                "title": "Opstart: hvad ser vi i klasseværelset?",
                "time": ("13:00", 180),
                "agenda": "1. Velkomst\n2. Fraværstallene\n3. Amalies historie\n4. Kortlægning",
                "minutes": "",
                "tasks": [
                    (
                        "Læs trivselsmålingen for udskolingen",
                        "reading",
                        "",
                        ["line", "pia", "nadia"],
                    ),
                ],
            },
            {
                "title": "Idéværksted: én indgang for familien",
                "time": ("13:00", 180),
                "agenda": "1. Tjek-ind\n2. Oplæg om tidlig opsporing (Jakob Lindberg)\n"
                "3. Idéudvikling",
                "minutes": "",
                "tasks": [
                    ("Oplæg om tidlig opsporing", "talk", "", ["jakob"]),
                ],
            },
            {
                "title": "Afprøvning: trivselssamtaler i 7. klasse",
                "time": ("13:00", 180),
                "agenda": "1. Tjek-ind\n2. Plan for afprøvning\n3. Måling",
                "minutes": "",
                "tasks": [],
            },
            {
                "title": "Forankring og næste skridt",
                "time": ("13:00", 180),
                "agenda": "1. Tjek-ind\n2. Hvad tager skolerne med?\n3. Afslutning",
                "minutes": "",
                "tasks": [],
            },
        ],
    },
    {
        "name": "Gode arbejdsdage i hjemmeplejen",
        "theme": "Rekruttering og fastholdelse i ældreplejen",
        "status": "concluded",
        "start": -480,
        "place": "raadhus",
        "challenge": (
            "Hver fjerde nye medarbejder i hjemmeplejen stopper inden for det første år, og "
            "mange stillinger står ubesatte. Medarbejderne peger på travle ruter, få kolleger "
            "at sparre med og for lidt indflydelse på egen hverdag."
        ),
        "purpose": (
            "At finde ud af, hvad der gør en god arbejdsdag i hjemmeplejen, og afprøve "
            "ændringer, der får nye medarbejdere til at blive."
        ),
        "members": [
            ("thomas", CORE, (), True, AGREED),
            ("bo", CORE, (), False, None),
            ("camilla", CORE, (), False, AGREED),
            ("karina", CORE, (), False, None),
            ("bent", CORE, (), False, None),
            ("julie", INVOLVED, (1, 2), False, None),
            ("anders", INVOLVED, (2, 3), False, None),
            ("maria", INVOLVED, (4,), False, None),
        ],
        "leaves": [],
        "meetings": [
            {
                "title": "Opstart: hvorfor går de nye?",
                "time": ("09:00", 210),
                "agenda": (
                    "1. Velkomst\n2. Tal om personaleomsætning\n3. Medarbejdernes fortællinger\n"
                    "4. Hvad kendetegner en god arbejdsdag?"
                ),
                "minutes": (
                    "Nye medarbejdere stopper oftest i de første tre måneder. De savner en fast "
                    "kollega at gå med og tid til at lære borgerne at kende. Borgerne oplever "
                    "det samme fra den anden side, fortalte Bent."
                ),
                "tasks": [
                    ("Interview to nye medarbejdere", "other", "", ["thomas", "bo"]),
                ],
            },
            {
                "title": "Idéværksted: den gode start",
                "time": ("09:00", 210),
                "agenda": "1. Tjek-ind\n2. Oplæg om rekruttering (Julie Kofoed)\n3. Idéudvikling",
                "minutes": (
                    "Idéer: makkerordning de første otte uger, faste ruter for nye og en "
                    "digital køreliste, medarbejderne selv kan bytte på."
                ),
                "tasks": [
                    ("Oplæg om rekruttering i sundhedssektoren", "talk", "", ["julie"]),
                ],
            },
            {
                "title": "Afprøvning: makkerordning og faste ruter",
                "time": ("13:00", 180),
                "agenda": "1. Tjek-ind\n2. Erfaringer fra afprøvningen\n3. Justeringer",
                "minutes": (
                    "Makkerordningen er afprøvet i to grupper med elleve nye medarbejdere. Ingen "
                    "af dem er stoppet. Den digitale køreliste kræver mere oplæring end ventet."
                ),
                "tasks": [
                    ("Afprøv makkerordningen i gruppe Nord", "try_out", "", ["thomas"]),
                ],
            },
            {
                "title": "Forankring og afslutning",
                "time": ("09:00", 240),
                "agenda": "1. Tjek-ind\n2. Evaluering (Maria Thorsen)\n3. Anbefalinger",
                "minutes": (
                    "Makkerordningen bliver fast praksis i hele hjemmeplejen. Fastholdelsen "
                    "efter et år steg fra 74 til 86 procent i forsøgsgrupperne."
                ),
                "tasks": [
                    ("Læs evalueringen", "reading", "", ["thomas", "bo", "camilla"]),
                ],
            },
        ],
    },
]

RESPONSE_COMMENTS = {
    "yes": [
        "Jeg glæder mig.",
        "Kommer, men må gå lidt før.",
        "Jeg tager kage med.",
        "Kommer med bus, kan være 10 minutter forsinket.",
    ],
    "no": [
        "Er på ferie den uge, desværre.",
        "Har kursus den dag.",
        "Syg – sender gerne input på mail.",
        "Kan ikke få fri fra arbejde.",
    ],
    "maybe": [
        "Afhænger af, om jeg kan få aflastning.",
        "Ved det først i næste uge.",
        "Prøver at flytte et andet møde.",
    ],
}

# --- Building blocks for the generated history (--scale) ---------------------------------------

FIRST_NAMES = """
    Anne Kirsten Mette Hanne Helle Susanne Lene Maria Marianne Lone Camilla Pia Louise
    Charlotte Tina Bente Julie Sofie Emma Ida Freja Clara Laura Amalie Mathilde Karen Inge
    Birgitte Nadia Sara Peter Jens Lars Michael Henrik Thomas Søren Jan Martin Niels Anders
    Morten Jesper Mads Rasmus Christian Kim Ole Hans Per Frederik Mikkel Jonas Emil Oliver
    William Noah Lucas Ali Ahmed
""".split()  # noqa: SIM905 (a block of names reads better than a list)
MIDDLE_NAMES = ["", "", "", "", "Marie", "Louise", "Kjær", "Møller", "Bach", "Holm", "Juul"]
LAST_NAMES = """
    Nielsen Jensen Hansen Pedersen Andersen Christensen Larsen Sørensen Rasmussen Jørgensen
    Petersen Madsen Kristensen Olsen Thomsen Christiansen Poulsen Johansen Møller Mortensen
    Knudsen Jakobsen Mikkelsen Olesen Frederiksen Laursen Henriksen Lund Schmidt Eriksen
    Holm Kristiansen Clausen Simonsen Svendsen Andreasen Iversen Jeppesen Vestergaard Dahl
    Bak Lauridsen Ibsen Kjeldsen Bech Dalgaard Østergaard Ali Hussein Yilmaz
""".split()  # noqa: SIM905 (a block of names reads better than a list)

# Background → (share of the generated participants in percent, organisations).
HISTORY_BACKGROUNDS = {
    "municipal_staff": (
        34,
        [
            "Lyngbjerg Kommune, Ældre og Sundhed",
            "Jobcenter Lyngbjerg",
            "Hjemmeplejen Syd",
            "Lyngbjerg Kommune, Børn og Familie",
            "PPR, Lyngbjerg Kommune",
            "Teknik og Miljø",
            "Kultur og Fritid",
            "Sundhed og Forebyggelse",
            "Plejecenter Egelund",
            "SSP",
        ],
    ),
    "citizen": (14, ["", "Beboer i Engparken", "Grundejerforeningen Bakkely", "Frivillig"]),
    "user": (8, ["", "Bruger af Aktivitetscentret Solsikken", "Bruger af ungerådgivningen"]),
    "relative": (8, ["", "Pårørendegruppen i Lyngbjerg"]),
    "interest_organisation": (
        7,
        [
            "Ældre Sagen, Lyngbjerg lokalafdeling",
            "Alzheimerforeningen",
            "Foreningen Unge for Unge",
            "Danske Handicaporganisationer Lyngbjerg",
            "Lyngbjerg Idrætsråd",
        ],
    ),
    "company": (
        7,
        [
            "Lauridsen Anlæg ApS",
            "Kofoed Rekruttering ApS",
            "Velfærdsteknologi Nord ApS",
            "Byggefirmaet Holm & Søn A/S",
            "Lyngbjerg Supermarked",
            "Netto Lyngbjerg Øst",
        ],
    ),
    "evaluation_institute": (3, ["Center for Evaluering og Effekt", "Analysehuset Syd"]),
    "union": (4, ["FOA, lokalafdelingen i Lyngbjerg", "Lyngbjerg Lærerkreds", "Socialpædagogerne"]),
    "other_municipality": (
        5,
        [
            "Søholm Kommune",
            "Vestby Kommune",
            "Nørreå Kommune",
            "Fjordby Kommune",
        ],
    ),
    "researcher": (
        5,
        [
            "Professionshøjskolen Sjælland",
            "Københavns Universitet",
            "Roskilde Universitet",
            "DTU Sustain",
            "Aalborg Universitet",
        ],
    ),
    "other": (5, ["Lyngbjerg Sogn", "Byrådet", "Boligselskabet Engbo", "Lokalavisen"]),
}

PERSPECTIVES = [
    "Hverdagen set fra borgerens side.",
    "Det faglige blik fra frontlinjen.",
    "Ledelsens og økonomiens perspektiv.",
    "Erfaringer fra en anden kommune.",
    "Forskningens viden om, hvad der virker.",
    "Foreningslivets og de frivilliges muligheder.",
    "Arbejdsgivernes behov.",
    "De pårørendes oplevelse.",
    "Medarbejdernes arbejdsmiljø.",
    "Det lokale boligområdes ressourcer.",
]
COMPETENCES = [
    "Mange års erfaring inden for området.",
    "Kender målgruppen indefra.",
    "Erfaring med projektledelse og borgerinddragelse.",
    "Uddannet inden for sundhed og omsorg.",
    "Erfaring med dataindsamling og evaluering.",
    "God til at formidle og skabe opbakning.",
]
MOTIVATIONS = [
    "Vil være med til at skabe noget nyt.",
    "Vil gerne lære af andre fagligheder.",
    "Har oplevet udfordringen på egen krop.",
    "Vil have, at idéerne bliver til virkelighed.",
    "Vil give noget tilbage til lokalsamfundet.",
]
MANAGERS = [
    "Birgitte Holm",
    "Kasper Lund",
    "Hanne Vestergaard",
    "Peter Bisgaard",
    "Anne Marie Dahl",
    "Lone Gravesen",
    "Mikkel Staun",
    "Susanne Aagaard",
]

# Theme → network name stems for the generated history; the network number follows the stem.
HISTORY_NETWORK_STEMS = {
    "Ensomhed blandt ældre": ["Fællesskab på tværs af generationer", "Nye naboskaber"],
    "Unge uden uddannelse eller job": ["Unge i job via foreningerne", "Én vej for unge"],
    "Pårørende til borgere med demens": ["Aflastning der passer", "Demensvenlig by"],
    "Klimatilpasning i boligområder": ["Grønne gårde og skybrud", "Regnvand i kvarteret"],
    "Mental sundhed hos børn og unge": ["Trivsel i fritiden", "Tidlig hjælp til unge"],
    "Rekruttering og fastholdelse i ældreplejen": ["Den gode start", "Flere i fuldtid"],
    "Digital inklusion af ældre": ["Digital hjælp i biblioteket", "Ældre på nettet"],
    "Overgange fra sygehus til eget hjem": ["Trygt hjem fra sygehuset", "Sammenhæng i udskrivning"],
    "Bevægelse og fællesskab for børn": ["Alle børn med i foreningerne", "Leg i skolegården"],
    "Sundhed i udsatte boligområder": ["Sundhed i Engparken", "Fællesspisning og motion"],
}

HISTORY_MEETING_TITLES = {
    1: ["Opstart og kortlægning", "Indsigt: hvad ved vi?"],
    2: ["Idéværksted", "Idéer skærpes"],
    3: ["Afprøvning: første erfaringer", "Afprøvning: justering"],
    4: ["Forankring", "Afslutning og overdragelse"],
}
HISTORY_AGENDA = (
    "1. Tjek-ind\n2. Status siden sidst\n3. Dagens arbejde: {phase}\n4. Aftaler til næste gang"
)
HISTORY_MINUTES = [
    "Godt møde med livlig diskussion. Aftaler er fordelt, og netværket fortsætter efter planen.",
    "Netværket samlede op på erfaringerne og blev enige om de næste skridt.",
    "Flere afbud end ventet; de fremmødte nåede alligevel dagsordenen igennem.",
    "Oplæggene gav ny viden, og der kom tre nye idéer på bordet.",
]
HISTORY_TASKS = {
    "talk": "Oplæg til næste møde",
    "reading": "Læs materialet fra sekretariatet",
    "try_out": "Afprøv idéen i egen enhed",
    "other": "Saml input fra kolleger eller naboer",
}
