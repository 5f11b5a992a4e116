"""Recognition readiness and status letters arrive with their issues."""
