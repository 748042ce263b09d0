"""The demo shop: a Riga bakery-café with six months of history.

Everything is recorded through the same services a till uses (users, shifts,
enrolment, checkout with the members' cards and rewards, refunds), with the
unit of work's clock walked through the past, so the points ledger, stages and
vouchers are what six months of trade would leave. The random generators
(the history's and the unit of work's, which draws voucher codes) are seeded,
so a demo built twice is the same shop. members.DEMO_CARDS are the cards to try.

shop: the shop's settings, staff and loyalty programme, and the clock history is
written by; catalogue: its goods and writing them; members: its customers and
what they do at the counter; stories: what the counter promised and heard;
build: the walk through the months, and build_demo_file, what `posapp demo` runs.
"""
