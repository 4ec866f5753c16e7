"""What the five seed documents say, written by reading them (line references FILE:LINE).

These values were typed from the documents, not produced by the importer; the tests and the
precision/recall benchmark compare the importer's output against them.
"""

NCC = "Norfolk County Council"
GYBC = "Great Yarmouth Borough Council"
KLWN = "King's Lynn and West Norfolk Borough Council"
SNDC = "South Norfolk District Council"
NNDC = "North Norfolk District Council"
BROAD = "Broadland District Council"
BRECK = "Breckland District Council"
NORW = "Norwich City Council"

MEETINGS = {
    # 003:101-261
    "2021-07-20": {
        "status": "held", "chair": "Mark Kiddle-Morris", "finished": "11:10",
        "present": {("Mark Kiddle-Morris", NCC), ("Graham Carpenter", NCC), ("Alexandra Kemp", KLWN),
                    ("Penny Carpenter", GYBC), ("James Easter", SNDC)},
        "substitutes": set(),
        "apologies": {("Emma Corlett", "member"), ("Adam Giles", "member"), ("Nigel Shaw", "member"),
                      ("Alison Webb", "member"), ("Tim Adams", "member"), ("Mark Stokes", "officer")},
        "in_attendance": {"Gavin Thompson", "Amanda Murr", "Liam Bannon", "Craig Chalmers", "Sonia Humphreys",
                          "Paul Solomon-Sept", "Jo Martin", "Tim Shaw"},
        "titles": {"Tim Shaw": "Committee Officer", "Paul Solomon-Sept": "Project ADDER (Implementation Manager, NCC)",
                   "Sonia Humphreys": "Norfolk Constabulary", "Amanda Murr": "Head of Community Safety, OPCCN",
                   "Craig Chalmers": "Director of Community Social Work and Temporary Chair of the Norfolk "
                                     "Safeguarding Adults Board",
                   "Jo Martin": "Democratic Support and Scrutiny Manager, Norfolk County Council (NCC)"},
        "declarations": {("Penny Carpenter", "Other")},
        "minutes_confirmed": ["2021-02-23"],
        "decisions": {("2", "RESOLVED"), ("3", "RESOLVED"), ("7", "NOTED"), ("8", "NOTED"), ("8", "AGREED"),
                      ("9", "AGREED")},
        "decision_count": 7,
    },
    # 002:114-264 and 004:3-170
    "2022-02-24": {
        "status": "held", "chair": "Penny Carpenter", "finished": "12:05",
        "present": {("Penny Carpenter", GYBC), ("Alexandra Kemp", KLWN), ("Graham Carpenter", NCC),
                    ("Emma Corlett", NCC), ("James Easter", SNDC), ("Adam Giles", NORW)},
        "substitutes": set(),
        "apologies": {("Tim Adams", "member"), ("Mark Kiddle-Morris", "member"), ("Nigel Shaw", "member"),
                      ("Alison Webb", "member"), ("Robert Hambidge", "substitute"), ("Julian Kirk", "substitute"),
                      ("Sarah Butikofer", "substitute"), ("Ian Stutely", "substitute"), ("Gavin Thompson", "officer")},
        "in_attendance": {"Mark Stokes", "Amanda Murr", "Liam Bannon", "Nicola Jepson", "Craig Chalmers", "Jo Martin",
                          "Tim Shaw"},
        "titles": {"Craig Chalmers": "NCC's Community Safety Lead -Temporary", "Tim Shaw": "Committee Officer"},
        "declarations": {("Emma Corlett", "Other"), ("Penny Carpenter", "Other")},
        "minutes_confirmed": ["2022-09-16"],  # as printed (002:144); flagged
        "decisions": {("5", "NOTED"), ("5", "AGREED"), ("6", "NOTED"), ("6", "AGREED"), ("7", "NOTED"),
                      ("7", "AGREED"), ("8", "AGREED")},
        "decision_count": 10,
    },
    # 001:102-221
    "2022-06-09": {
        "status": "held", "chair": "Penny Carpenter", "finished": "11:15",
        "present": {("Penny Carpenter", GYBC), ("Tim Adams", NNDC), ("Alexandra Kemp", KLWN), ("Nigel Shaw", BROAD),
                    ("Chrissie Rumsby", NCC), ("Tony Holden", SNDC), ("Alison Webb", BRECK)},
        "substitutes": {("Chrissie Rumsby", "Emma Corlett"), ("Tony Holden", "James Easter")},
        "apologies": {("Graham Carpenter", "member"), ("Emma Corlett", "member"), ("James Easter", "member"),
                      ("Mark Kiddle-Morris", "member"), ("Julian Kirk", "substitute"), ("Ian Stutely", "substitute"),
                      ("Craig Chalmers", "officer")},
        "in_attendance": {"Mark Stokes", "Gavin Thompson", "Amanda Murr", "Nicola Jepson", "Liam Bannon",
                          "Sonia Humphreys", "Matthew Wakefield", "Jo Martin", "Tim Shaw"},
        "titles": {"Matthew Wakefield": "Acting Inspector, Community Safety, Norfolk Constabulary"},
        "declarations": set(),
        "minutes_confirmed": ["2022-02-24"],
        "decisions": {("2", "RESOLVED"), ("3", "RESOLVED"), ("7", "ENDORSED"), ("8", "NOTED"), ("8", "AGREED"),
                      ("9", "COMMENDED"), ("9", "NOTED"), ("9", "AGREED"), ("10", "AGREED")},
        "decision_count": 10,  # 001:199 "NOTED … and AGREED …" is two decisions
        "delegation_dates": ["2022-06-23", "2022-06-23"],
    },
    # 001:225-250
    "2022-09-28": {
        "status": "inquorate", "chair": "Mark Kiddle-Morris", "finished": "10:05", "inquorate_at": "10:05",
        "present": {("Mark Kiddle-Morris", NCC), ("Chrissie Rumsby", NCC), ("James Easter", SNDC)},
        "substitutes": {("Chrissie Rumsby", "Emma Corlett")},
        "apologies": set(),
        "in_attendance": {"Mark Stokes", "Gavin Thompson", "Nicola Jepson", "Jo Martin", "Tim Shaw"},
        "titles": {"Jo Martin": "Democratic Support and Scrutiny Manager, Norfolk County Council (NCC)",
                   "Nicola Jepson": "Community Safety Officer, OPCCN"},
        "declarations": set(), "minutes_confirmed": [], "decisions": set(), "decision_count": 0,
    },
    # 001:254-287
    "2022-12-08": {
        "status": "inquorate", "chair": "Mark Kiddle-Morris", "finished": "10:04", "inquorate_at": "10:03",
        "present": {("Mark Kiddle-Morris", NCC), ("Penny Carpenter", GYBC), ("James Easter", SNDC)},
        "substitutes": set(), "apologies": set(),
        "in_attendance": {"Mark Stokes", "Amanda Murr", "Liam Bannon", "Nicola Jepson", "Suzannah Armstrong-Cobb",
                          "Matthew Wakefield", "Jo Martin", "Nicola Ledain"},
        "titles": {"Jo Martin": "Democratic Support and Scrutiny Manager, Norfolk County Council (NCC)",
                   "Matthew Wakefield": "Norfolk Constabulary", "Nicola Ledain": "Committee Officer (NCC)"},
        "declarations": set(), "minutes_confirmed": [], "decisions": set(), "decision_count": 0,
    },
    # 000:3-128
    "2023-06-08": {
        "status": "held", "chair": "Mark Kiddle-Morris", "finished": "11:57",
        "present": {("Mark Kiddle-Morris", NCC), ("Penny Carpenter", GYBC), ("Tim Adams", NNDC),
                    ("Natasha Harpley", BROAD), ("Emma Corlett", NCC), ("Gary Blundell", SNDC),
                    ("Graham Carpenter", NCC)},
        "substitutes": {("Tim Adams", "Wendy Fredericks")},
        "apologies": {("Ashby", "member"), ("Crane", "substitute"), ("Vivien Thomas", "member"),
                      ("Ian Stutely", "substitute"), ("Wendy Fredericks", "member")},
        "in_attendance": {"Mark Stokes", "Amanda Murr", "Nicola Allum", "Liam Bannon", "Gavin Thompson", "Jo Martin",
                          "Maisie Coldman"},
        "titles": {"Maisie Coldman": "Committee Officer", "Gavin Thompson": "Director – Policy and Commissioning, OPCCN"},
        "declarations": {("Penny Carpenter", "Other"), ("Emma Corlett", "Other")},
        "minutes_confirmed": ["2023-02-24"],
        "decisions": {("2", "RESOLVED"), ("3", "RESOLVED"), ("6", "ENDORSED"), ("7", "NOTED"), ("8", "NOTED"),
                      ("8", "RECOMMENDED"), ("8", "AGREED"), ("9", "AGREED")},
        "decision_count": 8,
        "recommendations": 2,
        "delegation_dates": ["2023-06-21"],
    },
}

# Meetings known only from other documents, with their status.
OTHER_MEETINGS = {
    "2020-11-27": "held",  # "agreed at the 27 November 2020 Sub Panel" 002:1933
    "2021-02-23": "held",  # minutes confirmed 003:182
    "2021-09-16": "held",  # agenda 003:3; confirmed under a misprinted date 002:144
    "2021-12-16": "rescheduled",  # FWP 003:1824; "rescheduled from December 2021" 001:681
    "2023-02-24": "held",  # agenda 001:3; confirmed 000:48
    "2023-09-28": "scheduled",  # FWP 001:1095
    "2023-12-07": "scheduled",  # FWP 001:1096
    "2024-02-01": "scheduled",  # FWP 001:1097 "February 2024" (month only)
}

# Defects the importer must flag, with where they are.
FLAGS = {
    ("minutes_date_after_meeting", "002_b6fab41057f40705.txt:144"),
    ("minutes_date_after_meeting", "004_a93916ff6b5eb7fc.txt:55"),
    ("wrong_body", "001_916a73da56bff212.txt:108"),
    ("date_to_be_confirmed", "002_b6fab41057f40705.txt:1929"),
    ("date_to_be_confirmed", "003_0b87fb749afc2013.txt:1826"),
    ("date_to_be_confirmed", "003_0b87fb749afc2013.txt:1827"),
    ("unresolved_name", "000_66ddd6b4d49615a0.txt:30"),  # Cllr Ashby, Cllr Crane: no forename or council
}

# Name variants and the person they are (seed-governance §4.10).
ALIASES = {"lan Mackie": "Ian Mackie", "Ian Macke": "Ian Mackie", "Amanda Muir": "Amanda Murr"}

# Forward work programme rows per version (003:1823-1827, 002:1923-1929, 001:1093-1097).
WORK_PROGRAMME = {
    ("2021-09-16", "2021-12-16"), ("2021-09-16", "2022-02-24"), ("2021-09-16", "2022-05-01"),
    ("2021-09-16", "2022-09-01"),
    ("2022-06-09", "2022-06-09"), ("2022-06-09", "2022-09-28"), ("2022-06-09", "2022-12-08"),
    ("2022-06-09", "2023-02-01"),
    ("2023-02-24", "2023-06-08"), ("2023-02-24", "2023-09-28"), ("2023-02-24", "2023-12-07"),
    ("2023-02-24", "2024-02-01"),
}
FUTURE_ITEMS = 3  # a) b) c), identical in 003:1833-1835 and 002:1935-1937
WRITTEN_QUESTIONS = 6  # 1-6, in both 002:266-311 and 004:172-256
DELIVERY_ACTIONS_2021 = {f"1.{n}" for n in range(1, 26)} | {f"2.{n}" for n in range(1, 16) if n != 12} | {
    f"3.{n}" for n in range(1, 15)}  # 003:1527-1733 (2.12 is missing in the source)

# Decisions that occur twice under one item (the sets above hold each once).
DECISION_REPEATS = {"2021-07-20": [("8", "AGREED")], "2022-06-09": [("9", "AGREED")],  # 001:199 compound
                    "2022-02-24": [("5", "NOTED"), ("6", "NOTED"), ("7", "NOTED")]}
