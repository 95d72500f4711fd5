"""The identifier lint: what it flags in a caption before a clinician posts a case, what it
leaves alone, how well it does on a corpus of realistic captions, and that no input breaks it."""

from __future__ import annotations

import dataclasses
import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.core import identifiers
from tracker.core.identifiers import RULES, Finding, find_identifiers

CAPTIONS = Path(__file__).resolve().parents[1] / "data" / "captions"
LOCAL_WORDS = ("Millbrook General", "St Oswin's", "Eastvale")

FLAGGED = {
    "date": [
        ("Seen 2026-11-17 on CT", "2026-11-17"),
        ("Scan from 2026/11/02, coronal below", "2026/11/02"),
        ("Unknown case 17/11/2026, what do you see?", "17/11/2026"),
        ("Scanned 11/17/2026 in the ED", "11/17/2026"),
        ("DOB-free, but dated 17.11.2026 on the film", "17.11.2026"),
        ("Imaged 17-11-2026", "17-11-2026"),
        ("Throwback to 12/09/19, my first miss", "12/09/19"),
        ("We scanned her on 11/17 and she was fine", "11/17"),
        ("The 17/11 scan was worse", "17/11"),
        ("A heart from 14.02. for you", "14.02."),
        ("Presented Nov 17 with vision loss", "Nov 17"),
        ("Presented Nov. 17, 2026 with vision loss", "Nov. 17, 2026"),
        ("November 17th, 2026 was a long day", "November 17th, 2026"),
        ("Case seen on 5 Jan: pneumatosis", "5 Jan"),
        ("The 17th of November will stay with me", "17th of November"),
        ("Tuesday the 17th, three PEs", "Tuesday the 17th"),
        ("Friday 13th and three appendices", "Friday 13th"),
        ("Case from December 2025: toxic megacolon", "December 2025"),
        ("Report dated 20261117, look at the spleen", "20261117"),
        ("Case seen on the 3rd.", "on the 3rd"),
    ],
    "time": [
        ("Scanned at 14:30, stroke pathway", "14:30"),
        ("Ultrasound at 09:15: appendix 9 mm", "09:15"),
        ("Came in at 2am with a headache", "2am"),
        ("2 p.m. trauma call", "2 p.m."),
        ("Paged at 2.30pm for a reaction", "2.30pm"),
        ("Came through at 11:45 pm. Free air", "11:45 pm"),
        ("Read at 10 a.m. and still bugging me", "10 a.m."),
        ("Born at 0300h with distress", "0300h"),
        ("Arrived 2300 hrs by ambulance", "2300 hrs"),
        ("Found at midnight: a mucocele", "at midnight"),
        ("At 3 in the morning this lad rolled in", "At 3 in the morning"),
        ("Called at eight o'clock for a foreign body", "eight o'clock"),
    ],
    "relative-time": [
        ("Crazy case from yesterday", "yesterday"),
        ("Look what I saw last week", "last week"),
        ("You were amazing last night", "last night"),
        ("Seen last Tuesday in resus", "last Tuesday"),
        ("Last Tuesday's ED was wild", "Last Tuesday"),
        ("This past Friday: calcaneal fractures", "This past Friday"),
        ("Found on a CXR this morning", "this morning"),
        ("Earlier today: free air on a CT KUB", "Earlier today"),
        ("The other day a colleague showed me this", "The other day"),
        ("Seen 3 days ago: emphysematous pyelonephritis", "3 days ago"),
        ("A couple of weeks ago we had a sword swallower", "A couple of weeks ago"),
        ("I saw this a year ago too", "a year ago"),
        ("Over the weekend we scanned a magnet ingestion", "Over the weekend"),
        ("Seen on my night shift", "on my night shift"),
        ("During our trauma call, three lacerations", "During our trauma call"),
        ("From my last on-call: a volvulus", "From my last on-call"),
        ("Last night's shift gave us this", "Last night's shift"),
        ("Saw this on Tuesday in the ED", "on Tuesday"),
        ("Tuesday night: bilateral subdurals", "Tuesday night"),
        ("Look what I saw today on CT", "today"),
        ("Saw a neonate this week with duodenal atresia", "this week"),
        ("On Christmas Eve we pulled a fish bone", "On Christmas Eve"),
        ("In the middle of the night, a whole-body CT", "In the middle of the night"),
    ],
    "age": [
        ("43-year-old with a headache", "43-year-old"),
        ("A 43 year old with a headache", "43 year old"),
        ("Patient is 43 years old", "43 years old"),
        ("88 yo after a fall", "88 yo"),
        ("55yo smoker with a mass", "55yo"),
        ("25 y/o runner with shin pain", "25 y/o"),
        ("An 8 y.o. with Perthes", "8 y.o."),
        ("24yoF with pelvic pain", "24yoF"),
        ("31yF with a breast lump", "31yF"),
        ("Another 45F with an ectopic", "45F"),
        ("67M swallowed a fish bone", "67M"),
        ("F/32 with RUQ pain", "F/32"),
        ("Case 41: M/65 with weight loss", "M/65"),
        ("78/F with dyspnoea", "78/F"),
        ("Aged 29, ectopic on TVUS", "Aged 29"),
        ("Aged 90 and still cycling", "Aged 90"),
        ("Age: 54. Smoker.", "Age: 54"),
        ("70 years of age with ascites", "70 years of age"),
        ("A 6-month-old with vomiting", "6-month-old"),
        ("A 3-week-old with bilious vomiting", "3-week-old"),
        ("Reported a 9 month old's skeletal survey", "9 month old"),
        ("A seventy-two-year-old with pain", "seventy-two-year-old"),
    ],
    "record-number": [
        ("Screenshot with MRN 4829137 in the corner", "MRN 4829137"),
        ("From the report: MRN: 7736152.", "MRN: 7736152"),
        ("Accession 9938201: thanks team", "Accession 9938201"),
        ("CT ABD ACC# 44718290 check the liver", "ACC# 44718290"),
        ("Pt ID: 57731 on the overlay", "Pt ID: 57731"),
        ("Patient ID 4455 on the film", "patient ID 4455"),
        ("Hospital no. 4455012, cropping it", "Hospital no. 4455012"),
        ("NHS number 9434765919 on the film", "NHS number 9434765919"),
        ("DOB 12.03.1958 burned into the scout", "DOB 12.03.1958"),
        ("Study 8839201774 on PACS", "8839201774"),
        ("Ref 00123984 for the report", "00123984"),
    ],
    "phone": [
        ("Call the reading room on 555-203-8841.", "555-203-8841"),
        ("Call me at (555) 867-5309 for slides", "(555) 867-5309"),
        ("Booking line 555.321.9988", "555.321.9988"),
        ("WhatsApp me on +44 7700 900123", "+44 7700 900123"),
        ("Study line +1 555 203 8841", "+1 555 203 8841"),
        ("To join call 020 7946 0958", "020 7946 0958"),
        ("Ring 0161 496 0000 for fluoroscopy", "0161 496 0000"),
    ],
    "email": [
        ("Email rad.cases@gmail.com with your answer", "rad.cases@gmail.com"),
        ("Answers to unknowns@radclub.co.uk please", "unknowns@radclub.co.uk"),
    ],
    "titled-name": [
        ("Thanks Dr. Okafor for this one", "Dr. Okafor"),
        ("Dr Rahman picked up this fracture", "Dr Rahman"),
        ("Mrs Hughes let us share her scan", "Mrs Hughes"),
        ("Ms Delacroix, our volunteer model", "Ms Delacroix"),
        ("Mr Jones wanted his MRI shared", "Mr Jones"),
        ("Miss Fairweather, thank you", "Miss Fairweather"),
        ("Thank you Prof Hartmann for the session", "Prof Hartmann"),
        ("Mx Ólafsdóttir agreed to share", "Mx Ólafsdóttir"),
    ],
    "place-name": [
        ("Seen at St. Mary's last year", "St. Mary's"),
        ("Transferred from St Bartholomew's", "St Bartholomew's"),
        ("Thanks to the team at Saint Luke's", "Saint Luke's"),
        ("Sent over from St.Thomas' ED", "St.Thomas'"),
        ("St George's radiographers nailed this lateral", "St George's"),
    ],
}


def _pairs(text: str, local_words: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in find_identifiers(text, local_words=local_words)]


@pytest.mark.parametrize(
    ("rule", "text", "words"),
    [(rule, text, words) for rule, examples in FLAGGED.items() for text, words in examples],
)
def test_each_rule_flags_its_examples_with_the_right_span(rule: str, text: str, words: str):
    findings = find_identifiers(text)

    assert any(f.rule == rule and f.text.lower() == words.lower() for f in findings), findings
    for finding in findings:
        assert text[finding.start : finding.end] == finding.text
        assert finding.why == RULES[finding.rule]


def test_every_rule_has_examples_and_a_plain_reason():
    assert set(FLAGGED) | {"local-word"} == set(RULES)
    assert all(why and "\n" not in why for why in RULES.values())


def test_a_finding_says_where_it_is_and_cannot_be_changed():
    (finding,) = find_identifiers("a 43-year-old")

    assert finding == Finding("age", 2, 13, "43-year-old", RULES["age"])
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.start = 0  # type: ignore[misc]


@pytest.mark.parametrize(
    "text",
    [
        # scores, levels, sequences and classifications
        "BI-RADS 4, irregular mass",
        "C5-C6 disc osteophyte complex",
        "T2 hyperintense lesion",
        "T1 post-contrast images",
        "L4-L5 disc extrusion",
        "Grade 2 splenic laceration",
        "ASPECTS 8 on the non-contrast CT",
        "GCS 15 after a fall",
        "GCS 3/15 on arrival",
        "Type II endoleak",
        "Salter-Harris II fracture",
        "PI-RADS 4 lesion, Gleason 3+4",
        "Power 4/5 in the left leg",
        "1.5T vs 3T MRI",
        # series names, numbering and schedules
        "Week 12 of the series",
        "Wednesday's unknown",
        "#WednesdayUnknown case 14",
        "Case 14: what's your diagnosis?",
        "Unknown #23",
        "Thread 1/7",
        "Part 2/5 of the series",
        "Image 12/30 shows it best",
        "Slice 45/120",
        "Every Wednesday an unknown, every Friday the answer",
        "Answer on Friday!",
        "Posting the answer on Friday as usual",
        "See you Friday night for the live answer session",
        "Back on Monday with a new series",
        "Monday motivation: look at the corners",
        "Mnemonic Monday: VITAMIN C",
        "Last week's unknown: Kartagener syndrome",
        "Yesterday's unknown, answered",
        "This week's case is a classic",
        "Today's case: double duct sign",
        "Today we review the Fleischner criteria",
        "Answer drops tonight! Last call for guesses",
        "Grand rounds at noon: interesting cases",
        "Going live at 7pm UK time",
        # measurements, counts and citations
        "3 cm mass",
        "5 mm nodule",
        "4.2 x 3.1 x 2.8 cm",
        "Fleischner 2017 guidelines",
        "The 2021 WHO classification",
        "Röntgen took the first X-ray in 1895",
        "PMID 28240562 is the paper",
        "https://radiopaedia.org/cases/4419077",
        "10M views on the video",
        "1000000 views, thank you",
        "8F pigtail drain",
        "Reading CT 24/7",
        "3/4 of incidentalomas",
        "20/20 vision",
        "Ribs 4-7 fractured",
        "Corticomedullary ratio of 3:1",
        "From 0:45 the sliding sign disappears",
        "Skip to 2:15 for the key finding",
        "Answer in 48h",
        # ages that are ranges or populations
        "A woman in her forties",
        "Toddler with a limp",
        "Peak incidence in 40-60-year-olds",
        "A 40-60-year-old population",
        "5-year survival is over 90%",
        "Mean age 62 at presentation",
        "Usually before age 5",
        "Patients aged 65 and over",
        "Haemorrhage age on MRI",
        "Bone age radiograph",
        # titles that are not names; handles
        "Dr. Google said cancer",
        "Mr X from our teaching file",
        "Don't Miss This sign",
        "Prof tip: read the question first",
        "MR angiography and MS plaques on DR",
        "Follow @RadEducatorX for more",
        # ST on the ECG, and saints that are eponyms or feast days
        "ST elevation in II, III and aVF",
        "Inferior ST Elevation MI: find the culprit",
        "ST segment depression in V4\u2011V6",
        "St elevation with reciprocal change",
        "STEMI mimics: a series",
        "ST3 registrar teaching session",
        "St John's wort and serotonin syndrome",
        "St. Vitus dance, or Sydenham chorea",
        "St Anthony's fire: ergotism on angiography",
        "St Louis encephalitis on MRI",
        "A mechanical St Jude valve on the CXR",
        "Happy St Patrick's Day!",
        # relative words that do not say when
        "The last slide shows the answer",
        "Over the past decade, imaging has changed",
        "Described 100 years ago",
        "Happy Halloween!",
        "The #NightShift survival kit",
        "You may 3D print this skull",
    ],
)
def test_radiology_vocabulary_and_series_talk_stay_clean(text: str):
    assert find_identifiers(text, local_words=LOCAL_WORDS) == []


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Seen last Wednesday", ["last Wednesday"]),
        ("This past Wednesday we saw this", ["This past Wednesday"]),
        ("On Wednesday a kid came in with a coin", ["On Wednesday"]),
        ("Wednesday night on call: a subdural", ["Wednesday night"]),
        ("Saw this Wednesday morning in the ED", ["Wednesday morning"]),
        ("Wednesday's unknown", []),
        ("Unknown Wednesday, case 9", []),
        ("Every Wednesday at the same time", []),
        ("The answer comes on Wednesday", []),
        ("Join us live on Wednesday", []),
        ("Wednesday morning long quiz", []),
        ("We post on Wednesdays", []),
    ],
)
def test_a_weekday_is_flagged_when_it_says_when_a_case_was_seen(text: str, flagged: list[str]):
    assert [f.text for f in find_identifiers(text)] == flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Seen at Millbrook General", ["Millbrook General"]),
        ("Thanks to millbrook   general ED", ["millbrook   general"]),
        ("The St Oswin\u2019s night team", ["St Oswin\u2019s"]),
        ("EASTVALE trauma team", ["EASTVALE"]),
        ("Our team in Eastvale.", ["Eastvale"]),
        ("#EastvaleRad and Eastvalers", []),
        ("Thanks to St. Oswin's", ["St. Oswin's"]),
        ("Thanks to St.Oswin's", ["St.Oswin's"]),
        ("Thanks to Saint Oswin's", ["Saint Oswin's"]),
        ("Thanks to ST OSWIN'S", ["ST OSWIN'S"]),
        ("Stoswin's is not it", []),
        ("Millbrook alone is not on the list", []),
    ],
)
def test_local_words_match_whole_words_in_any_case(text: str, flagged: list[str]):
    found = find_identifiers(text, local_words=LOCAL_WORDS)

    assert [f.text for f in found] == flagged
    assert all(f.rule == "local-word" for f in found)


def test_a_listed_saint_is_a_local_word_however_it_is_written():
    for listed in ("Saint Elsewhere", "St. Elsewhere", "St Elsewhere"):
        found = _pairs("Seen at St Elsewhere's and Saint Elsewhere", (listed,))

        assert found == [("local-word", "St Elsewhere"), ("local-word", "Saint Elsewhere")]


def test_a_listed_saint_is_reported_as_the_local_word_not_as_a_place():
    assert _pairs("Seen at St Oswin's", ()) == [("place-name", "St Oswin's")]
    assert _pairs("Seen at St Oswin's", ("St Oswin",)) == [("local-word", "St Oswin")]


def test_a_feast_day_is_a_hint_of_when_not_a_place():
    assert _pairs("On St Patrick's Day we saw this") == [("relative-time", "On St Patrick's Day")]


@pytest.mark.parametrize(
    ("text", "rule", "words"),
    [
        ("A 43\u2011year\u2011old with a headache", "age", "43\u2011year\u2011old"),
        ("A 43\u2010year\u2010old with a headache", "age", "43\u2010year\u2010old"),
        ("A 43\u2013year\u2013old with a headache", "age", "43\u2013year\u2013old"),
        ("A 43\u2212year\u2212old with a headache", "age", "43\u2212year\u2212old"),
        ("A \uff14\uff13-year-old with a headache", "age", "\uff14\uff13-year-old"),
        ("\uff16\uff17\uff2d swallowed a fish bone", "age", "\uff16\uff17\uff2d"),
        ("A 4\u200b3-year-old with a headache", "age", "4\u200b3-year-old"),
        ("A 43-year\u00ad-old with a headache", "age", "43-year\u00ad-old"),
        ("Aged \u0664\u0663, ectopic on TVUS", "age", "Aged \u0664\u0663"),
        ("Seen \uff12\uff10\uff12\uff16-11-17 on CT", "date", "\uff12\uff10\uff12\uff16-11-17"),
        ("Seen 2026\u201111\u201117 on CT", "date", "2026\u201111\u201117"),
        (
            "Came in at \uff11\uff14\uff1a\uff13\uff10 with chest pain",
            "time",
            "\uff11\uff14\uff1a\uff13\uff10",
        ),
        (
            "MRN \uff14\uff18\uff12\uff19\uff11\uff13\uff17 on the film",
            "record-number",
            "MRN \uff14\uff18\uff12\uff19\uff11\uff13\uff17",
        ),
        ("Thanks Dr\u00a0Okafor for this one", "titled-name", "Dr\u00a0Okafor"),
        ("Thanks Dr\u202fOkafor for this one", "titled-name", "Dr\u202fOkafor"),
        ("Call 555\u2011203\u20118841 for slides", "phone", "555\u2011203\u20118841"),
        ("Seen at St.\u00a0Mary's", "place-name", "St.\u00a0Mary's"),
    ],
)
def test_look_alike_characters_are_read_as_the_plain_ones_and_spans_stay_in_the_text(
    text: str, rule: str, words: str
):
    findings = find_identifiers(text)

    assert [(f.rule, f.text) for f in findings] == [(rule, words)]
    (finding,) = findings
    assert text[finding.start : finding.end] == words


def test_folding_one_character_into_several_keeps_every_span_in_the_text():
    text = "\ufb01ve \u2474 ½ then a 43\u2011year\u2011old, e\u0301 MRN 4829137"

    found = find_identifiers(text)

    assert [f.text for f in found] == ["43\u2011year\u2011old", "MRN 4829137"]
    assert all(text[f.start : f.end] == f.text for f in found)


def test_an_em_dash_still_separates_a_clause():
    assert _pairs("Aged 29 \u2014 G2P1, ectopic on TVUS") == [("age", "Aged 29")]


def test_blank_and_special_local_words_are_harmless():
    text = "Thanks to A+E (Eastvale) and AxE"

    assert _pairs(text, ("", "   ", "A+E", "(Eastvale)")) == [
        ("local-word", "A+E"),
        ("local-word", "(Eastvale)"),
    ]


def test_findings_come_in_order_and_never_nest():
    text = "Saw her last Tuesday the 17th at 2pm: 43-year-old, MRN 12345678"

    assert _pairs(text) == [
        ("relative-time", "last Tuesday"),
        ("date", "Tuesday the 17th"),
        ("time", "2pm"),
        ("age", "43-year-old"),
        ("record-number", "MRN 12345678"),
    ]


def test_the_caption_from_the_issue_cannot_slip_through():
    rules = {f.rule for f in find_identifiers("43-year-old seen last Tuesday")}

    assert rules == {"age", "relative-time"}


def _corpus(name: str) -> list[str]:
    lines = (CAPTIONS / name).read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not re.match(r"#( |$)", line)]


def test_the_corpus_is_big_enough_and_has_no_caption_twice():
    clean, dirty = _corpus("clean.txt"), _corpus("dirty.txt")

    assert len(clean) >= 120 and len(dirty) >= 120
    assert len(set(clean)) == len(clean) and len(set(dirty)) == len(dirty)
    assert not set(clean) & set(dirty)


def test_precision_and_recall_on_the_caption_corpus():
    clean, dirty = _corpus("clean.txt"), _corpus("dirty.txt")

    def flagged(caption: str) -> bool:
        return bool(find_identifiers(caption, local_words=LOCAL_WORDS))

    found = [caption for caption in dirty if flagged(caption)]
    false_alarms = [caption for caption in clean if flagged(caption)]
    precision = len(found) / (len(found) + len(false_alarms))
    recall = len(found) / len(dirty)
    missed = [caption for caption in dirty if caption not in found]
    report = (
        f"precision {precision:.3f} ({len(found)}/{len(found) + len(false_alarms)}), "
        f"recall {recall:.3f} ({len(found)}/{len(dirty)}); "
        f"false alarms: {false_alarms}; missed: {missed}"
    )
    print(report)

    assert precision >= 0.9 and recall >= 0.9, report


_TOKENS = st.sampled_from(
    [
        "Dr", "Mr.", "Smith", "MRN", "#", ":", "43", "-", "year", "old", "yo", "M", "F", "/",
        "17", "11", "2026", ".", "Nov", "the", "17th", "of", "last", "Tuesday", "on", "today",
        "saw", "14:30", "2", "pm", "p.m.", "+44", "(555)", "123", "4567", "@", "a.b", "com",
        "'s", "\u2019s", "aged", "Eastvale", "ago", "days", "\n", " ", "  ", "é", "\U0001d7d9",
        "٣", "\u200b", "St", "St.", "Saint", "Mary", "\u2011", "\uff14", "\u00a0", "e\u0301",
        "\ufb01",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.lists(_TOKENS).map("".join), st.lists(_TOKENS).map(" ".join)))
def test_any_text_gives_findings_whose_spans_are_the_text(text: str):
    findings = find_identifiers(text, local_words=LOCAL_WORDS)

    assert findings == sorted(findings, key=lambda f: (f.start, -f.end))
    for finding in findings:
        assert 0 <= finding.start < finding.end <= len(text)
        assert text[finding.start : finding.end] == finding.text
        assert finding.why == RULES[finding.rule]
    for before, after in itertools.pairwise(findings):
        assert after.end > before.end, "a finding lies inside another"


@pytest.mark.parametrize(
    "unit",
    [
        "1",
        "a-",
        "1/",
        "1.",
        "a@",
        "+1 ",
        "12:",
        "17 ",
        "Dr ",
        "St ",
        "\uff14",
        "4\u2011",
        "e\u0301",
    ],
)
def test_long_adversarial_text_is_checked_in_one_pass(unit: str):
    text = (unit * (100_000 // len(unit) + 1))[:100_000]

    findings = find_identifiers(text, local_words=LOCAL_WORDS)

    assert all(text[f.start : f.end] == f.text for f in findings)
    assert len(findings) <= len(text) // 2


def test_no_pattern_repeats_a_group_without_bound():
    """Nested unbounded repetition is what makes a regex backtrack catastrophically."""
    unbounded_group = re.compile(r"(?<!\\)\)(?:[+*]|\{[0-9]*,\})")

    for pattern in identifiers._PATTERNS:
        assert not unbounded_group.search(pattern.regex.pattern), pattern.regex.pattern
