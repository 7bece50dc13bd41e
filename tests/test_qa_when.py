"Session 9 (when): dated events asked `when`, dated counts asked with the date kept (04zh), on real sentences."
import pytest
from docproc.qa import write_candidates
from docproc.qa_when import time_lead, when_question, scoped_question, when_questions

def pairs(text):
    return [(c['question'], c['answer']) for c in write_candidates(text) if c['type'] != 'table']

@pytest.mark.parametrize('text,question,answer', [
    # us-028 (campus violence report): an incident's date opens the sentence; the clock time is left out (not stitched)
    ('On October 28, 2002, a 41-year-old student entered a college building shortly before 8:30 a.m., looking for '
     'three instructors.', 'When did a 41-year-old student enter a college building looking for three instructors?',
     'On October 28, 2002'),
    # us-028: an adverb before the verb stays with it; the trailing `allegedly after …` is cut at the comma
    ('On October 13, 2008, a 62-year-old, part-time librarian fatally shot a fellow full-time librarian, allegedly '
     'after a dispute the previous night over “work ethic.”',
     'When did a 62-year-old, part-time librarian fatally shoot a fellow full-time librarian?', 'On October 13, 2008'),
    # us-028: a relative clause set off by a comma is dropped from the subject
    ('On October 10, 1993, a 16-year-old male who was not affiliated with the affected IHE, detonated a pipe bomb '
     'outside the dorm room of two black students.',
     'When did a 16-year-old male detonate a pipe bomb outside the dorm room of two black students?',
     'On October 10, 1993'),
    # us-028: `Beginning in` dates a series of events
    ('Beginning in December 1991, a 35-year-old former student, who had graduated 6 years prior, carried out two '
     'sniper-style attacks on his old campus.',
     'When did a 35-year-old former student carry out two sniper-style attacks on his old campus?',
     'Beginning in December 1991'),
    # python3-dbus NEWS (a Debian package's document, not in the real-world set): a date closing the main clause;
    # a name with a version keeps its capital
    ('Python 3.4 security support ended in March 2019.', 'When did Python 3.4 security support end?', 'in March 2019'),
    # findutils NEWS: a passive, its aside dropped from the question
    ('The old database format was deprecated in 2007 (and updatedb has warned about this since that time).',
     'When was the old database format deprecated?', 'in 2007'),
])
def test_event_asked_when(text, question, answer):
    c = when_question(text)
    assert c and (c['question'], c['answer']) == (question, answer), c

@pytest.mark.parametrize('text,question,answer', [
    # eu-018 (zoonoses report): the one member of a group, the year kept as the question's scope
    ('In 2007, only Italy out of the four reporting MSs found samples of fresh bovine meat positive for Campylobacter '
     'at retail (2.4%).', 'In 2007, which of the four reporting MSs found samples of fresh bovine meat positive for '
     'Campylobacter at retail?', 'only Italy'),
    # us-001 (disability report): a part of a whole, the closing year moved to the front
    ('Approximately 1.3 million of the 40.4 million people aged 65 and older were living in nursing facilities '
     'in 2010.',
     'In 2010, how many of the 40.4 million people aged 65 and older were living in nursing facilities?',
     'Approximately 1.3 million'),
    # us-022 (IP enforcement report): a count of what a named agency did in a fiscal year
    ('In FY 2011, the FBI initiated 235 investigations and made 93 arrests, secured 79 indictments, and obtained 79 '
     'convictions.', 'In FY 2011, how many investigations did the FBI initiate?', '235'),
    # us-025 (CDC report): an identity scoped by its year, the subject the answer
    ('In 2006, stroke was the underlying cause of death for 137,119 persons; the age-adjusted mortality rate was 43.6 '
     'per 100,000 standard population (Table 1).',
     'In 2006, what was the underlying cause of death for 137,119 persons?',
     'stroke'),
    # us-026 (USGS minerals yearbook): a cause scoped by its year
    ('During 2009, downturns in the U.S. manufacturing sector, owing to the impacts of the global economic recession, '
     'caused modest decreases in U.S. manufactured abrasives production and consumption.',
     'During 2009, what caused modest decreases in U.S. manufactured abrasives production and consumption?',
     'downturns in the U.S. manufacturing sector, owing to the impacts of the global economic recession'),
    # us-014 (NCLB accountability report): a school year's count
    ('By 2006–07, a total of 27 states had accountability requirements beyond NCLB.',
     'By 2006–07, how many states had accountability requirements beyond NCLB?', 'a total of 27'),
])
def test_fact_scoped_by_date(text, question, answer):
    c = scoped_question(text)
    assert c and (c['question'], c['answer']) == (question, answer), c

@pytest.mark.parametrize('text', [
    'On December 12, 1991, the subject fatally shot a janitor in an auditorium.',         # us-028: `the subject`
    'Then on January 29, 1992, he shot and wounded a female graduate student as she waited in a building.',  # `he`
    'The system became a part of the unit price determination in 2006.',                # eu-014: `the system`
    'It was renewed 1999.',                                                             # eu-012: `it`
    'Extensive discussions were held in 2005, leading eventually to the establishment of the JASPERS initiative.',
    # us-028: a list of events: its first part alone would be an incomplete question
    'On December 14, 1992, an 18-year-old student killed one professor, one student, and wounded four others in a '
    'random sweep across campus.',
    # us-001-scan: two dates, no single frame
    'Between 2005 and 2010, disability rates decreased for people 55 to 64 years old.',
    # a unit cut from its sentence's start: the number is not the count of the subject
    '303.9 million in the civilian noninstitutionalized population had a disability in 2010.',
    # tesseract README: a present-tense state before the dated verb; a Markdown link in the predicate
    'Major version 5 is the current stable version and started with release [5.0.0](https://github.com/tesseract-ocr/'
    'tesseract/releases/tag/5.0.0) on November 30, 2021.',
    # us-014: the closing school year dates the plan's implementation, not the report
    'One other state reported plans to implement an accountability system beyond NCLB in 2007–08.',
    # a cause that is not named: which policy?
    'In 2010, the new policy led to a rise in enrolment.',
    'In 2004, this was the main reason for the change.',
    # ed AUTHORS: a title line with a dash, no subject
    'GNU ed THANKS file - last updated on 15 November 1994.',
    # a citation's year is no date of an event
    'Age-adjustments followed the methodology described in Anderson and Rosenberg (1998).',
    # us-026: a subordinate clause opens the sentence
    'As the world and the United States slowly began to recover from the global economic recession during 2010, U.S. '
    'manufactured abrasives production and consumption increased.',
])
def test_not_asked(text):
    assert when_questions(text) == [], when_questions(text)

def test_clause_with_its_own_date():
    "eu-012 (Finnish education report): the clause after `but` opens with its own date; the answer keeps its case."
    s = ('In the 1980s growth was stable but, at the beginning of the 1990s, the Finnish national economy was hit by '
         'the worst depression since the war.')
    c, = when_questions(s)
    assert (c['question'], c['answer'], c['evidence']) == \
        ('When was the Finnish national economy hit by the worst depression since the war?',
         'at the beginning of the 1990s', s)

def test_subject_named_from_the_sentence_before():
    "us-028: `the subject` is the dated actor of the sentence before; the evidence spans both sentences."
    before = ('Beginning in December 1991, a 35-year-old former student, who had graduated 6 years prior, carried out '
              'two sniper-style attacks on his old campus. ')
    s = 'On December 12, 1991, the subject fatally shot a janitor in an auditorium.'
    c = when_question(s, before)
    assert (c['question'], c['answer']) == \
        ('When did the 35-year-old former student fatally shoot a janitor in an auditorium?', 'On December 12, 1991')
    assert c['evidence'] == before.strip() + ' ' + s
    assert when_question(s, 'The campus has three libraries. ') is None     # nothing to name it from

def test_time_lead():
    assert time_lead('In FY 2011, ICE HSI opened 1,212 intellectual property investigations.') == \
        ('In FY 2011', 'ICE HSI opened 1,212 intellectual property investigations')
    assert time_lead('Data was collected through 2008 and projected for 2009.') is None

def test_writer_asks_through_the_chain():
    "The writer reaches 04zh's forms through `prose_questions` (04e) for a sentence no earlier form asks about."
    text = ('# Incidents\n\nOn December 11, 1949, a 24-year-old student strangled his girlfriend, a fellow student, '
            'after a fraternity party at an off-campus men’s rooming house.\n')
    assert ('When did a 24-year-old student strangle his girlfriend?', 'On December 11, 1949') in pairs(text)
