# What Django's Hindi formats leave to the English defaults ("N j, Y, P"): day first, as in
# its DATE_FORMAT. The rest comes from Django's own Hindi module.
DATETIME_FORMAT = "j F Y, g:i A"
YEAR_MONTH_FORMAT = "F Y"
SHORT_DATETIME_FORMAT = "d-m-Y g:i A"
