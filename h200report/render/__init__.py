"""Stage 4, rendering: executing the notebooks (papermill), exporting them to
self-contained HTML, and keeping the dated run folders under ``reports/``.
"""

import sys

# nbformat imports jsonschema, which imports rfc3987-syntax (installed for Jupyter's
# event schemas) only to check the "iri" format, and that compiles 38 grammars on
# import: 1.5 to 4 s of every `h200 render`, a third of a render that reuses every
# report. No notebook schema uses the format; without the module jsonschema skips it.
sys.modules.setdefault("rfc3987_syntax", None)
