package clone

import (
	"encoding/binary"
	"errors"
	"math"
	"math/big"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dop251/goja"
)

// decoder is Deserialize: it reads V8's wire format and builds fresh values.
type decoder struct {
	build builder
	data  []byte
	pos   int
	depth int

	version   uint32
	viewFlags bool // whether views carry flags: from version 14, and in V8's repair of 13

	// objects holds every object read, by id. A nil entry is an id handed out to an object
	// not created yet: a dense array whose elements are being read (see denseArrays) or an
	// error whose fields are.
	objects     []goja.Value
	denseArrays map[uint32]bool
}

// decode reads one value from data.
func decode(vm *goja.Runtime, r *realm, data []byte) (goja.Value, error) {
	d := &decoder{build: builder{vm: vm, realm: r}, data: data}
	if err := d.readHeader(); err != nil {
		return nil, err
	}
	start := d.pos
	v, err := d.readValue()
	if err == nil || d.version != 13 || !errors.Is(err, ErrMalformed) {
		return v, err
	}

	// A V8 bug once wrote version 13 data with the view flags of version 14; V8 retries such
	// data with flags, and so does this.
	retry := &decoder{build: d.build, data: data, pos: start, version: 13, viewFlags: true}
	if v, retryErr := retry.readValue(); retryErr == nil {
		return v, nil
	}
	return nil, err
}

func (d *decoder) readHeader() error {
	if len(d.data) == 0 {
		return malformed(0, "empty data")
	}
	if d.data[0] != tagVersion {
		d.version = headerlessVersion
		return nil
	}

	d.pos = 1
	version, err := d.readVarint32()
	if err != nil {
		return err
	}
	if version > formatVersion {
		return ErrUnsupportedVersion
	}
	d.version = version
	d.viewFlags = version >= 14
	return nil
}

// readTag returns the next tag, skipping padding.
func (d *decoder) readTag() (byte, error) {
	for d.pos < len(d.data) {
		t := d.data[d.pos]
		d.pos++
		if t != tagPadding {
			return t, nil
		}
	}
	return 0, malformed(d.pos, "unexpected end of data")
}

// peekTag returns the next tag without consuming it.
func (d *decoder) peekTag() (byte, bool) {
	for p := d.pos; p < len(d.data); p++ {
		if d.data[p] != tagPadding {
			return d.data[p], true
		}
	}
	return 0, false
}

// readVarint reads a base-128 integer of at most maxBytes bytes, dropping the bits that do
// not fit in bits, as V8 does.
func (d *decoder) readVarint(maxBytes int, bits uint) (uint64, error) {
	var v uint64
	for i := 0; i < maxBytes; i++ {
		if d.pos >= len(d.data) {
			return 0, malformed(d.pos, "unexpected end of data")
		}
		b := d.data[d.pos]
		d.pos++
		if shift := uint(7 * i); shift < 64 {
			v |= uint64(b&0x7F) << shift
		}
		if b < 0x80 {
			break
		}
	}
	if bits < 64 {
		v &= 1<<bits - 1
	}
	return v, nil
}

func (d *decoder) readVarint32() (uint32, error) {
	v, err := d.readVarint(5, 32)
	return uint32(v), err
}

// readVarint8 reads the one-byte varints of view and error sub-tags.
func (d *decoder) readVarint8() (byte, error) {
	v, err := d.readVarint(2, 8)
	return byte(v), err
}

func (d *decoder) readBytes(n uint64) ([]byte, error) {
	if n > uint64(len(d.data)-d.pos) {
		return nil, malformed(d.pos, "length %d past the end of data", n)
	}
	b := d.data[d.pos : d.pos+int(n)]
	d.pos += int(n)
	return b, nil
}

func (d *decoder) readDouble() (float64, error) {
	b, err := d.readBytes(8)
	if err != nil {
		return 0, err
	}
	f := math.Float64frombits(binary.LittleEndian.Uint64(b))
	if math.IsNaN(f) {
		f = math.NaN()
	}
	return f, nil
}

// readValue reads one value, and the view that follows it when it is an ArrayBuffer.
func (d *decoder) readValue() (goja.Value, error) {
	start := d.pos
	t, err := d.readTag()
	if err != nil {
		return nil, err
	}
	v, err := d.readTagged(t, start)
	if err != nil {
		return nil, err
	}

	if next, ok := d.peekTag(); ok && next == tagView {
		if buffer, ok := v.(*goja.Object); ok && isArrayBuffer(buffer) {
			_, _ = d.readTag()
			return d.readView(buffer)
		}
	}
	return v, nil
}

func isArrayBuffer(obj *goja.Object) bool {
	_, ok := obj.Export().(goja.ArrayBuffer)
	return ok
}

func (d *decoder) readTagged(t byte, start int) (goja.Value, error) {
	vm := d.build.vm
	switch t {
	case tagVerifyCount:
		if _, err := d.readVarint32(); err != nil {
			return nil, err
		}
		return d.readValue()
	case tagUndefined:
		return goja.Undefined(), nil
	case tagNull:
		return goja.Null(), nil
	case tagTrue:
		return vm.ToValue(true), nil
	case tagFalse:
		return vm.ToValue(false), nil
	case tagInt32:
		u, err := d.readVarint32()
		return vm.ToValue(unzigzag(u)), err
	case tagUint32:
		u, err := d.readVarint32()
		return vm.ToValue(u), err
	case tagDouble:
		f, err := d.readDouble()
		return vm.ToValue(f), err
	case tagBigInt:
		x, err := d.readBigInt()
		if err != nil {
			return nil, err
		}
		return vm.ToValue(x), nil
	case tagOneByteString, tagTwoByteString, tagUTF8String:
		return d.readString(t)
	case tagReference:
		return d.readReference()
	}
	return d.readObject(t, start)
}

func (d *decoder) readBigInt() (*big.Int, error) {
	bitfield, err := d.readVarint32()
	if err != nil {
		return nil, err
	}
	digits, err := d.readBytes(uint64(bitfield>>1) & (1<<30 - 1))
	if err != nil {
		return nil, err
	}

	bigEndian := make([]byte, len(digits))
	for i, b := range digits {
		bigEndian[len(digits)-1-i] = b
	}
	x := new(big.Int).SetBytes(bigEndian)
	if bitfield&1 != 0 {
		x.Neg(x)
	}
	return x, nil
}

// readString reads the body of a string whose tag t was read.
func (d *decoder) readString(t byte) (goja.String, error) {
	n, err := d.readVarint32()
	if err != nil {
		return nil, err
	}
	b, err := d.readBytes(uint64(n))
	if err != nil {
		return nil, err
	}

	switch t {
	case tagOneByteString:
		return latin1String(d.build.vm, b), nil
	case tagTwoByteString:
		if len(b)%2 != 0 {
			return nil, malformed(d.pos, "two-byte string of odd length %d", len(b))
		}
		units := make([]uint16, len(b)/2)
		for i := range units {
			units[i] = binary.LittleEndian.Uint16(b[2*i:])
		}
		return goja.StringFromUTF16(units), nil
	}
	return utf8String(b), nil
}

// readStringValue reads a string where the format expects one (a RegExp source, a String
// wrapper, an error's message or stack): a tagged string from version 12, bare UTF-8 before.
func (d *decoder) readStringValue() (goja.String, error) {
	if d.version < 12 {
		return d.readString(tagUTF8String)
	}
	start := d.pos
	v, err := d.readValue()
	if err != nil {
		return nil, err
	}
	s, ok := v.(goja.String)
	if !ok {
		return nil, malformed(start, "expected a string")
	}
	return s, nil
}

func latin1String(vm *goja.Runtime, b []byte) goja.String {
	ascii := true
	for _, c := range b {
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return vm.ToValue(string(b)).(goja.String)
	}
	units := make([]uint16, len(b))
	for i, c := range b {
		units[i] = uint16(c)
	}
	return goja.StringFromUTF16(units)
}

// utf8String decodes UTF-8, each invalid byte becoming U+FFFD.
func utf8String(b []byte) goja.String {
	units := make([]uint16, 0, len(b))
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		units = utf16.AppendRune(units, r)
		b = b[size:]
	}
	return goja.StringFromUTF16(units)
}

func (d *decoder) readReference() (goja.Value, error) {
	start := d.pos
	id, err := d.readVarint32()
	if err != nil {
		return nil, err
	}
	if uint64(id) >= uint64(len(d.objects)) {
		return nil, malformed(start, "reference to unknown object %d", id)
	}
	if v := d.objects[id]; v != nil {
		return v, nil
	}
	if d.denseArrays[id] {
		arr := d.build.vm.NewArray()
		d.objects[id] = arr
		return arr, nil
	}
	return nil, malformed(start, "reference to object %d while it is being read", id)
}

// reserve hands out the next object id.
func (d *decoder) reserve() uint32 {
	d.objects = append(d.objects, nil)
	return uint32(len(d.objects) - 1)
}

// add reserves an id for an object created at once.
func (d *decoder) add(obj goja.Value) {
	d.objects = append(d.objects, obj)
}
