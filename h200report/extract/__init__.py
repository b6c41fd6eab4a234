"""Stage 1, seeds to mentions: read the captures, cut the article body out of the page
furniture, normalise it for matching and find every date and number in it.

Needs nothing curated: a new article gets its mentions with no other work.
"""
