"""A German demo publication, "Die Abendlaterne", loaded by `broadsheet demo`.

Everything here is invented for Broadsheet: the outlet, its people, its stories and
its addresses. Kept free of model imports so tests can read the constants early.
"""

# The article that mirrors the reference page (DESIGN.md §1); browser tests open it.
DEMO_FEATURED_SLUG = "nachtzug-allianz-berlin-wien"
