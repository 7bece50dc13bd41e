"Issue 17 (session 6): how-to questions of manuals and READMEs (`docproc.qa_howto`) on real snippets, via generate_doc."
from docproc.core import load_config
from docproc.qa import generate_doc, write_candidates
from docproc.qa_lint import lint_question
from conftest import ROOT

def _cfg(): return load_config(ROOT/'config'/'config.json', {'llm.backend': 'offline'})

def _kept(doc, rows, title):
    s = generate_doc(doc, rows, _cfg(), title=title)
    return s, {i['question']: i['answer'] for i in s.kept}

# Debian package apt: /usr/share/doc/apt/README.md.gz, section "Coding"
CODING = ('### Coding\n\nAPT uses CMake. Then you can use make as you normally would (pass `-j <count>` to perform '
          '`<count>`\njobs in parallel).\n\nYou can also use the Ninja generator of CMake, to do that pass\n\t-G '
          'Ninja\n'
          'to the cmake invocation, and then use ninja instead of make.\n\nThe source code uses in most parts a '
          'relatively '
          'uncommon indent convention,\nnamely 3 spaces with 8 space tab.\nYour editor can surely help you with '
          'this, for '
          'vim the settings would be\n`setlocal shiftwidth=3 noexpandtab tabstop=8`\n(the latter two are the default '
          'configuration and could therefore be omitted).\n')
# the same README: a chunk that holds three sections, as the chunker cuts it
SECTIONS = ('### Translations\n\nWhile we welcome contributions here, we highly encourage you to contact the [Debian '
            'Internationalization (i18n) team](https://wiki.debian.org/Teams/I18n).\nVarious language teams have '
            'formed '
            'which can help you create, maintain\nand improve a translation, while we could only do a basic '
            'syntax check '
            'of the\nfile format…\n\n### Bug triage\n\nSoftware tools like APT, which are used by thousands of '
            'users every\n'
            'day, have a steady flow of incoming bug reports. Not all of them are really\nbugs in APT: It can be '
            'packaging '
            'bugs, like failing maintainer scripts, that a\nuser reports against apt; or various wishlist items '
            'for new '
            'features. Given enough time\nthe occasional duplicate enters the system as well.\n')
STATE = ('### Using different state files\n\nIf a dependency solver bug is reported, but can\'t easily be '
         'reproduced by '
         'the\ntriager, it is beneficial to ask the reporter for the\n`/var/lib/dpkg/status` file which includes the '
         'packages installed on the\nsystem and in which version. Such a file can then be used via the option\n'
         '`dir::state::status`.\n\nYour sources.list file (`dir::etc::sourcelist`) has to correctly mention the '
         'repository,\nbut if it does, you can use different downloaded archive state files via '
         '`dir::state::lists`.\n\n'
         'In case manually vs. automatically installed matters, you can ask the reporter for\nthe '
         '`/var/lib/apt/extended_states` file and use it with `dir::state::extended_states`.\n')
ORDER = ('### Installation order\n\nWhich option to use depends on\nif you are interested in the topology sorting '
         '(`Debug::pkgOrderList`), the dependency-aware\ncycle and unconfigured prevention '
         '(`Debug::pkgPackageManager`) '
         'or the actual calls\nto dpkg (`Debug::pkgDpkgPm`). Depending on which side you want to see, either\n'
         '`Debug::pkgAcquire::Worker` or `Debug::Acquire::http` (or similar) will show the messages.\n')

def test_options_and_settings_of_a_readme_are_asked_with_the_option_as_answer():
    hp = ['APT', 'Contributing', 'Coding']
    s, qa = _kept('apt-readme', [({'chunk_id': 'chunk_002', 'heading_path': hp}, CODING)], 'apt-README.md')
    assert qa.get('How do you perform `<count>` jobs in parallel with make?') == 'pass `-j <count>`'
    ninja = [a for q, a in qa.items() if q.endswith('how do you use the Ninja generator of CMake?')]   # APT's README named
    assert ninja and ninja[0].startswith('pass -G Ninja to the cmake')
    assert qa.get('In apt-README.md, under “Coding”, what would the settings for vim be?') == \
        '`setlocal shiftwidth=3 noexpandtab tabstop=8`'
    assert all(not lint_question(q, a) for q, a in qa.items())
    assert s.metadata['coverage']['ratio'] == 1.0

def test_questions_name_the_section_their_evidence_is_in():
    s, qa = _kept('apt-readme', [({'chunk_id': 'chunk_003', 'heading_path': ['APT', 'Contributing', 'Translations']},
                                  SECTIONS)], 'apt-README.md')
    assert qa.get('In apt-README.md, under “Translations”, whom are you highly encouraged to contact?', '').startswith(
        'the Debian Internationalization (i18n) team (https://wiki.debian.org/Teams/I18n)')
    assert qa.get('In apt-README.md, under “Translations”, what can language teams help you do?') == \
        'create, maintain and improve a translation'
    assert qa.get('In apt-README.md, under “Bug triage”, given enough time, what enters the system?') == \
        'the occasional duplicate'
    assert qa.get('In apt-README.md, under “Bug triage”, besides bugs in APT, what can incoming bug reports be?', '') \
        .startswith('packaging bugs, like failing maintainer scripts')
    assert not [q for q in qa if 'Translations' in q and ('duplicate' in qa[q] or 'packaging' in qa[q])]
    assert s.metadata['coverage']['ratio'] == 1.0

def test_a_file_named_in_the_previous_sentence_and_a_you_can_after_but():
    s, qa = _kept('apt-readme', [({'chunk_id': 'chunk_006', 'heading_path': ['APT', 'Debugging',
                                                                               'Using different state files']}, STATE)],
                  'apt-README.md')
    assert qa.get('Via which option can the `/var/lib/dpkg/status` file be used?') == '`dir::state::status`'
    assert qa.get('What can you use via `dir::state::lists`?') == 'different downloaded archive state files'
    assert not [q for q in qa if q.startswith('What can you ask with')]     # `… and use it with X`: not an object
    assert all(not lint_question(q, a) for q, a in qa.items())

def test_a_choice_between_debug_options_gives_one_question_per_option():
    cands = {c['question']: c['answer'] for c in write_candidates(ORDER) if c['kind'] == 'howto'}
    assert cands.get('Which option should you use if you are interested in the actual calls to dpkg?') == \
        '`Debug::pkgDpkgPm`'
    assert cands.get('Which option should you use if you are interested in the topology sorting?') == \
        '`Debug::pkgOrderList`'
    assert cands.get('Depending on which side you want to see, what will show the messages?', '').startswith(
        'either `Debug::pkgAcquire::Worker`')

def test_other_manuals_get_the_forms_and_no_misread_lists():
    # Debian libdouble-conversion3 README.md; openssl README-ENGINES.md; systemd UIDS-GIDS.md
    text = ('Use `-DBUILD_SHARED_LIBS=ON` to enable the compilation of shared libraries.\n\n'
            'Depending on the type of hardware, system, and configuration, "settings" may need to be applied to an '
            'ENGINE for it to function as expected/hoped.\n\nAlso note that programs such as `adduser` tend to '
            'allocate '
            'from a subset of the available regular user range only, usually 1000..60000. This range can also be '
            'configured using `/etc/login.defs`.\n')
    cands = {c['question']: c['answer'] for c in write_candidates(text) if c['kind'] == 'howto'}
    assert cands == {'How do you enable the compilation of shared libraries?': 'Use `-DBUILD_SHARED_LIBS=ON`',
                     'With what can the available regular user range be configured?': '`/etc/login.defs`'}

# the same README: "Coding" with the sentence before it, "Dependency resolution", "Manual execution",
# "Additional documentation"
REASONS = ('### Coding\n\nThe source code uses in most parts a relatively uncommon indent convention,\nnamely 3 '
           'spaces with '
           '8 space tab (see [doc/style.txt](./doc/style.txt) for more on this).\nAdhering to it avoids unnecessary '
           'code-churn destroying history (aka: `git blame`)\nand you are therefore encouraged to write patches '
           'in this '
           'style.\n\n### Dependency resolution\n\nOption `Debug::pkgDepCache::Marker`\nshows this. This also '
           'decides which '
           'packages are to be installed to satisfy dependencies,\nwhich can be seen by '
           '`Debug::pkgDepCache::AutoInstall`.\n')
REMARKS = ('### Manual execution\n\nWhen you make changes and want to run them manually, you can just do so. CMake\n'
           'automatically inserts an rpath so the binaries find the correct libraries.\n\n## Additional '
           'documentation\n\n'
           'Many more things could and should be said about APT and its usage but are more\ntargeted at developers of '
           'related programs or only of special interest.\n')

def test_advice_with_its_reason_is_a_reasoning_pair_and_an_option_shows_a_clause():
    hp = ['APT', 'Contributing', 'Coding']
    s, qa = _kept('apt-readme', [({'chunk_id': 'chunk_002', 'heading_path': hp}, REASONS)], 'apt-README.md')
    why = 'In apt-README.md, under “Coding”, why are you encouraged to write patches in the relatively uncommon ' \
          'indent convention?'
    assert qa.get(why, '').startswith('Adhering to the relatively uncommon indent convention avoids unnecessary '
                                      'code-churn')
    assert next(i for i in s.kept if i['question'] == why)['type'] == 'reasoning'
    assert qa.get('What can be seen by `Debug::pkgDepCache::AutoInstall`?') == \
        'which packages are to be installed to satisfy dependencies'
    assert all(not lint_question(q, a) for q, a in qa.items())

def test_remarks_with_no_fact_are_set_aside_with_a_reason_and_facts_are_not():
    s, qa = _kept('apt-readme', [({'chunk_id': 'chunk_003', 'heading_path': ['APT', 'Testing', 'Manual execution']},
                                  REMARKS)], 'apt-README.md')
    assert s.metadata['coverage']['set_aside'] == {'no_fact': 1, 'signpost': 1}
    assert s.metadata['coverage']['units'] == 1 and s.metadata['coverage']['ratio'] == 1.0    # the rpath sentence
    assert any('rpath' in a for a in qa.values())

# Debian /usr/share/doc: git README.md, man-db README.md, systemd DISTRO_PORTING.md, Python README.rst
PURPOSES = ('## Installation\n\nTo subscribe to the list, send an email with just "subscribe git" in the body to '
            'majordomo@vger.kernel.org (not the Git list). To compile man-db with no support for message catalogues, '
            'simply pass the `--disable-nls` option to configure. By default, systemd-resolved uses Cloudflare and '
            'Google Public DNS servers `1.1.1.1`, `8.8.8.8`. To get an optimized build of Python, configure '
            '--enable-optimizations before you run make.\n')

def test_purpose_first_instructions_and_defaults_of_other_manuals():
    s, qa = _kept('manuals', [({'chunk_id': 'chunk_001', 'heading_path': ['Installation']}, PURPOSES)], 'manuals.md')
    assert qa.get('In manuals.md, under “Installation”, how do you subscribe to the list?', '').startswith(
        'Send an email with just "subscribe git" in the body to majordomo@vger.kernel.org')
    assert qa.get('In manuals.md, under “Installation”, how do you compile man-db with no support for message '
                  'catalogues?') == 'Pass the `--disable-nls` option to configure'
    assert any(q.endswith('by default, what does systemd-resolved use?') and a.startswith('Cloudflare and Google')
               for q, a in qa.items())
    assert not [q for q in qa if 'optimized?' in q or q.endswith('get an optimized?')]     # a verb inside the purpose
    assert all(not lint_question(q, a) for q, a in qa.items())

# man-db README.md (a list of steps with bold verbs), double-conversion README.md, nodejs BUILDING.md
STEPS = ('## Installation\n\n* **Run** `make install` to install the utilities and manual pages.\n'
         '* **Run** `./configure --help` to see what `--enable` and `--with`\n  options may be useful.\n\n'
         'There is extensive documentation in `double-conversion/string-to-double.h` and\n'
         '`double-conversion/double-to-string.h`. Other options exist (run `./configure --help` to get the complete '
         'list).\n')

def test_bold_steps_and_where_documentation_is():
    cands = {c['question']: c['answer'] for c in write_candidates(STEPS) if c['kind'] == 'howto'}
    assert cands.get('How do you install the utilities and manual pages?') == 'Run `make install`'
    assert cands.get('How do you see what `--enable` and `--with` options may be useful?') == 'Run `./configure --help`'
    assert cands.get('Where is there extensive documentation?', '').startswith('in `double-conversion/string-to-double.h`')
    assert 'How do you get the complete list?' not in cands                  # the list of what?

# man-db README.md: configure's options as a list, each followed by its description
OPTIONS = ('## Non-generic arguments to configure\n\n* `--enable-cache-owner[=ARG]`\n\n  By default, system-wide cache '
           'files will be owned by user man.  Use this\n  option with an argument to change the cache file owner.\n\n'
           '* `--disable-cache-owner`\n\n  Use this option to leave the ownership of system-wide cache files\n'
           '  unconstrained.  Users will be allowed to modify them.\n')

def test_an_option_list_item_names_the_option_its_description_uses():
    cands = {c['question']: c['answer'] for c in write_candidates(OPTIONS) if c['kind'] == 'howto'}
    assert cands.get('How do you leave the ownership of system-wide cache files unconstrained?') == \
        'Use `--disable-cache-owner`'
    assert 'How do you change the cache file owner?' not in cands     # its option line is two sentences back
