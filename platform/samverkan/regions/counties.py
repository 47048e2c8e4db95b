"""Sweden's 21 counties (län): code, URL slug, Swedish and English name. Every county is a region."""

COUNTIES = (
    ("01", "stockholm", "Stockholm", "Stockholm"),
    ("03", "uppsala", "Uppsala", "Uppsala"),
    ("04", "sodermanland", "Södermanland", "Södermanland"),
    ("05", "ostergotland", "Östergötland", "Östergötland"),
    ("06", "jonkoping", "Jönköping", "Jönköping"),
    ("07", "kronoberg", "Kronoberg", "Kronoberg"),
    ("08", "kalmar", "Kalmar", "Kalmar"),
    ("09", "gotland", "Gotland", "Gotland"),
    ("10", "blekinge", "Blekinge", "Blekinge"),
    ("12", "skane", "Skåne", "Skåne"),
    ("13", "halland", "Halland", "Halland"),
    ("14", "vastra-gotaland", "Västra Götaland", "Västra Götaland"),
    ("17", "varmland", "Värmland", "Värmland"),
    ("18", "orebro", "Örebro", "Örebro"),
    ("19", "vastmanland", "Västmanland", "Västmanland"),
    ("20", "dalarna", "Dalarna", "Dalarna"),
    ("21", "gavleborg", "Gävleborg", "Gävleborg"),
    ("22", "vasternorrland", "Västernorrland", "Västernorrland"),
    ("23", "jamtland", "Jämtland", "Jämtland"),
    ("24", "vasterbotten", "Västerbotten", "Västerbotten"),
    ("25", "norrbotten", "Norrbotten", "Norrbotten"),
)

COUNTY_CODES = frozenset(code for code, *_ in COUNTIES)
