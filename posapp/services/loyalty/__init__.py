"""The loyalty programme: members and their cards, points, stages, rewards and vouchers.

Each public function is one user action in one transaction, like every service; a
function named read_* reads inside a transaction the caller already holds. Two
functions write inside the caller's: record_sale() and record_refund() run inside the
transaction of checkout.complete_sale() and refunds.refund(), so that points are
earned, spent and given back in the very transaction that records the sale or refund,
or not at all.

The package, by what it does:

* accounts: a member's account as the modules read and change it (by index, locked for
  writing), the stage changes and product counts they keep, and the loyalty part of a
  rating of the service (record_rating; the rating itself is posapp.services.care's);
* summary: the member as the counter sees them (CustomerSummary);
* cards: the member of a scanned card, card numbers, a lost card replaced;
* members: enrolling, finding and merging members;
* ledger: posting points, adjusting them by hand, and points expiring;
* rewards: rewards taken off a sale, vouchers issued;
* sale, refund: the loyalty part of a sale and of a refund.

What keeps the points honest (see posapp.db.models):

* the ledger (points_entries) is append-only, and each entry is keyed to what
  it is for under UNIQUE (kind, key): points for a sale cannot be granted twice;
* the cached balance (loyalty_accounts.balance) changes in the same statement
  sequence as the entries, and spending is a conditional UPDATE
  (… WHERE balance >= :spent) under the account's row lock, so two tills can
  never spend the same points; the database refuses a negative balance;
* a voucher is used by a conditional UPDATE (… WHERE status = 'issued'), so it
  is used once however many tills try;
* completing a sale checks every reward in the cart again against the shop's
  catalogue and the voucher's row: a cart is the till's, not the truth.

The counter reads only by index: a card's number, the account's row, the few
most recent visit days, the customer's open vouchers. Nothing reads history
except expire_points() (the points of the customers who have points to lose)
and merge_customers().

This module is the package's public face: what the GUI, the command line and the other
services call as loyalty.<name>.
"""

from __future__ import annotations

from posapp.services.loyalty.cards import CARD_SERIES, read_card_holder, replace_card
from posapp.services.loyalty.ledger import EXPIRY_BATCH, ExpiryReport, adjust_points, expire_points
from posapp.services.loyalty.members import (
    CustomerMatch,
    enrol_customer,
    find_customers,
    merge_customers,
)
from posapp.services.loyalty.refund import record_refund
from posapp.services.loyalty.rewards import (
    POINTS_KEY,
    VOUCHER_KEY,
    AvailableReward,
    IssuedVoucher,
    apply_reward,
    apply_voucher,
    issue_voucher,
    remove_reward,
    reward_name,
)
from posapp.services.loyalty.sale import LAST_ITEMS, LoyaltyOutcome, read_outcome, record_sale
from posapp.services.loyalty.summary import CustomerSummary, customer_summary, read_summary

__all__ = [
    "CARD_SERIES",
    "EXPIRY_BATCH",
    "LAST_ITEMS",
    "POINTS_KEY",
    "VOUCHER_KEY",
    "AvailableReward",
    "CustomerMatch",
    "CustomerSummary",
    "ExpiryReport",
    "IssuedVoucher",
    "LoyaltyOutcome",
    "adjust_points",
    "apply_reward",
    "apply_voucher",
    "customer_summary",
    "enrol_customer",
    "expire_points",
    "find_customers",
    "issue_voucher",
    "merge_customers",
    "read_card_holder",
    "read_outcome",
    "read_summary",
    "record_refund",
    "record_sale",
    "remove_reward",
    "replace_card",
    "reward_name",
]
