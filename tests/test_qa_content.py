"Stage 02/03/04 on small real snippets: content classes, body-only QA with left-out counts, the lint as a hard check, problems."
from docproc.core import load_config
from docproc.content import content_class
from docproc.qa import generate_doc, table_questions
from docproc.qa_lint import lint_question
from docproc.summarize import offline_summary
from conftest import ROOT

APACHE = ('Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in '
          'compliance with the License. Unless required by applicable law or agreed to in writing, software distributed '
          'under the '
          'License is distributed on an "AS IS" BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or '
          'implied. See the License for the specific language governing permissions and limitations under the License.')
APT = ('## Downloading files\n\nVarious binaries (called \'methods\') are tasked with downloading files. '
       'The Acquire system talks to them via simple text protocol. The integration tests use a simple self-built '
       'web server (`webserver`) '
       'which also logs.\n')   # /usr/share/doc/apt/README.md
TOC = ('Contents\n\n1 Introduction .......... 4\n2 Scope of the study .... 9\n2.1 Data sources ........ 11\n'
       '3 Results ............... 17\n')
JSON = '```json\n{\n  "title": "Notifications",\n  "type": "object"\n}\n```\n'   # a JupyterLab settings schema

def _cfg(): return load_config(ROOT/'config'/'config.json', {'llm.backend': 'offline'})

def test_content_classes_of_real_snippets():
    assert content_class(APACHE) == 'legal'
    assert content_class(APT, ('APT', 'Downloading files')) == 'body'
    assert content_class(TOC) == 'toc'
    assert content_class('12 13 14\n\n____________') == 'furniture'

def test_qa_asks_only_body_and_counts_what_it_left_out():
    rows = [({'chunk_id': f'chunk_00{i}', 'heading_path': hp}, t) for i, (hp, t) in
            enumerate([(['License'], APACHE), (['APT', 'Downloading files'], APT), ([], TOC)], 1)]
    s = generate_doc('apt-readme', rows, _cfg(), title='apt-README.md')
    m = s.metadata
    assert m['content']['left_out'] == {'legal': 1, 'toc': 1} and m['content']['asked_chunks'] == 1
    assert s.kept and all(i['chunk_id'] == 'chunk_002' for i in s.kept)
    assert all('lint' in i['checks'] and not lint_question(i['question'], i['answer']) for i in s.kept)
    assert all('apt-README.md' in i['question'] or '“' in i['question'] or '"' in i['question'] or
               # every question names its subject
               any(w[0].isupper() for w in i['question'].split()[1:]) for i in s.kept)
    assert m['problems'] == [] and 'lint' in m

def test_body_content_without_pairs_is_a_problem_not_full_coverage():
    s = generate_doc('schema', [({'chunk_id': 'chunk_001'}, JSON)], _cfg(), title='notification.json')
    assert len(s) == 0 and s.metadata['coverage']['ratio'] == 0.0 and s.metadata['problems']

def test_blank_header_cell_does_not_crash_and_loan_table_is_asked_about():
    t = '| Loan | Amount (EUR) | |\n|---|---|---|\n| Car | 1,000 | ok |\n| House | 200,000 | ok |\n'
    qs = [q['question'] for q in table_questions(t)]
    assert 'What is the amount for the loan "Car"?' in qs and not any('column 3' in q for q in qs)

def test_offline_summary_is_complete_sentences_and_never_empty():
    s = offline_summary({'text': '12 13 14\n\n' + APT}).summary
    assert '12 13 14' not in s and s.startswith(('Various', 'The'))
    assert offline_summary({'text': APACHE}).summary.startswith('Licence or legal text')
    code = '```python\ndef rgb_to_yiq(r, g, b):\n    return r\n```\n'
    assert 'rgb_to_yiq(r, g, b)' in offline_summary({'text': code}).summary
    assert offline_summary({'text': JSON}).summary
