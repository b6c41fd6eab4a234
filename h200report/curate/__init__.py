"""Stage 2b, curation: a person decides what the machine drafted (``h200 review``).

``suggest`` (in ``factbase``) drafts; here each draft becomes a card, a person's decision
becomes a verified, atomic edit of the curated YAML (comments and order kept), and every
decision is logged so that it can be undone, in this session or a later one.
"""
