package clone

// This file holds the constants of the V8 ValueSerializer wire format and the primitive
// encodings (varint, zigzag, little-endian doubles) that both directions share.

// formatVersion is the version written in the header; workerd writes 15 to _cf_KV.value.
const formatVersion = 15

// headerlessVersion is the version workerd assumes for data that has no header: the first
// Durable Objects wrote values without one, at version 13.
const headerlessVersion = 13

// Tags that start a value.
const (
	tagVersion          = 0xFF
	tagPadding          = 0x00
	tagVerifyCount      = '?'
	tagHole             = '-'
	tagUndefined        = '_'
	tagNull             = '0'
	tagTrue             = 'T'
	tagFalse            = 'F'
	tagInt32            = 'I'
	tagUint32           = 'U'
	tagDouble           = 'N'
	tagBigInt           = 'Z'
	tagUTF8String       = 'S'
	tagOneByteString    = '"'
	tagTwoByteString    = 'c'
	tagReference        = '^'
	tagBeginObject      = 'o'
	tagEndObject        = '{'
	tagBeginSparseArray = 'a'
	tagEndSparseArray   = '@'
	tagBeginDenseArray  = 'A'
	tagEndDenseArray    = '$'
	tagDate             = 'D'
	tagTrueObject       = 'y'
	tagFalseObject      = 'x'
	tagNumberObject     = 'n'
	tagBigIntObject     = 'z'
	tagStringObject     = 's'
	tagRegExp           = 'R'
	tagBeginMap         = ';'
	tagEndMap           = ':'
	tagBeginSet         = '\''
	tagEndSet           = ','
	tagArrayBuffer      = 'B'
	tagResizableBuffer  = '~'
	tagBufferTransfer   = 't'
	tagView             = 'V'
	tagSharedBuffer     = 'u'
	tagSharedObject     = 'p'
	tagWasmModule       = 'w'
	tagWasmMemory       = 'm'
	tagHostObject       = '\\'
	tagError            = 'r'
)

// Sub-tags inside an error ('r') record.
const (
	errorTagEval      = 'E'
	errorTagRange     = 'R'
	errorTagReference = 'F'
	errorTagSyntax    = 'S'
	errorTagType      = 'T'
	errorTagURI       = 'U'
	errorTagMessage   = 'm'
	errorTagCause     = 'c'
	errorTagStack     = 's'
	errorTagEnd       = '.'
)

// RegExp flag bits, in V8's order.
const (
	flagGlobal      = 1 << 0
	flagIgnoreCase  = 1 << 1
	flagMultiline   = 1 << 2
	flagSticky      = 1 << 3
	flagUnicode     = 1 << 4
	flagDotAll      = 1 << 5
	flagLinear      = 1 << 6
	flagHasIndices  = 1 << 7
	flagUnicodeSets = 1 << 8
	regExpFlagCount = 9
)

// regExpFlagLetters maps each flag bit (by position) to its letter in a RegExp's flags.
const regExpFlagLetters = "gimyusldv"

// Smis are the integers V8 stores unboxed and writes with tagInt32. workerd builds V8 with
// pointer compression, where a Smi has 31 bits.
const (
	smiMin = -(1 << 30)
	smiMax = 1<<30 - 1
)

// maxArrayIndex is the largest property key that is an array index (2^32 - 2).
const maxArrayIndex = 1<<32 - 2

// viewType describes one kind of ArrayBufferView as the wire format names it.
type viewType struct {
	tag  byte
	name string // the constructor, as in globalThis
	size int    // bytes per element
}

// viewTypes lists the views in the wire format. DataView is last.
var viewTypes = [...]viewType{
	{'b', "Int8Array", 1},
	{'B', "Uint8Array", 1},
	{'C', "Uint8ClampedArray", 1},
	{'w', "Int16Array", 2},
	{'W', "Uint16Array", 2},
	{'d', "Int32Array", 4},
	{'D', "Uint32Array", 4},
	{'h', "Float16Array", 2},
	{'f', "Float32Array", 4},
	{'F', "Float64Array", 8},
	{'q', "BigInt64Array", 8},
	{'Q', "BigUint64Array", 8},
	{'?', "DataView", 1},
}

// dataViewIndex is the position of DataView in viewTypes.
const dataViewIndex = len(viewTypes) - 1

// viewByTag returns the index in viewTypes of the view with the given wire tag.
func viewByTag(tag byte) (int, bool) {
	for i := range viewTypes {
		if viewTypes[i].tag == tag {
			return i, true
		}
	}
	return 0, false
}

// viewByName returns the index in viewTypes of the typed array with the given name.
func viewByName(name string) (int, bool) {
	for i := range viewTypes[:dataViewIndex] {
		if viewTypes[i].name == name {
			return i, true
		}
	}
	return 0, false
}

// errorTypes lists the error constructors that have their own sub-tag; Error is first and has
// none (0).
var errorTypes = [...]struct {
	tag  byte
	name string
}{
	{0, "Error"},
	{errorTagEval, "EvalError"},
	{errorTagRange, "RangeError"},
	{errorTagReference, "ReferenceError"},
	{errorTagSyntax, "SyntaxError"},
	{errorTagType, "TypeError"},
	{errorTagURI, "URIError"},
}

// errorTypeByName returns the index in errorTypes for an error's name; unknown names are
// plain Errors, as in V8.
func errorTypeByName(name string) int {
	for i := range errorTypes {
		if errorTypes[i].name == name {
			return i
		}
	}
	return 0
}

// errorTypeByTag returns the index in errorTypes for a prototype sub-tag.
func errorTypeByTag(tag byte) (int, bool) {
	for i := 1; i < len(errorTypes); i++ {
		if errorTypes[i].tag == tag {
			return i, true
		}
	}
	return 0, false
}

// varintLen is the number of bytes appendVarint writes for v.
func varintLen(v uint64) int {
	n := 1
	for v >= 0x80 {
		v >>= 7
		n++
	}
	return n
}

// appendVarint appends v in base-128, least significant group first.
func appendVarint(b []byte, v uint64) []byte {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

// zigzag maps small negative numbers to small unsigned ones: 0, -1, 1, -2 → 0, 1, 2, 3.
func zigzag(v int32) uint32 {
	return uint32(v)<<1 ^ uint32(v>>31)
}

// unzigzag undoes zigzag.
func unzigzag(u uint32) int32 {
	return int32(u>>1) ^ -int32(u&1)
}
