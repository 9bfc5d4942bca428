# Writes src/fonts/material-icons.woff2: Material Icons with only the icons the console names
# (every word of src/app that is an icon's ligature), about 1/20 of the full 128 KB font that
# every page used to download. Run by hand after using a new icon (the icon test names it):
#   /usr/bin/python3 tools/subset-icons.py      (Debian: python3-fonttools python3-brotli)
import io
import pathlib
import re

from fontTools import subset
from fontTools.ttLib import TTFont

root = pathlib.Path(__file__).resolve().parent.parent
source = root / "../node_modules/@fontsource/material-icons/files/material-icons-latin-400-normal.woff2"
out = root / "src/fonts/material-icons.woff2"
names_out = root / "src/fonts/material-icons.txt"

font = TTFont(str(source))
char_of = {glyph: chr(code) for code, glyph in font.getBestCmap().items()}

words = set()
for path in (root / "src/app").rglob("*"):
    if path.suffix in (".ts", ".html") and not path.name.endswith(".spec.ts"):
        words.update(re.findall(r"[a-z0-9_]+", path.read_text()))

keep = set()
for lookup in font["GSUB"].table.LookupList.Lookup:
    for table in lookup.SubTable:
        if table.LookupType == 7:
            table = table.ExtSubTable
        if not hasattr(table, "ligatures"):
            continue
        for first, ligatures in table.ligatures.items():
            kept = []
            for lig in ligatures:
                name = "".join(char_of.get(g, "?") for g in [first, *lig.Component])
                if name in words:
                    kept.append(lig)
                    keep.add(name)
            ligatures[:] = kept
        table.ligatures = {k: v for k, v in table.ligatures.items() if v}

buffer = io.BytesIO()
font.save(buffer)
buffer.seek(0)
pruned = TTFont(buffer)
options = subset.Options()
options.flavor = "woff2"
options.layout_features = ["rlig"]
options.name_IDs = ["*"]
subsetter = subset.Subsetter(options)
subsetter.populate(text="abcdefghijklmnopqrstuvwxyz0123456789_ ")
subsetter.subset(pruned)
pruned.flavor = "woff2"
pruned.save(str(out))
names_out.write_text("".join(f"{name}\n" for name in sorted(keep)))
print(f"subset-icons: {len(keep)} icons, {out.stat().st_size} bytes")
