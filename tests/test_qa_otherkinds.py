"Session 8's precision rules must not misfire on other kinds of document (manuals, READMEs): a reviewer's cases."
from docproc.qa_spans import whole_span
from docproc.qa_fragments import _NOTE_PAR
from docproc.qa_trivia import total_by_construction, trivia_aside
from docproc.qa_trends import weak_condition
from docproc.qa_grammar import grammar_fault

def test_what_does_x_do_keeps_all_it_does():
    a = 'reads the configuration file and creates a socket'
    assert whole_span('What does the daemon do?', a) == a
    # a second predicate the question does not ask is still cut (us-023)
    assert whole_span('On what are HALex scores based?', 'assumptions and are described elsewhere') == 'assumptions'

def test_capitalised_paragraphs_are_no_footnotes():
    assert not _NOTE_PAR.match('A pump that runs dry overheats.') and not _NOTE_PAR.match('I recommend the default.')
    assert _NOTE_PAR.match('a Missouri reported no cases.') and _NOTE_PAR.match('Sources: EFSA, 2007.')
    assert _NOTE_PAR.match('SOURCE: survey data')

def test_a_plain_total_of_100_is_a_count():
    assert not total_by_construction({'question': 'What is the total number of schools in Malta?', 'answer': '100'})
    assert total_by_construction({'question': 'In Exhibit 2.3, what is the value under “Total” for “Control”?',
                                  'answer': '100%'})

def test_manual_sentences_are_no_trivia():
    for s in ['The values are obtained from the FOO_HOME environment variable when it is set.',
              'A red dot means the node is offline.', 'TLS = transport layer security.']:
        assert trivia_aside(s) is None, s
    assert trivia_aside('NA indicates that no data were collected for this outcome.') == 'legend'
    assert trivia_aside('Numbers shown for 2006-08 were taken from the aggregate data for 2006-08.') == 'source_line'

def test_short_manual_conditions_stay_for_the_factual_writer():
    assert not weak_condition('unset', 'the default port 8080 is used', strict=False)
    assert weak_condition('yes', 'go to question 5', strict=False)

def test_since_as_an_adverb_is_grammatical():
    assert not grammar_fault('What has since replaced the old protocol?')
    assert grammar_fault('In us-031a.pdf, what may because fleets have?')
