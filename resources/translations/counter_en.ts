<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AdminApprovalDialog</name>
    <message>
        <location filename="../../counter/ui/settings_base.py" line="138"/>
        <source>Persetujuan admin</source>
        <translation>Admin&apos;s approval</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_base.py" line="139"/>
        <source>&lt;b&gt;{act}&lt;/b&gt; perlu persetujuan admin.</source>
        <translation>&lt;b&gt;{act}&lt;/b&gt; needs an admin&apos;s approval.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_base.py" line="140"/>
        <source>Admin mengetik sendiri nama pengguna dan PIN-nya.</source>
        <translation>The admin types their own user name and PIN.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_base.py" line="141"/>
        <source>Nama pengguna admin</source>
        <translation>Admin&apos;s user name</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_base.py" line="142"/>
        <source>PIN admin</source>
        <translation>Admin&apos;s PIN</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_base.py" line="143"/>
        <source>Isi nama pengguna admin.</source>
        <translation>Enter the admin&apos;s user name.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_base.py" line="144"/>
        <source>Isi PIN admin.</source>
        <translation>Enter the admin&apos;s PIN.</translation>
    </message>
</context>
<context>
    <name>ApprovalDialog</name>
    <message>
        <location filename="../../counter/ui/approval_dialog.py" line="26"/>
        <source>Kepala unit mengetik sendiri nama pengguna dan PIN-nya.</source>
        <translation>The supervisor types their own user name and PIN.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/approval_dialog.py" line="27"/>
        <source>Setujui [Enter]</source>
        <translation>Approve [Enter]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/approval_dialog.py" line="34"/>
        <source>Persetujuan kepala unit</source>
        <translation>Supervisor&apos;s approval</translation>
    </message>
    <message>
        <location filename="../../counter/ui/approval_dialog.py" line="35"/>
        <source>&lt;b&gt;{act}&lt;/b&gt; perlu persetujuan kepala unit.</source>
        <translation>&lt;b&gt;{act}&lt;/b&gt; needs the supervisor&apos;s approval.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/approval_dialog.py" line="37"/>
        <source>Nama pengguna kepala unit</source>
        <translation>Supervisor&apos;s user name</translation>
    </message>
    <message>
        <location filename="../../counter/ui/approval_dialog.py" line="38"/>
        <source>PIN kepala unit</source>
        <translation>Supervisor&apos;s PIN</translation>
    </message>
    <message>
        <location filename="../../counter/ui/approval_dialog.py" line="39"/>
        <source>Isi nama pengguna kepala unit.</source>
        <translation>Enter the supervisor&apos;s user name.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/approval_dialog.py" line="40"/>
        <source>Isi PIN kepala unit.</source>
        <translation>Enter the supervisor&apos;s PIN.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/approval_dialog.py" line="65"/>
        <source>&amp;Nama pengguna</source>
        <translation>&amp;User name</translation>
    </message>
    <message>
        <location filename="../../counter/ui/approval_dialog.py" line="66"/>
        <source>&amp;PIN</source>
        <translation>&amp;PIN</translation>
    </message>
    <message>
        <location filename="../../counter/ui/approval_dialog.py" line="69"/>
        <source>Batal [Esc]</source>
        <translation>Cancel [Esc]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/approval_dialog.py" line="113"/>
        <source>Memeriksa ...</source>
        <translation>Checking ...</translation>
    </message>
</context>
<context>
    <name>BillsModel</name>
    <message>
        <location filename="../../counter/ui/table_models.py" line="216"/>
        <source>Bayar</source>
        <translation>Pay</translation>
    </message>
    <message>
        <location filename="../../counter/ui/table_models.py" line="217"/>
        <source>Bulan</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../counter/ui/table_models.py" line="218"/>
        <source>m3</source>
        <translation>m3</translation>
    </message>
    <message>
        <location filename="../../counter/ui/table_models.py" line="219"/>
        <source>Harga air</source>
        <translation>Water</translation>
    </message>
    <message>
        <location filename="../../counter/ui/table_models.py" line="220"/>
        <source>Beban</source>
        <translation>Fixed</translation>
    </message>
    <message>
        <location filename="../../counter/ui/table_models.py" line="221"/>
        <source>Admin</source>
        <translation>Admin</translation>
    </message>
    <message>
        <location filename="../../counter/ui/table_models.py" line="222"/>
        <source>Denda</source>
        <translation>Fine</translation>
    </message>
    <message>
        <location filename="../../counter/ui/table_models.py" line="223"/>
        <source>Jumlah</source>
        <translation>Amount</translation>
    </message>
</context>
<context>
    <name>CashClosing</name>
    <message>
        <location filename="../../counter/ui/cash_closing.py" line="42"/>
        <source>Tidak ada shift terbuka di loket ini untuk ditutup.</source>
        <translation>There is no open shift at this counter to close.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/cash_closing.py" line="55"/>
        <source>&lt;b&gt;Shift ditutup.&lt;/b&gt; Selisih kas {amount}.</source>
        <translation>&lt;b&gt;Shift closed.&lt;/b&gt; Cash difference {amount}.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/cash_closing.py" line="56"/>
        <source>Mencetak laporan Z ...</source>
        <translation>Printing the Z report ...</translation>
    </message>
    <message>
        <location filename="../../counter/ui/cash_closing.py" line="62"/>
        <source>Laporan Z gagal: {error}</source>
        <translation>Z report failed: {error}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Shift ditutup.&lt;/b&gt; Selisih kas {amount}. Mencetak laporan Z ...</source>
        <translation type="vanished">&lt;b&gt;Shift closed.&lt;/b&gt; Cash difference {amount}. Printing the Z report ...</translation>
    </message>
    <message>
        <location filename="../../counter/ui/cash_closing.py" line="54"/>
        <source>PAS</source>
        <translation>EXACT</translation>
    </message>
    <message>
        <source>&lt;b&gt;Shift ditutup.&lt;/b&gt; {said}</source>
        <translation type="vanished">&lt;b&gt;Shift closed.&lt;/b&gt; {said}</translation>
    </message>
    <message>
        <source>Shift ditutup, tetapi laporan Z gagal: {error}</source>
        <translation type="vanished">Shift closed, but the Z report failed: {error}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/cash_closing.py" line="71"/>
        <source>Tutup hari dilakukan kepala unit atau kasir dengan persetujuannya.</source>
        <translation>The day is closed by the supervisor, or by a cashier with the supervisor&apos;s approval.</translation>
    </message>
</context>
<context>
    <name>CentralStatus</name>
    <message>
        <location filename="../../counter/ui/sync.py" line="50"/>
        <source>baru saja</source>
        <translation>just now</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sync.py" line="52"/>
        <source>{n} menit</source>
        <translation>{n} minutes</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sync.py" line="53"/>
        <source>{n} menit</source>
        <comment>one</comment>
        <translation>{n} minute</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sync.py" line="55"/>
        <source>{n} jam</source>
        <translation>{n} hours</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sync.py" line="56"/>
        <source>{n} jam</source>
        <comment>one</comment>
        <translation>{n} hour</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sync.py" line="57"/>
        <source>{n} hari</source>
        <translation>{n} days</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sync.py" line="58"/>
        <source>{n} hari</source>
        <comment>one</comment>
        <translation>{n} day</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sync.py" line="69"/>
        <source>ONLINE</source>
        <translation>ONLINE</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sync.py" line="70"/>
        <source>TERGANGGU</source>
        <translation>DEGRADED</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sync.py" line="71"/>
        <source>OFFLINE</source>
        <translation>OFFLINE</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sync.py" line="84"/>
        <source>Pusat: {state}, {queued} antre</source>
        <translation>Central: {state}, {queued} queued</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sync.py" line="89"/>
        <source> (baru saja)</source>
        <translation> (just now)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sync.py" line="91"/>
        <source> (tertua {age})</source>
        <translation> (oldest {age})</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sync.py" line="93"/>
        <source>, {n} ditahan</source>
        <translation>, {n} held back</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sync.py" line="95"/>
        <source>, {n} DITOLAK</source>
        <translation>, {n} REJECTED</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sync.py" line="99"/>
        <source>Sambungan ke pusat tidak dapat disiapkan: {error}</source>
        <translation>The connection to central could not be set up: {error}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sync.py" line="102"/>
        <source>Menyiapkan sambungan ke pusat ...</source>
        <translation>Setting up the connection to central ...</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sync.py" line="104"/>
        <source>Terakhir tersambung: {time}</source>
        <translation>Last connected: {time}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sync.py" line="107"/>
        <source>Belum pernah tersambung ke pusat.</source>
        <translation>Never connected to central yet.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sync.py" line="109"/>
        <source>, yang tertua dibuat {time}</source>
        <translation>, the oldest made {time}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sync.py" line="114"/>
        <source>{n} transaksi menunggu dikirim ke pusat{oldest}.</source>
        <translation>{n} transactions waiting to be sent to central{oldest}.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sync.py" line="115"/>
        <source>{n} transaksi menunggu dikirim ke pusat{oldest}.</source>
        <comment>one</comment>
        <translation>{n} transaction waiting to be sent to central{oldest}.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sync.py" line="118"/>
        <source>Semua transaksi sudah diterima pusat.</source>
        <translation>Central has received every transaction.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sync.py" line="120"/>
        <source>{n} ditahan: ditolak pusat, dicoba lagi nanti (lapor ke pengawas).</source>
        <translation>{n} held back: refused by central, tried again later (tell the supervisor).</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sync.py" line="124"/>
        <source>{n} transaksi DITOLAK pusat: uangnya belum tercatat di pusat. Kepala unit menanganinya (&apos;counter sync rejected&apos;).</source>
        <translation>{n} transactions REJECTED by central: their money is not in central&apos;s books yet. The branch head deals with them (&apos;counter sync rejected&apos;).</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sync.py" line="128"/>
        <source>Kesalahan terakhir: {error}</source>
        <translation>Last error: {error}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sync.py" line="131"/>
        <source>Loket tetap bisa menerima pembayaran; transaksi dikirim otomatis saat pusat kembali.</source>
        <translation>The counter can still take payments; transactions are sent by themselves when central is back.</translation>
    </message>
</context>
<context>
    <name>CentralTab</name>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="356"/>
        <source>kosong: pusat demo di folder data (central.sqlite)</source>
        <translation>empty: the demo central in the data folder (central.sqlite)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="357"/>
        <source>URL pusat</source>
        <translation>Central URL</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="360"/>
        <source>pusat demo: {file}</source>
        <translation>demo central: {file}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="361"/>
        <source>Pusat yang dipakai</source>
        <translation>Central in use</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="364"/>
        <source>Dipakai sekarang</source>
        <translation>In use now</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="365"/>
        <source>&amp;URL pusat</source>
        <translation>Central &amp;URL</translation>
    </message>
    <message>
        <source>PostgreSQL: postgresql://counter_desk@server:5432/counter (tambah ?sslmode=verify-full untuk TLS). Kosong: pusat demo di folder data. Kata sandi tidak ditampilkan (***): biarkan *** untuk memakai yang tersimpan. Simpan kata sandi sebaiknya di keyring, bukan di berkas: &apos;counter central password&apos;.</source>
        <translation type="vanished">PostgreSQL: postgresql://counter_desk@server:5432/counter (add ?sslmode=verify-full for TLS). Empty: the demo central in the data folder. The password is not shown (***): leave *** to keep the stored one. Better keep the password in the keyring than in the file: &apos;counter central password&apos;.</translation>
    </message>
    <message>
        <source>Uji koneksi memakai URL yang terisi (belum perlu disimpan) dan menunggu paling lama 3 detik. URL yang disimpan berlaku setelah Loket ditutup dan dibuka lagi.</source>
        <translation type="vanished">Test connection uses the URL as typed (no need to save it first) and waits at most 3 seconds. A saved URL applies once the desk program is restarted.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="367"/>
        <source>Alamat API pusat: https://pusat.pdam.example. Loket didaftarkan sekali dengan kode dari pusat: &apos;counter sync enrol URL KODE&apos; (kunci loket disimpan di keyring atau berkas yang hanya bisa dibaca pemiliknya). Kosong: pusat demo di folder data.</source>
        <translation>Central&apos;s API address: https://pusat.pdam.example. A counter is enrolled once with a code from central: &apos;counter sync enrol URL CODE&apos; (the counter&apos;s key is kept in the keyring or in a file only its owner can read). Empty: the demo central in the data folder.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="370"/>
        <source>Uji koneksi memakai alamat yang terisi (belum perlu disimpan) dan menunggu paling lama 3 detik. URL yang disimpan berlaku setelah Loket ditutup dan dibuka lagi.</source>
        <translation>Test connection uses the address typed (no need to save it first) and waits at most 3 seconds. A saved address applies after the desk is closed and opened again.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="373"/>
        <source>Uji &amp;koneksi [Enter]</source>
        <translation>Test &amp;connection [Enter]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="376"/>
        <source>&amp;Simpan</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="380"/>
        <source>Server pusat</source>
        <translation>Central server</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="392"/>
        <source>Menghubungi pusat ...</source>
        <translation>Contacting central ...</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="397"/>
        <source>pusat demo (berkas SQLite)</source>
        <translation>the demo central (SQLite file)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="397"/>
        <source>pusat</source>
        <translation>central</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="398"/>
        <source>&lt;b&gt;Koneksi OK&lt;/b&gt;: {what} menjawab dalam {ms} ms. {url}</source>
        <translation>&lt;b&gt;Connection OK&lt;/b&gt;: {what} answered in {ms} ms. {url}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="410"/>
        <source>Menyimpan ...</source>
        <translation>Saving ...</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="416"/>
        <source>URL pusat disimpan. Berlaku setelah Loket ditutup dan dibuka lagi.</source>
        <translation>Central URL saved. It applies once the desk program is restarted.</translation>
    </message>
</context>
<context>
    <name>CollectiveDialog</name>
    <message>
        <location filename="../../counter/ui/collective_dialog.py" line="36"/>
        <source>BAYAR SEMUA [Enter]</source>
        <translation>PAY ALL [Enter]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/collective_dialog.py" line="37"/>
        <source>No. sambungan</source>
        <translation>Connection no.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/collective_dialog.py" line="37"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../counter/ui/collective_dialog.py" line="38"/>
        <source>Bulan</source>
        <translation>Months</translation>
    </message>
    <message>
        <location filename="../../counter/ui/collective_dialog.py" line="38"/>
        <source>Jumlah</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../counter/ui/collective_dialog.py" line="108"/>
        <source>Pembayaran kolektif</source>
        <translation>Collective payment</translation>
    </message>
    <message>
        <location filename="../../counter/ui/collective_dialog.py" line="109"/>
        <source>&lt;b&gt;Pembayaran kolektif&lt;/b&gt;: banyak sambungan, satu kali bayar; tiap sambungan mendapat struknya sendiri</source>
        <translation>&lt;b&gt;Collective payment&lt;/b&gt;: many connections, paid at once; each connection gets its own receipt</translation>
    </message>
    <message>
        <location filename="../../counter/ui/collective_dialog.py" line="116"/>
        <source>(tanpa grup)</source>
        <translation>(no group)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/collective_dialog.py" line="117"/>
        <source>Grup tersimpan</source>
        <translation>Saved group</translation>
    </message>
    <message>
        <location filename="../../counter/ui/collective_dialog.py" line="119"/>
        <source>&amp;Grup tersimpan:</source>
        <translation>Saved &amp;group:</translation>
    </message>
    <message>
        <location filename="../../counter/ui/collective_dialog.py" line="124"/>
        <source>ketik atau pindai no. sambungan, Enter</source>
        <translation>type or scan a connection no., Enter</translation>
    </message>
    <message>
        <location filename="../../counter/ui/collective_dialog.py" line="125"/>
        <source>Nomor sambungan</source>
        <translation>Connection number</translation>
    </message>
    <message>
        <location filename="../../counter/ui/collective_dialog.py" line="127"/>
        <source>No. &amp;sambungan:</source>
        <translation>Connection &amp;no.:</translation>
    </message>
    <message>
        <location filename="../../counter/ui/collective_dialog.py" line="147"/>
        <source>Sambungan yang dibayar</source>
        <translation>Connections paid</translation>
    </message>
    <message>
        <location filename="../../counter/ui/collective_dialog.py" line="151"/>
        <source>Enter: tambah sambungan  |  ↓ lalu Delete: hapus baris  |  Alt+G: grup, Enter: muat  |  Enter di kolom kosong: ke uang diterima  |  Esc: tutup</source>
        <translation>Enter: add a connection  |  ↓ then Delete: remove a row  |  Alt+G: group, Enter: load  |  Enter in the empty field: to the cash received  |  Esc: close</translation>
    </message>
    <message>
        <location filename="../../counter/ui/collective_dialog.py" line="158"/>
        <source>TOTAL</source>
        <translation>TOTAL</translation>
    </message>
    <message>
        <location filename="../../counter/ui/collective_dialog.py" line="161"/>
        <source>Total kolektif</source>
        <translation>Collective total</translation>
    </message>
    <message>
        <source>Uang diterima</source>
        <translation type="vanished">Cash received</translation>
    </message>
    <message>
        <source>no. transaksi / approval code</source>
        <translation type="vanished">transaction no. / approval code</translation>
    </message>
    <message>
        <location filename="../../counter/ui/collective_dialog.py" line="173"/>
        <source>no. transaksi / kode persetujuan</source>
        <translation>transaction no. / approval code</translation>
    </message>
    <message>
        <location filename="../../counter/ui/collective_dialog.py" line="175"/>
        <location filename="../../counter/ui/collective_dialog.py" line="253"/>
        <location filename="../../counter/ui/collective_dialog.py" line="261"/>
        <source>KEMBALIAN</source>
        <translation>CHANGE</translation>
    </message>
    <message>
        <location filename="../../counter/ui/collective_dialog.py" line="178"/>
        <source>Kembalian</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../counter/ui/collective_dialog.py" line="179"/>
        <source>Cetak juga s&amp;truk tiap sambungan</source>
        <translation>Also print each connection&apos;s rece&amp;ipt</translation>
    </message>
    <message>
        <location filename="../../counter/ui/collective_dialog.py" line="186"/>
        <source>&amp;Cara bayar</source>
        <translation>&amp;Method</translation>
    </message>
    <message>
        <location filename="../../counter/ui/collective_dialog.py" line="187"/>
        <source>&amp;Uang diterima</source>
        <translation>Cash &amp;received</translation>
    </message>
    <message>
        <location filename="../../counter/ui/collective_dialog.py" line="188"/>
        <source>No. &amp;referensi</source>
        <translation>Re&amp;ference no.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/collective_dialog.py" line="201"/>
        <source>Tutup [Esc]</source>
        <translation>Close [Esc]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/collective_dialog.py" line="240"/>
        <source>termasuk pembulatan tunai {amount} (per struk)</source>
        <translation>includes cash rounding of {amount} (per receipt)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/collective_dialog.py" line="242"/>
        <source>{n} sambungan</source>
        <translation>{n} connections</translation>
    </message>
    <message>
        <location filename="../../counter/ui/collective_dialog.py" line="257"/>
        <source>KURANG</source>
        <translation>SHORT</translation>
    </message>
    <message>
        <location filename="../../counter/ui/collective_dialog.py" line="268"/>
        <source>{n} bln: {months}</source>
        <translation>{n} mo.: {months}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/collective_dialog.py" line="308"/>
        <source>Ketik atau pindai nomor sambungan dulu.</source>
        <translation>Type or scan a connection number first.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/collective_dialog.py" line="311"/>
        <source>Satu pembayaran kolektif paling banyak {n} sambungan.</source>
        <translation>A collective payment takes at most {n} connections.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/collective_dialog.py" line="322"/>
        <source>Sambungan {number} sudah ada di daftar.</source>
        <translation>Connection {number} is already in the list.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/collective_dialog.py" line="375"/>
        <source>Tidak ikut dibayar: {problems}</source>
        <translation>Left out of the payment: {problems}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/collective_dialog.py" line="387"/>
        <source>Sambungan yang baru diketik masih dibaca; tekan Enter lagi sebentar lagi.</source>
        <translation>The connection just typed is still being read; press Enter again in a moment.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/collective_dialog.py" line="391"/>
        <source>Tambahkan minimal satu sambungan.</source>
        <translation>Add at least one connection.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/collective_dialog.py" line="439"/>
        <source>Jumlah berubah: tadi {amount}</source>
        <translation>The amount changed: it was {amount}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/collective_dialog.py" line="446"/>
        <source>Menyimpan ...</source>
        <translation>Saving ...</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <location filename="../../counter/ui/customer_dialog.py" line="17"/>
        <source>Simpan [Enter]</source>
        <translation>Save [Enter]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_dialog.py" line="27"/>
        <source>Ubah data pelanggan</source>
        <translation>Edit customer details</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_dialog.py" line="34"/>
        <source>Nomor telepon</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_dialog.py" line="39"/>
        <source> jiwa</source>
        <translation> people</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_dialog.py" line="40"/>
        <source>Jumlah jiwa</source>
        <translation>Household size</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_dialog.py" line="42"/>
        <source>&amp;Telepon</source>
        <translation>&amp;Phone</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_dialog.py" line="43"/>
        <source>&amp;Jumlah jiwa</source>
        <translation>&amp;Household size</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_dialog.py" line="46"/>
        <source>Perubahan dicatat di jejak audit dan dikirim ke pusat. Jumlah jiwa dipakai untuk menilai pemakaian air per orang.</source>
        <translation>Changes are recorded in the audit trail and sent to central. The household size is used to judge the water used per person.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_dialog.py" line="50"/>
        <source>Batal [Esc]</source>
        <translation>Cancel [Esc]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_dialog.py" line="77"/>
        <source>Menyimpan ...</source>
        <translation>Saving ...</translation>
    </message>
</context>
<context>
    <name>CustomerPanel</name>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="20"/>
        <source>Data lokal – pusat tidak terjangkau</source>
        <translation>Local data – central unreachable</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="21"/>
        <source>Pembayaran di bank/marketplace bisa belum tampak.</source>
        <translation>Payments at banks/marketplaces may not show yet.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="22"/>
        <source>Data dari pusat</source>
        <translation>Data from central</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="56"/>
        <source>Belum ada pelanggan.
Ketik nomor sambungan, scan barcode rekening,
atau cari nama / alamat di kolom Cari [F2].</source>
        <translation>No customer yet.
Type a connection number, scan a bill barcode,
or search a name / address in the Search field [F2].</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="85"/>
        <source>Keringanan / Angsuran [F9]</source>
        <translation>Relief / Instalments [F9]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="145"/>
        <location filename="../../counter/ui/customer_panel.py" line="266"/>
        <source>Tidak ada tunggakan: semua rekening sudah lunas.</source>
        <translation>Nothing owed: every bill is paid.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="159"/>
        <source>TOTAL</source>
        <translation>TOTAL</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="164"/>
        <source>Total dibayar</source>
        <translation>Total to pay</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="165"/>
        <source>BAYAR [F5]</source>
        <translation>PAY [F5]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="234"/>
        <source>Memuat pelanggan {number} ...</source>
        <translation>Loading customer {number} ...</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="251"/>
        <source>ANGSURAN</source>
        <translation>INSTALMENTS</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="252"/>
        <source>KREDIT {amount}</source>
        <translation>CREDIT {amount}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="253"/>
        <source>KONFLIK ({n})</source>
        <translation>CONFLICT ({n})</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="254"/>
        <source>Ada pembayaran yang belum beres di pusat; kepala unit menyelesaikannya.</source>
        <translation>A payment is not settled at central yet; the supervisor resolves it.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="256"/>
        <source>Kel. {village}, Kec. {district}</source>
        <translation>Village {village}, District {district}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="257"/>
        <source>Gol. {code} ({name})</source>
        <translation>Tariff {code} ({name})</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="260"/>
        <source> · Telp. {phone}</source>
        <translation> · Phone {phone}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="261"/>
        <source> · Ubah [Ctrl+E]</source>
        <translation> · Edit [Ctrl+E]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="275"/>
        <source>{n} jiwa</source>
        <translation>{n} people</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="259"/>
        <source>No. meter {meter}</source>
        <translation>Meter no. {meter}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="265"/>
        <source>Tidak ada tunggakan di luar rencana angsuran.</source>
        <translation>Nothing owed outside the instalment plan.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="275"/>
        <source>jiwa: belum dicatat</source>
        <translation>household size: not recorded</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="278"/>
        <source> · {litres} L/orang/hari</source>
        <translation> · {litres} L/person/day</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="280"/>
        <source>Pemakaian {m3} m3 bulan {month} untuk {n} jiwa.</source>
        <translation>Usage {m3} m3 in {month} for {n} people.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="283"/>
        <source> (terlalu tinggi)</source>
        <translation> (too high)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="283"/>
        <source> (terlalu rendah)</source>
        <translation> (too low)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="284"/>
        <source>Pemakaian tidak wajar untuk jumlah jiwa ini: periksa meter, kebocoran, atau jumlah jiwa (Ctrl+E).</source>
        <translation>Usage implausible for this household: check the meter, a leak, or the household size (Ctrl+E).</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="329"/>
        <source>Belum ada rekening atau angsuran dipilih.</source>
        <translation>No bill or instalment chosen yet.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="331"/>
        <source>Belum ada rekening dipilih.</source>
        <translation>No bill chosen yet.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="341"/>
        <source>{n} dari {m} bulan: {months}</source>
        <translation>{n} of {m} months: {months}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="343"/>
        <source>, termasuk denda {amount}</source>
        <translation>, fines {amount} included</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="347"/>
        <source>Dibayar {what}</source>
        <translation>Paying {what}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="348"/>
        <source>Meterai {amount}</source>
        <translation>Stamp duty {amount}</translation>
    </message>
</context>
<context>
    <name>CustomerResultsModel</name>
    <message>
        <location filename="../../counter/ui/table_models.py" line="30"/>
        <source>No. samb.</source>
        <translation>Conn. no.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/table_models.py" line="31"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../counter/ui/table_models.py" line="32"/>
        <source>Alamat</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../counter/ui/table_models.py" line="33"/>
        <source>Gol.</source>
        <translation>Tar.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/table_models.py" line="34"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>DayCloseDialog</name>
    <message>
        <location filename="../../counter/ui/day_close_dialog.py" line="29"/>
        <source>Tutup hari [Ctrl+Enter]</source>
        <translation>Close day [Ctrl+Enter]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/day_close_dialog.py" line="30"/>
        <source>Catat setoran</source>
        <translation>Record deposit</translation>
    </message>
    <message>
        <location filename="../../counter/ui/day_close_dialog.py" line="60"/>
        <source>Tutup hari</source>
        <translation>Close day</translation>
    </message>
    <message>
        <source>Tutup hari kantor {office}, {date}</source>
        <translation type="vanished">Close the day of office {office}, {date}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/day_close_dialog.py" line="62"/>
        <source>Tutup hari kantor {office}</source>
        <translation>Closing the day of office {office}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/day_close_dialog.py" line="69"/>
        <source>Tanggal yang ditutup</source>
        <translation>Day to close</translation>
    </message>
    <message>
        <location filename="../../counter/ui/day_close_dialog.py" line="75"/>
        <location filename="../../counter/ui/day_close_dialog.py" line="136"/>
        <source>Membaca data semua loket dari pusat ...</source>
        <translation>Reading every counter&apos;s data from central ...</translation>
    </message>
    <message>
        <location filename="../../counter/ui/day_close_dialog.py" line="89"/>
        <source>Alasan menutup walau belum lengkap (minimal 5 huruf)</source>
        <translation>Reason to close although incomplete (at least 5 characters)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/day_close_dialog.py" line="90"/>
        <source>Alasan pengecualian</source>
        <translation>Reason for the exception</translation>
    </message>
    <message>
        <location filename="../../counter/ui/day_close_dialog.py" line="100"/>
        <source>Jumlah setoran (Rp)</source>
        <translation>Deposit amount (Rp)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/day_close_dialog.py" line="101"/>
        <source>Bank</source>
        <translation>Bank</translation>
    </message>
    <message>
        <location filename="../../counter/ui/day_close_dialog.py" line="102"/>
        <source>No. bukti setoran</source>
        <translation>Deposit slip no.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/day_close_dialog.py" line="105"/>
        <source>Simpan laporan PDF</source>
        <translation>Save PDF reports</translation>
    </message>
    <message>
        <location filename="../../counter/ui/day_close_dialog.py" line="106"/>
        <source>Tutup [Esc]</source>
        <translation>Close [Esc]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/day_close_dialog.py" line="121"/>
        <source>Pusat belum tersambung: tutup hari perlu data semua loket dari pusat.</source>
        <translation>Central is not connected: closing the day needs every counter&apos;s data from central.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/day_close_dialog.py" line="153"/>
        <source>DITUTUP {time} oleh {who}</source>
        <translation>CLOSED {time} by {who}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/day_close_dialog.py" line="157"/>
        <source>BELUM DITUTUP</source>
        <translation>NOT CLOSED YET</translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter/ui/day_close_dialog.py" line="159"/>
        <source>{n} struk, total &lt;b&gt;{total}&lt;/b&gt;, tunai &lt;b&gt;{cash}&lt;/b&gt;</source>
        <translation>
            <numerusform>{n} receipt, total &lt;b&gt;{total}&lt;/b&gt;, cash &lt;b&gt;{cash}&lt;/b&gt;</numerusform>
            <numerusform>{n} receipts, total &lt;b&gt;{total}&lt;/b&gt;, cash &lt;b&gt;{cash}&lt;/b&gt;</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../counter/ui/day_close_dialog.py" line="165"/>
        <source>masih buka</source>
        <translation>still open</translation>
    </message>
    <message>
        <location filename="../../counter/ui/day_close_dialog.py" line="168"/>
        <source>Loket, kasir</source>
        <translation>Counter, cashier</translation>
    </message>
    <message>
        <location filename="../../counter/ui/day_close_dialog.py" line="168"/>
        <source>Buka</source>
        <translation>Opened</translation>
    </message>
    <message>
        <location filename="../../counter/ui/day_close_dialog.py" line="168"/>
        <source>Tutup</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../counter/ui/day_close_dialog.py" line="168"/>
        <source>Dihitung</source>
        <translation>Counted</translation>
    </message>
    <message>
        <location filename="../../counter/ui/day_close_dialog.py" line="169"/>
        <source>Selisih</source>
        <translation>Difference</translation>
    </message>
    <message>
        <source>BUKA</source>
        <translation type="vanished">OPEN</translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter/ui/day_close_dialog.py" line="170"/>
        <source>&lt;br&gt;&lt;b&gt;{n} struk diterima setelah tutup hari&lt;/b&gt; (di luar angka yang ditandatangani).</source>
        <translation>
            <numerusform>&lt;br&gt;&lt;b&gt;{n} receipt arrived after the day was closed&lt;/b&gt; (outside the signed figures).</numerusform>
            <numerusform>&lt;br&gt;&lt;b&gt;{n} receipts arrived after the day was closed&lt;/b&gt; (outside the signed figures).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../counter/ui/day_close_dialog.py" line="173"/>
        <source>&lt;br&gt;Pengembalian uang &lt;b&gt;{refunds}&lt;/b&gt;, tunai untuk disetor &lt;b&gt;{deposit}&lt;/b&gt;.</source>
        <translation>&lt;br&gt;Refunds paid &lt;b&gt;{refunds}&lt;/b&gt;, cash to deposit &lt;b&gt;{deposit}&lt;/b&gt;.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/day_close_dialog.py" line="176"/>
        <source>&lt;br&gt;&lt;b&gt;Belum ada kabar hari ini dari loket {codes}&lt;/b&gt;: uang yang diterima secara offline belum terhitung.</source>
        <translation>&lt;br&gt;&lt;b&gt;Nothing heard today from counter(s) {codes}&lt;/b&gt;: money they took offline is not counted yet.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/day_close_dialog.py" line="179"/>
        <source>Per loket</source>
        <translation>Per counter</translation>
    </message>
    <message>
        <location filename="../../counter/ui/day_close_dialog.py" line="179"/>
        <source>Per cara bayar</source>
        <translation>Per method</translation>
    </message>
    <message>
        <location filename="../../counter/ui/day_close_dialog.py" line="179"/>
        <source>Shift</source>
        <translation>Shifts</translation>
    </message>
    <message>
        <location filename="../../counter/ui/day_close_dialog.py" line="184"/>
        <source>Belum lengkap: {what}.</source>
        <translation>Not complete: {what}.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/day_close_dialog.py" line="197"/>
        <source>&lt;br&gt;Setoran {amount} ke {bank}, bukti {ref}.</source>
        <translation>&lt;br&gt;Deposit {amount} to {bank}, slip {ref}.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/day_close_dialog.py" line="210"/>
        <source>Tulis alasan menutup hari walau belum lengkap (minimal 5 huruf).</source>
        <translation>Write why the day is closed although incomplete (at least 5 characters).</translation>
    </message>
    <message>
        <location filename="../../counter/ui/day_close_dialog.py" line="213"/>
        <source>Tutup hari {date}</source>
        <translation>Close day {date}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/day_close_dialog.py" line="227"/>
        <source>Setoran {amount}</source>
        <translation>Deposit {amount}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/day_close_dialog.py" line="244"/>
        <source>Laporan disimpan di {folder}</source>
        <translation>Reports saved in {folder}</translation>
    </message>
</context>
<context>
    <name>DeskLock</name>
    <message>
        <location filename="../../counter/ui/lock.py" line="43"/>
        <source>Kunci layar [Ctrl+L]</source>
        <translation>Lock screen [Ctrl+L]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/lock.py" line="311"/>
        <source>Dikunci otomatis setelah {n} menit tanpa kegiatan.</source>
        <translation>Locked automatically after {n} minutes without activity.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/lock.py" line="312"/>
        <source>Dikunci otomatis karena tidak ada kegiatan.</source>
        <translation>Locked automatically: no activity.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/lock.py" line="312"/>
        <source>Dikunci oleh kasir (Ctrl+L).</source>
        <translation>Locked by the cashier (Ctrl+L).</translation>
    </message>
</context>
<context>
    <name>DeskPrinter</name>
    <message>
        <location filename="../../counter/ui/printing.py" line="28"/>
        <source>Printer: belum mencetak</source>
        <translation>Printer: nothing printed yet</translation>
    </message>
    <message>
        <location filename="../../counter/ui/printing.py" line="29"/>
        <source>Printer: mencetak ...</source>
        <translation>Printer: printing ...</translation>
    </message>
    <message>
        <location filename="../../counter/ui/printing.py" line="30"/>
        <source>Printer: siap</source>
        <translation>Printer: ready</translation>
    </message>
    <message>
        <location filename="../../counter/ui/printing.py" line="31"/>
        <source>Printer: GAGAL – {reason}</source>
        <translation>Printer: FAILED – {reason}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/printing.py" line="32"/>
        <source>Printer: struk disimpan ke PDF</source>
        <translation>Printer: receipt saved as PDF</translation>
    </message>
    <message>
        <location filename="../../counter/ui/printing.py" line="33"/>
        <source>Printer: belum ada struk untuk dicetak ulang</source>
        <translation>Printer: no receipt to print again yet</translation>
    </message>
    <message>
        <location filename="../../counter/ui/printing.py" line="34"/>
        <source>Tanpa printer: struk disimpan sebagai PDF</source>
        <translation>No printer: receipt saved as PDF</translation>
    </message>
    <message>
        <location filename="../../counter/ui/printing.py" line="37"/>
        <source>Struk {receipt} tercetak.</source>
        <translation>Receipt {receipt} printed.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/printing.py" line="38"/>
        <source>Salinan ke-{n} struk {receipt} tercetak.</source>
        <translation>Copy {n} of receipt {receipt} printed.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/printing.py" line="39"/>
        <source>Struk {receipt} tidak dicetak, disimpan sebagai PDF: {path}</source>
        <translation>Receipt {receipt} not printed, saved as PDF: {path}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/printing.py" line="40"/>
        <source>Salinan ke-{n} struk {receipt} tidak dicetak, disimpan sebagai PDF: {path}</source>
        <translation>Copy {n} of receipt {receipt} not printed, saved as PDF: {path}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/printing.py" line="73"/>
        <source>Cetak ulang [F8]</source>
        <translation>Print again [F8]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/printing.py" line="74"/>
        <source>Simpan PDF</source>
        <translation>Save PDF</translation>
    </message>
    <message>
        <location filename="../../counter/ui/printing.py" line="193"/>
        <source> ({n} struk)</source>
        <translation> ({n} receipts)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/printing.py" line="196"/>
        <source>Pembayaran tetap tersimpan. F8: cetak ulang; atau simpan sebagai PDF.</source>
        <translation>The payment stays saved. F8: print again; or save as PDF.</translation>
    </message>
    <message>
        <source>Struk tercetak.</source>
        <translation type="vanished">Receipt printed.</translation>
    </message>
</context>
<context>
    <name>DeskSync</name>
    <message>
        <location filename="../../counter/ui/sync.py" line="200"/>
        <source>tidak diketahui</source>
        <translation>unknown</translation>
    </message>
</context>
<context>
    <name>DeskTab</name>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="277"/>
        <source>Kantor</source>
        <translation>Office</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="277"/>
        <source>Loket</source>
        <translation>Counter</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="278"/>
        <source>Pengguna</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="278"/>
        <source>Tanggal usaha</source>
        <translation>Business date</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="279"/>
        <source>Zona waktu</source>
        <translation>Time zone</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="280"/>
        <source>Folder data</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="281"/>
        <source>Berkas pengaturan</source>
        <translation>Settings file</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="287"/>
        <source>Loket ini sekarang</source>
        <translation>This counter now</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="290"/>
        <source>mis. KPG</source>
        <translation>e.g. KPG</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="290"/>
        <source>Kode kantor</source>
        <translation>Office code</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="291"/>
        <source>mis. L01</source>
        <translation>e.g. L01</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="291"/>
        <source>Kode loket</source>
        <translation>Counter code</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="298"/>
        <source>Kode &amp;kantor</source>
        <translation>&amp;Office code</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="299"/>
        <source>Kode &amp;loket</source>
        <translation>&amp;Counter code</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="303"/>
        <source>Kantor dan loket harus sudah terdaftar di data loket ini (dari pusat, atau &apos;counter setup&apos;). Berlaku setelah Loket ditutup dan dibuka lagi. Nama pengguna yang terisi saat masuk ([desk] user) tetap {user}.</source>
        <translation>The office and counter must already be registered in this counter&apos;s data (from central, or &apos;counter setup&apos;). They apply once the desk program is restarted. The user name filled in at sign-in ([desk] user) stays {user}.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="306"/>
        <source>Ubah kantor &amp;&amp; loket [desk]</source>
        <translation>Change office &amp;&amp; counter [desk]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="309"/>
        <source>&amp;Simpan [Enter]</source>
        <translation>&amp;Save [Enter]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="328"/>
        <source>Memeriksa dan menyimpan ...</source>
        <translation>Checking and saving ...</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="337"/>
        <source>Disimpan: kantor &lt;b&gt;{office}&lt;/b&gt;, loket &lt;b&gt;{counter}&lt;/b&gt;. </source>
        <translation>Saved: office &lt;b&gt;{office}&lt;/b&gt;, counter &lt;b&gt;{counter}&lt;/b&gt;. </translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="339"/>
        <source>Sama dengan loket yang sedang berjalan.</source>
        <translation>The same as the counter running now.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="340"/>
        <source>Berlaku setelah Loket ditutup dan dibuka lagi; sampai itu loket ini tetap {office} / {counter}.</source>
        <translation>It applies once the desk program is restarted; until then this counter stays {office} / {counter}.</translation>
    </message>
</context>
<context>
    <name>HelpOverlay</name>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="13"/>
        <source>Bantuan ini: daftar semua tombol (F1 atau Esc menutupnya)</source>
        <translation>This help: every key (F1 or Esc closes it)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="14"/>
        <source>Kembali ke kolom pencarian; teksnya terpilih, pindaian berikutnya menggantinya</source>
        <translation>Back to the search field; its text is selected, the next scan replaces it</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="15"/>
        <source>Cari sekarang; satu nomor yang cocok langsung dibuka. Di jendela: setujui / bayar</source>
        <translation>Search now; a single matching number opens at once. In a window: confirm / pay</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="16"/>
        <source>Dari kolom pencarian ke daftar hasil, pindah pelanggan (langsung dibuka)</source>
        <translation>From the search field into the results, move between customers (opened at once)</translation>
    </message>
    <message>
        <source>Centang / hapus centang bulan rekening atau angsuran (urutan tetap dijaga)</source>
        <translation type="vanished">Tick / untick bill months or instalments (the order is kept)</translation>
    </message>
    <message>
        <source>Spasi, Tab</source>
        <translation type="vanished">Space, Tab</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="20"/>
        <source>Bayar rekening yang dicentang (jendela pembayaran)</source>
        <translation>Pay the ticked bills (payment window)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="21"/>
        <source>Di jendela pembayaran: uang pas / Rp 50.000-an / Rp 100.000-an berikutnya</source>
        <translation>In the pay dialog: exact money / the next Rp 50.000 / the next Rp 100.000</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="22"/>
        <source>Batalkan struk hari ini: pilih di daftar, alasan + persetujuan kepala unit</source>
        <translation>Void a receipt of today: choose it in the list, a reason + the supervisor&apos;s approval</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="23"/>
        <source>Cetak ulang struk yang gagal, atau salinan struk terakhir</source>
        <translation>Reprint failed receipts, or a copy of the last receipt</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="24"/>
        <source>Keringanan / angsuran untuk pelanggan di layar</source>
        <translation>Relief / instalments for the customer on screen</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="25"/>
        <source>Pengaturan (kepala unit dan admin)</source>
        <translation>Settings (supervisors and admins)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="29"/>
        <source>Buka shift: modal awal di laci (misalnya setelah &quot;Nanti saja&quot;)</source>
        <translation>Open a shift: the float in the drawer (e.g. after &quot;Later&quot;)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="30"/>
        <source>Ubah telepon dan jumlah jiwa pelanggan di layar</source>
        <translation>Edit the phone number and household size of the customer on screen</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="26"/>
        <source>Tutup hari: angka semua loket dari pusat, tanda tangan kepala unit, setoran</source>
        <translation>Close the day: all counters&apos; figures from central, supervisor&apos;s sign-off, deposit</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="17"/>
        <source>Dari pencarian ke daftar hasil, lalu ke tabel rekening dan angsuran; Shift+Tab kembali</source>
        <translation>From the search to the results, then to the bills and the instalments; Shift+Tab goes back</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="18"/>
        <source>↑ / ↓, Spasi</source>
        <translation>↑ / ↓, Space</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="18"/>
        <source>Di tabel rekening / angsuran: pindah baris, centang / hapus centang (urutan tetap dijaga)</source>
        <translation>In the bills / instalments: move from row to row, tick / untick (the order is kept)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="19"/>
        <source>Satu bulan lagi / satu bulan kurang, dari yang tertua (di mana saja)</source>
        <translation>One month more / one month less, from the oldest (anywhere)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="27"/>
        <source>Tutup shift: hitung laci per pecahan, laporan Z</source>
        <translation>Close the shift: count the drawer by denomination, the Z report</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="28"/>
        <source>Kosongkan pencarian; di jendela: batal / tutup tanpa menyimpan</source>
        <translation>Clear the search; in a window: cancel / close without saving</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="31"/>
        <source>Riwayat pembayaran pelanggan di layar; Enter: cetak salinan struk yang dipilih</source>
        <translation>Payment history of the customer on screen; Enter: print a copy of the receipt chosen</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="32"/>
        <source>Pembayaran kolektif: banyak sambungan (atau grup tersimpan), satu kali bayar</source>
        <translation>Collective payment: many connections (or a saved group), paid at once</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="33"/>
        <source>Kuitansi manual masa gangguan: ketik satu buku, Enter ke sel berikutnya</source>
        <translation>Paper receipts of an outage: type a book, Enter to the next cell</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="34"/>
        <source>Ganti kasir / keluar: kembali ke layar masuk (shift yang terbuka tetap milik kasirnya)</source>
        <translation>Change cashier / sign out: back to the sign-in screen (an open shift stays its cashier&apos;s)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="35"/>
        <source>Kunci layar sekarang; hanya PIN pengguna ini yang membukanya</source>
        <translation>Lock the screen now; only this user&apos;s PIN opens it</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="36"/>
        <source>Huruf lebih besar / lebih kecil (diingat untuk komputer ini)</source>
        <translation>Larger / smaller text (remembered on this computer)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="37"/>
        <source>Ukuran huruf biasa</source>
        <translation>Normal text size</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="52"/>
        <source>Bantuan tombol</source>
        <translation>Key help</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="54"/>
        <source>Tombol-tombol loket</source>
        <translation>Keys of the desk</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="74"/>
        <source>Tekan Esc atau F1 untuk menutup.</source>
        <translation>Press Esc or F1 to close.</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../counter/ui/history_dialog.py" line="32"/>
        <source>Cetak salinan [Enter]</source>
        <translation>Print a copy [Enter]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/history_dialog.py" line="126"/>
        <source>Riwayat pembayaran</source>
        <translation>Payment history</translation>
    </message>
    <message>
        <location filename="../../counter/ui/history_dialog.py" line="128"/>
        <source>Riwayat pembayaran &lt;b&gt;{number}&lt;/b&gt; {name}</source>
        <translation>Payment history of &lt;b&gt;{number}&lt;/b&gt; {name}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/history_dialog.py" line="132"/>
        <source>Memuat riwayat ...</source>
        <translation>Loading the history ...</translation>
    </message>
    <message>
        <location filename="../../counter/ui/history_dialog.py" line="134"/>
        <source>↑↓ pilih struk  |  Enter: cetak salinan  |  Esc: tutup</source>
        <translation>↑↓ choose a receipt  |  Enter: print a copy  |  Esc: close</translation>
    </message>
    <message>
        <location filename="../../counter/ui/history_dialog.py" line="154"/>
        <source>Riwayat pembayaran pelanggan</source>
        <translation>Customer&apos;s payment history</translation>
    </message>
    <message>
        <location filename="../../counter/ui/history_dialog.py" line="172"/>
        <source>Tutup [Esc]</source>
        <translation>Close [Esc]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/history_dialog.py" line="192"/>
        <source>Belum ada pembayaran pelanggan ini di loket ini.</source>
        <translation>No payment of this customer at this counter yet.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/history_dialog.py" line="195"/>
        <source>{n} pembayaran, terbaru di atas</source>
        <translation>{n} payments, newest first</translation>
    </message>
    <message>
        <location filename="../../counter/ui/history_dialog.py" line="197"/>
        <source>; {n} dibatalkan</source>
        <translation>; {n} voided</translation>
    </message>
    <message>
        <location filename="../../counter/ui/history_dialog.py" line="199"/>
        <source> (hanya {n} terbaru)</source>
        <translation> (only the newest {n})</translation>
    </message>
    <message>
        <location filename="../../counter/ui/history_dialog.py" line="208"/>
        <source>Riwayat tidak terbaca: {error}</source>
        <translation>The history could not be read: {error}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/history_dialog.py" line="224"/>
        <source>Mencetak ...</source>
        <translation>Printing ...</translation>
    </message>
    <message>
        <location filename="../../counter/ui/history_dialog.py" line="226"/>
        <source>Mencetak salinan struk {receipt} ...</source>
        <translation>Printing a copy of receipt {receipt} ...</translation>
    </message>
    <message>
        <location filename="../../counter/ui/history_dialog.py" line="239"/>
        <source>Salinan ke-{n} struk {receipt} GAGAL dicetak: {error}</source>
        <translation>Copy {n} of receipt {receipt} FAILED to print: {error}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/history_dialog.py" line="242"/>
        <source>Salinan ke-{n} struk {receipt} disimpan ke PDF: {path}</source>
        <translation>Copy {n} of receipt {receipt} saved as a PDF: {path}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/history_dialog.py" line="246"/>
        <source>Salinan ke-{n} struk {receipt} tercetak di printer.</source>
        <translation>Copy {n} of receipt {receipt} printed on the printer.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/history_dialog.py" line="253"/>
        <source>Salinan struk {receipt} tidak dibuat: {error}</source>
        <translation>No copy of receipt {receipt} was made: {error}</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../../counter/ui/history_dialog.py" line="43"/>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../counter/ui/history_dialog.py" line="44"/>
        <source>No. struk</source>
        <translation>Receipt no.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/history_dialog.py" line="45"/>
        <source>Loket</source>
        <translation>Counter</translation>
    </message>
    <message>
        <location filename="../../counter/ui/history_dialog.py" line="46"/>
        <source>Kasir</source>
        <translation>Cashier</translation>
    </message>
    <message>
        <location filename="../../counter/ui/history_dialog.py" line="47"/>
        <source>Dibayar</source>
        <translation>Paid</translation>
    </message>
    <message>
        <location filename="../../counter/ui/history_dialog.py" line="48"/>
        <source>Jumlah</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../counter/ui/history_dialog.py" line="49"/>
        <source>Cara bayar</source>
        <translation>Method</translation>
    </message>
    <message>
        <location filename="../../counter/ui/history_dialog.py" line="50"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../counter/ui/history_dialog.py" line="53"/>
        <source>BATAL</source>
        <translation>VOID</translation>
    </message>
    <message>
        <location filename="../../counter/ui/history_dialog.py" line="54"/>
        <source>{n} bln: {months}</source>
        <translation>{n} mo.: {months}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/history_dialog.py" line="55"/>
        <source>{n} angsuran</source>
        <translation>{n} instalments</translation>
    </message>
    <message>
        <location filename="../../counter/ui/history_dialog.py" line="56"/>
        <source>{n}× salinan</source>
        <translation>{n}× copy</translation>
    </message>
    <message>
        <location filename="../../counter/ui/history_dialog.py" line="57"/>
        <source>Kuitansi manual no. {paper}</source>
        <translation>Paper receipt no. {paper}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/history_dialog.py" line="58"/>
        <source>Dibatalkan: {reason}</source>
        <translation>Voided: {reason}</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../counter/ui/lock.py" line="44"/>
        <source>Layar terkunci — {who}</source>
        <translation>Screen locked — {who}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/lock.py" line="103"/>
        <location filename="../../counter/ui/lock.py" line="194"/>
        <source>Buka [Enter]</source>
        <translation>Unlock [Enter]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/lock.py" line="124"/>
        <source>Pembayaran dan cetak struk yang sedang berjalan tetap diselesaikan; jendela yang terbuka muncul lagi setelah layar dibuka.</source>
        <translation>Payments and receipts in progress are still finished; open windows come back once the screen is unlocked.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/lock.py" line="159"/>
        <source>Hanya PIN &lt;b&gt;{user}&lt;/b&gt; yang dapat membuka layar ini. Ketik PIN, lalu tekan Enter.</source>
        <translation>Only &lt;b&gt;{user}&lt;/b&gt;&apos;s PIN opens this screen. Type the PIN, then press Enter.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/lock.py" line="174"/>
        <source>Ketik PIN untuk membuka layar.</source>
        <translation>Type the PIN to unlock the screen.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/lock.py" line="194"/>
        <source>Memeriksa ...</source>
        <translation>Checking ...</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../counter/ui/main_window.py" line="76"/>
        <source>Memproses ...</source>
        <translation>Working ...</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="131"/>
        <source>Loket {counter} - {office}</source>
        <translation>Counter {counter} - {office}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="146"/>
        <source>No. sambungan / no. meter / barcode rekening / nama / alamat</source>
        <translation>Connection no. / meter no. / bill barcode / name / address</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="151"/>
        <source>Cari [F2]</source>
        <translation>Search [F2]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="163"/>
        <source>Cari:</source>
        <translation>Search:</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="171"/>
        <source>Batal struk [F7]</source>
        <translation>Void receipt [F7]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="172"/>
        <source>Tutup shift [F12]</source>
        <translation>Close shift [F12]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="173"/>
        <source>Tutup hari [F11]</source>
        <translation>Close day [F11]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="174"/>
        <source>Bantuan [F1]</source>
        <translation>Help [F1]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="175"/>
        <source>Pengaturan [F10]</source>
        <translation>Settings [F10]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="176"/>
        <source>Buka shift [Ctrl+B]</source>
        <translation>Open shift [Ctrl+B]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="177"/>
        <source>Ganti kasir [Ctrl+Q]</source>
        <translation>Change cashier [Ctrl+Q]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="178"/>
        <source>Ganti kasir / keluar: kembali ke layar masuk untuk kasir berikutnya</source>
        <translation>Change cashier / sign out: back to the sign-in screen for the next cashier</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="264"/>
        <source>Kantor {office} | Loket {counter}</source>
        <translation>Office {office} | Counter {counter}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="273"/>
        <source>Pusat: belum tersambung</source>
        <translation>Central: not connected yet</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="295"/>
        <source>Kunci layar sekarang; hanya PIN pengguna ini yang dapat membukanya</source>
        <translation>Lock the screen now; only this user&apos;s PIN can open it</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="336"/>
        <source>Tanggal: {date}</source>
        <translation>Date: {date}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="352"/>
        <source>Kasir: {name}</source>
        <translation>Cashier: {name}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="353"/>
        <source>Pengguna {user} ({role})</source>
        <translation>User {user} ({role})</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="408"/>
        <source>Belum ada shift terbuka: buka shift dengan modal awal dulu, baru menerima pembayaran.</source>
        <translation>No shift is open: open a shift with its opening float first, then take payments.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="464"/>
        <source>Shift sudah terbuka: modal {amount}. Tutup dengan F12.</source>
        <translation>A shift is already open: float {amount}. Close it with F12.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="471"/>
        <source>Shift dibuka: modal {amount}.</source>
        <translation>Shift opened: float {amount}.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="478"/>
        <source>Pengguna {user} tidak menerima pembayaran; shift dan BAYAR untuk kasir dan kepala unit.</source>
        <translation>User {user} takes no payments; shifts and PAY are for cashiers and supervisors.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="490"/>
        <source>&lt;b&gt;Shift Anda masih terbuka&lt;/b&gt; (modal {amount}). Selesai bekerja? Tutup dulu dengan F12. Tekan Ctrl+Q sekali lagi untuk keluar juga: shift tetap terbuka atas nama Anda, dan kasir lain tidak dapat membuka shift di loket ini sampai shift itu ditutup.</source>
        <translation>&lt;b&gt;Your shift is still open&lt;/b&gt; (float {amount}). Done for the day? Close it first with F12. Press Ctrl+Q again to sign out anyway: the shift stays open in your name, and no other cashier can open a shift at this counter until it is closed.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="570"/>
        <source>Ukuran huruf {n}%</source>
        <translation>Text size {n}%</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="579"/>
        <source>Pengaturan hanya untuk kepala unit atau admin.</source>
        <translation>Settings are for supervisors and admins only.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="599"/>
        <source>&lt;b&gt;DIBATALKAN&lt;/b&gt; &amp;nbsp; {what}</source>
        <translation>&lt;b&gt;VOIDED&lt;/b&gt; &amp;nbsp; {what}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="623"/>
        <source>Data pelanggan {number} disimpan: telepon {phone}, {n} jiwa.</source>
        <translation>Customer {number} saved: phone {phone}, {n} people.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="626"/>
        <source>Tidak ada yang berubah.</source>
        <translation>Nothing changed.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="641"/>
        <source>&lt;b&gt;{n} kuitansi manual dicatat&lt;/b&gt; &amp;nbsp; {amount}, disetujui {approver}; uangnya masuk shift ini.</source>
        <translation>&lt;b&gt;{n} paper receipts recorded&lt;/b&gt; &amp;nbsp; {amount}, approved by {approver}; the money goes into this shift.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="645"/>
        <source>{n} bertanggal hari yang sudah ditutup: masuk bagian terlambat laporan hari itu.</source>
        <translation>{n} dated a day already closed: in the late section of that day&apos;s report.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="648"/>
        <source>Struk gagal dicetak: {errors}</source>
        <translation>Receipts not printed: {errors}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="669"/>
        <source>&lt;b&gt;LUNAS KOLEKTIF&lt;/b&gt; &amp;nbsp; No. bukti &lt;b&gt;{number}&lt;/b&gt; &amp;nbsp; {payer}{n} sambungan, {method}: total &lt;b&gt;{total}&lt;/b&gt;, diterima {tendered}</source>
        <translation>&lt;b&gt;PAID (COLLECTIVE)&lt;/b&gt; &amp;nbsp; Summary no. &lt;b&gt;{number}&lt;/b&gt; &amp;nbsp; {payer}{n} connections, {method}: total &lt;b&gt;{total}&lt;/b&gt;, received {tendered}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="678"/>
        <source>Gagal dicetak: {errors}</source>
        <translation>Not printed: {errors}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="772"/>
        <source>Mencari ...</source>
        <translation>Searching ...</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="784"/>
        <source>Tidak ada pelanggan yang cocok dengan &quot;{text}&quot;.</source>
        <translation>No customer matches &quot;{text}&quot;.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="786"/>
        <source> (lebih banyak: perjelas pencarian)</source>
        <translation> (more: narrow the search)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="787"/>
        <source>{n} pelanggan</source>
        <translation>{n} customers</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="681"/>
        <location filename="../../counter/ui/main_window.py" line="1007"/>
        <source>KEMBALIAN {amount}</source>
        <translation>CHANGE {amount}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="1010"/>
        <source>&lt;b&gt;LUNAS&lt;/b&gt; &amp;nbsp; No. struk &lt;b&gt;{receipt}&lt;/b&gt; &amp;nbsp; {number} {name}&lt;br&gt;{paying}, {method}: total &lt;b&gt;{total}&lt;/b&gt;, diterima {tendered}</source>
        <translation>&lt;b&gt;PAID&lt;/b&gt; &amp;nbsp; Receipt no. &lt;b&gt;{receipt}&lt;/b&gt; &amp;nbsp; {number} {name}&lt;br&gt;{paying}, {method}: total &lt;b&gt;{total}&lt;/b&gt;, received {tendered}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="1015"/>
        <source>, kredit dipakai {credit}</source>
        <translation>, credit used {credit}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="1034"/>
        <source>SPK buka segel &lt;b&gt;{order}&lt;/b&gt; dibuat: &lt;b&gt;{path}&lt;/b&gt;</source>
        <translation>Unseal work order &lt;b&gt;{order}&lt;/b&gt; written: &lt;b&gt;{path}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="1036"/>
        <source>SPK buka segel {order} gagal disimpan: {error}</source>
        <translation>Unseal work order {order} could not be saved: {error}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="1059"/>
        <source>Rencana angsuran &lt;b&gt;{plan}&lt;/b&gt; dibuat untuk {number} {name}.</source>
        <translation>Instalment plan &lt;b&gt;{plan}&lt;/b&gt; made for {number} {name}.</translation>
    </message>
</context>
<context>
    <name>Months</name>
    <message>
        <location filename="../../counter/ui/widgets.py" line="140"/>
        <source>Jan</source>
        <translation>Jan</translation>
    </message>
    <message>
        <location filename="../../counter/ui/widgets.py" line="140"/>
        <source>Feb</source>
        <translation>Feb</translation>
    </message>
    <message>
        <location filename="../../counter/ui/widgets.py" line="140"/>
        <source>Mar</source>
        <translation>Mar</translation>
    </message>
    <message>
        <location filename="../../counter/ui/widgets.py" line="141"/>
        <source>Apr</source>
        <translation>Apr</translation>
    </message>
    <message>
        <location filename="../../counter/ui/widgets.py" line="141"/>
        <source>Mei</source>
        <translation>May</translation>
    </message>
    <message>
        <location filename="../../counter/ui/widgets.py" line="141"/>
        <source>Jun</source>
        <translation>Jun</translation>
    </message>
    <message>
        <location filename="../../counter/ui/widgets.py" line="142"/>
        <source>Jul</source>
        <translation>Jul</translation>
    </message>
    <message>
        <location filename="../../counter/ui/widgets.py" line="142"/>
        <source>Agu</source>
        <translation>Aug</translation>
    </message>
    <message>
        <location filename="../../counter/ui/widgets.py" line="142"/>
        <source>Sep</source>
        <translation>Sep</translation>
    </message>
    <message>
        <location filename="../../counter/ui/widgets.py" line="143"/>
        <source>Okt</source>
        <translation>Oct</translation>
    </message>
    <message>
        <location filename="../../counter/ui/widgets.py" line="143"/>
        <source>Nov</source>
        <translation>Nov</translation>
    </message>
    <message>
        <location filename="../../counter/ui/widgets.py" line="143"/>
        <source>Des</source>
        <translation>Dec</translation>
    </message>
</context>
<context>
    <name>PaperDialog</name>
    <message>
        <location filename="../../counter/ui/paper_dialog.py" line="28"/>
        <source>Catat buku [Ctrl+Enter]</source>
        <translation>Record the book [Ctrl+Enter]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/paper_dialog.py" line="29"/>
        <source>No. sambungan</source>
        <translation>Connection no.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/paper_dialog.py" line="29"/>
        <source>Bulan</source>
        <translation>Months</translation>
    </message>
    <message>
        <location filename="../../counter/ui/paper_dialog.py" line="30"/>
        <source>No. kuitansi</source>
        <translation>Paper no.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/paper_dialog.py" line="30"/>
        <source>Jumlah</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../counter/ui/paper_dialog.py" line="31"/>
        <source>Kasir</source>
        <translation>Cashier</translation>
    </message>
    <message>
        <location filename="../../counter/ui/paper_dialog.py" line="31"/>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../counter/ui/paper_dialog.py" line="105"/>
        <source>Kuitansi manual masa gangguan</source>
        <translation>Paper receipts of an outage</translation>
    </message>
    <message>
        <location filename="../../counter/ui/paper_dialog.py" line="106"/>
        <source>&lt;b&gt;Kuitansi manual&lt;/b&gt;: satu buku kuitansi kertas yang ditulis saat sistem pembayaran terganggu</source>
        <translation>&lt;b&gt;Paper receipts&lt;/b&gt;: one book of paper receipts written while the payment system was down</translation>
    </message>
    <message>
        <location filename="../../counter/ui/paper_dialog.py" line="110"/>
        <source>Membaca gangguan yang tercatat ...</source>
        <translation>Reading the recorded outages ...</translation>
    </message>
    <message>
        <location filename="../../counter/ui/paper_dialog.py" line="120"/>
        <source>Kuitansi manual, satu baris per kuitansi</source>
        <translation>Paper receipts, one row per receipt</translation>
    </message>
    <message>
        <location filename="../../counter/ui/paper_dialog.py" line="123"/>
        <source>Enter: sel berikutnya (akhir baris: baris berikutnya). Bulan: 2026-03, beberapa dipisah spasi. Jumlah dengan denda dan meterai per tanggal kuitansi. Kasir dan tanggal ikut dari baris di atas. Tanggal: 12-04-2026.</source>
        <translation>Enter: next cell (at a row&apos;s end: the next row). Months: 2026-03, several separated by spaces. Amount with fines and stamp duty as of the receipt&apos;s date. Cashier and date carry down from the row above. Date: 12-04-2026.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/paper_dialog.py" line="132"/>
        <source>Jumlah di buku</source>
        <translation>Total in the book</translation>
    </message>
    <message>
        <location filename="../../counter/ui/paper_dialog.py" line="134"/>
        <source>Jumlah di &amp;buku:</source>
        <translation>Total in the &amp;book:</translation>
    </message>
    <message>
        <location filename="../../counter/ui/paper_dialog.py" line="139"/>
        <source>Cetak struk pengganti</source>
        <translation>Print replacement receipts</translation>
    </message>
    <message>
        <location filename="../../counter/ui/paper_dialog.py" line="146"/>
        <source>Tutup [Esc]</source>
        <translation>Close [Esc]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/paper_dialog.py" line="178"/>
        <source>Jumlah baris: &lt;b&gt;{amount}&lt;/b&gt; ({n} kuitansi)</source>
        <translation>Rows add up to &lt;b&gt;{amount}&lt;/b&gt; ({n} receipts)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/paper_dialog.py" line="183"/>
        <source>Belum ada gangguan yang tercatat: kepala unit mencatatnya dulu (counter outage open).</source>
        <translation>No outage recorded yet: the supervisor records it first (counter outage open).</translation>
    </message>
    <message>
        <location filename="../../counter/ui/paper_dialog.py" line="188"/>
        <source>Gangguan tercatat: {outages}</source>
        <translation>Recorded outages: {outages}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/paper_dialog.py" line="199"/>
        <source>Isi jumlah yang tertulis di buku kuitansi, mis. 1.250.000.</source>
        <translation>Enter the total written in the receipt book, e.g. 1.250.000.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/paper_dialog.py" line="215"/>
        <source>Mencatat {n} kuitansi manual ({amount})</source>
        <translation>Recording {n} paper receipts ({amount})</translation>
    </message>
    <message>
        <location filename="../../counter/ui/paper_dialog.py" line="254"/>
        <source>Memeriksa ...</source>
        <translation>Checking ...</translation>
    </message>
</context>
<context>
    <name>PayDialog</name>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="78"/>
        <source>Pembayaran gagal</source>
        <translation>Payment failed</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="126"/>
        <source>Pembayaran</source>
        <translation>Payment</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="137"/>
        <source>Jumlah tagihan</source>
        <translation>Amount due</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="215"/>
        <source>no. transaksi / kode persetujuan</source>
        <translation>transaction no. / approval code</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="361"/>
        <source>termasuk meterai {amount}</source>
        <translation>stamp duty {amount} included</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="180"/>
        <location filename="../../counter/ui/pay_dialog.py" line="367"/>
        <source>Pakai &amp;kredit pelanggan {amount}</source>
        <translation>Use customer &amp;credit {amount}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="144"/>
        <source>Seluruh tunggakan dilunasi: SPK buka segel dibuat untuk tim lapangan bersama biayanya. Centang bila pelanggan minta segelnya dibuka.</source>
        <translation>All arrears paid in full: an unseal work order is made for the field team, with its fee. Tick it when the customer asks for the seal to be removed.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="153"/>
        <source>Biaya lain</source>
        <translation>Other charges</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="156"/>
        <source>↑/↓ pilih, Spasi centang: biaya dibayar bersama tagihan ini</source>
        <translation>↑/↓ choose, Space ticks: the charge is paid with these bills</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="158"/>
        <source>keringanan {programme} -{amount}</source>
        <translation>relief {programme} -{amount}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="183"/>
        <source>Kredit yang disimpan untuk pelanggan (kelebihan bayar), menurut pusat barusan. Centang hanya bila pelanggan setuju memakainya.</source>
        <translation>Credit held for the customer (an overpayment), as central reported just now. Tick it only when the customer agrees to use it.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="187"/>
        <location filename="../../counter/ui/pay_dialog.py" line="230"/>
        <source>Kredit dipakai</source>
        <translation>Credit used</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="189"/>
        <location filename="../../counter/ui/pay_dialog.py" line="230"/>
        <source>Pembulatan</source>
        <translation>Rounding</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="190"/>
        <source>Tunai dibulatkan ke {unit} terdekat (setengah ke bawah); transfer, QRIS dan kartu debit membayar tepat.</source>
        <translation>Cash is rounded to the nearest {unit} (a half goes down); transfer, QRIS and debit cards pay the exact amount.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="193"/>
        <source>HARUS DIBAYAR</source>
        <translation>TO PAY</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="196"/>
        <source>Harus dibayar</source>
        <translation>To pay</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="67"/>
        <location filename="../../counter/ui/pay_dialog.py" line="232"/>
        <source>Uang diterima</source>
        <translation>Cash received</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="204"/>
        <source>Uang pas [Alt+U]</source>
        <translation>Exact money [Alt+U]</translation>
    </message>
    <message>
        <source>no. transaksi / approval code</source>
        <translation type="vanished">transaction no. / approval code</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="217"/>
        <location filename="../../counter/ui/pay_dialog.py" line="430"/>
        <location filename="../../counter/ui/pay_dialog.py" line="438"/>
        <source>KEMBALIAN</source>
        <translation>CHANGE</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="221"/>
        <source>Kembalian</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="228"/>
        <source>JUMLAH TAGIHAN</source>
        <translation>AMOUNT DUE</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="229"/>
        <source>&amp;Biaya lain</source>
        <translation>Other c&amp;harges</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="231"/>
        <source>Cara bayar</source>
        <translation>Method</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="232"/>
        <source>No. referensi</source>
        <translation>Reference no.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="241"/>
        <source>Enter = bayar  |  Esc = batal  |  Alt+C = ganti cara bayar</source>
        <translation>Enter = pay  |  Esc = cancel  |  Alt+C = change method</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="245"/>
        <source>Pesan</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="246"/>
        <source>Batal [Esc]</source>
        <translation>Cancel [Esc]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="247"/>
        <location filename="../../counter/ui/pay_dialog.py" line="525"/>
        <source>BAYAR [Enter]</source>
        <translation>PAY [Enter]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="268"/>
        <source>  |  Alt+K = pakai kredit</source>
        <translation>  |  Alt+K = use credit</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="274"/>
        <source>  |  Alt+B = biaya lain (Spasi centang)</source>
        <translation>  |  Alt+H = other charges (Space ticks)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="276"/>
        <source>  |  Alt+S = buka segel</source>
        <translation>  |  Alt+S = unseal</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="359"/>
        <source>belum ada yang dipilih</source>
        <translation>nothing chosen yet</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="363"/>
        <source>Buka &amp;segel: SPK buka segel + biaya {amount}</source>
        <translation>Un&amp;seal: unseal work order + fee {amount}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="364"/>
        <source>Buka &amp;segel: SPK buka segel (tanpa biaya)</source>
        <translation>Un&amp;seal: unseal work order (no fee)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="434"/>
        <source>KURANG</source>
        <translation>SHORT</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="453"/>
        <source>Isi uang yang diterima: harus dibayar {amount} (Alt+U = uang pas).</source>
        <translation>Type the cash received: {amount} to pay (Alt+U = exact money).</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="455"/>
        <source>Uang kurang {short}: harus dibayar {amount}.</source>
        <translation>Cash short by {short}: {amount} to pay.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="525"/>
        <source>Menyimpan ...</source>
        <translation>Saving ...</translation>
    </message>
</context>
<context>
    <name>PaymentMethod</name>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="81"/>
        <source>Tunai</source>
        <translation>Cash</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="82"/>
        <source>Transfer bank</source>
        <translation>Bank transfer</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="83"/>
        <source>QRIS</source>
        <translation>QRIS</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="84"/>
        <source>Kartu debit</source>
        <translation>Debit card</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="85"/>
        <source>Kredit pelanggan</source>
        <translation>Customer credit</translation>
    </message>
</context>
<context>
    <name>PlanBox</name>
    <message>
        <location filename="../../counter/ui/plan_box.py" line="17"/>
        <source>Dalam angsuran</source>
        <translation>Instalments running</translation>
    </message>
    <message>
        <location filename="../../counter/ui/plan_box.py" line="18"/>
        <source>Angsuran menunggak – rencana batal</source>
        <translation>Instalments in arrears – plan void</translation>
    </message>
    <message>
        <location filename="../../counter/ui/plan_box.py" line="54"/>
        <source>Angsuran yang belum dibayar</source>
        <translation>Unpaid instalments</translation>
    </message>
    <message>
        <location filename="../../counter/ui/plan_box.py" line="82"/>
        <source>Rencana angsuran &lt;b&gt;{plan}&lt;/b&gt;</source>
        <translation>Instalment plan &lt;b&gt;{plan}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../counter/ui/plan_box.py" line="87"/>
        <source>Status rencana: {status}</source>
        <translation>Plan status: {status}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/plan_box.py" line="92"/>
        <source>Batal sejak {day}: angsuran terlambat melewati masa tenggang. Rekening yang belum terlunasi kembali menjadi tunggakan dengan dendanya.</source>
        <translation>Void since {day}: an instalment was late beyond the grace period. The bills not yet paid off are arrears again, with their fines.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/plan_box.py" line="97"/>
        <source>Sisa {amount}</source>
        <translation>Left {amount}</translation>
    </message>
</context>
<context>
    <name>PlanModels</name>
    <message>
        <location filename="../../counter/ui/plan_models.py" line="31"/>
        <source>Uang muka</source>
        <translation>Down payment</translation>
    </message>
    <message>
        <location filename="../../counter/ui/plan_models.py" line="32"/>
        <source>Angsuran {seq}/{of}</source>
        <translation>Instalment {seq}/{of}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/plan_models.py" line="155"/>
        <location filename="../../counter/ui/plan_models.py" line="165"/>
        <source>Jumlah</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../counter/ui/plan_models.py" line="174"/>
        <source>{n} bulan: {months}</source>
        <translation>{n} months: {months}</translation>
    </message>
</context>
<context>
    <name>PrinterTab</name>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="124"/>
        <source>Jenis printer</source>
        <translation>Printer kind</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="128"/>
        <source>Lebar kertas</source>
        <translation>Paper width</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="129"/>
        <source>mis. 192.168.1.50</source>
        <translation>e.g. 192.168.1.50</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="129"/>
        <source>Alamat printer jaringan</source>
        <translation>Network printer address</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="133"/>
        <source>Port printer jaringan</source>
        <translation>Network printer port</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="134"/>
        <source>mis. /dev/usb/lp0, /dev/ttyUSB0 atau COM3</source>
        <translation>e.g. /dev/usb/lp0, /dev/ttyUSB0 or COM3</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="135"/>
        <source>Perangkat printer</source>
        <translation>Printer device</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="140"/>
        <source>Kecepatan serial</source>
        <translation>Serial speed</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="142"/>
        <source>mis. 0x0416</source>
        <translation>e.g. 0x0416</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="142"/>
        <source>ID vendor USB</source>
        <translation>USB vendor ID</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="144"/>
        <source>mis. 0x5011</source>
        <translation>e.g. 0x5011</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="144"/>
        <source>ID produk USB</source>
        <translation>USB product ID</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="146"/>
        <source>nama printer di Windows, mis. EPSON TM-T82</source>
        <translation>the printer&apos;s name in Windows, e.g. EPSON TM-T82</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="147"/>
        <source>Nama printer Windows</source>
        <translation>Windows printer name</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="158"/>
        <source>&amp;Jenis printer</source>
        <translation>Printer &amp;kind</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="159"/>
        <source>&amp;Lebar kertas</source>
        <translation>&amp;Paper width</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="160"/>
        <source>&amp;Alamat (IP / nama)</source>
        <translation>&amp;Address (IP / name)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="161"/>
        <source>P&amp;ort</source>
        <translation>P&amp;ort</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="162"/>
        <source>&amp;Perangkat</source>
        <translation>&amp;Device</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="163"/>
        <source>&amp;Kecepatan (baud)</source>
        <translation>&amp;Baud rate</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="164"/>
        <source>ID &amp;vendor USB</source>
        <translation>USB &amp;vendor ID</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="165"/>
        <source>ID p&amp;roduk USB</source>
        <translation>USB p&amp;roduct ID</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="166"/>
        <source>&amp;Nama printer</source>
        <translation>Printer &amp;name</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="168"/>
        <source>Cetak &amp;uji</source>
        <translation>Print &amp;test</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="170"/>
        <source>Kirim struk uji ke printer seperti yang terisi di atas (belum perlu disimpan)</source>
        <translation>Send a test receipt to the printer as filled in above (no need to save first)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="172"/>
        <source>&amp;Simpan [Enter]</source>
        <translation>&amp;Save [Enter]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="176"/>
        <source>Disimpan di bagian [printer] berkas {file}; struk berikutnya langsung memakai pengaturan baru. Cetak uji memakai isian di atas, belum perlu disimpan. Waktu tunggu printer (timeout_ms, status_timeout_ms) tetap seperti di berkas.</source>
        <translation>Saved in the [printer] section of {file}; the next receipt uses the new settings at once. Print test uses the fields above, saved or not. The printer&apos;s time-outs (timeout_ms, status_timeout_ms) stay as they are in the file.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="179"/>
        <source>(tidak ada)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="181"/>
        <source>Printer struk</source>
        <translation>Receipt printer</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="196"/>
        <source>Tanpa printer: setiap struk disimpan sebagai PDF di {folder}.</source>
        <translation>No printer: every receipt is saved as a PDF in {folder}.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="197"/>
        <source>Printer dengan kabel LAN atau Wi-Fi; hampir semua memakai port 9100.</source>
        <translation>A printer on a LAN cable or Wi-Fi; almost all use port 9100.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="198"/>
        <source>ID vendor dan produk terlihat dengan &apos;lsusb&apos; (Linux) atau di Device Manager (Windows). Perlu libusb di komputer ini.</source>
        <translation>The vendor and product IDs show with &apos;lsusb&apos; (Linux) or in Device Manager (Windows). Needs libusb on this computer.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="200"/>
        <source>Port serial: /dev/ttyUSB0 (Linux) atau COM3 (Windows).</source>
        <translation>Serial port: /dev/ttyUSB0 (Linux) or COM3 (Windows).</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="201"/>
        <source>Berkas perangkat printer, mis. /dev/usb/lp0: data struk ditulis langsung ke sana.</source>
        <translation>The printer&apos;s device file, e.g. /dev/usb/lp0: the receipt data is written straight to it.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="202"/>
        <source>Nama printer persis seperti di Windows (Printers &amp; scanners); perlu pywin32.</source>
        <translation>The printer&apos;s name exactly as in Windows (Printers &amp; scanners); needs pywin32.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="231"/>
        <source>Mengirim struk uji ke {printer} ...</source>
        <translation>Sending a test receipt to {printer} ...</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="237"/>
        <source>Struk uji terkirim ke {printer} ({size} byte). Periksa hasil cetaknya.</source>
        <translation>Test receipt sent to {printer} ({size} bytes). Check the printout.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="250"/>
        <source>Menyimpan ...</source>
        <translation>Saving ...</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="258"/>
        <source>Pengaturan printer disimpan di {file} dan langsung dipakai untuk struk berikutnya.</source>
        <translation>Printer settings saved in {file}; the next receipt uses them at once.</translation>
    </message>
</context>
<context>
    <name>ProgrammesTab</name>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="245"/>
        <source>Kode</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="245"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="246"/>
        <source>Versi</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="246"/>
        <source>Berlaku</source>
        <translation>Valid</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="247"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="268"/>
        <source>Program keringanan</source>
        <translation>Relief programmes</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="274"/>
        <source>Da&amp;ftar program (versi terakhir)</source>
        <translation>Programme &amp;list (latest versions)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="281"/>
        <source>mis. BUKA-SEGEL-2026</source>
        <translation>e.g. BUKA-SEGEL-2026</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="286"/>
        <source>Hanya sambungan yang dis&amp;egel</source>
        <translation>&amp;Sealed connections only</translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter/ui/settings_rules.py" line="290"/>
        <location filename="../../counter/ui/settings_rules.py" line="291"/>
        <source> bulan</source>
        <translation>
            <numerusform> month</numerusform>
            <numerusform> months</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="292"/>
        <location filename="../../counter/ui/settings_rules.py" line="301"/>
        <source>sebelum</source>
        <translation>before</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="294"/>
        <location filename="../../counter/ui/settings_rules.py" line="297"/>
        <source>kosong = semua</source>
        <translation>empty = all</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="295"/>
        <source>Kode golongan tarif dipisah koma, mis. R1, R2; kosong: semua golongan</source>
        <translation>Tariff group codes separated by commas, e.g. R1, R2; empty: every group</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="298"/>
        <source>Kode kantor dipisah koma, mis. KPG; kosong: semua kantor</source>
        <translation>Office codes separated by commas, e.g. KPG; empty: every office</translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter/ui/settings_rules.py" line="305"/>
        <location filename="../../counter/ui/settings_rules.py" line="306"/>
        <source> kali</source>
        <translation>
            <numerusform> term</numerusform>
            <numerusform> terms</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="307"/>
        <source>Buka segel setelah
uang muka (SP&amp;K)</source>
        <translation>Unseal after the down
payment (wor&amp;k order)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="308"/>
        <source>Perlu persetu&amp;juan
kepala unit</source>
        <translation>Needs the supervisor&apos;s
&amp;approval</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="309"/>
        <source>Kode program</source>
        <translation>Programme code</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="309"/>
        <source>Nama program</source>
        <translation>Programme name</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="310"/>
        <source>Berlaku dari</source>
        <translation>Valid from</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="310"/>
        <source>Berlaku sampai</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="311"/>
        <source>Tunggakan minimal</source>
        <translation>Minimum arrears</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="312"/>
        <source>Golongan tarif</source>
        <translation>Tariff groups</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="312"/>
        <source>Kantor</source>
        <translation>Offices</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="313"/>
        <source>Penghapusan denda</source>
        <translation>Fine waiver</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="314"/>
        <source>Potongan pokok</source>
        <translation>Principal discount</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="314"/>
        <source>Uang muka minimal</source>
        <translation>Minimum down payment</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="315"/>
        <source>Angsuran paling banyak</source>
        <translation>Most instalments</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="323"/>
        <source>K&amp;ode</source>
        <translation>C&amp;ode</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="324"/>
        <source>&amp;Nama</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="325"/>
        <source>Berlaku &amp;dari</source>
        <translation>Valid &amp;from</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="326"/>
        <source>Berlaku &amp;sampai</source>
        <translation>Valid &amp;until</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="327"/>
        <source>&amp;Golongan tarif</source>
        <translation>Tariff &amp;groups</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="328"/>
        <source>Kan&amp;tor</source>
        <translation>Offi&amp;ces</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="330"/>
        <source>Program</source>
        <translation>Programme</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="333"/>
        <source>Tunggakan &amp;min.</source>
        <translation>&amp;Min. arrears</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="334"/>
        <source>Hanya tunggakan</source>
        <translation>Only arrears</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="335"/>
        <source>&amp;Hapus denda</source>
        <translation>Fine &amp;waiver</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="336"/>
        <source>&amp;Potongan pokok</source>
        <translation>&amp;Principal discount</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="337"/>
        <source>Untuk rekening</source>
        <translation>For bills</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="339"/>
        <source>&amp;Uang muka min.</source>
        <translation>Min. &amp;down payment</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="340"/>
        <source>&amp;Angsuran maks.</source>
        <translation>Max. &amp;terms</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="343"/>
        <source>Syarat dan keringanan</source>
        <translation>Who qualifies, and the relief</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="343"/>
        <source>Pembayaran</source>
        <translation>Payment</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="348"/>
        <location filename="../../counter/ui/settings_rules.py" line="476"/>
        <source>Program baru</source>
        <translation>New programme</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="355"/>
        <source>Program &amp;baru</source>
        <translation>New p&amp;rogramme</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="357"/>
        <source>Akhir&amp;i program ...</source>
        <translation>&amp;End programme ...</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="359"/>
        <source>Simpan p&amp;rogram ...</source>
        <translation>Sa&amp;ve programme ...</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="375"/>
        <source>Mengubah atau mengakhiri program membuat versi baru; rencana yang sudah dibuat tetap memakai versi lamanya. Menyimpan dan mengakhiri perlu persetujuan kepala unit.</source>
        <translation>Changing or ending a programme makes a new version; plans already made keep their old version. Saving and ending need the supervisor&apos;s approval.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="410"/>
        <source>{start} s/d {end}</source>
        <translation>{start} to {end}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="436"/>
        <source>{code}: {name} (versi {version})</source>
        <translation>{code}: {name} (version {version})</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="438"/>
        <source>Versi {version}</source>
        <translation>Version {version}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="440"/>
        <source>, diubah oleh {user}</source>
        <translation>, changed by {user}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="442"/>
        <source> pada {moment}</source>
        <translation> on {moment}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="444"/>
        <source>. Simpan membuat versi baru.</source>
        <translation>. Saving makes a new version.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="477"/>
        <source>Isi kode, nama, masa berlaku, syarat peserta dan keringanannya.</source>
        <translation>Fill in the code, name, dates, who qualifies and the relief.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="538"/>
        <source>Program {code} sudah ada: pilih di daftar untuk mengubahnya.</source>
        <translation>Programme {code} exists already: choose it in the list to change it.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="541"/>
        <source>Tidak ada yang berubah.</source>
        <translation>Nothing has changed.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="545"/>
        <source>Mengubah program {code}</source>
        <translation>Changing programme {code}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="545"/>
        <source>Menambah program {code}</source>
        <translation>Adding programme {code}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="565"/>
        <source>Mengakhiri program {code} (berlaku sampai {date})</source>
        <translation>Ending programme {code} (valid until {date})</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="571"/>
        <source>Program &lt;b&gt;{code}&lt;/b&gt; diakhiri: versi {version}, disetujui oleh {user}.</source>
        <translation>Programme &lt;b&gt;{code}&lt;/b&gt; ended: version {version}, approved by {user}.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="572"/>
        <source>Program &lt;b&gt;{code}&lt;/b&gt; disimpan: versi {version}, disetujui oleh {user}.</source>
        <translation>Programme &lt;b&gt;{code}&lt;/b&gt; saved: version {version}, approved by {user}.</translation>
    </message>
</context>
<context>
    <name>ReceiptsModel</name>
    <message>
        <location filename="../../counter/ui/void_dialog.py" line="46"/>
        <source>No. struk</source>
        <translation>Receipt no.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/void_dialog.py" line="47"/>
        <source>Jam</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../counter/ui/void_dialog.py" line="48"/>
        <source>Pelanggan</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location filename="../../counter/ui/void_dialog.py" line="49"/>
        <source>Jumlah</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../counter/ui/void_dialog.py" line="50"/>
        <source>Cara bayar</source>
        <translation>Method</translation>
    </message>
    <message>
        <location filename="../../counter/ui/void_dialog.py" line="51"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Tunai</source>
        <translation type="vanished">Cash</translation>
    </message>
    <message>
        <source>Transfer bank</source>
        <translation type="vanished">Bank transfer</translation>
    </message>
    <message>
        <source>QRIS</source>
        <translation type="vanished">QRIS</translation>
    </message>
    <message>
        <source>Kartu debit</source>
        <translation type="vanished">Debit card</translation>
    </message>
    <message>
        <location filename="../../counter/ui/void_dialog.py" line="54"/>
        <source>BATAL</source>
        <translation>VOID</translation>
    </message>
    <message>
        <location filename="../../counter/ui/void_dialog.py" line="55"/>
        <source>Struk ini sudah dibatalkan; tidak bisa dipilih.</source>
        <translation>This receipt is void already; it cannot be chosen.</translation>
    </message>
</context>
<context>
    <name>ReliefDialog</name>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="42"/>
        <source>Angsuran biasa</source>
        <translation>Ordinary instalments</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="43"/>
        <source>denda dibekukan selama angsuran</source>
        <translation>fines frozen during the instalments</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="44"/>
        <source>denda dihapus</source>
        <translation>fines waived</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="45"/>
        <source>denda ikut diangsur</source>
        <translation>fines paid in the instalments</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="46"/>
        <source>Bulan</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="46"/>
        <source>Pokok</source>
        <translation>Principal</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="47"/>
        <source>Denda</source>
        <translation>Fine</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="47"/>
        <source>Keringanan</source>
        <translation>Relief</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="48"/>
        <location filename="../../counter/ui/relief_dialog.py" line="50"/>
        <source>Jumlah</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="49"/>
        <source>Pembayaran</source>
        <translation>Payment</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="49"/>
        <source>Jatuh tempo</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="51"/>
        <source>Buat rencana [Enter]</source>
        <translation>Make plan [Enter]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="111"/>
        <source>Keringanan / Angsuran</source>
        <translation>Relief / Instalments</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="117"/>
        <source>Kel. {village} &amp;nbsp;|&amp;nbsp; Gol. {tariff}</source>
        <translation>Village {village} &amp;nbsp;|&amp;nbsp; Tariff {tariff}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="130"/>
        <source>Program keringanan</source>
        <translation>Relief programme</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="131"/>
        <source>Memuat program ...</source>
        <translation>Loading programmes ...</translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter/ui/relief_dialog.py" line="253"/>
        <source> kali</source>
        <translation>
            <numerusform> term</numerusform>
            <numerusform> terms</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="136"/>
        <source>Jumlah angsuran</source>
        <translation>Number of instalments</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="141"/>
        <source>Uang muka</source>
        <translation>Down payment</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="147"/>
        <source>&amp;Jumlah angsuran</source>
        <translation>&amp;Number of instalments</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="148"/>
        <source>&amp;Uang muka</source>
        <translation>&amp;Down payment</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="150"/>
        <source>&amp;Program</source>
        <translation>&amp;Programme</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="166"/>
        <location filename="../../counter/ui/relief_dialog.py" line="183"/>
        <source>Jumlah diangsur</source>
        <translation>Paid in instalments</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="193"/>
        <source>Jadwal pembayaran</source>
        <translation>Payment schedule</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="201"/>
        <source>Rekening yang diangsur</source>
        <translation>Bills in the plan</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="225"/>
        <source>Alt+P ↑↓ program  |  Alt+J jumlah angsuran  |  Alt+U uang muka (kosong = minimal)  |  Enter = buat rencana  |  Esc = batal</source>
        <translation>Alt+P ↑↓ programme  |  Alt+N number of instalments  |  Alt+D down payment (empty = minimum)  |  Enter = make plan  |  Esc = cancel</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="229"/>
        <source>Batal [Esc]</source>
        <translation>Cancel [Esc]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="291"/>
        <source>maks. {n} kali angsuran, {fines}</source>
        <translation>at most {n} instalments, {fines}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="295"/>
        <source>berlaku s/d {date}, maks. {n} kali angsuran</source>
        <translation>valid until {date}, at most {n} instalments</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="299"/>
        <source>Tidak memenuhi syarat: {reasons}</source>
        <translation>Does not qualify: {reasons}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="331"/>
        <source>{low}-{high} kali; 0 = lunas sekaligus dengan keringanan</source>
        <translation>{low}-{high} terms; 0 = pay everything at once with the relief</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="333"/>
        <source>{low}-{high} kali</source>
        <translation>{low}-{high} terms</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="355"/>
        <source>Menghitung ...</source>
        <translation>Calculating ...</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="364"/>
        <source>Uang muka harus angka Rupiah, mis. 1.500.000.</source>
        <translation>The down payment must be a Rupiah amount, e.g. 1.500.000.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="400"/>
        <source>minimal</source>
        <translation>minimum</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="407"/>
        <source>termasuk keringanan {amount}</source>
        <translation>relief of {amount} included</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="408"/>
        <source>tanpa keringanan</source>
        <translation>no relief</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="409"/>
        <source>Uang muka minimal {amount}</source>
        <translation>Minimum down payment {amount}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="410"/>
        <source>minimal {amount}</source>
        <translation>minimum {amount}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="414"/>
        <source>Segel dibuka setelah uang muka dibayar (SPK buka segel).</source>
        <translation>The seal is removed once the down payment is paid (unseal work order).</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="416"/>
        <source>Selama rencana berjalan, biaya lain dipotong: {discounts}.</source>
        <translation>While the plan runs, other charges are reduced: {discounts}.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="419"/>
        <source>Perlu persetujuan kepala unit.</source>
        <translation>Needs the supervisor&apos;s approval.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="420"/>
        <source>Terlambat lebih dari {days} hari: rencana batal.</source>
        <translation>More than {days} days late: the plan is void.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="459"/>
        <source>Rencana angsuran</source>
        <translation>Instalment plan</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="460"/>
        <source>{what} untuk {customer}</source>
        <translation>{what} for {customer}</translation>
    </message>
    <message>
        <source>Menyimpan surat perjanjian ...</source>
        <translation type="vanished">Saving the agreement ...</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="509"/>
        <source>Rencana &lt;b&gt;{plan}&lt;/b&gt; dibuat. Surat perjanjian untuk ditandatangani pelanggan dan kepala unit: &lt;b&gt;{path}&lt;/b&gt;</source>
        <translation>Plan &lt;b&gt;{plan}&lt;/b&gt; made. The agreement for the customer and the supervisor to sign: &lt;b&gt;{path}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="511"/>
        <source>Surat perjanjian {plan}: {path}</source>
        <translation>Agreement {plan}: {path}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="514"/>
        <source>Rencana &lt;b&gt;{plan}&lt;/b&gt; dibuat, tetapi surat perjanjian gagal disimpan: {error} Cetak dengan: counter plan agreement {plan}</source>
        <translation>Plan &lt;b&gt;{plan}&lt;/b&gt; made, but the agreement could not be saved: {error} Print it with: counter plan agreement {plan}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="517"/>
        <source>Surat perjanjian {plan} gagal disimpan: {error}</source>
        <translation>Agreement {plan} could not be saved: {error}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="528"/>
        <source>Tutup [Esc]</source>
        <translation>Close [Esc]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="529"/>
        <source>Enter = terima uang muka sekarang  |  Esc = tutup</source>
        <translation>Enter = take the down payment now  |  Esc = close</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="530"/>
        <source>Esc = tutup</source>
        <translation>Esc = close</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="532"/>
        <source>Terima uang muka {amount} [Enter]</source>
        <translation>Take down payment {amount} [Enter]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/relief_dialog.py" line="554"/>
        <source>Menyimpan ...</source>
        <translation>Saving ...</translation>
    </message>
</context>
<context>
    <name>RulesTab</name>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="38"/>
        <source>Aturan disimpan di data loket ini dan berlaku untuk tagihan yang dihitung mulai tanggal berlakunya. Bila loket memakai server pusat, ubahlah aturan di pusat agar semua loket sama.</source>
        <translation>Rules are saved in this counter&apos;s data and apply to bills reckoned from their start date. When the counter uses a central server, change the rules at central so every counter has the same.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="75"/>
        <source>Aturan yang berlaku per {date}</source>
        <translation>Rules in force on {date}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="76"/>
        <source>Memuat ...</source>
        <translation>Loading ...</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="81"/>
        <source>Denda</source>
        <translation>Fine</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="81"/>
        <source>Denda yang berlaku</source>
        <translation>Fine in force</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="83"/>
        <source>Meterai</source>
        <translation>Stamp duty</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="83"/>
        <source>Meterai yang berlaku</source>
        <translation>Stamp duty in force</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="84"/>
        <source>Angsuran</source>
        <translation>Instalments</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="84"/>
        <source>Angsuran yang berlaku</source>
        <translation>Instalment rule in force</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="82"/>
        <source>Denda golongan</source>
        <translation>Group fines</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="82"/>
        <source>Denda per golongan tarif</source>
        <translation>Fines per tariff group</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="95"/>
        <source>Jenis denda</source>
        <translation>Fine kind</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="99"/>
        <source>Jumlah denda</source>
        <translation>Fine amount</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="101"/>
        <source>bulan:jumlah, mis. 0:5.000, 1:7.500</source>
        <translation>month:amount, e.g. 0:5.000, 1:7.500</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="102"/>
        <source>Tahapan denda</source>
        <translation>Fine stages</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="105"/>
        <source>mis. 2 atau 2,5</source>
        <translation>e.g. 2 or 2,5</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="107"/>
        <source>Persen denda</source>
        <translation>Fine percent</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="109"/>
        <source>Denda minimal</source>
        <translation>Minimum fine</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="111"/>
        <source>0 = tanpa batas</source>
        <translation>0 = no limit</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="112"/>
        <source>Denda maksimal</source>
        <translation>Maximum fine</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="115"/>
        <source>Denda baru berlaku mulai</source>
        <translation>New fine valid from</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="117"/>
        <source>&amp;Jenis denda</source>
        <translation>Fine &amp;kind</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="118"/>
        <source>J&amp;umlah per rekening</source>
        <translation>&amp;Amount per bill</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="119"/>
        <source>&amp;Tahapan</source>
        <translation>S&amp;tages</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="120"/>
        <source>&amp;Persen</source>
        <translation>&amp;Percent</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="121"/>
        <source>Mi&amp;nimal</source>
        <translation>Mi&amp;nimum</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="122"/>
        <source>Ma&amp;ksimal</source>
        <translation>Ma&amp;ximum</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="123"/>
        <source>&amp;Berlaku mulai</source>
        <translation>Valid &amp;from</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="124"/>
        <source>Simpan &amp;denda ...</source>
        <translation>Save fin&amp;e ...</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="130"/>
        <source>Denda baru</source>
        <translation>New fine</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="136"/>
        <source>Batas meterai</source>
        <translation>Stamp duty threshold</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="138"/>
        <source>Bea meterai</source>
        <translation>Stamp duty</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="141"/>
        <source>Meterai baru berlaku mulai</source>
        <translation>New stamp duty valid from</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="143"/>
        <source>Struk &amp;lebih dari</source>
        <translation>Receipts &amp;over</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="144"/>
        <source>Bea &amp;meterai</source>
        <translation>Stamp &amp;duty</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="145"/>
        <source>Berlaku mula&amp;i</source>
        <translation>Valid fro&amp;m</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="146"/>
        <source>Simpan m&amp;eterai ...</source>
        <translation>Save &amp;stamp duty ...</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="152"/>
        <source>Meterai baru</source>
        <translation>New stamp duty</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="164"/>
        <source>Mengubah aturan perlu persetujuan admin (nama pengguna dan PIN).</source>
        <translation>Changing the rules needs an admin&apos;s approval (user name and PIN).</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="212"/>
        <source>Denda baru mulai {date}: {fine}</source>
        <translation>New fine from {date}: {fine}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="214"/>
        <source>Mengubah aturan denda ({fine}, mulai {date})</source>
        <translation>Changing the fine rule ({fine}, from {date})</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="223"/>
        <source>Isi batas meterai.</source>
        <translation>Enter the stamp duty threshold.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="224"/>
        <source>Isi bea meterai.</source>
        <translation>Enter the stamp duty.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="229"/>
        <source>Meterai baru mulai {date}: {stamp}</source>
        <translation>New stamp duty from {date}: {stamp}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="232"/>
        <source>Mengubah aturan meterai ({stamp}, mulai {date})</source>
        <translation>Changing the stamp duty ({stamp}, from {date})</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_rules.py" line="238"/>
        <source>Disimpan. {what}.</source>
        <translation>Saved. {what}.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="434"/>
        <source>Pengaturan</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="439"/>
        <source>&lt;b&gt;Pengaturan loket&lt;/b&gt;</source>
        <translation>&lt;b&gt;Counter settings&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="440"/>
        <source>Kantor {office} | Loket {counter} | {who} ({role})</source>
        <translation>Office {office} | Counter {counter} | {who} ({role})</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="453"/>
        <source>Printer</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="453"/>
        <source>Kantor &amp;&amp; loket</source>
        <translation>Office &amp;&amp; counter</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="454"/>
        <source>Pusat</source>
        <translation>Central</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="454"/>
        <source>Aturan</source>
        <translation>Rules</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="455"/>
        <source>Program keringanan</source>
        <translation>Relief programmes</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="462"/>
        <source>Alt+1 … Alt+5 atau Ctrl+Tab: pindah tab  |  Alt+huruf bergaris: ke isian  |  Esc: tutup</source>
        <translation>Alt+1 … Alt+5 or Ctrl+Tab: switch tabs  |  Alt+underlined letter: to a field  |  Esc: close</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_dialog.py" line="465"/>
        <source>Tutup [Esc]</source>
        <translation>Close [Esc]</translation>
    </message>
</context>
<context>
    <name>SettingsTab</name>
    <message>
        <location filename="../../counter/ui/settings_base.py" line="161"/>
        <source>Pesan</source>
        <translation>Message</translation>
    </message>
</context>
<context>
    <name>SettingsWork</name>
    <message>
        <location filename="../../counter/ui/settings_work.py" line="46"/>
        <source>Tanpa printer (struk disimpan sebagai PDF)</source>
        <translation>No printer (receipts saved as PDF)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_work.py" line="47"/>
        <source>Jaringan (LAN / Wi-Fi, port 9100)</source>
        <translation>Network (LAN / Wi-Fi, port 9100)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_work.py" line="50"/>
        <source>Berkas perangkat (mis. /dev/usb/lp0)</source>
        <translation>Device file (e.g. /dev/usb/lp0)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_work.py" line="51"/>
        <source>Printer Windows</source>
        <translation>Windows printer</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_work.py" line="53"/>
        <source>80 mm (48 kolom)</source>
        <translation>80 mm (48 columns)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_work.py" line="54"/>
        <source>58 mm (32 kolom)</source>
        <translation>58 mm (32 columns)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_work.py" line="56"/>
        <source>kasir</source>
        <translation>cashier</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_work.py" line="56"/>
        <source>kepala unit</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_work.py" line="57"/>
        <source>admin</source>
        <translation>admin</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_work.py" line="152"/>
        <source>Tetap per rekening</source>
        <translation>Fixed per bill</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_work.py" line="153"/>
        <source>Bertahap per bulan</source>
        <translation>Staged by month</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_work.py" line="154"/>
        <source>Persen dari rekening</source>
        <translation>Percent of the bill</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_work.py" line="155"/>
        <source>Tanpa denda</source>
        <translation>No fine</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_work.py" line="156"/>
        <source>tidak dikenakan selama angsuran berjalan</source>
        <translation>not charged while the instalments run</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_work.py" line="157"/>
        <source>dihapuskan</source>
        <translation>waived</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_work.py" line="158"/>
        <source>ikut diangsur</source>
        <translation>paid in the instalments</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_work.py" line="165"/>
        <source>{amount} per rekening yang terlambat</source>
        <translation>{amount} per late bill</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_work.py" line="167"/>
        <source>+{amount} setelah {months} bulan</source>
        <translation>+{amount} after {months} months</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_work.py" line="168"/>
        <source>tanpa tahapan</source>
        <translation>no stages</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_work.py" line="170"/>
        <source>min. {amount}</source>
        <translation>min. {amount}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_work.py" line="163"/>
        <location filename="../../counter/ui/settings_work.py" line="172"/>
        <source>, maks. {amount}</source>
        <translation>, max. {amount}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_work.py" line="173"/>
        <source>{percent}% dari rekening ({bounds})</source>
        <translation>{percent}% of the bill ({bounds})</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_work.py" line="175"/>
        <source>tidak ada denda</source>
        <translation>no fine</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_work.py" line="179"/>
        <source>{amount} bila jumlah struk lebih dari {threshold}</source>
        <translation>{amount} when a receipt&apos;s total is over {threshold}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_work.py" line="185"/>
        <source>maks. {n} kali, uang muka min. {pct}%, denda {fines}, batal bila terlambat lebih dari {days} hari</source>
        <translation>at most {n} terms, down payment at least {pct}%, fines {fines}, void when more than {days} days late</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_work.py" line="196"/>
        <source>Isi jumlah denda.</source>
        <translation>Enter the fine amount.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_work.py" line="210"/>
        <source>Aturan denda tidak valid: denda maksimal di bawah denda minimal.</source>
        <translation>Invalid fine rule: the maximum fine is below the minimum.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_work.py" line="212"/>
        <source>Aturan denda tidak valid: jumlah harus Rupiah bulat, tidak negatif.</source>
        <translation>Invalid fine rule: amounts must be whole Rupiah, not negative.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_work.py" line="214"/>
        <source>Jenis denda tidak dikenal: {kind}.</source>
        <translation>Unknown fine kind: {kind}.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_work.py" line="231"/>
        <source>berakhir</source>
        <translation>ended</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_work.py" line="233"/>
        <source>belum berlaku</source>
        <translation>not yet in force</translation>
    </message>
    <message>
        <location filename="../../counter/ui/settings_work.py" line="234"/>
        <source>berlaku</source>
        <translation>in force</translation>
    </message>
</context>
<context>
    <name>ShiftCloseDialog</name>
    <message>
        <location filename="../../counter/ui/shift_close_dialog.py" line="31"/>
        <source>Tutup shift [Ctrl+Enter]</source>
        <translation>Close shift [Ctrl+Enter]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_close_dialog.py" line="32"/>
        <source>Masukkan hitungan [Ctrl+Enter]</source>
        <translation>Enter the count [Ctrl+Enter]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_close_dialog.py" line="44"/>
        <source>Tutup shift</source>
        <translation>Close shift</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_close_dialog.py" line="46"/>
        <source>Tutup shift &lt;b&gt;{who}&lt;/b&gt; di loket {counter}, {date}</source>
        <translation>Close the shift of &lt;b&gt;{who}&lt;/b&gt; at counter {counter}, {date}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_close_dialog.py" line="50"/>
        <source>belum ada</source>
        <translation>none yet</translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter/ui/shift_close_dialog.py" line="51"/>
        <source>{n} struk ({taken}); {voids} batal.</source>
        <translation>
            <numerusform>{n} receipt ({taken}); {voids} void.</numerusform>
            <numerusform>{n} receipts ({taken}); {voids} void.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_close_dialog.py" line="65"/>
        <source>Koin {amount}</source>
        <translation>Coin {amount}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_close_dialog.py" line="65"/>
        <source>Uang kertas {amount}</source>
        <translation>Note {amount}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_close_dialog.py" line="92"/>
        <source>&amp;Hitung buta: jumlah seharusnya ditampilkan setelah hitungan dimasukkan</source>
        <translation>Blind count: &amp;hide what the drawer should hold until the count is entered</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_close_dialog.py" line="93"/>
        <source>Hitung laci tanpa melihat jumlah yang seharusnya; Ctrl+Enter memasukkan hitungan, lalu jumlah seharusnya dan selisihnya tampil. Diingat di komputer ini.</source>
        <translation>Count the drawer without seeing what it should hold; Ctrl+Enter enters the count, then what it should hold and the variance show. Remembered on this computer.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_close_dialog.py" line="105"/>
        <source>Seharusnya di laci: {amount}</source>
        <translation>Should be in the drawer: {amount}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_close_dialog.py" line="106"/>
        <source>Modal awal {float} + tunai diterima {cash} - kembalian {change}</source>
        <translation>Opening float {float} + cash received {cash} - change {change}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_close_dialog.py" line="108"/>
        <source> - pengembalian uang {refunds}</source>
        <translation> - refunds paid {refunds}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_close_dialog.py" line="112"/>
        <source>Alasan selisih (wajib bila selisih lebih dari {limit})</source>
        <translation>Reason for the difference (required above {limit})</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_close_dialog.py" line="114"/>
        <source>Alasan selisih</source>
        <translation>Reason for the difference</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_close_dialog.py" line="116"/>
        <source>Batal [Esc]</source>
        <translation>Cancel [Esc]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_close_dialog.py" line="151"/>
        <source>Uang kertas: {amount}</source>
        <translation>Notes: {amount}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_close_dialog.py" line="152"/>
        <source>Koin: {amount}</source>
        <translation>Coins: {amount}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_close_dialog.py" line="155"/>
        <source>Dihitung: {amount}</source>
        <translation>Counted: {amount}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_close_dialog.py" line="157"/>
        <source>Seharusnya di laci: tampil setelah hitungan dimasukkan (Ctrl+Enter)</source>
        <translation>Should be in the drawer: shown once the count is entered (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Seharusnya di laci: (tampil setelah hitungan dimasukkan, Ctrl+Enter)</source>
        <translation type="vanished">Should be in the drawer: (shown once the count is entered, Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_close_dialog.py" line="169"/>
        <source>Selisih: PAS</source>
        <translation>Difference: EXACT</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_close_dialog.py" line="171"/>
        <source>KURANG</source>
        <translation>SHORT</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_close_dialog.py" line="171"/>
        <source>LEBIH</source>
        <translation>OVER</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_close_dialog.py" line="172"/>
        <source>Selisih: {word} {amount}</source>
        <translation>Difference: {word} {amount}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_close_dialog.py" line="190"/>
        <source>Selisih melebihi {limit}: tulis alasannya (minimal 5 huruf).</source>
        <translation>The difference is over {limit}: write the reason (at least 5 characters).</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_close_dialog.py" line="197"/>
        <source>Tutup shift {who}</source>
        <translation>Closing {who}&apos;s shift</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_close_dialog.py" line="215"/>
        <source>Menyimpan ...</source>
        <translation>Saving ...</translation>
    </message>
</context>
<context>
    <name>ShiftDialog</name>
    <message>
        <location filename="../../counter/ui/shift_dialog.py" line="20"/>
        <source>Buka shift [Enter]</source>
        <translation>Open shift [Enter]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_dialog.py" line="26"/>
        <source>Shift: belum dibuka</source>
        <translation>Shift: not open</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_dialog.py" line="27"/>
        <source>Shift: modal {amount}</source>
        <translation>Shift: float {amount}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_dialog.py" line="36"/>
        <source>Buka shift</source>
        <translation>Open shift</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_dialog.py" line="39"/>
        <source>Selamat bekerja, &lt;b&gt;{who}&lt;/b&gt;.</source>
        <translation>Have a good shift, &lt;b&gt;{who}&lt;/b&gt;.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_dialog.py" line="41"/>
        <source>Berapa &lt;b&gt;modal awal&lt;/b&gt; (uang kembalian) di laci loket {counter} hari ini, {date}?</source>
        <translation>What is the &lt;b&gt;opening float&lt;/b&gt; (change money) in the drawer of counter {counter} today, {date}?</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_dialog.py" line="45"/>
        <source>&amp;Modal awal (Rp)</source>
        <translation>Opening &amp;float (Rp)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_dialog.py" line="50"/>
        <source>Modal awal</source>
        <translation>Opening float</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_dialog.py" line="56"/>
        <source>Esc: lanjut tanpa membuka shift (misalnya admin, yang tidak menerima uang).</source>
        <translation>Esc: go on without a shift (e.g. an admin, who takes no money).</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_dialog.py" line="60"/>
        <source>Nanti saja [Esc]</source>
        <translation>Later [Esc]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_dialog.py" line="69"/>
        <source>Isi modal awal (0 bila laci kosong).</source>
        <translation>Enter the opening float (0 if the drawer is empty).</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_dialog.py" line="91"/>
        <source>Menyimpan ...</source>
        <translation>Saving ...</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../counter/ui/sign_in_dialog.py" line="19"/>
        <source>Masuk [Enter]</source>
        <translation>Sign in [Enter]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sign_in_dialog.py" line="28"/>
        <source>Masuk ke loket</source>
        <translation>Sign in to the counter</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sign_in_dialog.py" line="30"/>
        <source>Loket &lt;b&gt;{counter}&lt;/b&gt; — Kantor &lt;b&gt;{office}&lt;/b&gt;</source>
        <translation>Counter &lt;b&gt;{counter}&lt;/b&gt; — Office &lt;b&gt;{office}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sign_in_dialog.py" line="32"/>
        <source>Ketik nama pengguna dan PIN Anda, lalu tekan Enter. PIN tidak ditampilkan.</source>
        <translation>Type your user name and PIN, then press Enter. The PIN is not shown.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sign_in_dialog.py" line="39"/>
        <source>Nama pengguna</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sign_in_dialog.py" line="49"/>
        <source>&amp;Nama pengguna</source>
        <translation>&amp;User name</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sign_in_dialog.py" line="49"/>
        <source>&amp;PIN</source>
        <translation>&amp;PIN</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sign_in_dialog.py" line="55"/>
        <source>Keluar [Esc]</source>
        <translation>Quit [Esc]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sign_in_dialog.py" line="64"/>
        <location filename="../../counter/ui/sign_in_dialog.py" line="71"/>
        <source>Isi nama pengguna.</source>
        <translation>Enter the user name.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sign_in_dialog.py" line="74"/>
        <source>Isi PIN.</source>
        <translation>Enter the PIN.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sign_in_dialog.py" line="93"/>
        <source>Memeriksa ...</source>
        <translation>Checking ...</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../counter/ui/app.py" line="80"/>
        <source>Loket Pembayaran Rekening Air</source>
        <translation>Water Bill Payment Counter</translation>
    </message>
    <message>
        <location filename="../../counter/ui/app.py" line="90"/>
        <source>Membuat data demo: {n} pelanggan (sekali saja) ...</source>
        <translation>Making demo data: {n} customers (only once) ...</translation>
    </message>
    <message>
        <location filename="../../counter/ui/app.py" line="94"/>
        <location filename="../../counter/ui/app.py" line="139"/>
        <source>Loket</source>
        <translation>Counter</translation>
    </message>
    <message>
        <location filename="../../counter/ui/app.py" line="122"/>
        <source>Menarik data dari pusat: {table} ({done} dari {total})</source>
        <translation>Pulling data from central: {table} ({done} of {total})</translation>
    </message>
    <message>
        <location filename="../../counter/ui/app.py" line="136"/>
        <source>Menghubungi pusat ...</source>
        <translation>Contacting central ...</translation>
    </message>
    <message>
        <location filename="../../counter/ui/app.py" line="191"/>
        <source>Data lokal rusak</source>
        <translation>Local data damaged</translation>
    </message>
    <message>
        <location filename="../../counter/ui/app.py" line="210"/>
        <source>Loket tidak bisa dibuka</source>
        <translation>The desk cannot be opened</translation>
    </message>
</context>
<context>
    <name>TermsModel</name>
    <message>
        <location filename="../../counter/ui/plan_models.py" line="46"/>
        <source>Bayar</source>
        <translation>Pay</translation>
    </message>
    <message>
        <location filename="../../counter/ui/plan_models.py" line="47"/>
        <source>Angsuran</source>
        <translation>Instalment</translation>
    </message>
    <message>
        <location filename="../../counter/ui/plan_models.py" line="48"/>
        <source>Jatuh tempo</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../counter/ui/plan_models.py" line="49"/>
        <source>Jumlah</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../counter/ui/plan_models.py" line="79"/>
        <source> (lewat)</source>
        <translation> (overdue)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/plan_models.py" line="96"/>
        <source>{label}, jatuh tempo {date}</source>
        <translation>{label}, due {date}</translation>
    </message>
</context>
<context>
    <name>VoidDialog</name>
    <message>
        <location filename="../../counter/ui/void_dialog.py" line="34"/>
        <source>Batalkan struk [Enter]</source>
        <translation>Void receipt [Enter]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/void_dialog.py" line="104"/>
        <source>Pembatalan pembayaran</source>
        <translation>Void a payment</translation>
    </message>
    <message>
        <location filename="../../counter/ui/void_dialog.py" line="106"/>
        <source>Batalkan pembayaran yang diterima &lt;b&gt;hari ini&lt;/b&gt;</source>
        <translation>Void a payment taken &lt;b&gt;today&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../counter/ui/void_dialog.py" line="108"/>
        <source>Rekening yang dibayar kembali menjadi tunggakan. Perlu alasan dan persetujuan kepala unit. Pembayaran hari lain: ajukan koreksi ke kantor cabang.</source>
        <translation>The bills it paid are owed again. A reason and the supervisor&apos;s approval are needed. A payment of another day: ask the branch office for a correction.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/void_dialog.py" line="128"/>
        <source>Struk hari ini</source>
        <translation>Today&apos;s receipts</translation>
    </message>
    <message>
        <location filename="../../counter/ui/void_dialog.py" line="140"/>
        <source>Struk &amp;hari ini di loket {counter}</source>
        <translation>&amp;Today&apos;s receipts at counter {counter}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/void_dialog.py" line="143"/>
        <source>↑↓ pilih struk  |  Enter: lanjut ke alasan</source>
        <translation>↑↓ choose a receipt  |  Enter: on to the reason</translation>
    </message>
    <message>
        <location filename="../../counter/ui/void_dialog.py" line="145"/>
        <source>Memuat struk hari ini ...</source>
        <translation>Loading today&apos;s receipts ...</translation>
    </message>
    <message>
        <location filename="../../counter/ui/void_dialog.py" line="161"/>
        <source>ketik atau pindai no. struk, atau pilih di daftar (↓)</source>
        <translation>type or scan the receipt no., or choose from the list (↓)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/void_dialog.py" line="162"/>
        <source>Nomor struk</source>
        <translation>Receipt number</translation>
    </message>
    <message>
        <location filename="../../counter/ui/void_dialog.py" line="169"/>
        <source>mis. salah pelanggan, uang palsu, salah bulan</source>
        <translation>e.g. wrong customer, counterfeit money, wrong month</translation>
    </message>
    <message>
        <location filename="../../counter/ui/void_dialog.py" line="170"/>
        <source>Alasan pembatalan</source>
        <translation>Reason for voiding</translation>
    </message>
    <message>
        <location filename="../../counter/ui/void_dialog.py" line="174"/>
        <source>No. &amp;struk</source>
        <translation>Receipt &amp;no.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/void_dialog.py" line="174"/>
        <source>&amp;Alasan</source>
        <translation>&amp;Reason</translation>
    </message>
    <message>
        <location filename="../../counter/ui/void_dialog.py" line="180"/>
        <source>Tutup [Esc]</source>
        <translation>Close [Esc]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/void_dialog.py" line="193"/>
        <source>Belum ada pembayaran hari ini di loket ini.</source>
        <translation>No payments at this counter today yet.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/void_dialog.py" line="210"/>
        <source>Daftar struk tidak terbaca: {error}</source>
        <translation>The list of receipts could not be read: {error}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/void_dialog.py" line="269"/>
        <location filename="../../counter/ui/void_dialog.py" line="278"/>
        <source>Isi nomor struk yang dibatalkan.</source>
        <translation>Enter the number of the receipt to void.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/void_dialog.py" line="282"/>
        <source>Struk {receipt} sudah dibatalkan.</source>
        <translation>Receipt {receipt} is void already.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/void_dialog.py" line="286"/>
        <source>Tulis alasan pembatalan ({low}-{high} huruf).</source>
        <translation>Write the reason for voiding ({low}-{high} characters).</translation>
    </message>
    <message>
        <location filename="../../counter/ui/void_dialog.py" line="291"/>
        <source>Pembatalan struk {receipt}</source>
        <translation>Voiding receipt {receipt}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/void_dialog.py" line="301"/>
        <source>Membatalkan ...</source>
        <translation>Voiding ...</translation>
    </message>
</context>
</TS>
