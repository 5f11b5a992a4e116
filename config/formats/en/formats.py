"""English date styles, day first as in the Dutch original (British usage)."""

DATE_FORMAT = "j F Y"  # 14 January 2027
DATETIME_FORMAT = "j F Y, H:i"  # 14 January 2027, 09:30
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"  # 14 January
YEAR_MONTH_FORMAT = "F Y"  # January 2027

# The short style of tables and lists (config.formats.dates.short_date): 14 Jan 2027.
SHORT_MONTH_NAMES = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)
