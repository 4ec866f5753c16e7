"""Facts read by hand from each corpus document (saferhub/importer/tests/corpus/SOURCES.md).

Conventions: names as a reader would write them, without titles or honours ("Mrs P A Channer, CC" →
"P A Channer"); ``present``/``declarations``/``apologies`` ``None`` = the excerpt does not say (not
scored), ``[]`` = it says there were none; ``date`` ``None`` = the excerpt prints no meeting date (the
reader must not invent one); ``decisions`` = formal decision statements printed with a decision verb in
capitals (RESOLVED, AGREED, NOTED, RECOMMENDED, "UNANIMOUSLY RESOLVED"…); a prose confirmation of
minutes ("were agreed as a true record") is not counted. Declarations are (name, kind) with kind one of
pecuniary / non-pecuniary / personal / prejudicial / other / unspecified.
"""

DOCUMENTS = {
    "bracebridge-heath-pc-full-council-2020-05-05": {
        "council": "Bracebridge Heath Parish Council", "date": "2020-05-05", "remote": True,
        "present": ["C Barr", "C Broad", "C Callan", "L Hauton", "J Kilcoyne", "S Manders", "V Marden", "J Moran",
                    "D Parr", "A Smith", "K Trought", "A Walker"],
        "chair": None, "apologies": None, "decisions": 0, "declarations": None},
    "broomhaugh-riding-pc-annual-parish-meeting-2010-05-20": {
        "council": "Broomhaugh & Riding Parish Council", "date": "2010-05-20", "remote": False,
        "present": ["Mill", "Reid", "Eakins", "Heslop", "Dunhill", "Stephenson"],
        "chair": None, "apologies": None, "decisions": 0, "declarations": None},
    "brighton-hove-policy-resources-2021-07-01": {
        "council": "Brighton & Hove City Council", "date": "2021-07-01", "remote": False,
        "present": ["Mac Cafferty", "Appich", "Bell"], "chair": "Mac Cafferty", "apologies": None, "decisions": 1,
        "declarations": []},
    "east-hampshire-overview-scrutiny-2016-07-14": {
        "council": "East Hampshire District Council", "date": "2016-07-14", "remote": False, "present": None,
        "chair": None, "apologies": ["G Hill", "M Kendall", "A Waterhouse"], "decisions": 1, "declarations": [],
        "votes": [(8, 1, 0)]},
    "epping-forest-overview-scrutiny-2021-04-15": {
        "council": "Epping Forest District Council", "date": "2021-04-15", "remote": True, "present": None,
        "chair": "M Sartin", "apologies": None, "decisions": 0, "declarations": None,
        "substitutes": [("H Kane", "P Stalker")]},
    "cheshire-police-crime-panel-2024-07-19": {
        "council": "Cheshire East Council (host of the Cheshire Police and Crime Panel)", "date": "2024-07-19",
        "remote": False, "present": None, "chair": None, "apologies": ["Sam Naylor", "Rob Moreton"], "decisions": 0,
        "declarations": []},
    "cheshire-police-crime-panel-2017-09-22": {
        "council": "Cheshire East Council (host of the Cheshire Police and Crime Panel)", "date": "2017-09-22",
        "remote": False, "present": None, "chair": None, "apologies": ["A King"], "decisions": 0,
        "declarations": [("S Hardwick", "unspecified")]},
    "surrey-police-crime-panel-2020-09-15": {
        "council": "Surrey County Council (host of the Surrey Police and Crime Panel)", "date": "2020-09-15",
        "remote": True, "present": None, "chair": None, "apologies": ["Bob Milton", "John Furey"], "decisions": 0,
        "declarations": []},
    "wrexham-council-2017-09-27": {
        "council": "Wrexham County Borough Council", "date": "2017-09-27", "remote": False, "present": None,
        "chair": None, "apologies": ["Andrew Atkinson", "Terry Evans", "Russell Gilmartin", "Hugh Jones", "Ronnie Prince"],
        "decisions": 0, "declarations": None},
    "ceredigion-council-2024-07-18": {
        "council": "Ceredigion County Council", "date": "2024-07-18", "remote": True, "present": None,
        "chair": "Keith Evans",
        "apologies": ["Gareth Davies", "Meirion Davies", "Wyn Evans", "Keith Henson", "Paul Hinge", "Ceris Jones",
                      "Sian Maehrlein", "James Starbuck"], "decisions": 0, "declarations": []},
    "tonbridge-malling-council-2008-05-13": {
        "council": "Tonbridge and Malling Borough Council", "date": "2008-05-13", "remote": False, "present": None,
        "chair": None, "apologies": None, "decisions": 4, "declarations": None},
    "tonbridge-malling-council-2010-05-11": {
        "council": "Tonbridge and Malling Borough Council", "date": "2010-05-11", "remote": False, "present": None,
        "chair": None, "apologies": None, "decisions": 4, "declarations": None},
    "dyfed-powys-police-crime-panel-2017-11-16": {
        "council": "Carmarthenshire County Council (host of the Dyfed-Powys Police and Crime Panel)",
        "date": "2017-11-16", "remote": False, "present": None, "chair": None,
        "apologies": ["K Evans", "L George", "W Powell"], "decisions": 1, "declarations": []},
    "south-cambridgeshire-council-2012-07-26": {
        "council": "South Cambridgeshire District Council", "date": "2012-07-26", "remote": False, "present": None,
        "chair": None, "apologies": None, "decisions": 0, "declarations": []},
    "southend-council-2014-07-17": {
        "council": "Southend-on-Sea Borough Council", "date": "2014-07-17", "remote": False, "present": None,
        "chair": None, "apologies": ["Adam Jones", "Morgan", "Stafford", "Robertson", "Ward"], "decisions": 0,
        "declarations": [("Assenheim", "non-pecuniary"), ("Assenheim", "non-pecuniary"), ("Aylen", "non-pecuniary"),
                         ("Betson", "non-pecuniary")]},
    "thames-valley-police-crime-panel-2012-07-19": {
        "council": "Buckinghamshire (host of the Thames Valley Police and Crime Panel)", "date": None, "remote": False,
        "present": None, "chair": None, "apologies": None, "decisions": 2,
        "declarations": [("B Jones", "non-pecuniary")]},
    "maidstone-overview-scrutiny-2023-06-20": {
        "council": "Maidstone Borough Council", "date": None, "remote": False,
        "present": ["English", "Blackmore", "Cannon", "Clark", "Cleator", "Conyard", "Eagle", "Forecast", "Hinder",
                    "Munford", "Round", "S Thompson"],
        "chair": "English", "apologies": ["Hastie", "S Webb"], "decisions": 4, "declarations": [],
        "substitutes": [("Forecast", "Webb")]},
    "maidstone-overview-scrutiny-2024-06-12": {
        "council": "Maidstone Borough Council", "date": None, "remote": False,
        "present": ["Russell", "Cannon", "Cooke", "Fort", "Harper", "Higson", "Kehily", "Khadka", "McKay", "M Naghi",
                    "Oliver", "Rodwell", "J Wilkinson"],
        "chair": "Russell", "apologies": ["Field", "Parfitt-Reid"], "decisions": 4, "declarations": [],
        "substitutes": [("Khadka", "Field"), ("Fort", "Parfitt-Reid")]},
    "maldon-community-safety-committee-2016": {
        "council": "Maldon District Council", "date": None, "remote": False, "present": None, "chair": None,
        "apologies": [], "decisions": 0,
        "declarations": [("S J Savage", "non-pecuniary"), ("M S Heard", "unspecified"), ("P A Channer", "non-pecuniary")]},
    "harlow-scrutiny-committee-2022": {
        "council": "Harlow Council", "date": None, "remote": False, "present": None, "chair": None,
        "apologies": ["Nick Churchill", "Shona Johnson"], "decisions": 1,
        "declarations": [("David Carter", "non-pecuniary")]},
    "wiltshire-police-crime-panel-2013": {
        "council": "Wiltshire Council (host of the Wiltshire and Swindon Police and Crime Panel)", "date": None,
        "remote": False, "present": None, "chair": None, "apologies": ["Ali", "Ford", "Humphries", "Wright"],
        "decisions": 0, "declarations": [], "substitutes": [("Amin", "Ali"), ("Doyle", "Humphries"), ("Page", "Wright")]},
    "worcestershire-police-crime-panel-2016-12": {
        "council": "Worcestershire County Council (host of the panel)", "date": None, "remote": False, "present": None,
        "chair": None, "apologies": ["Denaro", "Sahota", "Turley", "Wood"], "decisions": 0,
        "declarations": [("Grove", "unspecified"), ("Roberts", "unspecified"), ("Tony Ward", "unspecified")]},
}

# Held out: typed before the reader was run on them (first scores recorded in bench/RESULTS.md).
HELD_OUT = {
    "winchester-scrutiny-committee-2021-03-11": {
        "council": "Winchester City Council", "date": "2021-03-11", "remote": False, "present": None, "chair": None,
        "apologies": None, "decisions": 0, "declarations": [("Hiscock", "non-pecuniary")]},
    "merthyr-tydfil-scrutiny-committee-asb": {
        "council": "Merthyr Tydfil County Borough Council", "date": None, "remote": True, "present": None,
        "chair": None, "apologies": ["H Jackson", "R Stone"], "decisions": 0, "declarations": []},
    "city-of-london-committee-election": {
        "council": "City of London Corporation", "date": None, "remote": False, "present": None, "chair": None,
        "apologies": [], "decisions": 2, "declarations": []},
    "leighton-linslade-tc-community-safety-sub-committee-2018-10-15": {
        "council": "Leighton-Linslade Town Council", "date": "2018-10-15", "remote": False, "present": None,
        "chair": None, "apologies": ["C Chambers", "D Bowater", "G Perham", "B Spurr"], "decisions": 0,
        "declarations": []},
    "redditch-crime-disorder-scrutiny-panel-2018": {
        "council": "Redditch Borough Council", "date": None, "remote": False, "present": None, "chair": None,
        "apologies": ["Gareth Prosser", "Joe Baker"], "decisions": 1, "declarations": []},
    "colchester-scrutiny-panel-2019-08-06": {
        "council": "Colchester City Council", "date": "2019-08-06", "remote": False, "present": None, "chair": None,
        "apologies": None, "decisions": 0, "declarations": None},
}
DOCUMENTS.update(HELD_OUT)

#: The venue each excerpt prints ("Venue: …", "Place:" over it, "held at … on", the hall under the date line),
#: as printed; documents whose excerpt gives no venue are left out. No excerpt prints an end time.
VENUES = {
    "bracebridge-heath-pc-full-council-2020-05-05": "Remote meeting (Zoom)",  # "held remotely using Zoom"
    "broomhaugh-riding-pc-annual-parish-meeting-2010-05-20": "Millennium Hall, Church Lane",
    "brighton-hove-policy-resources-2021-07-01": "Hove Town Hall - Council Chamber",
    "east-hampshire-overview-scrutiny-2016-07-14": "Council Chamber, Penns Place, Petersfield, GU31 4EX",
    "epping-forest-overview-scrutiny-2021-04-15": "Virtual Meeting on Zoom",
    "cheshire-police-crime-panel-2024-07-19": "Council Chamber, Municipal Buildings, Earle Street, Crewe CW1 2BJ",
    "cheshire-police-crime-panel-2017-09-22": "The Karalius Suite, Select Security Stadium Halton, Lowerhouse Lane, "
                                              "Widnes WA8 7DZ",
    "surrey-police-crime-panel-2020-09-15": "Remote",
    "wrexham-council-2017-09-27": "Council Chamber, Guildhall",
    "ceredigion-council-2024-07-18": "Hybrid - Neuadd Cyngor Ceredigion, Penmorfa, Aberaeron / remotely via video "
                                     "conference",
    "tonbridge-malling-council-2008-05-13": "Civic Suite, Gibson Building, Kings Hill, West Malling",
    "tonbridge-malling-council-2010-05-11": "Civic Suite, Gibson Building, Kings Hill, West Malling",
    "dyfed-powys-police-crime-panel-2017-11-16": "Chamber & Ante Room, 3 Spilman Street, Carmarthen, SA31 1LE",
    "south-cambridgeshire-council-2012-07-26": "Council Chamber - South Cambs Hall",
    "southend-council-2014-07-17": "Council Chamber, Civic Centre, Southend-on-Sea",
    "thames-valley-police-crime-panel-2012-07-19": "Kennet Room, Reading Borough Council, Civic Centre, Reading RG1 7AE",
    "harlow-scrutiny-committee-2022": "Council Chamber - Civic Centre",
    "wiltshire-police-crime-panel-2013": "Council Chamber - Council Offices, Monkton Park, Chippenham, SN15 1ER",
    "worcestershire-police-crime-panel-2016-12": "Worcestershire County Council",
    "merthyr-tydfil-scrutiny-committee-asb": "COUNCIL CHAMBER - MICROSOFT TEAMS",
    "city-of-london-committee-election": "Committee Rooms, 2nd Floor, West Wing, Guildhall",
    "leighton-linslade-tc-community-safety-sub-committee-2018-10-15": "Meeting Room, The White House, Hockliffe Street, "
                                                                      "Leighton Buzzard, Beds, LU7 1HD",
    "redditch-crime-disorder-scrutiny-panel-2018": "Committee Room 2 Town Hall",
}
