<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="lv_LV" sourcelanguage="en">
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
    <name>app</name>
    <message>
        <source>posapp cannot start</source>
        <translation>Neizdevās palaist posapp</translation>
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
