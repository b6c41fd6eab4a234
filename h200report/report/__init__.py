"""Stage 3, what a notebook kernel imports: the parameters, the frames each report
shows (``views``), the charts drawn from them, and the words of both languages.
"""
