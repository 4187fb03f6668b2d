"""Kupang-like names and places for the demo utility."""

GIVEN = (
    "Yohanes Maria Yosef Agustinus Fransiska Marthen Yakobus Elisabeth Daniel Ferdinand "
    "Paulus Yuliana Dominggus Herman Novita Melkianus Selfina Yeremias Ruth Ester Simon "
    "Petrus Anastasia Yoseph Christian Dewi Hendrik Abraham Imanuel Sarlota Welem Adriana "
    "Benyamin Margaretha Frederik Yunus Ruben Aleksander Martha Stefanus Yosua Theresia "
    "Agnes Lukas Matius Markus Rosalina Oktovianus Naomi Jefri Ronal Erni Sonya Yulius "
    "Albertus Gabriel Veronika Kornelis Lodowik Rambu Umbu Ahmad Siti Muhammad Nur Made "
    "Ketut Wayan Nyoman Budi Agus Rudi Hasan Ibrahim Fatimah Rahmat Yusuf Aisyah Andi"
).split()

SURNAMES = (
    "Ndun Nenobais Manafe Tefa Bessie Lay Fanggidae Foeh Nope Tanof Kase Ndolu Pandie "
    "Radja Lonto Bire Kolo Benu Tualaka Dethan Sinlae Messakh Amalo Adoe Saudale Mboeik "
    "Hadjo Tallo Ratu Lede Bana Laiskodat Lerik Kana Dano Riwu Bunga Lenggu Nubatonis "
    "Tanesib Taneo Oematan Selan Boimau Nisnoni Koroh Mesakh Ndoen Tode Pah Kapitan "
    "Sjioen Anin Seran Bria Nahak Klau Mau Bere Taek Tei Babo Haba Kore Neno Olin "
    "Wadu Lapenangga Kiuk Ataupah Toelle Lusi Manu Nalle Here"
).split()

# Portuguese-heritage surnames of Timor, accents and all: the search must ignore accents.
ACCENTED_SURNAMES = ("Araújo", "Gonçalves", "Soares", "da Costa", "Guterres", "Belo", "Fernandes", "Ximenes")

STREETS = (
    "Timor Raya", "El Tari", "Frans Seda", "Adisucipto", "Perintis Kemerdekaan",
    "W.J. Lalamentik", "Sam Ratulangi", "Piet A. Tallo", "Cak Doko", "Soeharto",
    "Kelapa Lima", "Amabi", "Bundaran PU", "Jend. Sudirman", "Ahmad Yani", "Moh. Hatta",
    "Herewila", "Nangka", "Bajawa", "Thamrin", "Sumba", "Alor", "Rote", "Flores",
    "Kejora", "Mangga", "Pahlawan", "Samratulangi III", "Oebananta", "Fetor Funay",
)

# kecamatan -> kelurahan of Kota Kupang
DISTRICTS = {
    "Alak": ("Alak", "Nunbaun Sabu", "Nunbaun Delha", "Namosain", "Penkase Oeleta", "Manulai II", "Batuplat", "Mantasi", "Fatufeto", "Manutapen", "Nunhila", "Naioni"),
    "Maulafa": ("Maulafa", "Penfui", "Sikumana", "Oepura", "Belo", "Kolhua", "Naimata", "Fatukoa", "Naikolan"),
    "Oebobo": ("Oebobo", "Fatululi", "Kayu Putih", "Liliba", "Tuak Daun Merah", "Oebufu", "Oetete"),
    "Kelapa Lima": ("Kelapa Lima", "Oesapa", "Oesapa Barat", "Oesapa Selatan", "Lasiana"),
    "Kota Raja": ("Naikoten I", "Naikoten II", "Bakunase", "Bakunase II", "Airnona", "Kuanino", "Nunleu", "Fontein"),
    "Kota Lama": ("Merdeka", "Solor", "Tode Kisar", "Oeba", "Fatubesi", "Nefonaek", "Pasir Panjang", "Airmata", "Bonipoi", "LLBK"),
}


def name_and_address(rng) -> tuple[str, str]:  # noqa: ANN001 - random.Random
    """A customer's name (half of them in capitals, as billing systems often keep
    them) and street address, drawn from `rng`."""
    surname = rng.choice(ACCENTED_SURNAMES) if rng.random() < 0.04 else rng.choice(SURNAMES)
    given = rng.choice(GIVEN)
    if rng.random() < 0.35:
        given = f"{given} {rng.choice(GIVEN)}"
    name = f"{given} {surname}".upper() if rng.random() < 0.5 else f"{given} {surname}"
    address = f"Jl. {rng.choice(STREETS)} No. {rng.randint(1, 250)}, RT {rng.randint(1, 40):03d}/RW {rng.randint(1, 12):02d}"
    return name, address
