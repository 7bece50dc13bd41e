"Session 9 (numq): sentences that state a quantity get a question asking for it (04zg), on real report sentences."
import pytest
from docproc.qa import write_candidates
from docproc.qa_numbers import number_questions

def pairs(text):
    return [(c['question'], c['answer']) for c in write_candidates(text) if c['type'] != 'table']

@pytest.mark.parametrize('text,question,answer', [
    # eu-026 (household losses in the crisis): a currency word as the unit, a participle in the subject
    ('The average loss reported by households conditional on reporting a loss is 13,153 Euros.',
     'What is the average loss reported by households conditional on reporting a loss?', '13,153 Euros'),
    # eu-026: a share of a thing after a fronted condition
    ('Conditional on suffering a loss, households lost about 18.6% of their gross financial wealth.',
     'Conditional on suffering a loss, what share of their gross financial wealth did households lose?', 'about 18.6%'),
    # eu-026: a `who` clause in the subject; `only` is no part of the figure
    ('However, the loss of households who sold all their assets is only around 9,000 Euros.',
     'What is the loss of households who sold all their assets?', 'around 9,000 Euros'),
    # eu-017 (zoonoses report): a spelled-out share of a counted group
    ('Forty-six percent of 194,563 Campylobacter isolates were not speciated or were unknown.',
     'What share of the 194,563 Campylobacter isolates were not speciated or were unknown?', 'Forty-six percent'),
    # us-022 (IP enforcement report): counts of nouns behind a bullet's label, each its own question
    ('ｲ FBI: In FY 2011, the FBI initiated 235 investigations and made 93 arrests, secured 79 indictments, and '
     'obtained 79 convictions In FY 2010, the FBI opened 218 investigations and had 66 arrests.',
     'In FY 2011, how many arrests did the FBI make?', '93'),
    ('ｲ FBI: In FY 2011, the FBI initiated 235 investigations and made 93 arrests, secured 79 indictments, and '
     'obtained 79 convictions In FY 2010, the FBI opened 218 investigations and had 66 arrests.',
     'In FY 2010, how many investigations did the FBI open?', '218'),
    # us-001 (disability report): a group's count, its parenthesised share with the answer
    ('About 12.3 million people aged 6 years and older (4.4 percent) needed assistance with one or more activities of '
     'daily living (ADLs) or instrumental activities of daily living (IADLs).10',
     'How many people aged 6 years and older needed assistance with one or more activities of daily living (ADLs) or '
     'instrumental activities of daily living (IADLs)?', 'About 12.3 million (4.4 percent)'),
    # us-025 (CDC heart disease report): a range, the OCR-glued next sentence (`he median …`) its own question
    ('Stroke mortality rates ranged from 29.7 deaths per 100,000 population (New York) to 58.8 per 100,000 (Arkansas). '
     'he median stroke rate was 44.3 per 100,000 population (Wisconsin).',
     'What was the range of stroke mortality rates?',
     'from 29.7 deaths per 100,000 population (New York) to 58.8 per 100,000 (Arkansas)'),
    # us-023 (health disparities report): `N of the M …`
    ('Only eight of the 22 topics include health disparities by disability status.',
     'How many of the 22 topics include health disparities by disability status?', 'eight'),
    # us-013 (alternate assessments): the first count of two, the citation cut
    ('In 1999–2000, 12 states had alternate assessments in place, and 35 were in the process of developing them '
     '(Goertz and Duffy, 2001).', 'In 1999–2000, how many states had alternate assessments in place?', '12'),
    # us-014 (state accountability): a share of a group described by a relative clause
    ('Conversely, only 3 percent of schools that were not identified by the NCLB system received a separate state '
     'designation as low-performing (see Exhibit 19).',
     'What percentage of schools that were not identified by the NCLB system received a separate state designation as '
     'low-performing?', '3 percent'),
    # eu-026 (financial literacy): two shares of one group
    ('4.3% of the respondents answer none of the questions correctly and 11.2% give six correct answers.',
     'What percentage of the respondents give six correct answers?', '11.2%'),
    # eu-019 (brucellosis): `for N of the …`
    ('The suspected vehicle of transmission was reported for 306 of the confirmed cases, however in 251 of these '
     'cases the vehicle was reported as unknown.',
     'For how many of the confirmed cases was the suspected vehicle of transmission reported?', '306'),
    # us-020 (PIRLS methods): an appositive figure
    ('The overall response rate for the United States, 76.6 percent without substitute schools, meets this '
     'requirement.', 'What is the overall response rate for the United States?',
     '76.6 percent without substitute schools'),
    # eu-012 (Finnish education): a value said to be high
    ('However, youth unemployment is still relatively high (20.1 %).', 'How high is youth unemployment?', '20.1 %'),
    # us-001 (disability report): `N of the M million …`; a value `5 times as large (30.2 percent)`
    ('Approximately 1.3 million of the 40.4 million people aged 65 and older were living in nursing facilities in '
     '2010.',
     'How many of the 40.4 million people aged 65 and older were living in nursing facilities in 2010?',
     'Approximately 1.3 million'),
    ('The percentage needing assistance for those aged 80 and older was about 5 times as large (30.2 percent).',
     'How large was the percentage needing assistance for those aged 80 and older?', '30.2 percent'),
    # us-020 (PIRLS methods): a change by a count of a noun, its breakdown kept
    ('In total, the pool of 14,253 sampled students was reduced by 999 students (830 excluded and 169 withdrawn) to '
     'yield 13,254 “eligible” students.', 'By how much was the pool of 14,253 sampled students reduced?',
     '999 students (830 excluded and 169 withdrawn)'),
    # eu-014 (Finnish VET funding): two sources of a sum, each its own question
    ('National funding comes from the national budget (EUR 540 million) and from the municipal sector (EUR 85 '
     'million).', 'How much national funding comes from the municipal sector?', 'EUR 85 million'),
])
def test_number_forms(text, question, answer):
    assert (question, answer) in pairs(text)

@pytest.mark.parametrize('text', [
    '3.8% lost a fraction of wealth higher than 10% of all assets.',             # eu-026: who lost? not named here
    'The median loss is 5,000 Euros.',                                           # eu-026: names too little alone
    '303.9 million in the civilian noninstitutionalized population had a disability in 2010.',   # us-001: no noun
    'The rates for other age groups varied between 32 and 53 cases per population of 100,000 (Figure CA3).',  # other?
    'account statistics of the Deutsche Bundesbank is 3,105 Euros.',             # eu-026: a cut line, no subject
    'Conditional on reporting a loss the average simulated loss is 10,692 Euros, i.e. the value is below',
    # us-022: a list of agencies read as the group, and a glued sentence
    'Nine partner agencies including criminal investigative agencies from the DOD and NASA as well as the FBI, '
    'ICE HSI, and CBP launched Operation Chain Reaction This is a coordinated initiative.',
    # us-001-scan: OCR debris in the predicate
    "About 12.3 million people aged 6 years and older (4.4 percent) needed assistance with one or more activities of "
    "daily living (ADLs) or activities 7 instrumental Wit of daily living (IADLs).'°",
    # us-001-scan: a line cut from its subject (`The percentage needing assistance for …`)
    'those aged 80 and older was about 5 times as large (30.2 percent).',
    # other kinds of document: a changelog's issue ids and a version number are no counts, `8 bit` no group
    '- #2748 construct properties always trigger the deprecated property warning',
    '794284 Support whitespace stripping for JSON resources',
    '1.05 Oct-14-1996 Interface changes based on feedback.',
    '* 8 bit characters are now supported.',
    'Also add support for tune2fs to properly handle the older version 0 quota files.',
    'Passes over 92% of the DAWG SPARQL Test Suite.',
])
def test_not_asked(text):
    assert number_questions(text) == []

def test_ocr_quote_cut():
    # us-001-scan: `2010.'` is the OCR of a footnote mark, not part of the question
    qs = number_questions("Approximately 1.3 million of the 40.4 million people aged 65 and older were living in "
                          "nursing facilities in 2010.'")
    assert [q['question'] for q in qs] == ['How many of the 40.4 million people aged 65 and older were living in '
                                           'nursing facilities in 2010?']

def test_clause_after_semicolon_not_asked():
    # us-025: `the age-adjusted mortality rate` after `;` is CHD's: asked alone it would be anyone's
    s = ('In 2006, CHD was the underlying cause of death for 425,425 persons (all ages) in the United States; the '
         'age-adjusted mortality rate was 135.0 deaths per 100,000 standard population (Table 1).')
    assert not any(q['answer'].startswith('135.0') for q in number_questions(s))

def test_lists_kept_whole():
    # us-014: `the standards, assessment, and improvement targets` is one list, not a second clause
    qs = number_questions('Three themes are apparent in state policy responses to the standards, assessment, and '
                          'improvement targets required by NCLB.')
    assert [q['question'] for q in qs] == ['How many themes are apparent in state policy responses to the standards, '
                                           'assessment, and improvement targets required by NCLB?']
