"""The law: jurisdiction facts with citations, and the pure assess() function over them."""
