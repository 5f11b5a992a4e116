"""The product's date styles, per language (FORMAT_MODULE_PATH): one long style for text,
"14 januari 2027" / "14 January 2027", and one short style for tables and lists,
"14 jan. 2027" / "14 Jan 2027". What is not set here comes from Django's own locale formats."""
