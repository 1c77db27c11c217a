# Day before month, as a British newsroom writes it: "1 May 2021, 2:05 p.m.".
DATETIME_FORMAT = "j F Y, P"
