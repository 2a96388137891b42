"""The JSON API over the same core: assessments, jurisdictions, and its OpenAPI description."""
