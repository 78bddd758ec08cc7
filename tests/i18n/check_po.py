#!/usr/bin/env python3
"""Checks gov's catalogues against the template the build extracted.

usage: check_po.py BUILD_POT TREE_POT CATALOGUE...

Fails when the tree's po/gov.pot differs from the build's (the sources
changed their messages: run `cmake --build build --target gov_pot_update`),
when a catalogue lacks a message of the template, leaves it empty or fuzzy,
or translates it with other {} placeholders than the English has.
"""
import re
import sys


def unquote(s):
    s = s.strip()
    assert s.startswith('"') and s.endswith('"'), s
    body = s[1:-1]
    out, i = [], 0
    escapes = {'n': '\n', 't': '\t', '"': '"', '\\': '\\', 'r': '\r'}
    while i < len(body):
        c = body[i]
        if c == '\\' and i + 1 < len(body):
            out.append(escapes.get(body[i + 1], body[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def entries(path):
    """{(msgctxt, msgid): (msgstr, fuzzy)} of a PO file, without the header."""
    result = {}
    with open(path, encoding='utf-8') as f:
        blocks = f.read().split('\n\n')
    for block in blocks:
        fields, current, fuzzy = {}, None, False
        for line in block.splitlines():
            if line.startswith('#,') and 'fuzzy' in line:
                fuzzy = True
            if line.startswith('#'):
                continue
            m = re.match(r'(msgctxt|msgid|msgstr|msgid_plural|msgstr\[\d+\])\s+(".*")$', line)
            if m:
                current = m.group(1)
                fields[current] = unquote(m.group(2))
            elif line.startswith('"') and current:
                fields[current] += unquote(line)
        if 'msgid' not in fields or fields['msgid'] == '':
            continue
        result[(fields.get('msgctxt'), fields['msgid'])] = (fields.get('msgstr', ''), fuzzy)
    return result


def placeholders(text):
    return re.findall(r'(?<!\{)\{[^{}]*\}(?!\})', text.replace('{{', '').replace('}}', ''))


def name(key):
    ctxt, msgid = key
    shown = msgid if len(msgid) < 70 else msgid[:67] + '...'
    return repr(shown) + (f' (context {ctxt!r})' if ctxt else '')


def main():
    build_pot, tree_pot, catalogues = sys.argv[1], sys.argv[2], sys.argv[3:]
    template = entries(build_pot)
    problems = []
    tree = entries(tree_pot)
    if set(tree) != set(template):
        added = sorted(set(template) - set(tree), key=str)
        gone = sorted(set(tree) - set(template), key=str)
        problems.append(f'{tree_pot} is not the template the sources give '
                        f'({len(added)} new, {len(gone)} gone messages): run '
                        f'"cmake --build BUILD --target gov_pot_update", then translate')
        problems += [f'  new: {name(k)}' for k in added[:10]]
        problems += [f'  gone: {name(k)}' for k in gone[:10]]
    for cat in catalogues:
        have = entries(cat)
        for key in template:
            if key not in have:
                problems.append(f'{cat}: no entry for {name(key)}')
                continue
            msgstr, fuzzy = have[key]
            if not msgstr:
                problems.append(f'{cat}: {name(key)} is not translated')
            elif fuzzy:
                problems.append(f'{cat}: {name(key)} is marked fuzzy')
            elif placeholders(msgstr) != placeholders(key[1]):
                problems.append(f'{cat}: {name(key)} has placeholders {placeholders(msgstr)}, '
                                f'the English {placeholders(key[1])}')
    for p in problems:
        print(p)
    if problems:
        return 1
    print(f'{len(template)} messages; every catalogue ({", ".join(catalogues)}) translates all of them')
    return 0


if __name__ == '__main__':
    sys.exit(main())
