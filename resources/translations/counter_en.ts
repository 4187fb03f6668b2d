<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>BillsModel</name>
    <message>
        <location filename="../../counter/ui/table_models.py" line="139" />
        <source>Bayar</source>
        <translation>Pay</translation>
    </message>
    <message>
        <location filename="../../counter/ui/table_models.py" line="140" />
        <source>Bulan</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../counter/ui/table_models.py" line="141" />
        <source>m3</source>
        <translation>m3</translation>
    </message>
    <message>
        <location filename="../../counter/ui/table_models.py" line="142" />
        <source>Harga air</source>
        <translation>Water</translation>
    </message>
    <message>
        <location filename="../../counter/ui/table_models.py" line="143" />
        <source>Beban</source>
        <translation>Fixed</translation>
    </message>
    <message>
        <location filename="../../counter/ui/table_models.py" line="144" />
        <source>Admin</source>
        <translation>Admin</translation>
    </message>
    <message>
        <location filename="../../counter/ui/table_models.py" line="145" />
        <source>Denda</source>
        <translation>Fine</translation>
    </message>
    <message>
        <location filename="../../counter/ui/table_models.py" line="146" />
        <source>Jumlah</source>
        <translation>Amount</translation>
    </message>
</context>
<context>
    <name>CustomerPanel</name>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="22" />
        <source>Data lokal – pusat tidak terjangkau</source>
        <translation>Local data – central unreachable</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="23" />
        <source>Pembayaran di bank/marketplace bisa belum tampak.</source>
        <translation>Payments at banks/marketplaces may not show yet.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="24" />
        <source>Data dari pusat</source>
        <translation>Data from central</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="58" />
        <source>Belum ada pelanggan.
Ketik nomor sambungan, scan barcode rekening,
atau cari nama / alamat di kolom Cari [F2].</source>
        <translation>No customer yet.
Type a connection number, scan a bill barcode,
or search a name / address in the Search field [F2].</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="83" />
        <source>Keringanan / Angsuran [F9]</source>
        <translation>Relief / Instalments [F9]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="142" />
        <location filename="../../counter/ui/customer_panel.py" line="253" />
        <source>Tidak ada tunggakan: semua rekening sudah lunas.</source>
        <translation>Nothing owed: every bill is paid.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="156" />
        <source>TOTAL</source>
        <translation>TOTAL</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="161" />
        <source>Total dibayar</source>
        <translation>Total to pay</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="162" />
        <source>BAYAR [F5]</source>
        <translation>PAY [F5]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="230" />
        <source>Memuat pelanggan {number} ...</source>
        <translation>Loading customer {number} ...</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="245" />
        <source>Kel. {village}, Kec. {district}</source>
        <translation>Village {village}, District {district}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="246" />
        <source>Gol. {code} ({name})</source>
        <translation>Tariff {code} ({name})</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="247" />
        <source>{n} jiwa</source>
        <translation>{n} people</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="248" />
        <source>No. meter {meter}</source>
        <translation>Meter no. {meter}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="252" />
        <source>Tidak ada tunggakan di luar rencana angsuran.</source>
        <translation>Nothing owed outside the instalment plan.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="278" />
        <source>Belum ada rekening atau angsuran dipilih.</source>
        <translation>No bill or instalment chosen yet.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="280" />
        <source>Belum ada rekening dipilih.</source>
        <translation>No bill chosen yet.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="290" />
        <source>{n} dari {m} bulan: {months}</source>
        <translation>{n} of {m} months: {months}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="292" />
        <source>, termasuk denda {amount}</source>
        <translation>, fines {amount} included</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="296" />
        <source>Dibayar {what}</source>
        <translation>Paying {what}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/customer_panel.py" line="297" />
        <source>Meterai {amount}</source>
        <translation>Stamp duty {amount}</translation>
    </message>
</context>
<context>
    <name>CustomerResultsModel</name>
    <message>
        <location filename="../../counter/ui/table_models.py" line="25" />
        <source>No. samb.</source>
        <translation>Conn. no.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/table_models.py" line="26" />
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../counter/ui/table_models.py" line="27" />
        <source>Alamat</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../counter/ui/table_models.py" line="28" />
        <source>Gol.</source>
        <translation>Tar.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/table_models.py" line="29" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>DeskLock</name>
    <message>
        <location filename="../../counter/ui/lock.py" line="43" />
        <source>Kunci layar [Ctrl+L]</source>
        <translation>Lock screen [Ctrl+L]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/lock.py" line="311" />
        <source>Dikunci otomatis setelah {n} menit tanpa kegiatan.</source>
        <translation>Locked automatically after {n} minutes without activity.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/lock.py" line="312" />
        <source>Dikunci otomatis karena tidak ada kegiatan.</source>
        <translation>Locked automatically: no activity.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/lock.py" line="312" />
        <source>Dikunci oleh kasir (Ctrl+L).</source>
        <translation>Locked by the cashier (Ctrl+L).</translation>
    </message>
</context>
<context>
    <name>HelpOverlay</name>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="13" />
        <source>Bantuan ini: daftar semua tombol (F1 atau Esc menutupnya)</source>
        <translation>This help: every key (F1 or Esc closes it)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="14" />
        <source>Kembali ke kolom pencarian; teksnya terpilih, pindaian berikutnya menggantinya</source>
        <translation>Back to the search field; its text is selected, the next scan replaces it</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="15" />
        <source>Cari sekarang; satu nomor yang cocok langsung dibuka. Di jendela: setujui / bayar</source>
        <translation>Search now; a single matching number opens at once. In a window: confirm / pay</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="16" />
        <source>Dari kolom pencarian ke daftar hasil, pindah pelanggan (langsung dibuka)</source>
        <translation>From the search field into the results, move between customers (opened at once)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="17" />
        <source>Centang / hapus centang bulan rekening atau angsuran (urutan tetap dijaga)</source>
        <translation>Tick / untick bill months or instalments (the order is kept)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="18" />
        <source>Bayar rekening yang dicentang (jendela pembayaran)</source>
        <translation>Pay the ticked bills (payment window)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="19" />
        <source>Batalkan struk hari ini (alasan + persetujuan kepala unit)</source>
        <translation>Void a receipt of today (reason + supervisor's approval)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="20" />
        <source>Cetak ulang struk yang gagal, atau salinan struk terakhir</source>
        <translation>Reprint failed receipts, or a copy of the last receipt</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="21" />
        <source>Keringanan / angsuran untuk pelanggan di layar</source>
        <translation>Relief / instalments for the customer on screen</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="22" />
        <source>Pengaturan (kepala unit dan admin)</source>
        <translation>Settings (supervisors and admins)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="23" />
        <source>Kosongkan pencarian; di jendela: batal / tutup tanpa menyimpan</source>
        <translation>Clear the search; in a window: cancel / close without saving</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="24" />
        <source>Kunci layar sekarang; hanya PIN pengguna ini yang membukanya</source>
        <translation>Lock the screen now; only this user's PIN opens it</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="25" />
        <source>Huruf lebih besar / lebih kecil (diingat untuk komputer ini)</source>
        <translation>Larger / smaller text (remembered on this computer)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="26" />
        <source>Ukuran huruf biasa</source>
        <translation>Normal text size</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="38" />
        <source>Bantuan tombol</source>
        <translation>Key help</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="40" />
        <source>Tombol-tombol loket</source>
        <translation>Keys of the desk</translation>
    </message>
    <message>
        <location filename="../../counter/ui/help_overlay.py" line="58" />
        <source>Tekan Esc atau F1 untuk menutup.</source>
        <translation>Press Esc or F1 to close.</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../counter/ui/lock.py" line="44" />
        <source>Layar terkunci — {who}</source>
        <translation>Screen locked — {who}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/lock.py" line="103" />
        <location filename="../../counter/ui/lock.py" line="194" />
        <source>Buka [Enter]</source>
        <translation>Unlock [Enter]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/lock.py" line="124" />
        <source>Pembayaran dan cetak struk yang sedang berjalan tetap diselesaikan; jendela yang terbuka muncul lagi setelah layar dibuka.</source>
        <translation>Payments and receipts in progress are still finished; open windows come back once the screen is unlocked.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/lock.py" line="159" />
        <source>Hanya PIN &lt;b&gt;{user}&lt;/b&gt; yang dapat membuka layar ini. Ketik PIN, lalu tekan Enter.</source>
        <translation>Only &lt;b&gt;{user}&lt;/b&gt;'s PIN opens this screen. Type the PIN, then press Enter.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/lock.py" line="174" />
        <source>Ketik PIN untuk membuka layar.</source>
        <translation>Type the PIN to unlock the screen.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/lock.py" line="194" />
        <source>Memeriksa ...</source>
        <translation>Checking ...</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../counter/ui/main_window.py" line="67" />
        <source>Memproses ...</source>
        <translation>Working ...</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="116" />
        <source>Loket {counter} - {office}</source>
        <translation>Counter {counter} - {office}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="130" />
        <source>No. sambungan / no. meter / barcode rekening / nama / alamat</source>
        <translation>Connection no. / meter no. / bill barcode / name / address</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="135" />
        <source>Cari [F2]</source>
        <translation>Search [F2]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="147" />
        <source>Cari:</source>
        <translation>Search:</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="153" />
        <source>Batal struk [F7]</source>
        <translation>Void receipt [F7]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="154" />
        <source>Bantuan [F1]</source>
        <translation>Help [F1]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="155" />
        <source>Pengaturan [F10]</source>
        <translation>Settings [F10]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="229" />
        <source>Kantor {office} | Loket {counter}</source>
        <translation>Office {office} | Counter {counter}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="238" />
        <source>Pusat: belum tersambung</source>
        <translation>Central: not connected yet</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="256" />
        <source>Kunci layar sekarang; hanya PIN pengguna ini yang dapat membukanya</source>
        <translation>Lock the screen now; only this user's PIN can open it</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="286" />
        <source>Tanggal: {date}</source>
        <translation>Date: {date}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="291" />
        <source>Kasir: {name}</source>
        <translation>Cashier: {name}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="292" />
        <source>Pengguna {user} ({role})</source>
        <translation>User {user} ({role})</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="395" />
        <source>Ukuran huruf {n}%</source>
        <translation>Text size {n}%</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="404" />
        <source>Pengaturan hanya untuk kepala unit atau admin.</source>
        <translation>Settings are for supervisors and admins only.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="439" />
        <source>&lt;b&gt;DIBATALKAN&lt;/b&gt; &amp;nbsp; {what}</source>
        <translation>&lt;b&gt;VOIDED&lt;/b&gt; &amp;nbsp; {what}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="531" />
        <source>Mencari ...</source>
        <translation>Searching ...</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="543" />
        <source>Tidak ada pelanggan yang cocok dengan "{text}".</source>
        <translation>No customer matches "{text}".</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="545" />
        <source> (lebih banyak: perjelas pencarian)</source>
        <translation> (more: narrow the search)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="546" />
        <source>{n} pelanggan</source>
        <translation>{n} customers</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="705" />
        <source>KEMBALIAN {amount}</source>
        <translation>CHANGE {amount}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="708" />
        <source>&lt;b&gt;LUNAS&lt;/b&gt; &amp;nbsp; No. struk &lt;b&gt;{receipt}&lt;/b&gt; &amp;nbsp; {number} {name}&lt;br&gt;{paying}, {method}: total &lt;b&gt;{total}&lt;/b&gt;, diterima {tendered}</source>
        <translation>&lt;b&gt;PAID&lt;/b&gt; &amp;nbsp; Receipt no. &lt;b&gt;{receipt}&lt;/b&gt; &amp;nbsp; {number} {name}&lt;br&gt;{paying}, {method}: total &lt;b&gt;{total}&lt;/b&gt;, received {tendered}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="730" />
        <source>SPK buka segel &lt;b&gt;{order}&lt;/b&gt; dibuat: &lt;b&gt;{path}&lt;/b&gt;</source>
        <translation>Unseal work order &lt;b&gt;{order}&lt;/b&gt; written: &lt;b&gt;{path}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="732" />
        <source>SPK buka segel {order} gagal disimpan: {error}</source>
        <translation>Unseal work order {order} could not be saved: {error}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/main_window.py" line="755" />
        <source>Rencana angsuran &lt;b&gt;{plan}&lt;/b&gt; dibuat untuk {number} {name}.</source>
        <translation>Instalment plan &lt;b&gt;{plan}&lt;/b&gt; made for {number} {name}.</translation>
    </message>
</context>
<context>
    <name>PayDialog</name>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="28" />
        <source>Pembayaran gagal</source>
        <translation>Payment failed</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="46" />
        <source>Pembayaran</source>
        <translation>Payment</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="56" />
        <source>Jumlah tagihan</source>
        <translation>Amount due</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="57" />
        <source>termasuk meterai {amount}</source>
        <translation>stamp duty {amount} included</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="70" />
        <location filename="../../counter/ui/pay_dialog.py" line="90" />
        <source>Uang diterima</source>
        <translation>Cash received</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="76" />
        <source>no. transaksi / approval code</source>
        <translation>transaction no. / approval code</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="78" />
        <location filename="../../counter/ui/pay_dialog.py" line="171" />
        <location filename="../../counter/ui/pay_dialog.py" line="179" />
        <source>KEMBALIAN</source>
        <translation>CHANGE</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="82" />
        <source>Kembalian</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="89" />
        <source>JUMLAH TAGIHAN</source>
        <translation>AMOUNT DUE</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="89" />
        <source>Cara bayar</source>
        <translation>Method</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="90" />
        <source>No. referensi</source>
        <translation>Reference no.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="99" />
        <source>Enter = bayar  |  Esc = batal  |  Alt+C = ganti cara bayar</source>
        <translation>Enter = pay  |  Esc = cancel  |  Alt+C = change method</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="101" />
        <source>Batal [Esc]</source>
        <translation>Cancel [Esc]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="104" />
        <location filename="../../counter/ui/pay_dialog.py" line="222" />
        <source>BAYAR [Enter]</source>
        <translation>PAY [Enter]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="175" />
        <source>KURANG</source>
        <translation>SHORT</translation>
    </message>
    <message>
        <location filename="../../counter/ui/pay_dialog.py" line="222" />
        <source>Menyimpan ...</source>
        <translation>Saving ...</translation>
    </message>
</context>
<context>
    <name>ShiftDialog</name>
    <message>
        <location filename="../../counter/ui/shift_dialog.py" line="20" />
        <source>Buka shift [Enter]</source>
        <translation>Open shift [Enter]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_dialog.py" line="26" />
        <source>Shift: belum dibuka</source>
        <translation>Shift: not open</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_dialog.py" line="27" />
        <source>Shift: modal {amount}</source>
        <translation>Shift: float {amount}</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_dialog.py" line="37" />
        <source>Buka shift</source>
        <translation>Open shift</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_dialog.py" line="42" />
        <source>Selamat bekerja, &lt;b&gt;{who}&lt;/b&gt;.</source>
        <translation>Have a good shift, &lt;b&gt;{who}&lt;/b&gt;.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_dialog.py" line="44" />
        <source>Berapa &lt;b&gt;modal awal&lt;/b&gt; (uang kembalian) di laci loket {counter} hari ini, {date}?</source>
        <translation>What is the &lt;b&gt;opening float&lt;/b&gt; (change money) in the drawer of counter {counter} today, {date}?</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_dialog.py" line="48" />
        <source>&amp;Modal awal (Rp)</source>
        <translation>Opening &amp;float (Rp)</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_dialog.py" line="53" />
        <source>Modal awal</source>
        <translation>Opening float</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_dialog.py" line="59" />
        <source>Esc: lanjut tanpa membuka shift (misalnya admin, yang tidak menerima uang).</source>
        <translation>Esc: go on without a shift (e.g. an admin, who takes no money).</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_dialog.py" line="69" />
        <source>Nanti saja [Esc]</source>
        <translation>Later [Esc]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_dialog.py" line="103" />
        <source>Isi modal awal (0 bila laci kosong).</source>
        <translation>Enter the opening float (0 if the drawer is empty).</translation>
    </message>
    <message>
        <location filename="../../counter/ui/shift_dialog.py" line="133" />
        <source>Menyimpan ...</source>
        <translation>Saving ...</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../counter/ui/sign_in_dialog.py" line="21" />
        <source>Masuk [Enter]</source>
        <translation>Sign in [Enter]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sign_in_dialog.py" line="31" />
        <source>Masuk ke loket</source>
        <translation>Sign in to the counter</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sign_in_dialog.py" line="35" />
        <source>Loket &lt;b&gt;{counter}&lt;/b&gt; — Kantor &lt;b&gt;{office}&lt;/b&gt;</source>
        <translation>Counter &lt;b&gt;{counter}&lt;/b&gt; — Office &lt;b&gt;{office}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sign_in_dialog.py" line="37" />
        <source>Ketik nama pengguna dan PIN Anda, lalu tekan Enter. PIN tidak ditampilkan.</source>
        <translation>Type your user name and PIN, then press Enter. The PIN is not shown.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sign_in_dialog.py" line="44" />
        <source>Nama pengguna</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sign_in_dialog.py" line="54" />
        <source>&amp;Nama pengguna</source>
        <translation>&amp;User name</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sign_in_dialog.py" line="54" />
        <source>&amp;PIN</source>
        <translation>&amp;PIN</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sign_in_dialog.py" line="66" />
        <source>Keluar [Esc]</source>
        <translation>Quit [Esc]</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sign_in_dialog.py" line="99" />
        <location filename="../../counter/ui/sign_in_dialog.py" line="106" />
        <source>Isi nama pengguna.</source>
        <translation>Enter the user name.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sign_in_dialog.py" line="109" />
        <source>Isi PIN.</source>
        <translation>Enter the PIN.</translation>
    </message>
    <message>
        <location filename="../../counter/ui/sign_in_dialog.py" line="136" />
        <source>Memeriksa ...</source>
        <translation>Checking ...</translation>
    </message>
</context>
</TS>