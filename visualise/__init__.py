"""Pictures of a plan: pyvis network views, the single-file HTML report, inline SVG charts."""
