"Issue 17 (session 7): manuals, READMEs and release notes (`docproc.qa_manuals`, 04r) on real snippets, via generate_doc."
from docproc.core import load_config
from docproc.qa import generate_doc
from docproc.qa_lint import lint_question
from conftest import ROOT

def _cfg(): return load_config(ROOT/'config'/'config.json', {'llm.backend': 'offline'})

def _kept(doc, rows, title):
    s = generate_doc(doc, rows, _cfg(), title=title)
    return s, {i['question']: i['answer'] for i in s.kept}

# Debian package make: /usr/share/doc/make/README.gz (its opening paragraphs)
MAKE = ('This directory contains the 4.3 release of GNU Make.\n\nFor source distribution building and installation '
        'instructions, see the file INSTALL.\n\nYou can send GNU make bug reports to <bug-make@gnu.org>.  Please see '
        'the section of the GNU make manual entitled \'Problems and Bugs\' for information on submitting useful and '
        'complete bug reports.\n')
# Debian package gnupg: /usr/share/doc/gnupg/README.gz, section "Build instructions"
GNUPG = ('### Build instructions\n\nTo run even more tests you may add "--enable-all-tests" to the configure run.\n'
         'Before running the "make install" you might need to become root.\n\nIn case of problem please ask on the '
         'gnupg-users@gnupg.org mailing list for advise.\n')
# Debian package patch: /usr/share/doc/patch/NEWS.gz (its first releases)
PATCH_NEWS = ('Changes in version 2.7.6:\n\n* Files specififed on the command line are no longer verified to be inside '
              'the\n  current working directory, so commands like "patch -i foo.diff ../foo" will\n  work again.\n'
              '* Various fixes.\n\nChanges in version 2.7.5:\n\n* There are users which expect patch to follow '
              'symbolic links in the working\n  directory, so patch now again follows symbolic links as long as they '
              'do not\n  leave the working directory.\n\nChanges until version 2.7.4:\n\n* Function names in hunks '
              '(from diff -p) are now preserved in reject files.\n')
# Debian package dpkg: /usr/share/doc/dpkg/spec/rootless-builds.txt (RFC 2119 keywords)
DPKG = ('Tools MUST gracefully ignore valid unknown keywords outside their namespace.\n\nThe value of this field MUST '
        'NOT change the content of the package in any way.\n')
# Debian package libxml2: /usr/share/doc/libxml2/README.md
LIBXML2 = ('# libxml2\n\nlibxml2 is an XML toolkit implemented in C, originally developed for\nthe GNOME Project.\n\n'
           '## Build instructions\n\nlibxml2 can be built with GNU Autotools, CMake, or several other build\nsystems '
           'in platform-specific subdirectories.\n')

def test_pointers_where_to_send_and_what_a_program_is():
    s, qa = _kept('make-readme', [({'chunk_id': 'chunk_001', 'heading_path': []}, MAKE)], 'make-README.txt')
    assert qa.get('In make-README.txt, where can you find source distribution building and installation '
                  'instructions?') == 'the file INSTALL'
    assert qa.get('Where can you send GNU make bug reports?') == 'to <bug-make@gnu.org>'
    assert all(not lint_question(q, a) for q, a in qa.items())

def test_means_and_conditions_of_build_instructions():
    s, qa = _kept('gnupg-readme', [({'chunk_id': 'chunk_002', 'heading_path': ['Build instructions']}, GNUPG)],
                  'gnupg-README.txt')
    assert qa.get('In gnupg-README.txt, under “Build instructions”, how may you run even more tests?') == \
        'Add "--enable-all-tests" to the configure run'
    # a quoted command is no name of the subject (04k since 04n): the question carries the document and section
    assert qa.get('In gnupg-README.txt, under “Build instructions”, what might you need to do before running the '
                  '"make install"?') == 'become root'
    assert qa.get('In gnupg-README.txt, under “Build instructions”, what should you do in case of problem?') == \
        'Ask on the gnupg-users@gnupg.org mailing list for advise'
    assert s.metadata['coverage']['ratio'] == 1.0

def test_release_notes_are_asked_by_release_and_subject():
    s, qa = _kept('patch-news', [({'chunk_id': 'chunk_001', 'heading_path': []}, PATCH_NEWS)], 'patch-NEWS.txt')
    q = [q for q in qa if q.lower().endswith('what changed in version 2.7.6 concerning "patch -i foo.diff ../foo"?')]
    assert q and qa[q[0]].startswith('Files specififed on the command line are no longer verified')
    q = [q for q in qa if q.lower().endswith('what changed in version 2.7.4 concerning -p?')]
    assert q and qa[q[0]] == 'Function names in hunks (from diff -p) are now preserved in reject files'
    assert not [q for q in qa if 'Various fixes' in qa[q]]            # a note that names nothing is not asked
    assert all(not lint_question(q, a) for q, a in qa.items())

def test_a_readme_title_version_is_no_release_and_rfc_keywords_are_read():
    s, qa = _kept('libxml2-readme', [({'chunk_id': 'chunk_001', 'heading_path': ['libxml2']}, LIBXML2)],
                  'libxml2-README.md')
    assert qa.get('What kind of toolkit is libxml2?', '').startswith('an XML toolkit implemented in C')
    assert qa.get('How can libxml2 be built?', '').startswith('with GNU Autotools, CMake')
    assert not [q for q in qa if 'changed in' in q]
    s, qa = _kept('dpkg-rootless-builds', [({'chunk_id': 'chunk_002', 'heading_path': ['Specification']}, DPKG)],
                  'dpkg-rootless-builds.txt')
    assert qa.get('In dpkg-rootless-builds.txt, under “Specification”, what must tools gracefully ignore?') == \
        'valid unknown keywords outside their namespace'
    ev = [i['evidence'] for i in s.kept]
    assert any('MUST gracefully ignore' in e for e in ev)           # the evidence is the source sentence, verbatim
