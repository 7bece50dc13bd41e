"Session 8 (generic): subjects a reader cannot identify, yes/no echoes, running headers (04x), on real sentences."
from docproc.qa import write_candidates, subject_question
from docproc.qa_generic import generic_subjects, the_subject, bare_subject, echo_yes_no, running_header

def questions(text):
    return [c['question'] for c in write_candidates(text) if c['type'] != 'table']

def test_bare_plural_subject_not_asked():
    # eu-008 (EIB/JASPERS background): discussions about what? nothing before says
    text = ('The Bank had been participating for many years with the provision of occasional expert appraisal advice '
            'at the request of the Commission, and it was the desire of both parties to continue to strengthen that '
            'cooperation. Extensive discussions were held in 2005, leading eventually to the establishment of the '
            'JASPERS initiative.')
    qs = questions(text)
    assert not [q for q in qs if q.lower().startswith('when were extensive discussions')], qs
    # not only absent: 04x drops the question the writer asks of it, and keeps it once the subject is named
    ev = 'Extensive discussions were held in 2005, leading eventually to the establishment of the JASPERS initiative.'
    c = dict(question='When were extensive discussions held?', answer='in 2005', type='factual', evidence=ev)
    assert generic_subjects([c], text) == []
    named = dict(c, question='When were discussions on the JASPERS initiative held?')
    assert generic_subjects([named], text) == [named]

def test_bare_mass_subject_not_asked():
    # us-019 (projections of education statistics): calculations of what?
    text = ('No MAPEs are presented for degrees conferred as the current models used for producing these projections '
            'have only been used for two other editions of Projections of Education Statistics. '
            'Calculations were made using unrounded numbers.')
    qs = questions(text)
    assert not [q for q in qs if 'calculations' in q.lower() and 'unrounded' not in q.lower()], qs
    c = dict(question='How were calculations made?', answer='using unrounded numbers', type='factual',
             evidence='Calculations were made using unrounded numbers.')
    assert generic_subjects([c], text) == []

def test_bare_subject_named_from_heading():
    text = '## 5.3. Labour market training\n\nTraining is funded by the Ministry of Labour.'
    cands = [dict(question='How is training funded?', answer='by the Ministry of Labour', type='factual',
                  evidence='Training is funded by the Ministry of Labour.')]
    assert [c['question'] for c in generic_subjects(cands, text)] == ['How is labour market training funded?']

def test_echo_yes_no_dropped():
    # eu-011 (EFSM box) and eu-012 (Finland): yes/no questions the sentence answers by being read out
    for text, start in [('The funds will be lent to countries under strict conditionality laid out by the board of '
                         'directors.', 'will the funds'),
                        ('In international comparisons, the level of education of the Finns is relatively high.',
                         'in international comparisons, is')]:
        qs = questions(text)
        assert not [q for q in qs if q.lower().startswith(start)], qs
        # not only absent: the echo the yes/no form writes is what 04x finds
        body = text[0].lower() + text[1:-1] if not text.startswith('In ') else text[:-1]
        q = ('Will the funds be lent to countries under strict conditionality laid out by the board of directors?'
             if start == 'will the funds' else
             'In international comparisons, is the level of education of the Finns relatively high?')
        assert echo_yes_no(dict(question=q, answer='Yes: ' + body, evidence=text))

def test_yes_no_with_scope_word_kept():
    # eu-013 (VET teachers): `always` is what a reader could get wrong (judged useful in seed 7311)
    c = dict(question='Is vocational teacher education always consecutive?',
             answer='Yes: vocational teacher education is always consecutive',
             evidence='Vocational teacher education is always consecutive.')
    assert not echo_yes_no(c)
    debris = 'Households with high (low) financial literacy are (not) able to answer all questions correctly.'
    assert echo_yes_no(dict(question='Are households with high financial literacy able to answer all questions?',
                            answer='Yes: ' + debris, evidence=debris))

def test_the_subject_named_or_not_asked():
    before = 'In 2008, Congress passed the 2008 amendment to the Clery Act. '
    assert the_subject('What does the amendment require?', before) == \
        'What does the 2008 amendment to the Clery Act require?'
    two = 'The chi-square null hypothesis is stated first. The ANOVA null hypothesis comes next. '
    assert the_subject('What does the null hypothesis specify?', two) is None
    assert bare_subject('What do universities offer?', 'Polytechnics provide degree programmes. ') is None

def test_running_header_is_no_section():
    # us-010 (GSA OCSIT annual report): the page header came out of ingest as a heading
    assert running_header('16 FY 2011 GSA • OCSIT ANNUAL REPORT')
    q = subject_question('What does FCS enable?', ('16 FY 2011 GSA • OCSIT ANNUAL REPORT',), 'us-010.pdf')
    assert q == 'In us-010.pdf, what does FCS enable?', q
    q = subject_question('What does FCS enable?', ('Data.gov',), 'us-010.pdf')
    assert 'under “Data.gov”' in q, q

def test_dated_echo_asked_for_its_date():
    # eu-014 (Finnish VET funding): the yes/no echo becomes a question for its date
    text = ('Performance-based funding was introduced in 2002 when education providers were granted separate state '
            'subsidies based on their performance. Decentralisation of educational administration has been a key '
            'aspect of education policy since the 1990s.')
    pairs = {c['question']: c['answer'] for c in write_candidates(text) if c['type'] != 'table'}
    assert not [q for q in pairs if q.startswith(('Has decentralisation', 'Was performance-based'))], pairs
    assert pairs.get('Since when has decentralisation of educational administration been a key aspect of education '
                     'policy?') == 'since the 1990s', pairs

def test_compound_and_qualified_subjects_stand():
    # apt README (bug triage), eu-014 (EU funding), eu-012 (Finland): no bare subject here
    for q in ('Besides bugs in APT, what can incoming bug reports be?',
              'What has funding received from the European Union diversified?',
              'In early 1990, to what level did unemployment rise?',
              'In apprenticeship training, where do apprentices work?',
              # eu-026 (SAVE): a compound subject; eu-021 (student survey): a comparison of groups
              'What is average simulated loss relative to financial wealth at the end of 2007?',
              'Do females appear to be more satisfied with their weight than males?'):
        assert bare_subject(q, 'Nothing before names it. ') == q
    assert bare_subject('Do students receive financial aid for full-time studies?', 'Nothing before. ') is None
    # apt README: a reason asked of the manual's own subject stands; a section about the noun names it
    q = 'Why do packages have to be installed in a particular order?'
    assert bare_subject(q, 'Nothing before. ') == q
    assert bare_subject('What do universities offer?', '', '# Universities') == 'What do universities offer?'
    assert bare_subject('What do universities offer?', '', '# Higher education') is None
