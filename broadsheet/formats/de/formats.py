# A German newsroom writes the time of day with "Uhr": "1. Mai 2021, 14:05 Uhr".
DATETIME_FORMAT = r"j. F Y, H:i \U\h\r"
