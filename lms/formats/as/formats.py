# Assamese dates as written in Assam's official and press usage, like Django's Hindi ones:
# day, month name, year ("7 ডিচেম্বৰ 2026"); digits 0-9 as in the rest of the interface.
# The *_FORMAT strings use the Django date format syntax.
DATE_FORMAT = "j F Y"
TIME_FORMAT = "g:i A"
DATETIME_FORMAT = "j F Y, g:i A"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d-m-Y"
SHORT_DATETIME_FORMAT = "d-m-Y g:i A"
FIRST_DAY_OF_WEEK = 0  # Sunday
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
