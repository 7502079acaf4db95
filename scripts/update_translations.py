#!/usr/bin/env python3
"""Regenerate i18n/consultation.pot with Odoo's export and bring i18n/zh_CN.po in step.

Odoo merges the template into the .po when it loads a language and drops the .po
entries the template lacks, so every string of the module must be in both. The
template keeps the base_tier_validation entries the addon translates (upstream ships
no Chinese for the approval panel). The .po keeps its order and translations; entries
no longer in the template go, new ones are added untranslated and listed, so that
the translator fills them in.

Usage: scripts/update_translations.py -d DATABASE [--addons-path PATH]
(DATABASE has consultation installed from this tree; it is updated first.)
"""

import argparse
import os
import subprocess
import sys
import tempfile

import polib

I18N = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "i18n")
KEPT_MODULE = "base_tier_validation"


def export(database, addons_path):
    cmd = [sys.executable, "-m", "odoo", "-d", database, "--log-level=warn"]
    if addons_path:
        cmd.append(f"--addons-path={addons_path}")
    subprocess.run([*cmd, "-u", "consultation", "--stop-after-init"], check=True)
    with tempfile.NamedTemporaryFile(suffix=".pot", delete=False) as file:
        path = file.name
    subprocess.run(
        [*cmd, f"--i18n-export={path}", "--modules=consultation", "--stop-after-init"],
        check=True,
    )
    return polib.pofile(path)


def merge_template(old, new):
    """The new export, plus the occurrences (and entries) of base_tier_validation."""
    kept = {
        (entry.msgctxt, entry.msgid): entry
        for entry in old
        if any(KEPT_MODULE in occurrence[0] for occurrence in entry.occurrences)
    }
    for entry in new:
        old_entry = kept.pop((entry.msgctxt, entry.msgid), None)
        if old_entry:
            entry.occurrences += [
                occurrence
                for occurrence in old_entry.occurrences
                if KEPT_MODULE in occurrence[0] and occurrence not in entry.occurrences
            ]
    for entry in kept.values():
        new.append(entry)
    new.metadata, new.header = old.metadata, old.header
    return new


def sync_po(po, template):
    """The .po in its own order, with the template's entries and occurrences."""
    entries = {(entry.msgctxt, entry.msgid): entry for entry in template}
    result = polib.POFile(wrapwidth=po.wrapwidth)
    result.metadata, result.header = po.metadata, po.header
    for entry in po:
        source = entries.pop((entry.msgctxt, entry.msgid), None)
        if source:
            entry.occurrences, entry.comment, entry.flags = (
                source.occurrences,
                source.comment,
                source.flags,
            )
            result.append(entry)
    for source in entries.values():
        result.append(
            polib.POEntry(
                msgid=source.msgid,
                msgctxt=source.msgctxt,
                msgstr="",
                occurrences=source.occurrences,
                comment=source.comment,
                flags=source.flags,
            )
        )
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--addons-path")
    args = parser.parse_args()
    template_path = os.path.join(I18N, "consultation.pot")
    template = merge_template(polib.pofile(template_path), export(args.database, args.addons_path))
    template.save(template_path)
    for name in sorted(os.listdir(I18N)):
        if name.endswith(".po"):
            path = os.path.join(I18N, name)
            po = sync_po(polib.pofile(path), template)
            po.save(path)
            missing = [entry.msgid for entry in po if not entry.msgstr]
            print(f"{name}: {len(po)} entries, {len(missing)} to translate")
            for msgid in missing:
                print(f"  {msgid!r}")


if __name__ == "__main__":
    main()
