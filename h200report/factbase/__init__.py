"""Stage 2, the fact base: the curated YAML files, their verification against the
articles, the reconciliation of sources, the declared schemas and the published tables.
"""
