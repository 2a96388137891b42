"""Web pages (blueprints) for homeowners."""
