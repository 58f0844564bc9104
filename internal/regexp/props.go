package regexp

import (
	_ "embed"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

// unicodePropsData holds what Go's unicode package lacks: the Script value aliases, the binary
// properties Go does not have, and Script_Extensions, as V8 reports them (see its first line
// for the Unicode version). testdata/genprops.mjs writes it from node's own RegExp engine.
//
//go:embed unicode_props.txt
var unicodePropsData string

// errUnknownProperty means the name is not a property ECMAScript knows: V8 rejects the pattern.
var errUnknownProperty = errors.New("Invalid property name")

// errUnsupportedProperty is a property ECMAScript knows but dotest has no data for.
type errUnsupportedProperty struct{ name string }

func (e errUnsupportedProperty) Error() string {
	return fmt.Sprintf(
		"dotest does not support the Unicode property %s: its data is missing from dotest's tables", e.name)
}

// generalCategories maps every General_Category value alias to the short name.
var generalCategories = map[string]string{
	"C": "C", "Other": "C", "Cc": "Cc", "Control": "Cc", "cntrl": "Cc", "Cf": "Cf", "Format": "Cf",
	"Cn": "Cn", "Unassigned": "Cn", "Co": "Co", "Private_Use": "Co", "Cs": "Cs", "Surrogate": "Cs",
	"L": "L", "Letter": "L", "LC": "LC", "Cased_Letter": "LC", "Ll": "Ll", "Lowercase_Letter": "Ll",
	"Lm": "Lm", "Modifier_Letter": "Lm", "Lo": "Lo", "Other_Letter": "Lo", "Lt": "Lt",
	"Titlecase_Letter": "Lt", "Lu": "Lu", "Uppercase_Letter": "Lu", "M": "M", "Mark": "M",
	"Combining_Mark": "M", "Mc": "Mc", "Spacing_Mark": "Mc", "Me": "Me", "Enclosing_Mark": "Me",
	"Mn": "Mn", "Nonspacing_Mark": "Mn", "N": "N", "Number": "N", "Nd": "Nd", "Decimal_Number": "Nd",
	"digit": "Nd", "Nl": "Nl", "Letter_Number": "Nl", "No": "No", "Other_Number": "No", "P": "P",
	"Punctuation": "P", "punct": "P", "Pc": "Pc", "Connector_Punctuation": "Pc", "Pd": "Pd",
	"Dash_Punctuation": "Pd", "Pe": "Pe", "Close_Punctuation": "Pe", "Pf": "Pf",
	"Final_Punctuation": "Pf", "Pi": "Pi", "Initial_Punctuation": "Pi", "Po": "Po",
	"Other_Punctuation": "Po", "Ps": "Ps", "Open_Punctuation": "Ps", "S": "S", "Symbol": "S",
	"Sc": "Sc", "Currency_Symbol": "Sc", "Sk": "Sk", "Modifier_Symbol": "Sk", "Sm": "Sm",
	"Math_Symbol": "Sm", "So": "So", "Other_Symbol": "So", "Z": "Z", "Separator": "Z", "Zl": "Zl",
	"Line_Separator": "Zl", "Zp": "Zp", "Paragraph_Separator": "Zp", "Zs": "Zs",
	"Space_Separator": "Zs",
}

// binaryProperties maps every binary property name and alias ECMAScript accepts to its long
// name.
var binaryProperties = func() map[string]string {
	m := map[string]string{}
	for _, names := range [][]string{
		{"ASCII"}, {"ASCII_Hex_Digit", "AHex"}, {"Alphabetic", "Alpha"}, {"Any"}, {"Assigned"},
		{"Bidi_Control", "Bidi_C"}, {"Bidi_Mirrored", "Bidi_M"}, {"Case_Ignorable", "CI"}, {"Cased"},
		{"Changes_When_Casefolded", "CWCF"}, {"Changes_When_Casemapped", "CWCM"},
		{"Changes_When_Lowercased", "CWL"}, {"Changes_When_NFKC_Casefolded", "CWKCF"},
		{"Changes_When_Titlecased", "CWT"}, {"Changes_When_Uppercased", "CWU"}, {"Dash"},
		{"Default_Ignorable_Code_Point", "DI"}, {"Deprecated", "Dep"}, {"Diacritic", "Dia"}, {"Emoji"},
		{"Emoji_Component", "EComp"}, {"Emoji_Modifier", "EMod"}, {"Emoji_Modifier_Base", "EBase"},
		{"Emoji_Presentation", "EPres"}, {"Extended_Pictographic", "ExtPict"}, {"Extender", "Ext"},
		{"Grapheme_Base", "Gr_Base"}, {"Grapheme_Extend", "Gr_Ext"}, {"Hex_Digit", "Hex"},
		{"IDS_Binary_Operator", "IDSB"}, {"IDS_Trinary_Operator", "IDST"}, {"ID_Continue", "IDC"},
		{"ID_Start", "IDS"}, {"Ideographic", "Ideo"}, {"Join_Control", "Join_C"},
		{"Logical_Order_Exception", "LOE"}, {"Lowercase", "Lower"}, {"Math"},
		{"Noncharacter_Code_Point", "NChar"}, {"Pattern_Syntax", "Pat_Syn"},
		{"Pattern_White_Space", "Pat_WS"}, {"Quotation_Mark", "QMark"}, {"Radical"},
		{"Regional_Indicator", "RI"}, {"Sentence_Terminal", "STerm"}, {"Soft_Dotted", "SD"},
		{"Terminal_Punctuation", "Term"}, {"Unified_Ideograph", "UIdeo"}, {"Uppercase", "Upper"},
		{"Variation_Selector", "VS"}, {"White_Space", "space"}, {"XID_Continue", "XIDC"},
		{"XID_Start", "XIDS"},
	} {
		for _, n := range names {
			m[n] = names[0]
		}
	}
	return m
}()

// stringProperties are the properties of strings the v flag allows; dotest has no data for
// them.
var stringProperties = map[string]bool{
	"Basic_Emoji": true, "Emoji_Keycap_Sequence": true, "RGI_Emoji_Modifier_Sequence": true,
	"RGI_Emoji_Flag_Sequence": true, "RGI_Emoji_Tag_Sequence": true, "RGI_Emoji_ZWJ_Sequence": true,
	"RGI_Emoji": true,
}

// propTables is the parsed form of unicodePropsData.
type propTables struct {
	aliases map[string]string // Script value: short or long name → long name ("" when unknown to Go)
	binary  map[string]string // long name → ranges text
	scx     map[string]string // long script name → ranges text
}

var (
	tablesOnce sync.Once
	tables     propTables

	setCache sync.Map // property key → charSet
)

func loadTables() *propTables {
	tablesOnce.Do(func() {
		tables = propTables{aliases: map[string]string{}, binary: map[string]string{}, scx: map[string]string{}}
		for name := range unicode.Scripts {
			tables.aliases[name] = name
		}
		for _, line := range strings.Split(unicodePropsData, "\n") {
			kind, rest, _ := strings.Cut(line, " ")
			name, value, _ := strings.Cut(rest, " ")
			switch kind {
			case "alias":
				tables.aliases[name] = strings.TrimSuffix(value, "-")
			case "bin":
				tables.binary[name] = value
			case "scx":
				tables.scx[name] = value
			}
		}
	})
	return &tables
}

// parseRanges reads "41-5a 61" into a set.
func parseRanges(text string) charSet {
	var spans []span
	for _, f := range strings.Fields(text) {
		lo, hi, ok := strings.Cut(f, "-")
		l, _ := strconv.ParseInt(lo, 16, 32)
		h := l
		if ok {
			h, _ = strconv.ParseInt(hi, 16, 32)
		}
		spans = append(spans, span{rune(l), rune(h)})
	}
	return setOf(spans...)
}

// property returns the set a \p{…} names: text is what is between the braces.
func property(text string) (charSet, error) {
	if s, ok := setCache.Load(text); ok {
		return s.(charSet), nil
	}
	s, err := resolveProperty(text)
	if err != nil {
		return nil, err
	}
	setCache.Store(text, s)
	return s, nil
}

func resolveProperty(text string) (charSet, error) {
	name, value, hasValue := strings.Cut(text, "=")
	if !hasValue {
		if gc, ok := generalCategories[name]; ok {
			return generalCategory(gc), nil
		}
		if long, ok := binaryProperties[name]; ok {
			return binaryProperty(long)
		}
		return nil, errUnknownProperty
	}
	switch name {
	case "General_Category", "gc":
		if gc, ok := generalCategories[value]; ok {
			return generalCategory(gc), nil
		}
	case "Script", "sc":
		return script(value, false)
	case "Script_Extensions", "scx":
		return script(value, true)
	}
	return nil, errUnknownProperty
}

func generalCategory(gc string) charSet {
	if t, ok := unicode.Categories[gc]; ok {
		return fromTable(t)
	}
	switch gc {
	case "Cn":
		return assigned().complement()
	case "C":
		return fromTable(unicode.C).union(assigned().complement())
	}
	return fromTable(unicode.Lu).union(fromTable(unicode.Ll)).union(fromTable(unicode.Lt)) // LC
}

// assigned is every code point with a General_Category other than Cn.
func assigned() charSet {
	if t, ok := unicode.Categories["Cn"]; ok {
		return fromTable(t).complement()
	}
	var s charSet
	for name, t := range unicode.Categories {
		if len(name) == 2 && name[0] != 'C' || name == "Cc" || name == "Cf" || name == "Co" || name == "Cs" {
			s = s.union(fromTable(t))
		}
	}
	return s
}

func binaryProperty(long string) (charSet, error) {
	switch long {
	case "Any":
		return charSet{{0, maxRune}}, nil
	case "ASCII":
		return charSet{{0, 0x7f}}, nil
	case "Assigned":
		return assigned(), nil
	}
	if t, ok := unicode.Properties[long]; ok {
		return fromTable(t), nil
	}
	if text, ok := loadTables().binary[long]; ok {
		return parseRanges(text), nil
	}
	return nil, errUnsupportedProperty{long}
}

func script(value string, extensions bool) (charSet, error) {
	long, known := loadTables().aliases[value]
	switch {
	case value == "Unknown" || value == "Zzzz":
		var all charSet
		for _, t := range unicode.Scripts {
			all = all.union(fromTable(t))
		}
		return all.complement(), nil
	case !known:
		return nil, errUnknownProperty
	case long == "":
		return nil, errUnsupportedProperty{"Script=" + value}
	case extensions:
		if text, ok := tables.scx[long]; ok {
			return parseRanges(text), nil
		}
	}
	return fromTable(unicode.Scripts[long]), nil
}
