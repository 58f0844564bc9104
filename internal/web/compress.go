package web

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"io"
	"runtime"

	"github.com/dop251/goja"
)

// codecsNatives gives the compression streams their Go codecs.
func codecsNatives(e *env) goja.Value {
	return e.natives(map[string]any{
		"compressor":   e.compressor,
		"decompressor": e.decompressor,
		"strict":       e.compat.on(flagStrictCompression),
	})
}

// compressor returns {write(bytes) → Uint8Array, finish() → Uint8Array} for format, which
// the JS side has already checked. Output comes as the deflater produces it, without
// flushing on each write, as zlib does with Z_NO_FLUSH.
func (e *env) compressor(format string) goja.Value {
	var out bytes.Buffer
	var w io.WriteCloser
	switch format {
	case "gzip":
		w = gzip.NewWriter(&out)
	case "deflate":
		w = zlib.NewWriter(&out)
	default:
		w, _ = flate.NewWriter(&out, flate.DefaultCompression)
	}
	take := func() goja.Value {
		b := bytes.Clone(out.Bytes())
		out.Reset()
		return e.newUint8Array(b)
	}
	obj := e.vm.NewObject()
	_ = obj.Set("write", func(v goja.Value) goja.Value {
		_, _ = w.Write(e.bytesArg(v))
		return take()
	})
	_ = obj.Set("finish", func() goja.Value {
		_ = w.Close()
		return take()
	})
	return obj
}

// inflateResult is what the decompressing goroutine hands back for one input chunk.
type inflateResult struct {
	data []byte
	err  error
}

// jsMessage is an error whose text is what JS code sees, in workerd's words.
type jsMessage string

func (m jsMessage) Error() string { return string(m) }

// The decompression errors.
const (
	errDecompress jsMessage = "Decompression failed."
	errTrailing   jsMessage = "Trailing bytes after end of compressed data"
	errIncomplete jsMessage = "Called close() on a decompression stream with incomplete data"
)

// inflater runs Go's pull-based decompressors as a coroutine: write hands it one chunk and
// blocks until it has used all of it, which is pure computation, so the loop waits only for
// the CPU work a native decompressor would do inline. quit ends the goroutine when the
// stream is dropped without being closed.
type inflater struct {
	in   chan inflateMsg
	out  chan inflateResult
	quit chan struct{}
}

// inflateMsg is one chunk written to the stream, or its close.
type inflateMsg struct {
	chunk  []byte
	finish bool
}

func (f *inflater) recv() (inflateMsg, bool) {
	select {
	case m := <-f.in:
		return m, true
	case <-f.quit:
		return inflateMsg{}, false
	}
}

func (f *inflater) send(r inflateResult) bool {
	select {
	case f.out <- r:
		return true
	case <-f.quit:
		return false
	}
}

func (e *env) decompressor(format string, strict bool) goja.Value {
	f := &inflater{in: make(chan inflateMsg), out: make(chan inflateResult), quit: make(chan struct{})}
	go f.run(format, strict)
	handle := &struct{ f *inflater }{f}
	runtime.AddCleanup(handle, func(quit chan struct{}) { close(quit) }, f.quit)

	obj := e.vm.NewObject()
	closed := false
	_ = obj.Set("write", func(v goja.Value) goja.Value {
		handle.f.in <- inflateMsg{chunk: bytes.Clone(e.bytesArg(v))}
		return e.inflateResult(<-handle.f.out)
	})
	_ = obj.Set("finish", func() goja.Value {
		if closed {
			return e.newUint8Array(nil)
		}
		closed = true
		handle.f.in <- inflateMsg{finish: true}
		return e.inflateResult(<-handle.f.out)
	})
	return obj
}

func (e *env) inflateResult(r inflateResult) goja.Value {
	if r.err != nil {
		panic(e.vm.NewTypeError(r.err.Error()))
	}
	return e.newUint8Array(r.data)
}

// chunkReader feeds the decompressor from the chunks written to the stream. It is an
// io.ByteReader so that flate reads no further than it needs, which is how trailing bytes
// after the end of the data are noticed.
type chunkReader struct {
	f       *inflater
	chunk   []byte
	waiting bool // a write or the close waits for the result of its message
	acc     *[]byte
	eof     bool // the stream was closed
	quit    bool // the stream was dropped
}

func (r *chunkReader) next() bool {
	for len(r.chunk) == 0 {
		if r.eof || r.quit {
			return false
		}
		if r.waiting {
			if !r.f.send(inflateResult{data: *r.acc}) {
				r.quit = true
				return false
			}
			*r.acc = nil
			r.waiting = false
		}
		m, ok := r.f.recv()
		switch {
		case !ok:
			r.quit = true
			return false
		case m.finish:
			r.eof, r.waiting = true, true
			return false
		}
		r.chunk, r.waiting = m.chunk, true
	}
	return true
}

func (r *chunkReader) Read(p []byte) (int, error) {
	if !r.next() {
		return 0, io.EOF
	}
	n := copy(p, r.chunk)
	r.chunk = r.chunk[n:]
	return n, nil
}

func (r *chunkReader) ReadByte() (byte, error) {
	if !r.next() {
		return 0, io.EOF
	}
	b := r.chunk[0]
	r.chunk = r.chunk[1:]
	return b, nil
}

func (f *inflater) run(format string, strict bool) {
	var acc []byte
	r := &chunkReader{f: f, acc: &acc}
	err := decompressError(inflate(format, r, &acc), r, strict)
	if r.quit {
		return
	}
	// After the end of the data, the chunks still written are trailing bytes.
	for {
		if r.waiting {
			if !f.send(inflateResult{data: acc, err: err}) || r.eof {
				return
			}
			acc, r.waiting = nil, false
		}
		m, ok := f.recv()
		if !ok {
			return
		}
		if m.finish {
			r.eof = true
		} else if len(m.chunk) > 0 && strict && err == nil {
			err = errTrailing
		}
		r.waiting = true
	}
}

// decompressError turns what the decompressor returned into workerd's error, if any.
func decompressError(err error, r *chunkReader, strict bool) error {
	switch {
	case err == nil && strict && len(r.chunk) > 0:
		return errTrailing
	case err == nil:
		return nil
	case r.eof && (errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF)):
		if strict {
			return errIncomplete
		}
		return nil
	}
	return errDecompress
}

// inflate decompresses everything r delivers into acc, until the end of the compressed data.
func inflate(format string, r *chunkReader, acc *[]byte) error {
	var zr io.Reader
	switch format {
	case "gzip":
		gz, err := gzip.NewReader(r)
		if err != nil {
			return err
		}
		gz.Multistream(false)
		zr = gz
	case "deflate":
		z, err := zlib.NewReader(r)
		if err != nil {
			return err
		}
		zr = z
	default:
		zr = flate.NewReader(r)
	}
	buf := make([]byte, 32<<10)
	for {
		n, err := zr.Read(buf)
		*acc = append(*acc, buf[:n]...)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}
