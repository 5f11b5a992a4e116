"""The statements an organisation publishes: privacy (respondents, members), accessibility,
security.txt, and the processing register entry (art. 30 GDPR) it downloads."""
