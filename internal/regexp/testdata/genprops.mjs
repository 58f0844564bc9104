// genprops.mjs writes ../unicode_props.txt from node's own RegExp engine:
//   go run ./internal/regexp/testdata/scripts > /tmp/names.json   (Go's script names)
//   node internal/regexp/testdata/genprops.mjs /tmp/names.json > internal/regexp/unicode_props.txt
// Lines: "alias <Script value> <long name or ->", "bin <property> <ranges>",
// "scx <script> <ranges>"; ranges are hex code points, "lo-hi" or "c", space separated.
import fs from "node:fs";

const longs = JSON.parse(fs.readFileSync(process.argv[2]));
const MAX = 0x10ffff;
const chars = [];
for (let cp = 0; cp <= MAX; cp++) chars.push(String.fromCodePoint(cp));

function ranges(re) {
  const out = [];
  let start = -1;
  for (let cp = 0; cp <= MAX + 1; cp++) {
    const hit = cp <= MAX && re.test(chars[cp]);
    if (hit && start < 0) start = cp;
    if (!hit && start >= 0) {
      out.push(start === cp - 1 ? start.toString(16) : `${start.toString(16)}-${(cp - 1).toString(16)}`);
      start = -1;
    }
  }
  return out.join(" ");
}

// Every Script value alias V8 accepts has the form Xxxx.
const codes = [];
const upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const lower = upper.toLowerCase();
for (const a of upper) for (const b of lower) for (const c of lower) for (const d of lower) {
  try {
    new RegExp(`\\p{sc=${a + b + c + d}}`, "u");
    codes.push(a + b + c + d);
  } catch {}
}

const lines = [`# Unicode property data that Go's unicode package lacks, as V8 sees it (Unicode ${process.versions.unicode}).`];
const longRes = longs.map((l) => [l, new RegExp(`^\\p{sc=${l}}$`, "u")]);
for (const code of codes) {
  const re = new RegExp(`^\\p{sc=${code}}$`, "u");
  let first = -1;
  for (let cp = 0; cp <= MAX && first < 0; cp++) if (re.test(chars[cp])) first = cp;
  const long = first < 0 ? undefined : longRes.find(([, r]) => r.test(chars[first]));
  lines.push(`alias ${code} ${long ? long[0] : "-"}`);
}
const binary = [
  "Alphabetic", "Bidi_Mirrored", "Case_Ignorable", "Cased", "Changes_When_Casefolded",
  "Changes_When_Casemapped", "Changes_When_Lowercased", "Changes_When_NFKC_Casefolded",
  "Changes_When_Titlecased", "Changes_When_Uppercased", "Default_Ignorable_Code_Point", "Emoji",
  "Emoji_Component", "Emoji_Modifier", "Emoji_Modifier_Base", "Emoji_Presentation",
  "Extended_Pictographic", "Grapheme_Base", "Grapheme_Extend", "ID_Continue", "ID_Start", "Lowercase",
  "Math", "Uppercase", "XID_Continue", "XID_Start",
];
for (const name of binary) lines.push(`bin ${name} ${ranges(new RegExp(`^\\p{${name}}$`, "u"))}`);
for (const l of longs) lines.push(`scx ${l} ${ranges(new RegExp(`^\\p{scx=${l}}$`, "u"))}`);
process.stdout.write(lines.join("\n") + "\n");
