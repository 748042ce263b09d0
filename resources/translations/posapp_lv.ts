<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="lv_LV" sourcelanguage="en">
<context>
    <name>AmountDialog</name>
    <message>
        <source>Amount</source>
        <translation>Summa</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Ievadiet vērtību.</translation>
    </message>
    <message>
        <source>Cancel
Esc</source>
        <translation>Atcelt
Esc</translation>
    </message>
    <message>
        <source>OK
Enter</source>
        <translation>Labi
Enter</translation>
    </message>
    <message>
        <source>Type a number, like 2,35 (or 10% for a percentage).</source>
        <translation>Ievadiet skaitli, piemēram, 2,35 (vai 10% – procentus).</translation>
    </message>
    <message>
        <source>Type a number, like 2,35.</source>
        <translation>Ievadiet skaitli, piemēram, 2,35.</translation>
    </message>
</context>
<context>
    <name>ApprovalDialog</name>
    <message>
        <source>A manager&apos;s approval</source>
        <translation>Vadītāja apstiprinājums</translation>
    </message>
    <message>
        <source>A manager or the owner chooses their name and types their PIN.</source>
        <translation>Vadītājs vai īpašnieks izvēlas savu vārdu un ievada savu PIN.</translation>
    </message>
    <message>
        <source>&amp;PIN</source>
        <translation>&amp;PIN</translation>
    </message>
    <message>
        <source>Cancel
Esc</source>
        <translation>Atcelt
Esc</translation>
    </message>
    <message>
        <source>Approve
Enter</source>
        <translation>Apstiprināt
Enter</translation>
    </message>
</context>
<context>
    <name>BusyBar</name>
    <message>
        <source>Working…</source>
        <translation>Strādā…</translation>
    </message>
</context>
<context>
    <name>CareDialog</name>
    <message>
        <source>Customer care</source>
        <translation>Rūpes par klientu</translation>
    </message>
    <message>
        <source>What colleagues should know or do. 1–7 choose, Enter saves.</source>
        <translation>Ko kolēģiem vajag zināt vai izdarīt. 1–7 izvēlas, Enter saglabā.</translation>
    </message>
    <message>
        <source>&amp;1 Note</source>
        <translation>&amp;1 Piezīme</translation>
    </message>
    <message>
        <source>&amp;2 Preference</source>
        <translation>&amp;2 Vēlme</translation>
    </message>
    <message>
        <source>&amp;3 Promise</source>
        <translation>&amp;3 Solījums</translation>
    </message>
    <message>
        <source>&amp;4 Complaint</source>
        <translation>&amp;4 Sūdzība</translation>
    </message>
    <message>
        <source>&amp;5 Complaint resolved</source>
        <translation>&amp;5 Sūdzība atrisināta</translation>
    </message>
    <message>
        <source>&amp;6 Promise cancelled</source>
        <translation>&amp;6 Solījums atcelts</translation>
    </message>
    <message>
        <source>&amp;7 Comment on the rating</source>
        <translation>&amp;7 Komentārs pie vērtējuma</translation>
    </message>
    <message>
        <source>&amp;What</source>
        <translation>&amp;Kas</translation>
    </message>
    <message>
        <source>Cancel
Esc</source>
        <translation>Atcelt
Esc</translation>
    </message>
    <message>
        <source>Save
Enter</source>
        <translation>Saglabāt
Enter</translation>
    </message>
    <message>
        <source>They rated the service {rating} of 5.</source>
        <translation>Apkalpošanu novērtēja ar {rating} no 5.</translation>
    </message>
    <message>
        <source>How it was put right</source>
        <translation>Kā tas tika atrisināts</translation>
    </message>
    <message>
        <source>Why it is cancelled</source>
        <translation>Kāpēc atcelts</translation>
    </message>
    <message>
        <source>What they said</source>
        <translation>Ko klients teica</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Kas notika</translation>
    </message>
    <message>
        <source>What we promised</source>
        <translation>Ko apsolījām</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Kas</translation>
    </message>
    <message>
        <source>Due on</source>
        <translation>Termiņš</translation>
    </message>
    <message>
        <source>{text} is not a date. Type it like 24.12.2026.</source>
        <translation>{text} nav datums. Ierakstiet šādi: 24.12.2026.</translation>
    </message>
</context>
<context>
    <name>CareListsDialog</name>
    <message>
        <source>Customer care</source>
        <translation>Klientu aprūpe</translation>
    </message>
    <message>
        <source>Who to get in touch with, and what the shop still owes its customers.</source>
        <translation>Ar ko sazināties un ko veikals vēl ir parādā saviem klientiem.</translation>
    </message>
    <message>
        <source>Quiet regulars</source>
        <translation>Pieklusušie klienti</translation>
    </message>
    <message>
        <source>Phone and e-mail only of those who agreed to be contacted.</source>
        <translation>Tālrunis un e-pasts tikai tiem, kas piekrituši saziņai.</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Eksportēt CSV…</translation>
    </message>
    <message>
        <source>Birthdays</source>
        <translation>Dzimšanas dienas</translation>
    </message>
    <message>
        <source>Promises overdue</source>
        <translation>Nokavētie solījumi</translation>
    </message>
    <message>
        <source>Open complaints</source>
        <translation>Neatrisinātās sūdzības</translation>
    </message>
    <message>
        <source>Ratings</source>
        <translation>Vērtējumi</translation>
    </message>
    <message>
        <source>Reminders acted upon</source>
        <translation>Izpildītie atgādinājumi</translation>
    </message>
    <message>
        <source>Close
Esc</source>
        <translation>Aizvērt
Esc</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Vārds</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Tālrunis</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-pasts</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>Apmeklējumi</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>Pēdējais apmeklējums</translation>
    </message>
    <message>
        <source>Usually every (days)</source>
        <translation>Parasti ik pēc (dienām)</translation>
    </message>
    <message>
        <source>Days away</source>
        <translation>Nav bijis (dienas)</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>Dzimšanas diena</translation>
    </message>
    <message>
        <source>Turns</source>
        <translation>Paliek</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Klients</translation>
    </message>
    <message>
        <source>Promised</source>
        <translation>Solīts</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Termiņš</translation>
    </message>
    <message>
        <source>Days overdue</source>
        <translation>Nokavēts (dienas)</translation>
    </message>
    <message>
        <source>Taken by</source>
        <translation>Pieņēma</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Kas notika</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Pieņemta</translation>
    </message>
    <message>
        <source>Days open</source>
        <translation>Atvērta (dienas)</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Kad</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Vērtējums</translation>
    </message>
    <message>
        <source>What they said</source>
        <translation>Ko klients teica</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>Atgādinājums</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Izdarīts</translation>
    </message>
    <message>
        <source>Dismissed</source>
        <translation>Atlikts</translation>
    </message>
    <message>
        <source>Quiet regulars ({count})</source>
        <translation>Pieklusušie klienti ({count})</translation>
    </message>
    <message>
        <source>Birthdays ({count})</source>
        <translation>Dzimšanas dienas ({count})</translation>
    </message>
    <message>
        <source>Promises overdue ({count})</source>
        <translation>Nokavētie solījumi ({count})</translation>
    </message>
    <message>
        <source>Open complaints ({count})</source>
        <translation>Neatrisinātās sūdzības ({count})</translation>
    </message>
    <message>
        <source>Ratings ({count})</source>
        <translation>Vērtējumi ({count})</translation>
    </message>
    <message>
        <source>Ratings in the last {days} days: {count}, on average {average} of 5.</source>
        <translation>Vērtējumi pēdējās {days} dienās: {count}, vidēji {average} no 5.</translation>
    </message>
    <message>
        <source>No ratings in the last {days} days. Alt+1 … Alt+5 after a sale.</source>
        <translation>Pēdējās {days} dienās vērtējumu nav. Alt+1 … Alt+5 pēc pirkuma.</translation>
    </message>
    <message>
        <source>Buyers without a card, the last {days} days: {accepted} took a card, {declined} said no, {not_asked} were not asked.</source>
        <translation>Pircēji bez kartes pēdējās {days} dienās: {accepted} paņēma karti, {declined} atteicās, {not_asked} netika jautāti.</translation>
    </message>
    <message>
        <source>quiet-regulars-{date}.csv</source>
        <translation>pieklususie-klienti-{date}.csv</translation>
    </message>
    <message>
        <source>Export quiet regulars</source>
        <translation>Eksportēt pieklusušos pastāvīgos klientus</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV faili (*.csv)</translation>
    </message>
    <message>
        <source>The file could not be written ({reason}). Choose another place.</source>
        <translation>Failu neizdevās ierakstīt ({reason}). Izvēlieties citu vietu.</translation>
    </message>
    <message>
        <source>Saved to {path}. Customers in it: {count}.</source>
        <translation>Saglabāts {path}. Klientu skaits: {count}.</translation>
    </message>
</context>
<context>
    <name>CartModel</name>
    <message>
        <source>Item</source>
        <translation>Prece</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Daudz.</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Cena</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Atlaide</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Kopā</translation>
    </message>
    <message>
        <source>Shelf price {price}</source>
        <translation>Plaukta cena {price}</translation>
    </message>
</context>
<context>
    <name>CartSaver</name>
    <message>
        <source>An unexpected error (written to posapp.log).</source>
        <translation>Neparedzēta kļūda (ierakstīta posapp.log).</translation>
    </message>
</context>
<context>
    <name>CheckoutWindow</name>
    <message>
        <source>F2 — find a product by name or SKU</source>
        <translation>F2 — meklēt preci pēc nosaukuma vai artikula</translation>
    </message>
    <message>
        <source>Scan the first item, or press F2 to find it by name.</source>
        <translation>Skenējiet pirmo preci vai nospiediet F2, lai to atrastu pēc nosaukuma.</translation>
    </message>
    <message>
        <source>What is worth saying or doing for this customer. Ctrl+D: the first one done · Ctrl+Shift+D: dismissed · a tap: that one done · Ctrl+N: add a note, promise or complaint</source>
        <translation>Ko šim klientam vērts pateikt vai izdarīt. Ctrl+D: pirmais izdarīts · Ctrl+Shift+D: atmests · pieskāriens: tas izdarīts · Ctrl+N: pievienot piezīmi, solījumu vai sūdzību</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Klients</translation>
    </message>
    <message>
        <source>No customer</source>
        <translation>Nav klienta</translation>
    </message>
    <message>
        <source>New member  Ctrl+E</source>
        <translation>Jauns dalībnieks  Ctrl+E</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Kopā</translation>
    </message>
    <message>
        <source>Quantity
F4</source>
        <translation>Daudzums
F4</translation>
    </message>
    <message>
        <source>Price
F6</source>
        <translation>Cena
F6</translation>
    </message>
    <message>
        <source>Discount
F7</source>
        <translation>Atlaide
F7</translation>
    </message>
    <message>
        <source>Remove
Del</source>
        <translation>Dzēst
Del</translation>
    </message>
    <message>
        <source>Park
F8</source>
        <translation>Atlikt
F8</translation>
    </message>
    <message>
        <source>Resume
F9</source>
        <translation>Atsākt
F9</translation>
    </message>
    <message>
        <source>Void
F10</source>
        <translation>Anulēt
F10</translation>
    </message>
    <message>
        <source>Refund
F3</source>
        <translation>Atmaksa
F3</translation>
    </message>
    <message>
        <source>Card
F5</source>
        <translation>Karte
F5</translation>
    </message>
    <message>
        <source>Pay
F12</source>
        <translation>Maksāt
F12</translation>
    </message>
    <message>
        <source>&amp;Sale</source>
        <translation>&amp;Pirkums</translation>
    </message>
    <message>
        <source>S&amp;hop</source>
        <translation>&amp;Veikals</translation>
    </message>
    <message>
        <source>&amp;Search for a product</source>
        <translation>&amp;Meklēt preci</translation>
    </message>
    <message>
        <source>Change the &amp;quantity</source>
        <translation>Mainīt &amp;daudzumu</translation>
    </message>
    <message>
        <source>Change the &amp;price</source>
        <translation>Mainīt &amp;cenu</translation>
    </message>
    <message>
        <source>&amp;Discount the line</source>
        <translation>&amp;Atlaide rindai</translation>
    </message>
    <message>
        <source>&amp;Remove the line</source>
        <translation>&amp;Dzēst rindu</translation>
    </message>
    <message>
        <source>P&amp;ark the sale</source>
        <translation>A&amp;tlikt pirkumu</translation>
    </message>
    <message>
        <source>Res&amp;ume a parked sale</source>
        <translation>Atsā&amp;kt atlikto pirkumu</translation>
    </message>
    <message>
        <source>&amp;Void the sale</source>
        <translation>A&amp;nulēt pirkumu</translation>
    </message>
    <message>
        <source>Re&amp;fund a sale</source>
        <translation>Atmak&amp;sāt pirkumu</translation>
    </message>
    <message>
        <source>&amp;New member…</source>
        <translation>&amp;Jauns dalībnieks…</translation>
    </message>
    <message>
        <source>Pay by &amp;card</source>
        <translation>Maksāt ar &amp;karti</translation>
    </message>
    <message>
        <source>&amp;Pay</source>
        <translation>&amp;Maksāt</translation>
    </message>
    <message>
        <source>Shop &amp;overview</source>
        <translation>Veikala &amp;pārskats</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Iziet</translation>
    </message>
    <message>
        <source>&amp;Lock the till</source>
        <translation>&amp;Bloķēt kasi</translation>
    </message>
    <message>
        <source>&amp;Close the shift…</source>
        <translation>&amp;Slēgt maiņu…</translation>
    </message>
    <message>
        <source>{shop} — till {till}</source>
        <translation>{shop} — kase {till}</translation>
    </message>
    <message>
        <source>The sale in progress was restored.</source>
        <translation>Nepabeigtais pirkums ir atjaunots.</translation>
    </message>
    <message>
        <source>Till {code}</source>
        <translation>Kase {code}</translation>
    </message>
    <message>
        <source>Cashier: {name}</source>
        <translation>Kasieris: {name}</translation>
    </message>
    <message>
        <source>Database OK</source>
        <translation>Datubāze kārtībā</translation>
    </message>
    <message>
        <source>Scanner OK</source>
        <translation>Skeneris darbojas</translation>
    </message>
    <message>
        <source>Scanner not connected</source>
        <translation>Skeneris nav pievienots</translation>
    </message>
    <message>
        <source>Ready. Scan an item or a loyalty card.</source>
        <translation>Gatavs. Skenējiet preci vai lojalitātes karti.</translation>
    </message>
    <message>
        <source>Database problem</source>
        <translation>Datubāzes problēma</translation>
    </message>
    <message>
        <source>The sale is kept on screen but could not be saved: {message}</source>
        <translation>Pirkums ir redzams ekrānā, bet to neizdevās saglabāt: {message}</translation>
    </message>
    <message>
        <source>VAT included: {vat} · items: {count}</source>
        <translation>t. sk. PVN: {vat} · preces: {count}</translation>
    </message>
    <message>
        <source>Rewards: −{amount}</source>
        <translation>Atlīdzības: −{amount}</translation>
    </message>
    <message>
        <source>The sale is empty. Scan something first.</source>
        <translation>Pirkums ir tukšs. Vispirms skenējiet preci.</translation>
    </message>
    <message>
        <source>Finish the open window first (Enter), or close it (Esc).</source>
        <translation>Vispirms pabeidziet atvērto logu (Enter) vai aizveriet to (Esc).</translation>
    </message>
    <message>
        <source>No product matches “{text}”.</source>
        <translation>Neviena prece neatbilst „{text}“.</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Svars</translation>
    </message>
    <message>
        <source>{name} is sold by weight. Type its weight in kg, like 0,355.</source>
        <translation>{name}: pārdod pēc svara. Ievadiet svaru kilogramos, piemēram, 0,355.</translation>
    </message>
    <message>
        <source>Thank you: rated {rating} of 5. Ctrl+N: what they said.</source>
        <translation>Paldies: vērtējums {rating} no 5. Ctrl+N: ko klients teica.</translation>
    </message>
    <message>
        <source>Welcome, {name}!</source>
        <translation>Sveicināti, {name}!</translation>
    </message>
    <message>
        <source>kg</source>
        <translation>kg</translation>
    </message>
    <message>
        <source>pieces</source>
        <translation>gab.</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Daudzums</translation>
    </message>
    <message>
        <source>{name}: the new quantity ({unit}).</source>
        <translation>{name}: jaunais daudzums ({unit}).</translation>
    </message>
    <message>
        <source>New price</source>
        <translation>Jaunā cena</translation>
    </message>
    <message>
        <source>{name}: shelf price {price}. Type the price to charge.</source>
        <translation>{name}: plaukta cena {price}. Ievadiet cenu, ko iekasēt.</translation>
    </message>
    <message>
        <source>Price changed, approved by {name}.</source>
        <translation>Cena mainīta, apstiprināja {name}.</translation>
    </message>
    <message>
        <source>A manager&apos;s PIN is needed to change the price of {name} to {price}.</source>
        <translation>Lai mainītu preces {name} cenu uz {price}, vajadzīgs vadītāja PIN.</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Atlaide</translation>
    </message>
    <message>
        <source>{name}: a percentage (10%) or an amount in euros (0,50). 0 removes the discount.</source>
        <translation>{name}: procenti (10%) vai summa eiro (0,50). 0 noņem atlaidi.</translation>
    </message>
    <message>
        <source>A manager&apos;s PIN is needed for a discount this large on {name}.</source>
        <translation>Tik lielai atlaidei precei {name} vajadzīgs vadītāja PIN.</translation>
    </message>
    <message>
        <source>Removed {name}.</source>
        <translation>Izņemts: {name}.</translation>
    </message>
    <message>
        <source>Receipt {receipt} — change {change}</source>
        <translation>Čeks {receipt} — izdot {change}</translation>
    </message>
    <message>
        <source>Receipt {receipt} — paid</source>
        <translation>Čeks {receipt} — samaksāts</translation>
    </message>
    <message>
        <source>The sale was parked. Press F9 to resume it.</source>
        <translation>Pirkums atlikts. Nospiediet F9, lai to atsāktu.</translation>
    </message>
    <message>
        <source>Sale resumed; the one you had was parked.</source>
        <translation>Pirkums atsākts; iepriekšējais pirkums tika atlikts.</translation>
    </message>
    <message>
        <source>Sale resumed.</source>
        <translation>Pirkums atsākts.</translation>
    </message>
    <message>
        <source>There is nothing to void.</source>
        <translation>Nav ko anulēt.</translation>
    </message>
    <message>
        <source>The sale was voided.</source>
        <translation>Pirkums anulēts.</translation>
    </message>
    <message>
        <source>A manager&apos;s PIN is needed to void a sale that has payments.</source>
        <translation>Lai anulētu pirkumu, par kuru jau maksāts, vajadzīgs vadītāja PIN.</translation>
    </message>
    <message>
        <source>Customers to look after…</source>
        <translation>Klienti, par kuriem parūpēties…</translation>
    </message>
    <message>
        <source>Reports…</source>
        <translation>Atskaites…</translation>
    </message>
    <message>
        <source>Reprint the last receipt</source>
        <translation>Drukāt pēdējā čeka kopiju</translation>
    </message>
    <message>
        <source>Scan the customer&apos;s card first.</source>
        <translation>Vispirms skenējiet klienta karti.</translation>
    </message>
    <message>
        <source>Saved for every till.</source>
        <translation>Saglabāts visām kasēm.</translation>
    </message>
    <message>
        <source>How was it? Alt+1 … Alt+5</source>
        <translation>Kā jums patika? Alt+1 … Alt+5</translation>
    </message>
    <message>
        <source>Offer them a card: Ctrl+E, or Alt+N if they decline</source>
        <translation>Piedāvājiet karti: Ctrl+E, vai Alt+N, ja atsakās</translation>
    </message>
    <message>
        <source>A rating follows a sale with a customer&apos;s card.</source>
        <translation>Vērtējumu ieraksta pēc pirkuma ar klienta karti.</translation>
    </message>
    <message>
        <source>Noted: no card this time.</source>
        <translation>Atzīmēts: šoreiz bez kartes.</translation>
    </message>
    <message>
        <source>No reminder to mark for this customer.</source>
        <translation>Šim klientam nav atgādinājuma, ko atzīmēt.</translation>
    </message>
    <message>
        <source>Done: {text}</source>
        <translation>Izdarīts: {text}</translation>
    </message>
    <message>
        <source>Dismissed: {text}</source>
        <translation>Atlikts: {text}</translation>
    </message>
    <message>
        <source>Rewards to take: {count} (Ctrl+1…)</source>
        <translation>Pieejamas atlīdzības: {count} (Ctrl+1…)</translation>
    </message>
    <message>
        <source>{reward} taken off the sale: {amount}</source>
        <translation>{reward} — pirkums lētāks par {amount}</translation>
    </message>
    <message>
        <source>points +{earned}, balance {balance}</source>
        <translation>punkti +{earned}, atlikums {balance}</translation>
    </message>
    <message>
        <source>There is no such reward for this customer.</source>
        <translation>Šim klientam tādas atlīdzības nav.</translation>
    </message>
    <message>
        <source>{reward} is back on the customer&apos;s account.</source>
        <translation>{reward} atgriezta klienta kontā.</translation>
    </message>
    <message>
        <source>Welcome, {name}! Card {card} is theirs.</source>
        <translation>Laipni lūdzam, {name}! Karte {card} ir jūsu.</translation>
    </message>
    <message>
        <source>The card could not be written to {path} ({reason}).</source>
        <translation>Karti nevarēja ierakstīt {path} ({reason}).</translation>
    </message>
    <message>
        <source>No receipt yet on this till since it opened. Reprint others with: posapp receipt NUMBER --print</source>
        <translation>Kopš atvēršanas šajā kasē vēl nav neviena čeka. Citus čekus var drukāt ar: posapp receipt NUMURS --print</translation>
    </message>
    <message>
        <source>A copy of receipt {receipt} is printing.</source>
        <translation>Drukā čeka {receipt} kopiju.</translation>
    </message>
    <message>
        <source>Printer OK</source>
        <translation>Printeris darbojas</translation>
    </message>
    <message>
        <source>Receipts waiting: {count}</source>
        <translation>Čeki gaida drukāšanu: {count}</translation>
    </message>
    <message>
        <source>Finish or park the sale before closing the shift.</source>
        <translation>Pirms maiņas slēgšanas pabeidziet vai atlieciet pirkumu.</translation>
    </message>
    <message>
        <source>Refund {receipt} — give back {amount}</source>
        <translation>Atmaksa {receipt} — izmaksāt {amount}</translation>
    </message>
    <message>
        <source>A manager&apos;s PIN is needed to refund receipt {receipt} ({amount}).</source>
        <translation>Lai atmaksātu naudu par čeku {receipt} ({amount}), vajadzīgs vadītāja PIN.</translation>
    </message>
    <message>
        <source>No shift open</source>
        <translation>Maiņa nav atvērta</translation>
    </message>
    <message>
        <source>Shift open since {time}</source>
        <translation>Maiņa atvērta kopš {time}</translation>
    </message>
</context>
<context>
    <name>CloseShiftDialog</name>
    <message>
        <source>Close the shift</source>
        <translation>Slēgt maiņu</translation>
    </message>
    <message>
        <source>Count the cash in the drawer and type it below, with the card total from the payment terminal&apos;s report. The expected amounts are shown after you confirm.</source>
        <translation>Saskaitiet naudu atvilktnē un ievadiet to zemāk, kā arī karšu maksājumu kopsummu no maksājumu termināļa atskaites. Sagaidāmās summas tiks parādītas pēc apstiprināšanas.</translation>
    </message>
    <message>
        <source>Cash in the drawer</source>
        <translation>Nauda atvilktnē</translation>
    </message>
    <message>
        <source>Card total (terminal report)</source>
        <translation>Karšu kopsumma (termināļa atskaite)</translation>
    </message>
    <message>
        <source>The shift is closed. Z report:</source>
        <translation>Maiņa ir slēgta. Z atskaite:</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>Pārdošanas</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>Atmaksas</translation>
    </message>
    <message>
        <source>Voided sales</source>
        <translation>Anulētie pirkumi</translation>
    </message>
    <message>
        <source>VAT</source>
        <translation>PVN</translation>
    </message>
    <message>
        <source>Cancel
Esc</source>
        <translation>Atcelt
Esc</translation>
    </message>
    <message>
        <source>Close shift
Enter</source>
        <translation>Slēgt maiņu
Enter</translation>
    </message>
    <message>
        <source>OK
Enter</source>
        <translation>Labi
Enter</translation>
    </message>
    <message>
        <source>Type the cash counted in the drawer, like 185,40.</source>
        <translation>Ievadiet atvilktnē saskaitīto naudu, piemēram, 185,40.</translation>
    </message>
    <message>
        <source>Type the card total from the terminal&apos;s report, or leave it empty.</source>
        <translation>Ievadiet karšu kopsummu no termināļa atskaites vai atstājiet lauku tukšu.</translation>
    </message>
    <message>
        <source>{count} · {total}</source>
        <translation>{count} · {total}</translation>
    </message>
    <message>
        <source>{rate}%: {vat} of {gross}</source>
        <translation>{rate}%: {vat} no {gross}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>nav</translation>
    </message>
</context>
<context>
    <name>CountsModel</name>
    <message>
        <source>Cash</source>
        <translation>Skaidra nauda</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Karte</translation>
    </message>
    <message>
        <source>Vouchers</source>
        <translation>Kuponi</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Punkti</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Maksājuma veids</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Sagaidāms</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>Saskaitīts</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Starpība</translation>
    </message>
</context>
<context>
    <name>CustomerPanel</name>
    <message>
        <source>No customer</source>
        <translation>Nav klienta</translation>
    </message>
    <message>
        <source>Scan their card, or Ctrl+E to enrol a new member.</source>
        <translation>Skenējiet viņa karti vai nospiediet Ctrl+E, lai pievienotu jaunu dalībnieku.</translation>
    </message>
    <message>
        <source>points: {points}</source>
        <translation>punkti: {points}</translation>
    </message>
    <message>
        <source>{points} to {reward}</source>
        <translation>vēl {points} līdz: {reward}</translation>
    </message>
    <message>
        <source>birthday this week</source>
        <translation>dzimšanas diena šonedēļ</translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <source>New member</source>
        <translation>Jauns dalībnieks</translation>
    </message>
    <message>
        <source>Only the name is needed. Tab moves between the fields, Enter enrols.</source>
        <translation>Vajag tikai vārdu. Tab pāriet uz nākamo lauku, Enter reģistrē.</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Vārds</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Obligāts</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>&amp;Tālrunis</translation>
    </message>
    <message>
        <source>&amp;E-mail</source>
        <translation>&amp;E-pasts</translation>
    </message>
    <message>
        <source>&amp;Birthday</source>
        <translation>&amp;Dzimšanas diena</translation>
    </message>
    <message>
        <source>24.12.1990</source>
        <translation>24.12.1990</translation>
    </message>
    <message>
        <source>&amp;Referred by</source>
        <translation>&amp;Ieteica</translation>
    </message>
    <message>
        <source>Their card or phone</source>
        <translation>Ieteicēja karte vai tālrunis</translation>
    </message>
    <message>
        <source>&amp;Card</source>
        <translation>&amp;Karte</translation>
    </message>
    <message>
        <source>Scan a pre-printed card, or leave empty for a new number</source>
        <translation>Skenējiet iepriekš drukātu karti vai atstājiet tukšu jaunam numuram</translation>
    </message>
    <message>
        <source>&amp;Agrees to hear from the shop (offers by phone or e-mail)</source>
        <translation>&amp;Piekrīt saņemt veikala piedāvājumus (pa tālruni vai e-pastu)</translation>
    </message>
    <message>
        <source>&amp;Open the new card to print it</source>
        <translation>&amp;Atvērt jauno karti drukāšanai</translation>
    </message>
    <message>
        <source>Cancel
Esc</source>
        <translation>Atcelt
Esc</translation>
    </message>
    <message>
        <source>Enrol
Enter</source>
        <translation>Reģistrēt
Enter</translation>
    </message>
    <message>
        <source>{text} is not a date. Type the birthday like 24.12.1990.</source>
        <translation>{text} nav datums. Ierakstiet dzimšanas dienu šādi: 24.12.1990.</translation>
    </message>
</context>
<context>
    <name>FiguresPanel</name>
    <message>
        <source>before: {value}</source>
        <translation>iepriekš: {value}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>The till at this computer</source>
        <translation>Šī datora kase</translation>
    </message>
    <message>
        <source>Till</source>
        <translation>Kase</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Šodien</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>Pirkumi</translation>
    </message>
    <message>
        <source>Takings</source>
        <translation>Ieņēmumi</translation>
    </message>
    <message>
        <source>All tills</source>
        <translation>Visas kases</translation>
    </message>
    <message>
        <source>Shift on this till</source>
        <translation>Maiņa šajā kasē</translation>
    </message>
    <message>
        <source>In the database</source>
        <translation>Datubāzē</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Preces</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Klienti</translation>
    </message>
    <message>
        <source>Recent sales</source>
        <translation>Pēdējie čeki</translation>
    </message>
    <message>
        <source>The last 20 sales and refunds on all tills</source>
        <translation>Pēdējie 20 pirkumi un atmaksas visās kasēs</translation>
    </message>
    <message>
        <source>No sales yet. Completed sales and refunds will appear here.</source>
        <translation>Vēl nav neviena pirkuma. Pabeigtie pirkumi un atmaksas parādīsies šeit.</translation>
    </message>
    <message>
        <source>&amp;Shop</source>
        <translation>&amp;Veikals</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Atsvaidzināt</translation>
    </message>
    <message>
        <source>Read today&apos;s figures and the recent sales again (F5)</source>
        <translation>Vēlreiz nolasīt šodienas rādītājus un pēdējos čekus (F5)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Iziet</translation>
    </message>
    <message>
        <source>Close posapp (Ctrl+Q)</source>
        <translation>Aizvērt posapp (Ctrl+Q)</translation>
    </message>
    <message>
        <source>Till {code}</source>
        <translation>Kase {code}</translation>
    </message>
    <message>
        <source>This till ({code})</source>
        <translation>Šī kase ({code})</translation>
    </message>
    <message>
        <source>Database problem: {message}</source>
        <translation>Datubāzes problēma: {message}</translation>
    </message>
    <message>
        <source>{shop} — posapp</source>
        <translation>{shop} — posapp</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Slēgta</translation>
    </message>
    <message>
        <source>Open a shift to sell on this till.</source>
        <translation>Lai pārdotu šajā kasē, atveriet maiņu.</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Atvērta</translation>
    </message>
    <message>
        <source>Since {time}</source>
        <translation>Kopš {time}</translation>
    </message>
    <message>
        <source>Opened by {name}</source>
        <translation>Atvēra {name}</translation>
    </message>
    <message>
        <source>Database OK</source>
        <translation>Datubāze kārtībā</translation>
    </message>
    <message>
        <source>Updated at {time}</source>
        <translation>Atjaunināts {time}</translation>
    </message>
</context>
<context>
    <name>OpenShiftDialog</name>
    <message>
        <source>Open the shift</source>
        <translation>Atvērt maiņu</translation>
    </message>
    <message>
        <source>No shift is open on this till. Count the cash in the drawer and enter it as the float.</source>
        <translation>Šajā kasē nav atvērtas maiņas. Saskaitiet naudu atvilktnē un ievadiet to kā sākuma atlikumu.</translation>
    </message>
    <message>
        <source>Cancel
Esc</source>
        <translation>Atcelt
Esc</translation>
    </message>
    <message>
        <source>Open shift
Enter</source>
        <translation>Atvērt maiņu
Enter</translation>
    </message>
    <message>
        <source>Type the cash in the drawer, like 100 or 85,50.</source>
        <translation>Ievadiet naudu atvilktnē, piemēram, 100 vai 85,50.</translation>
    </message>
</context>
<context>
    <name>Operations</name>
    <message>
        <source>posapp could not finish this because of a fault in posapp itself; nothing already recorded was changed. Try again; if it happens again, send posapp.log to whoever looks after your till.</source>
        <translation>posapp to nevarēja pabeigt kļūdas dēļ pašā posapp; nekas jau ierakstītais netika mainīts. Mēģiniet vēlreiz; ja tas atkārtojas, nosūtiet posapp.log tam, kas rūpējas par jūsu kasi.</translation>
    </message>
</context>
<context>
    <name>ParkedSalesDialog</name>
    <message>
        <source>Parked sales</source>
        <translation>Atliktie pirkumi</translation>
    </message>
    <message>
        <source>Choose a sale with Up and Down and press Enter to ring it up again.</source>
        <translation>Izvēlieties pirkumu ar bultiņām uz augšu un leju un nospiediet Enter, lai to turpinātu.</translation>
    </message>
    <message>
        <source>Cancel
Esc</source>
        <translation>Atcelt
Esc</translation>
    </message>
    <message>
        <source>Resume
Enter</source>
        <translation>Atsākt
Enter</translation>
    </message>
    <message>
        <source>No sales are parked.</source>
        <translation>Atliktu pirkumu nav.</translation>
    </message>
    <message>
        <source>Choose a sale first.</source>
        <translation>Vispirms izvēlieties pirkumu.</translation>
    </message>
</context>
<context>
    <name>ParkedSalesModel</name>
    <message>
        <source>Parked</source>
        <translation>Atlikts</translation>
    </message>
    <message>
        <source>Till</source>
        <translation>Kase</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>Kasieris</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Klients</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>Rindas</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Kopā</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>Payment</source>
        <translation>Maksājums</translation>
    </message>
    <message>
        <source>To pay</source>
        <translation>Jāmaksā</translation>
    </message>
    <message>
        <source>&amp;Cash received</source>
        <translation>&amp;Saņemtā skaidrā nauda</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Izdot</translation>
    </message>
    <message>
        <source>By card</source>
        <translation>Ar karti</translation>
    </message>
    <message>
        <source>Take this amount on the card terminal. Press Enter when it is approved, Esc to go back.</source>
        <translation>Iekasējiet šo summu ar karšu termināli. Nospiediet Enter, kad maksājums apstiprināts, Esc — lai atgrieztos.</translation>
    </message>
    <message>
        <source>Cancel
Esc</source>
        <translation>Atcelt
Esc</translation>
    </message>
    <message>
        <source>Card
F5</source>
        <translation>Karte
F5</translation>
    </message>
    <message>
        <source>Complete
Enter</source>
        <translation>Pabeigt
Enter</translation>
    </message>
    <message>
        <source>Still due</source>
        <translation>Vēl jāmaksā</translation>
    </message>
    <message>
        <source>By card, after {cash} in cash</source>
        <translation>Ar karti, pēc {cash} skaidrā naudā</translation>
    </message>
    <message>
        <source>Type the cash received, like 20.</source>
        <translation>Ievadiet saņemto skaidro naudu, piemēram, 20.</translation>
    </message>
    <message>
        <source>{due} is due. Take more cash, or press F5 for the rest by card.</source>
        <translation>Jāmaksā {due}. Paņemiet vairāk skaidras naudas vai nospiediet F5, lai atlikumu maksātu ar karti.</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Choose a name first.</source>
        <translation>Vispirms izvēlieties vārdu.</translation>
    </message>
    <message>
        <source>Type the PIN, then press Enter.</source>
        <translation>Ievadiet PIN un nospiediet Enter.</translation>
    </message>
    <message>
        <source>{name} may not approve this.</source>
        <translation>{name} nedrīkst to apstiprināt.</translation>
    </message>
</context>
<context>
    <name>ProductMatchModel</name>
    <message>
        <source>{price} / kg</source>
        <translation>{price} / kg</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Prece</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Artikuls</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Cena</translation>
    </message>
</context>
<context>
    <name>ReceiptPrinting</name>
    <message>
        <source>An unexpected error (written to posapp.log).</source>
        <translation>Neparedzēta kļūda (ierakstīta posapp.log).</translation>
    </message>
</context>
<context>
    <name>RecentSalesModel</name>
    <message>
        <source>Receipt</source>
        <translation>Čeks</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Laiks</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>Kasieris</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Klients</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summa</translation>
    </message>
    <message>
        <source>{receipt} (refund)</source>
        <translation>{receipt} (atmaksa)</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <source>Refund</source>
        <translation>Atmaksa</translation>
    </message>
    <message>
        <source>Scan the receipt or type its number (T1-42, or 42 for this till), then Enter. Up/Down choose a line; a number or +/− sets how many to refund; A refunds everything left.</source>
        <translation>Noskenējiet čeku vai ierakstiet tā numuru (T1-42 vai 42 — šīs kases čekam) un nospiediet Enter. Ar bultiņām augšup/lejup izvēlieties rindu; skaitlis vai +/− nosaka, cik atmaksāt; A atmaksā visu atlikušo.</translation>
    </message>
    <message>
        <source>Re&amp;ceipt</source>
        <translation>Če&amp;ks</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Iemesls</translation>
    </message>
    <message>
        <source>&amp;Give back by</source>
        <translation>&amp;Atmaksas veids</translation>
    </message>
    <message>
        <source>To give back</source>
        <translation>Jāatmaksā</translation>
    </message>
    <message>
        <source>Everything left
A</source>
        <translation>Viss atlikušais
A</translation>
    </message>
    <message>
        <source>Cancel
Esc</source>
        <translation>Atcelt
Esc</translation>
    </message>
    <message>
        <source>Refund
Enter</source>
        <translation>Atmaksāt
Enter</translation>
    </message>
    <message>
        <source>Faulty goods</source>
        <translation>Bojāta prece</translation>
    </message>
    <message>
        <source>The customer changed their mind</source>
        <translation>Pircējs pārdomāja</translation>
    </message>
    <message>
        <source>Wrong item sold</source>
        <translation>Pārdota nepareizā prece</translation>
    </message>
    <message>
        <source>Charged wrongly</source>
        <translation>Kļūdaini iekasēta summa</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Skaidra nauda</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Karte</translation>
    </message>
    <message>
        <source>Everything on receipt {receipt} was already refunded.</source>
        <translation>Par visu čekā {receipt} nauda jau ir atgriezta.</translation>
    </message>
    <message>
        <source>Type the receipt number like T1-42, or 42 for this till.</source>
        <translation>Ierakstiet čeka numuru, piemēram, T1-42 vai 42 — šīs kases čekam.</translation>
    </message>
    <message>
        <source>Choose what to refund: a number on a line, or A for everything left.</source>
        <translation>Izvēlieties, ko atmaksāt: ierakstiet skaitli rindā vai nospiediet A, lai atmaksātu visu atlikušo.</translation>
    </message>
    <message>
        <source>Say why the sale is refunded.</source>
        <translation>Norādiet, kāpēc nauda tiek atgriezta.</translation>
    </message>
</context>
<context>
    <name>RefundLinesModel</name>
    <message>
        <source>Item</source>
        <translation>Prece</translation>
    </message>
    <message>
        <source>Sold</source>
        <translation>Pārdots</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>Atmaksāts</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Atlicis</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Cena</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Atmaksāt</translation>
    </message>
</context>
<context>
    <name>RemindersModel</name>
    <message>
        <source>What</source>
        <translation>Kas</translation>
    </message>
    <message>
        <source>Say or do</source>
        <translation>Ko pateikt vai izdarīt</translation>
    </message>
</context>
<context>
    <name>ReportsWindow</name>
    <message>
        <source>Reports — posapp</source>
        <translation>Atskaites — posapp</translation>
    </message>
    <message>
        <source>&amp;Period</source>
        <translation>&amp;Periods</translation>
    </message>
    <message>
        <source>The days the report covers (Alt+P)</source>
        <translation>Dienas, par kurām ir atskaite (Alt+P)</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;No</translation>
    </message>
    <message>
        <source>t&amp;o</source>
        <translation>lī&amp;dz</translation>
    </message>
    <message>
        <source>&amp;Till</source>
        <translation>&amp;Kase</translation>
    </message>
    <message>
        <source>All tills, or one till&apos;s figures only (Alt+T)</source>
        <translation>Visas kases vai tikai vienas kases skaitļi (Alt+K)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Atjaunot</translation>
    </message>
    <message>
        <source>Read the report again (F5)</source>
        <translation>Nolasīt atskaiti vēlreiz (F5)</translation>
    </message>
    <message>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <source>Save this report as a CSV file for a spreadsheet (Ctrl+E)</source>
        <translation>Saglabāt šo atskaiti kā CSV failu izklājlapai (Ctrl+E)</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>PDF…</source>
        <translation>PDF…</translation>
    </message>
    <message>
        <source>Save this report as an A4 PDF to print or send (Ctrl+Shift+E)</source>
        <translation>Saglabāt šo atskaiti kā A4 PDF drukāšanai vai nosūtīšanai (Ctrl+Shift+E)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Aizvērt</translation>
    </message>
    <message>
        <source>Ctrl+W</source>
        <translation>Ctrl+W</translation>
    </message>
    <message>
        <source>&amp;Sales</source>
        <translation>Pā&amp;rdošana</translation>
    </message>
    <message>
        <source>P&amp;roducts</source>
        <translation>Pr&amp;eces</translation>
    </message>
    <message>
        <source>&amp;VAT</source>
        <translation>P&amp;VN</translation>
    </message>
    <message>
        <source>S&amp;hifts</source>
        <translation>&amp;Maiņas</translation>
    </message>
    <message>
        <source>&amp;Loyalty</source>
        <translation>&amp;Lojalitāte</translation>
    </message>
    <message>
        <source>&amp;Care</source>
        <translation>&amp;Aprūpe</translation>
    </message>
    <message>
        <source>All tills</source>
        <translation>Visas kases</translation>
    </message>
    <message>
        <source>Till {code}</source>
        <translation>Kase {code}</translation>
    </message>
    <message>
        <source>Nothing in this period.</source>
        <translation>Šajā periodā nekā nav.</translation>
    </message>
    <message>
        <source>Search this table…</source>
        <translation>Meklēt šajā tabulā…</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV faili (*.csv)</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF dokumenti (*.pdf)</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>Saglabāt atskaiti</translation>
    </message>
    <message>
        <source>Written: {path}</source>
        <translation>Saglabāts: {path}</translation>
    </message>
    <message>
        <source>The report was not saved</source>
        <translation>Atskaite netika saglabāta</translation>
    </message>
</context>
<context>
    <name>RewardsModel</name>
    <message>
        <source>Key</source>
        <translation>Taustiņš</translation>
    </message>
    <message>
        <source>Reward</source>
        <translation>Atlīdzība</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Cena</translation>
    </message>
    <message>
        <source>{points} pts</source>
        <translation>{points} p.</translation>
    </message>
    <message>
        <source>voucher</source>
        <translation>kupons</translation>
    </message>
</context>
<context>
    <name>SerialScanner</name>
    <message>
        <source>Scanner on {port} ready</source>
        <translation>Skeneris portā {port} gatavs</translation>
    </message>
    <message>
        <source>The scanner on {port} is not connected ({reason}). Check its cable; posapp tries again every few seconds.</source>
        <translation>Skeneris portā {port} nav pievienots ({reason}). Pārbaudiet tā kabeli; posapp mēģina vēlreiz ik pēc dažām sekundēm.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in</source>
        <translation>Pieteikties</translation>
    </message>
    <message>
        <source>Choose your name (Up and Down keys), then type your PIN and press Enter.</source>
        <translation>Izvēlieties savu vārdu (bultiņas uz augšu un leju), ievadiet PIN un nospiediet Enter.</translation>
    </message>
    <message>
        <source>&amp;PIN</source>
        <translation>&amp;PIN</translation>
    </message>
    <message>
        <source>Cancel
Esc</source>
        <translation>Atcelt
Esc</translation>
    </message>
    <message>
        <source>Sign in
Enter</source>
        <translation>Pieteikties
Enter</translation>
    </message>
</context>
<context>
    <name>SystemPrinter</name>
    <message>
        <source>The system printer {name} cannot print now. Check that it is on and has paper; the receipt waits and prints when it is back.</source>
        <translation>Sistēmas printeris {name} pašlaik nevar drukāt. Pārbaudiet, vai tas ir ieslēgts un tajā ir papīrs; čeks gaida un tiks izdrukāts, kad printeris būs gatavs.</translation>
    </message>
</context>
<context>
    <name>VoidDialog</name>
    <message>
        <source>Void the sale</source>
        <translation>Anulēt pirkumu</translation>
    </message>
    <message>
        <source>The sale is cancelled and kept, without a receipt, for the owner. Say why.</source>
        <translation>Pirkums tiek atcelts un saglabāts īpašniekam bez čeka. Norādiet iemeslu.</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Iemesls</translation>
    </message>
    <message>
        <source>Cancel
Esc</source>
        <translation>Atcelt
Esc</translation>
    </message>
    <message>
        <source>Void the sale
Enter</source>
        <translation>Anulēt pirkumu
Enter</translation>
    </message>
    <message>
        <source>Say why the sale is voided.</source>
        <translation>Norādiet, kāpēc pirkums tiek anulēts.</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>posapp cannot start</source>
        <translation>Neizdevās palaist posapp</translation>
    </message>
    <message>
        <source>posapp</source>
        <translation>posapp</translation>
    </message>
    <message>
        <source>The database {database} cannot be opened ({detail}). Check the path or the address of the database and try again.</source>
        <translation>Datubāzi {database} nevar atvērt ({detail}). Pārbaudiet datubāzes ceļu vai adresi un mēģiniet vēlreiz.</translation>
    </message>
    <message>
        <source>in memory</source>
        <translation>atmiņā</translation>
    </message>
</context>
</TS>
