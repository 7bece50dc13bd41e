"Session 9 (opener): sentences whose main clause sits behind an opener (04zj), through the whole offline writer."
import pytest
from docproc.qa import write_candidates
from docproc.qa_openers import opener_questions, peel_openers

def pairs(text):
    return [(c['question'], c['answer']) for c in write_candidates(text) if c['type'] != 'table']

@pytest.mark.parametrize('text,question,answer', [
    # us-007 (Head Start impact study): a scope phrase kept, after the bullet glyph a PDF left
    ('# Head Start Impact Study\n\n\uf06e At the end of 3rd grade, parents reported less aggressive and total problem '
     'behaviors for the Head Start group children.\n',
     'At the end of 3rd grade, what did parents report for the Head Start group children?',
     'less aggressive and total problem behaviors'),
    # us-007: `there was` + a qualifier: the weight of the evidence is the answer
    ('# Head Start Impact Study\n\nAt the end of 1st grade, there was suggestive evidence of a positive impact of '
     'access to Head Start on PPVT (vocabulary) scores.\n',
     'At the end of 1st grade, what evidence was there of a positive impact of access to Head Start on PPVT '
     '(vocabulary) scores?', 'suggestive evidence'),
    # us-007: a connective goes; the count is the answer (the other forms asked `What did two impacts persist?`)
    ('# Head Start Impact Study\n\nHowever, two impacts persisted related to children’s literacy skills.\n',
     'How many impacts persisted related to children’s literacy skills?', 'two'),
    # us-014 (NCLB accountability): a scope lead of a group kept, `Four` read as a count
    ('# State Accountability Systems\n\nOf the six states with post-NCLB accountability systems, four states '
     'identified different schools for improvement under the state system than under NCLB.\n',
     'Of the six states with post-NCLB accountability systems, how many states identified different schools for '
     'improvement under the state system than under NCLB?', 'four'),
    # us-014: a connective before a share
    ('# State Accountability Systems\n\nFor example, only 2 percent of schools that were identified for improvement '
     'under NCLB were identified as high-performing under a state or district accountability system.\n',
     'What percentage of schools that were identified for improvement under NCLB were identified as high-performing '
     'under a state or district accountability system?', '2 percent'),
    # us-028 (campus attacks): a remark (`Of note`) goes, a scope with no comma before `there` stays
    ('# Who were the subjects?\n\nOf note, among the cases there were three subjects who carried out multiple attacks '
     'on the same campus within a one to two month timeframe.\n',
     'Among the cases, how many subjects carried out multiple attacks on the same campus within a one to two month '
     'timeframe?', 'three'),
    # us-025 (heart disease report): a concession goes from the question, stays in the evidence
    ('# Community guides\n\nAlthough there are no community guides for cardiovascular disease as a whole or heart '
     'disease, stroke, hypertension, or cholesterol in particular, the Guide to Community Preventive Services topic '
     'areas include diabetes, nutrition, physical activity, tobacco, and obesity (26).\n',
     'What do the Guide to Community Preventive Services topic areas include?',
     'diabetes, nutrition, physical activity, tobacco, and obesity (26)'),
])
def test_main_clause_asked(text, question, answer):
    ps = pairs(text)
    assert (question, answer) in ps, ps

def test_concession_stays_in_evidence():
    s = ('Although there are no community guides for cardiovascular disease as a whole, the Guide to Community '
         'Preventive Services topic areas include diabetes, nutrition, physical activity, tobacco, and obesity (26).')
    (c,) = opener_questions(s)
    assert c['evidence'] == s and 'Although' not in c['question']

@pytest.mark.parametrize('sent', [
    # us-030: a pointer subject behind the opener (`this report`): 04o names pointers, not this chapter
    'In light of these results, this report details several recommendations for maximizing the fuel savings.',
    # us-027: a pointer inside the subject would be lost in the question
    'Although murder represents the second smallest percentage of crimes reported by campus officials, the prevention '
    'of these types of crimes is a priority among IHE officials.',
    # us-007: no qualifier on the evidence: nothing to ask but a yes/no echo
    'However, there was an impact on Oral Comprehension at the end of 1st grade.',
    # eu-012: a list item cut from its lead is no main clause
    '- expand opportunities to study general and vocational subjects simultaneously in post-compulsory schooling;',
    # two sentences glued by a layout seam
    'However, certain southern states with high CHD rates also had high stroke rates. he findings in this report are '
    'subject to at least three limitations.',
])
def test_not_asked(sent):
    assert opener_questions(sent) == []

def test_no_opener_left_alone():
    "A sentence that opens with its subject is not this chapter's: nothing is peeled."
    assert peel_openers('The Finnish education system consists of nine-year basic education.') is None
    assert opener_questions('The Finnish education system consists of nine-year basic education.') == []

def test_chain_comes_back_once():
    "The chain on a main clause calls `prose_questions`, which calls this chapter again: no recursion."
    s = 'There is no formal qualification requirement for trainers, and there are no courses for them either.'
    assert isinstance(opener_questions(s), list)
    assert isinstance(write_candidates('# Trainers\n\n' + s + '\n'), list)
