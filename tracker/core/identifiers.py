"""Find words in a caption that could identify a patient, before a clinician posts it.

Posting a case can cost a clinician their licence if it identifies the patient: a date, a hint of
when the case was seen ("look what I saw last week"), an exact age, a record number, a name.
:func:`find_identifiers` flags such words with the rule that fired, the span and one plain line
that says why. It is an aid, not a guarantee: the clinician stays responsible for what they post.

Precision matters as much as recall, so each rule knows the look-alikes of radiology and teaching
posts and leaves them alone:

- ``date``: full dates in any common form (``2026-11-17``, ``17/11/2026``, ``Nov 17``,
  ``17th of November``, ``Tuesday the 17th``, ``20261117``), a day and month without a year when
  it cannot be a fraction or a score (``11/17``, ``17.11.``), and a month with a year
  (``March 2024``, even in a citation: cite by year). A bare year is clean
  ("Fleischner 2017 guidelines"): a year alone rarely identifies anyone, a full date does.
  Fractions that read as dates in both orders (``3/4``), scores (``GCS 3/15``, ``image 12/30``)
  and ``24/7`` are clean.
- ``time``: ``14:30``, ``2pm``, ``2 p.m.``, ``0300h``, "at midnight". A one-digit ``1:30`` is
  read as a video timestamp and left alone; ratios (``3:1``) are clean.
- ``relative-time``: "yesterday", "last week", "this morning", "earlier today",
  "three days ago", "on my night shift", "over the weekend", "on Christmas Eve". A weekday is a
  finding when it says when something happened: "last Wednesday", "this past Friday",
  "on Tuesday", "Tuesday night"; it is clean as a series name or a schedule: "Wednesday's
  unknown", "#WednesdayUnknown", "every Wednesday", "answer on Friday", "see you Friday night".
  "Today", "tonight" and "this week" count only in a sentence that says a case was seen, read
  or came in ("saw this today"); "today's case" and "last week's unknown" are the post's own
  framing and clean.
- ``age``: ``43-year-old``, ``43 yo``, ``43yo``, ``43 y/o``, ``43M``, ``F/43``, ``aged 43``,
  ``6-month-old``, "a seven-year-old". Ranges and populations are clean ("in her forties",
  "40-60-year-old", "in 60-year-olds", "under age 5", "5-year survival"), and so are catheter
  sizes (``8F pigtail``) and counts (``10M views``).
- ``record-number``: MRN, accession, patient ID, NHS number... followed by digits, and any run
  of six or more digits that is not a measurement, a count, a citation (PMID, DOI) or part of a
  link.
- ``phone`` and ``email``: written in the usual ways; a social handle (``@RadNerd``) is clean.
- ``titled-name``: a capitalised word after Mr, Mrs, Ms, Mx, Miss, Dr or Prof (case matters:
  ``MR angiography``, ``MS plaques`` and ``DR`` are clean). "Dr. Google", a one-letter placeholder
  ("Mr X") and title-case headlines ("Don't Miss This") are clean.
- ``local-word``: any word or phrase from the caller's list (local hospital names), whole-word
  and case-insensitive; inside a longer word or hashtag it is not matched. A listed "St Oswin's"
  is also found written "St. Oswin's", "St.Oswin's" or "Saint Oswin's".
- ``place-name``: a name after St, St. or Saint ("seen at St. Mary's", "from Saint Oswin's"):
  hospitals, schools and towns are named so. Case matters, so the ECG's ``ST elevation`` and
  ``ST segment`` are clean, and so are "St elevation" (a lower-case word), the eponyms "St John's
  wort", "St Vitus dance", "St Anthony's fire", "St Louis encephalitis", a "St Jude valve", and
  greetings ("Happy St Patrick's Day"; "on St Patrick's Day" is a ``relative-time``). A listed
  local word that overlaps one is reported as the ``local-word``.

The text is read as a person reads it: folded to NFKC (full-width digits are 0-9, a no-break
space is a space), hyphens and en dashes of every kind read as ``-`` (``43\u2011year\u2011old``),
digits of any script as 0-9, and soft hyphens and zero-width characters as nothing. Em dashes
stay: they separate clauses ("Aged 29 — G2P1"), they do not join words. Spans are always those
of the text as given.

Every pattern is anchored (a lookbehind or a word boundary at its start) and has no nested
unbounded quantifiers, so the checker runs in time linear in the text even on adversarial input.
Findings come sorted by start; one never lies inside another (the longer wins), but two may
overlap ("last Tuesday" and "Tuesday the 17th").
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass

__all__ = ["RULES", "Finding", "find_identifiers"]

#: Each rule's id and the line a clinician reads when it fires.
RULES: dict[str, str] = {
    "date": "a date says when the case was seen; leave it out",
    "time": "a clock time says when the case was seen; leave it out",
    "relative-time": "a hint of when the case was seen can identify the patient; leave it out",
    "age": "an exact age can identify a patient; say 'in their forties', 'toddler' or 'elderly'",
    "record-number": "record, accession and ID numbers identify a patient; remove them",
    "phone": "a phone number can lead back to the patient or the hospital; remove it",
    "email": "an email address can lead back to the patient or the hospital; remove it",
    "titled-name": "a name after a title may be the patient or lead back to them; remove it",
    "local-word": "this is on your list of local names (a hospital, a ward, a town); remove it",
    "place-name": "a hospital, school or town named after a saint says where; remove it",
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One likely identifier: ``text`` is ``caption[start:end]``."""

    rule: str
    start: int
    end: int
    text: str
    why: str


Accept = Callable[[re.Match[str]], bool]


@dataclass(frozen=True, slots=True)
class _Pattern:
    rule: str
    regex: re.Pattern[str]
    accept: Accept | None = None


_I = re.IGNORECASE
_GAP = r"\s{1,3}"
_APOS = r"['\u2019]"
_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])"
_ORD = r"(?:st|nd|rd|th)"
_YEAR = r"(?:19|20)[0-9]{2}"
# "May" is a month only when capitalised; lower case it is the verb.
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|(?-i:May|MAY)|june?|july?"
    r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_WEEKDAY = r"(?:monday|tuesday|tues|wednesday|thursday|thurs|friday|saturday|sunday)"
_NUMBER_WORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]?(?:one|two|three"
    r"|four|five|six|seven|eight|nine))?|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen|ten|one|two|three|four|five|six|seven|eight|nine)"
)
# "last week's unknown", "today's case": the post's own framing, not when a case was seen.
_NOT_FRAMING = (
    rf"(?!{_APOS}s\s{{1,3}}(?:unknown|case|cases|quiz|answer|question|poll|post|video|episode|thread"
    r"|live|stream|topic|tip|pearl|challenge|lesson|lecture|session|teaching|series|spot)\b)"
)
# "St Mary's", "St. Mary's", "St.Mary's", "Saint Mary's": the saint's title and its gap.
_SAINT = r"(?:St(?:\.[ \t]{0,3}|[ \t]{1,3})|Saint[ \t]{1,3})"
_COUNT = (
    r"(?:[0-9]{1,3}|a\s{1,3}few|a\s{1,3}couple(?:\s{1,3}of)?|couple(?:\s{1,3}of)?|few"
    r"|several|some|an?|one|two|three|four|five|six|seven|eight|nine|ten)"
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _word_before(match: re.Match[str]) -> str:
    """The word just before the match, lower case ("" at the start)."""
    head = match.string[max(0, match.start() - 40) : match.start()]
    words = re.findall(r"[^\W_]+", head)
    return words[-1].lower() if words else ""


def _word_after(match: re.Match[str]) -> str:
    """The word just after the match, lower case; a sign such as % counts as a word."""
    tail = match.string[match.end() : match.end() + 40]
    found = re.match(r"\s{0,3}([^\W_]+|%)", tail)
    return found.group(1).lower() if found else ""


def _sentence(match: re.Match[str], reach: int = 60) -> str:
    """The match's sentence, cut to ``reach`` characters either side."""
    text = match.string
    head = text[max(0, match.start() - reach) : match.start()]
    tail = text[match.end() : match.end() + reach]
    head = re.split(r"[.!?\n]\s", head)[-1]
    tail = re.split(r"[.!?\n]", tail)[0]
    return f"{head} {match.group()} {tail}"


def _is_date(day: int, month: int) -> bool:
    return 1 <= day <= 31 and 1 <= month <= 12


def _either_order(first: str, second: str) -> bool:
    a, b = int(first), int(second)
    return _is_date(a, b) or _is_date(b, a)


def _numeric_date(match: re.Match[str]) -> bool:
    return _either_order(match.group(1), match.group(3))


# Words around a day/month pair that make it a score, a fraction or a position instead.
_NOT_DATE_BEFORE = _words(
    "image img slice series frame page slide part question q case score grade gcs apgar mrc"
    " power strength ratio vision acuity level levels step steps rib ribs"
)
_NOT_DATE_AFTER = _words(
    "of patients cases pts people vision strength power points score slices images % in"
)


def _day_month_pair(match: re.Match[str]) -> bool:
    a, b = int(match.group(1)), int(match.group(2))
    unambiguous = max(a, b) > 12 and _either_order(match.group(1), match.group(2))
    return (
        unambiguous
        and match.group() != "24/7"
        and _word_before(match) not in _NOT_DATE_BEFORE
        and _word_after(match) not in _NOT_DATE_AFTER
    )


def _dotted_day_month(match: re.Match[str]) -> bool:
    return _is_date(int(match.group(1)), int(match.group(2)))


# Words of a schedule: the next post, a live session, a deadline for guesses.
_SCHEDULE = re.compile(
    r"\b(?:answers?|reveal(?:ed)?|solution|drops?|coming|next|will|stay\s+tuned|tune\s+in"
    r"|see\s+you|back|post(?:s|ed|ing)?|live|join|until|till|due|every|each|quiz|poll"
    r"|discussion|guess(?:es)?|submissions?|deadline|rounds|webinar|lecture|session|class"
    r"|course|meet(?:ing|up)?|stream(?:ing)?|(?:UK|US)\s+time|GMT|BST|CET|EST|EDT|PST|PDT|UTC)"
    rf"\b|{_APOS}ll\b",
    _I,
)
_SEEN = re.compile(
    r"\b(?:saw|seen|came|comes|rolled|walked|presented|scanned|imaged|read|reported|had|got"
    r"|caught|found|admitted|arrived|encountered|diagnosed|referred|brought|shift|list"
    r"|worklist|on[\s-]call|ED|ER)\b",
    _I,
)


def _not_a_schedule(match: re.Match[str]) -> bool:
    """Whether a weekday or a clock time says when a case was seen, not when a post or a live
    session comes."""
    return _SCHEDULE.search(_sentence(match)) is None


def _said_of_a_case(match: re.Match[str]) -> bool:
    """Whether "today" or "this week" stands in a sentence about seeing a case, not the post."""
    return _SEEN.search(_sentence(match)) is not None


def _at_most(limit: int) -> Accept:
    """Accepts a match whose first group, a number, is at most ``limit``."""
    return lambda match: int(match.group(1)) <= limit


# Population phrasing before an age ("under age 5", "mean age 62") is not one patient's age.
_NOT_AN_AGE_BEFORE = _words(
    "under over before after above below by until from at mean median average peak typical"
    " typically usual usually the ages to between"
)


def _one_patients_age(match: re.Match[str]) -> bool:
    return int(match.group(1)) <= 120 and _word_before(match) not in _NOT_AN_AGE_BEFORE


_NOT_SEX_AFTER = _words(
    "catheter catheters sheath sheaths drain drains pigtail tube tubes stent needle wire"
    " introducer dilator views followers subscribers impressions likes downloads plays users"
    " people"
)


def _age_and_sex(match: re.Match[str]) -> bool:
    return 0 < int(match.group(1)) <= 110 and _word_after(match) not in _NOT_SEX_AFTER


_NOT_A_RECORD_BEFORE = re.compile(r"\b(?:pmid|pmcid|doi|isbn|issn|rid|arxiv|orcid)\b", _I)
_NOT_A_RECORD_AFTER = _words(
    "views followers subscribers likes impressions downloads plays people patients cases scans"
    " studies images exams cells copies units iu mm cm m km mg g kg ml l hu gy mgy msv hz khz"
    " mhz px pixels bytes kb mb gb words times dollars usd eur gbp x %"
)


def _a_record(match: re.Match[str]) -> bool:
    head = match.string[max(0, match.start() - 16) : match.start()]
    return (
        _NOT_A_RECORD_BEFORE.search(head) is None and _word_after(match) not in _NOT_A_RECORD_AFTER
    )


def _enough_digits(least: int, most: int = 99) -> Accept:
    return lambda match: least <= sum(char.isdigit() for char in match.group()) <= most


def _an_email(match: re.Match[str]) -> bool:
    return match.group().rsplit(".", 1)[-1].isalpha()


_NOT_A_NAME = _words(
    "Google Internet Who YouTube TikTok The This That These Those It Its A An Any All Out Me"
    " You Your My Our On In At For With And Or But Not No Yes Here There What When Where Why How"
    " Is Are Was Be"
)


def _a_name(match: re.Match[str]) -> bool:
    name = match.group("name")
    return len(name) > 1 and name[0].isupper() and name not in _NOT_A_NAME


# After St: what the ECG and title-case headlines put there ("St Elevation"), and the word
# after a saint's name that makes it an eponym or a feast day, not a place.
_NOT_A_SAINT = _NOT_A_NAME | _words(
    "Elevation Elevations Segment Segments Depression Depressions Change Changes Wave Waves"
    " Interval Intervals Abnormality Abnormalities"
)
_NOT_A_PLACE_AFTER = _words("wort dance fire encephalitis valve valves prosthesis day eve feast")


def _a_place(match: re.Match[str]) -> bool:
    return (
        _a_name(match)
        and match.group("name") not in _NOT_A_SAINT
        and _word_after(match) not in _NOT_A_PLACE_AFTER
    )


def _p(rule: str, pattern: str, flags: int = _I, accept: Accept | None = None) -> _Pattern:
    return _Pattern(rule, re.compile(pattern, flags), accept)


# On an identical span the rule listed first in RULES wins (a YYYYMMDD run is a date).
_PATTERNS: tuple[_Pattern, ...] = (
    # --- dates
    _p("date", rf"(?<![\w./-]){_YEAR}([-/.])(?:1[0-2]|0?[1-9])\1{_DAY}(?![\w/]|[.-][0-9])"),
    _p(
        "date",
        r"(?<![\w./-])([0-9]{1,2})([/.])([0-9]{1,2})\2(?:(?:19|20)?[0-9]{2})(?![\w/]|[.-][0-9])",
        accept=_numeric_date,
    ),
    _p(
        "date",
        rf"(?<![\w./-])([0-9]{{1,2}})(-)([0-9]{{1,2}})-{_YEAR}(?![\w/]|[.-][0-9])",
        accept=_numeric_date,
    ),
    _p(
        "date",
        r"(?<![\w./-])([0-9]{1,2})/([0-9]{1,2})(?![\w/]|[.,][0-9])",
        accept=_day_month_pair,
    ),
    _p("date", r"(?<![\w./-])([0-9]{1,2})\.([0-9]{2})\.(?![\w.])", accept=_dotted_day_month),
    _p(
        "date",
        rf"(?<![\w./:#=+-]){_YEAR}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])(?!\w)",
    ),
    _p("date", rf"\b{_MONTH}{_GAP}(?:the{_GAP})?{_DAY}{_ORD}?\b(?:,?{_GAP}{_YEAR}\b)?"),
    _p("date", rf"\b{_DAY}{_ORD}?\s{{0,3}}(?:of{_GAP})?{_MONTH}(?:,?{_GAP}{_YEAR}\b)?"),
    _p("date", rf"\b{_MONTH},?{_GAP}{_YEAR}\b"),
    _p("date", rf"\b{_WEEKDAY},?{_GAP}(?:the{_GAP}{_DAY}{_ORD}?|{_DAY}{_ORD})\b"),
    _p("date", rf"\bon{_GAP}the{_GAP}{_DAY}{_ORD}\b(?=\s{{0,3}}(?:[,.;:!?)]|$))"),
    # --- clock times
    _p(
        "time",
        r"(?<![\w:.])(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?(?!\w|:[0-9])",
        accept=_not_a_schedule,
    ),
    _p(
        "time",
        r"(?<![\w:.])(?:1[0-2]|0?[1-9])(?:[:.][0-5][0-9])?\s{0,2}(?:[ap]\.m\.|[ap]\.?m\b)",
        accept=_not_a_schedule,
    ),
    _p(
        "time",
        r"(?<![\w:.])(?:[01][0-9]|2[0-3])[0-5][0-9]\s?(?:h|hrs)\b",
        accept=_not_a_schedule,
    ),
    _p(
        "time",
        rf"\bat{_GAP}(?:midnight|noon|[0-9]{{1,2}}{_GAP}in{_GAP}the{_GAP}(?:morning|night))\b",
        accept=_not_a_schedule,
    ),
    _p(
        "time",
        rf"\b(?:1[0-2]|[1-9]|{_NUMBER_WORD}){_GAP}o{_APOS}clock\b",
        accept=_not_a_schedule,
    ),
    # --- hints of when
    _p("relative-time", rf"\byesterday\b{_NOT_FRAMING}"),
    _p(
        "relative-time",
        rf"\b(?:last|this{_GAP}past|past){_GAP}(?:night|week(?:end)?|month|year|shift|evening"
        rf"|few{_GAP}(?:days|nights|weeks)|couple{_GAP}of{_GAP}(?:days|nights|weeks)"
        rf"|{_WEEKDAY}|{_MONTH})\b{_NOT_FRAMING}",
    ),
    _p("relative-time", rf"\bthis{_GAP}(?:morning|afternoon|evening)\b"),
    _p(
        "relative-time",
        rf"\b(?:earlier|later){_GAP}(?:today|tonight|this{_GAP}(?:week|morning|afternoon"
        rf"|evening|month))\b",
    ),
    _p("relative-time", rf"\bthe{_GAP}other{_GAP}(?:day|night|week)\b"),
    _p(
        "relative-time",
        rf"\b(?:{_COUNT}{_GAP})?(?:minutes?|hours?|days?|nights?|weeks?|months?){_GAP}ago\b",
    ),
    _p(
        "relative-time",
        rf"\b(?:an?|one|two|three|(?:a{_GAP})?few|(?:a{_GAP})?couple{_GAP}of){_GAP}years?{_GAP}ago\b",
    ),
    _p("relative-time", rf"\bover{_GAP}the{_GAP}(?:weekend|holidays?|bank{_GAP}holiday)\b"),
    _p(
        "relative-time",
        rf"\b(?:on|during|from){_GAP}(?:my|our|last|this){_GAP}"
        rf"(?:(?:night|overnight|late|weekend|evening|ED|ER|trauma|on-call|last|first|long"
        rf"|busy){_GAP}){{0,2}}(?:shift|call|on-call|nights|overnight)\b",
    ),
    _p(
        "relative-time",
        rf"\b(?:my|our){_GAP}(?:night|overnight|late|weekend|evening|on-call){_GAP}"
        rf"(?:shift|call|list)\b",
    ),
    _p(
        "relative-time",
        rf"\b(?:last{_GAP}night|yesterday|tonight|today){_APOS}s{_GAP}(?:shift|call|list|worklist"
        rf"|nights?)\b",
    ),
    _p("relative-time", rf"\bon{_GAP}{_WEEKDAY}\b{_NOT_FRAMING}", accept=_not_a_schedule),
    _p(
        "relative-time",
        rf"\b{_WEEKDAY}{_GAP}(?:night|overnight|shift|call)\b",
        accept=_not_a_schedule,
    ),
    _p(
        "relative-time",
        rf"\b{_WEEKDAY}{_GAP}(?:morning|afternoon|evening)\b",
        accept=lambda match: _not_a_schedule(match) and _said_of_a_case(match),
    ),
    _p(
        "relative-time",
        rf"\b(?:today|tonight|this{_GAP}(?:week|weekend|month))\b{_NOT_FRAMING}",
        accept=_said_of_a_case,
    ),
    _p(
        "relative-time",
        rf"\b(?:on|over|during|at){_GAP}(?:Christmas(?:{_GAP}(?:Eve|Day))?"
        rf"|New{_GAP}Year{_APOS}?s(?:{_GAP}(?:Eve|Day))?|Thanksgiving|Easter(?:{_GAP}(?:Sunday"
        rf"|Monday|weekend))?|Halloween|Boxing{_GAP}Day|Independence{_GAP}Day|Diwali|Hanukkah"
        rf"|Eid|Valentine{_APOS}?s(?:{_GAP}Day)?|Lab(?:o|ou)r{_GAP}Day|Memorial{_GAP}Day"
        rf"|{_SAINT}[^\W\d_]{{2,20}}{_APOS}?s?{_GAP}Day"
        rf"|the{_GAP}(?:bank{_GAP})?holiday)\b",
    ),
    _p(
        "relative-time",
        rf"\bin{_GAP}the{_GAP}(?:middle{_GAP}of{_GAP}the{_GAP}night|(?:wee|small|early)"
        rf"{_GAP}hours)\b",
    ),
    # --- exact ages
    _p(
        "age",
        r"(?<![\w.,/-])([0-9]{1,3})[\s-]{0,3}(?:(?:years?|yrs?|months?|mos?|weeks?|wks?|days?)"
        r"\.?[\s-]{0,3}old\b|yo[mf]?\b|y\.\s?o\b\.?|y/o\b|y\s?(?-i:[MF])\b)",
        accept=_at_most(120),
    ),
    _p(
        "age",
        rf"(?<![\w.,/-])([0-9]{{1,3}}){_GAP}years?{_GAP}of{_GAP}age\b",
        accept=_at_most(120),
    ),
    _p(
        "age",
        rf"\b{_NUMBER_WORD}[\s-]{{1,3}}(?:years?|months?|weeks?|days?)[\s-]{{1,3}}old\b",
    ),
    _p(
        "age",
        rf"\b(?:aged|age(?:{_GAP}of)?:?)\s{{0,3}}([0-9]{{1,3}})\b"
        r"(?!\s{0,2}(?:[-–+%]|to\b|(?:years?\s{1,3})?(?:and|or)\s{1,3}(?:over|older|above|up|under"
        r"|younger|below)\b))",
        accept=_one_patients_age,
    ),
    _p("age", r"(?<![\w.,/$£€#+-])([0-9]{1,3})(?-i:[MF])(?![\w/])", accept=_age_and_sex),
    _p("age", r"(?<![\w/])(?-i:[MF])\s?/\s?([0-9]{1,3})(?![\w/]|[.,][0-9])", accept=_at_most(110)),
    _p("age", r"(?<![\w./])([0-9]{1,3})\s?/\s?(?-i:[MF])(?![\w/])", accept=_at_most(110)),
    # --- record numbers
    _p(
        "record-number",
        rf"\b(?:MRN|MR\s?#|med(?:ical)?{_GAP}record(?:{_GAP}(?:number|no\.?|#))?"
        rf"|record{_GAP}(?:number|no\.?|#)|hospital{_GAP}(?:number|no\.?|#|ID)"
        rf"|patient{_GAP}(?:ID|number|no\.?|#)|pt\.?\s{{0,3}}(?:ID|#|no\.?)"
        rf"|acc(?:ession)?(?:\s{{0,3}}(?:number|no\.?|#|ID))?|NHS{_GAP}(?:number|no\.?|#)"
        rf"|chart{_GAP}(?:number|no\.?|#)|(?:study|exam){_GAP}(?:ID|#)|UR\s{{0,3}}(?:number"
        rf"|no\.?|#)|URN|CHI{_GAP}(?:number|no\.?)|SSN|DOB|d\.o\.b\.?)"
        r"\s{0,3}[:#=]?\s{0,3}(?:[A-Z]{1,3}[\s-]?)?[0-9](?:[0-9 /.-]{0,14}[0-9])?(?!\w)",
        accept=_enough_digits(3),
    ),
    _p(
        "record-number",
        r"(?<![\w.,/:#@=+$£€-])[0-9]{6,}(?![\w]|[.,][0-9])",
        accept=_a_record,
    ),
    # --- phone numbers
    _p(
        "phone",
        r"(?<![\w+])\+[0-9]{1,3}(?:[ .-]?\(?[0-9]{1,5}\)?){2,5}(?![\w])",
        accept=_enough_digits(8, 15),
    ),
    _p("phone", r"(?<![\w(+.-])\(?[0-9]{3}\)?[ .-]?[0-9]{3}[ .-][0-9]{4}(?![\w]|[.-][0-9])"),
    _p(
        "phone",
        r"(?<![\w+.-])0[0-9]{2,4}[ -][0-9]{3,4}[ -]?[0-9]{3,4}(?![\w]|[.-][0-9])",
        accept=_enough_digits(10, 12),
    ),
    # --- email
    _p(
        "email",
        r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}",
        accept=_an_email,
    ),
    # --- names after a title (case matters: MR, MS and DR are modalities and diseases)
    _p(
        "titled-name",
        rf"(?<![\w.])(?:Mr|Mrs|Ms|Mx|Miss|Dr|Prof)\b\.?[ \t]{{1,3}}"
        rf"(?P<name>[^\W\d_](?:\w|-|{_APOS}){{0,40}})",
        flags=0,
        accept=_a_name,
    ),
    # --- places named after a saint (case matters: ST is the ECG's segment)
    _p(
        "place-name",
        rf"(?<![\w.]){_SAINT}(?P<name>[^\W\d_](?:\w|-|{_APOS}){{0,40}})",
        flags=0,
        accept=_a_place,
    ),
)
_PRIORITY = {rule: index for index, rule in enumerate(RULES)}


def find_identifiers(text: str, *, local_words: Sequence[str] = ()) -> list[Finding]:
    """Every likely patient identifier in ``text``, sorted by where it starts.

    ``local_words`` are names to flag wherever they stand as whole words (local hospitals,
    wards, towns), in any case. The patterns read ``text`` as :func:`_as_read` folds it;
    every span is one of ``text`` itself.
    """
    read, where = _as_read(text)
    spans = [
        (pattern.rule, match.start(), match.end())
        for pattern in _PATTERNS
        for match in pattern.regex.finditer(read)
        if pattern.accept is None or pattern.accept(match)
    ]
    local = _local_words_pattern(local_words)
    if local is not None:
        spans.extend(("local-word", match.start(), match.end()) for match in local.finditer(read))
    found = []
    for rule, start, end in spans:
        first, last = where(start, end)
        found.append(Finding(rule, first, last, text[first:last], RULES[rule]))
    return _outermost(_listed_first(found))


Where = Callable[[int, int], tuple[int, int]]
# Read as "-": hyphens, the non-breaking hyphen, figure and en dashes, minus signs.
_DASHES = "\u2010\u2011\u2012\u2013\u2043\u2212\ufe63\uff0d"
# Read as nothing: the soft hyphen and the zero-width characters.
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_FOLDED = str.maketrans(dict.fromkeys(_DASHES, "-") | dict.fromkeys(_INVISIBLE, ""))


def _same(start: int, end: int) -> tuple[int, int]:
    return start, end


def _as_read(text: str) -> tuple[str, Where]:
    """``text`` as a reader sees it (NFKC, dashes as ``-``, digits as 0-9, invisible characters
    dropped), and the function that turns a span of that back into a span of ``text``.

    Each base character is folded with the combining marks that follow it, so every folded
    character comes from one piece of ``text``; a span covers the whole pieces it touches.
    """
    if text.isascii():
        return text, _same
    pieces: list[str] = []
    starts: list[int] = []  # where in text each folded character's piece starts
    ends: list[int] = []  # ... and ends
    start, length = 0, len(text)
    while start < length:
        end = start + 1
        while end < length and unicodedata.combining(text[end]):
            end += 1
        piece = _fold(text[start:end])
        pieces.append(piece)
        starts.extend([start] * len(piece))
        ends.extend([end] * len(piece))
        start = end
    return "".join(pieces), lambda first, last: (starts[first], ends[last - 1])


def _fold(piece: str) -> str:
    folded = unicodedata.normalize("NFKC", piece).translate(_FOLDED)
    if folded.isascii():
        return folded
    return "".join(str(unicodedata.decimal(char)) if char.isdecimal() else char for char in folded)


def _listed_first(findings: list[Finding]) -> list[Finding]:
    """The findings without a ``place-name`` that overlaps a ``local-word``: the person's own
    list names it better ("St Elsewhere" in "St Elsewhere's")."""
    local = [f for f in findings if f.rule == "local-word"]  # in order, none overlapping
    starts = [f.start for f in local]

    def listed(finding: Finding) -> bool:
        before = bisect_left(starts, finding.end) - 1  # the last local word starting before
        return before >= 0 and local[before].end > finding.start

    return [f for f in findings if f.rule != "place-name" or not listed(f)]


def _local_words_pattern(words: Sequence[str]) -> re.Pattern[str] | None:
    """One pattern for all the words, longest first; a space inside a phrase matches any
    spacing, and a straight apostrophe matches a curly one."""
    phrases = {tuple(_as_read(word)[0].split()) for word in words} - {()}
    if not phrases:
        return None
    spelled = "|".join(
        _spelled(phrase) for phrase in sorted(phrases, key=lambda p: len(" ".join(p)), reverse=True)
    )
    return re.compile(rf"(?<!\w)(?:{spelled})(?!\w)", _I)


_SAINT_WORDS = frozenset({"st", "st.", "saint"})


def _spelled(phrase: tuple[str, ...]) -> str:
    """A listed phrase as a pattern: any spacing between its words, either apostrophe, and St,
    St. or Saint for any of them (then with or without a space after "St.")."""
    spelled = ""
    for index, word in enumerate(phrase):
        last = index == len(phrase) - 1
        if word.lower() in _SAINT_WORDS:
            spelled += r"(?:st\.?|saint)" if last else rf"(?:st\.\s{{0,3}}|(?:st|saint){_GAP})"
            continue
        spelled += re.sub(_APOS, lambda _: _APOS, re.escape(word)) + ("" if last else _GAP)
    return spelled


def _outermost(findings: list[Finding]) -> list[Finding]:
    """The findings without any that lies inside another (on a tie, the earlier rule wins)."""
    ordered = sorted(findings, key=lambda f: (f.start, -f.end, _PRIORITY[f.rule]))
    kept: list[Finding] = []
    reach = -1
    for finding in ordered:
        if finding.end <= reach:
            continue
        kept.append(finding)
        reach = finding.end
    return kept
