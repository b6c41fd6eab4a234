"""Stage 4, rendering: executing the notebooks (papermill), exporting them to
self-contained HTML, and keeping the dated run folders under ``reports/``.
"""
