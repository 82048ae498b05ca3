"""Optional build step: compile the extractor with mypyc for faster builds.

    POLICYKG_COMPILE=1 pip install .

compiles the modules below (loading and extracting documents: where ``policykg build`` spends
its time) to C extensions with mypyc, which runs builds about 1.25x faster; the results are
the same graphs, byte for byte (tests/test_compiled.py).  It needs a C compiler; pip fetches
mypy for the build.  Without the variable, policykg is pure Python: the default, and what an
editable install for development wants (a compiled module would shadow edits to its ``.py``).
Everything else about the package is in pyproject.toml.
"""

import os

from setuptools import setup

#: The modules compiled: each must type-check with mypy (mypyc refuses otherwise; tests/test_compiled.py compiles them).
COMPILED = [
    "policykg/graph/build.py",
    "policykg/graph/deadlines.py",
    "policykg/graph/figures.py",
    "policykg/graph/mentions.py",
    "policykg/graph/merge.py",
    "policykg/graph/model.py",
    "policykg/graph/statements.py",
    "policykg/iris.py",
    "policykg/loaders/document.py",
    "policykg/loaders/govuk_text.py",
]

if os.environ.get("POLICYKG_COMPILE", "0") not in {"", "0"}:
    # setup_requires is how setuptools tells pip what a build needs beyond pyproject.toml's
    # build-system table: pip first runs this file to ask, installs mypy, then runs it again.
    try:
        from mypyc.build import mypycify
    except ImportError:  # the first run
        setup(setup_requires=["mypy>=1.10"])
    else:
        setup(setup_requires=["mypy>=1.10"], ext_modules=mypycify(COMPILED, opt_level="3", group_name="policykg"))
else:
    setup()
