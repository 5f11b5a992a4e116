"""Dutch date styles, as a Dutch advisor writes them."""

DATE_FORMAT = "j F Y"  # 14 januari 2027
DATETIME_FORMAT = "j F Y, H:i"  # 14 januari 2027, 09:30
MONTH_DAY_FORMAT = "j F"  # 14 januari
YEAR_MONTH_FORMAT = "F Y"  # januari 2027

# The short style of tables and lists (config.formats.dates.short_date): 14 jan. 2027. Django's
# "M" would print "Jan", "Mrt", "Okt"; Dutch abbreviations are lower case with a full stop, and
# "mei" stays whole (the abbreviations of CLDR's Dutch calendar).
SHORT_MONTH_NAMES = (
    "jan.",
    "feb.",
    "mrt.",
    "apr.",
    "mei",
    "jun.",
    "jul.",
    "aug.",
    "sep.",
    "okt.",
    "nov.",
    "dec.",
)
