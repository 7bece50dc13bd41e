"Issue 17: the subject-verb-object fallback of 04l on real sentences of reports and manuals that no other form asks."
import pytest
from docproc.qa_fallback import fallback_questions, svo_question
from docproc.qa_clause import prose_questions

def qa(sent, before=''):
    out = fallback_questions(sent, before)
    return (out[0]['question'], out[0]['answer']) if out else None

@pytest.mark.parametrize('sent,q,a', [
    # eu-013 (Cedefop report on Finland): a determined subject, its object
    ('The State funds 90 % of the costs of certificate-oriented vocational further education and training.',
     'What does the State fund?',
     '90 % of the costs of certificate-oriented vocational further education and training'),
    # us-010 (GSA annual report): a proper name; the answer stops before `, which …`
    ('Data.gov increases public access to high-value data sets, which the federal government has generated.',
     'What does Data.gov increase?', 'public access to high-value data sets'),
    # eu-013: a passive with a preposition, asked of a person or institution
    ('Labour market training may be purchased from a licensed organisation such as a university, a polytechnic or '
     'another appropriate education provider.', 'From whom may labour market training be purchased?',
     'a licensed organisation such as a university, a polytechnic or another appropriate education provider'),
    # eu-013: a passive with its agent, asked in the active voice
    ('Labour market training is governed by Act 1295/2002 on the public employment service which states that each '
     'registered job-seeker is to have an individual job-seeking plan.', 'What governs labour market training?',
     'Act 1295/2002 on the public employment service'),
    # us-007 (Head Start report): a negative existential becomes a yes/no question with the sentence as its answer
    ('There were no impacts for 4-year-olds in the cognitive domain at the end of kindergarten.',
     'Were there any impacts for 4-year-olds in the cognitive domain at the end of kindergarten?',
     'No: there were no impacts for 4-year-olds in the cognitive domain at the end of kindergarten'),
    # eu-013: a connective goes, a bare plural subject with a sure verb
    ('Nevertheless, universities organise separate master’s programmes mainly intended for those who have already '
     'completed a higher education degree.', 'What do universities organise?',
     'separate master’s programmes mainly intended for those who have already completed a higher education degree'),
    # systemd UIDS-GIDS.md: a modal and a code name as the subject
    ('The `nss-systemd` glibc NSS module will synthesize user database records for the UIDs 0 and 65534 if the system '
     'user database doesn\'t list them.', 'What will the `nss-systemd` glibc NSS module synthesize?',
     'user database records for the UIDs 0 and 65534 if the system user database doesn\'t list them'),
    # us-020 (PIRLS report) and us-013: a count that opens the sentence, its lead kept
    ('In 1999–2000, 12 states had alternate assessments in place, and 35 were in the process of developing them '
     '(Goertz and Duffy, 2001).', 'In 1999–2000, how many states had alternate assessments in place?', '12'),
    ('Some 1,257 classrooms were selected as a result of this process.', 'How many classrooms were selected?',
     'Some 1,257'),
    # eu-013: the number is the fact, so it is what is asked
    ('About 40 vocational adult education centres provide vocational further education and training.',
     'How many vocational adult education centres provide vocational further education and training?', 'About 40'),
    # iso-codes README: `project` before `uses` is a noun
    ('The iso-codes project uses the Weblate translation service as the primary way of managing translations.',
     'What does the iso-codes project use?',
     'the Weblate translation service as the primary way of managing translations'),
    # libcups2 README: `cups` before `installation includes` is part of a compound noun
    ('A standard cups installation includes avahi-daemon and cups-browsed.',
     'What does a standard cups installation include?', 'avahi-daemon and cups-browsed'),
    # git README.md: a place
    ('The mailing list archives are available at <https://lore.kernel.org/git/>, <http://marc.info/?l=git> and other '
     'archival sites.', 'Where are the mailing list archives available?',
     'at <https://lore.kernel.org/git/>, <http://marc.info/?l=git> and other archival sites'),
])
def test_fallback_asks(sent, q, a):
    assert qa(sent) == (q, a)

@pytest.mark.parametrize('sent', [
    'These centres are publicly funded and they need permission from the Ministry of Education.',   # a pointer
    'Figure 3.10 shows the share of students who think they are overweight.',                        # a caption
    'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec',                                                # axis debris
    '- develop social benefits for adult students and retention of fees charged for adult education.',  # list debris
    'Testsuite fixes for Tru64 Unix.',                           # libffi's release note: a noun phrase, not a clause
    'Many new test cases and bug fixes.',
    'Different groups apply for labour market training based on their own needs.',                     # a vague subject
    'Vocational further education and training does not necessarily lead to a formal qualification.',  # a negation
    'In contrast, the early favorable social emotional impacts reported by parents for the 3-year-old cohort '
    'continued into early elementary school.',                   # `reported by` is a participle, not the verb
    'In-service training is required to be considered as feasible and reasonable from the point of view of both '
    'contracting parties.',                                      # `to be considered`: an infinitive, not a place
    'The number of days required for in-service training varies from one to five per school year.',     # a range
    'About 64% of the students think they have the right weight.',   # the answer would open with a pronoun
    'However, most candidates have taken part in some preparatory training.',   # `take part`: an idiom
    'Most special needs teachers work at vocational special institutions.',    # `needs` is no verb here
    'A layer must exist above libffi that handles type conversions.',           # an intransitive verb
    'Data.gov empowers the public by fundamentally changing the way government shares its data.',   # `the public`
    'The `nss-systemd` module will synthesize user records for all dynamic users from this range.',  # `this range`
    'NCLB places great emphasis on the inclusion of all students in statewide assessments.',  # a light verb
    'Libffi has been ported to many different platforms.',      # a vague answer
    'In 2005, 30 percent of students were enrolled in a programme.',   # a share, not a count
    # READMEs in /usr/share/doc (not in any QA set): the guards these showed
    "But I've never heard anything even remotely close to passing a non-const var.",   # gcc: `But I've` is no subject
    'Given enough time the occasional duplicate enters the system as well.',   # apt: a participle lead, no comma
    'The code got changed to emit errors.',                      # dpkg: `got changed` is a passive
    'The release managers asked me not to touch /etc/issue.',    # base-files: first person
    'A. The codename is a little bit more informative.',         # base-files: an enumerator glued to the subject
    'The first time gpg needs a secret key it checks whether a file exists.',   # gnupg: a clause without a comma
    'Software tools like APT have a steady flow of incoming bug reports.',     # apt: `like` is no verb
    'Reads are performed by direct access to the on-disk database.',           # dconf: `by` a means, not an agent
    'There is however a restriction.',                           # libc6: too little to ask
    'The sample programs zread.c, sub.c and add.c in subdirectory sample are provided as examples.',  # gzip
    'The students familiarise themselves with the underlying social factors.',  # a reflexive object
    'The Commission (DG REGIO) therefore called for more technical assistance to be provided to the national '
    'authorities.',                                              # eu-008: no subject may hold `to be provided`
])
def test_fallback_declines(sent):
    assert qa(sent) is None

def test_svo_forms():
    assert svo_question('The Noste programme is a five-year action programme for education and training') == \
        ('What is the Noste programme', 'a five-year action programme for education and training')
    assert svo_question('A peak in the number of reported Salmonella cases occurs in the summer') is None

def test_prose_questions_falls_back():
    "04e's `prose_questions` asks the fallback's question when no other form asks the sentence."
    out = prose_questions('Polytechnics also provide professional specialisation studies mainly for those who have '
                          'already completed a polytechnic degree.')
    assert [(c['question'], c['kind']) for c in out] == [('What do polytechnics also provide?', 'fallback')]
    assert out[0]['evidence'].startswith('Polytechnics also provide')
