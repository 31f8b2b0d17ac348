package pipeline

import (
	"bytes"
	"crypto/rand"
	"errors"
	"io"
	"testing"
	"testing/iotest"
)

func TestCopyKeepsEveryByte(t *testing.T) {
	for _, size := range []int{0, 1, bufferSize - 1, bufferSize, bufferSize*buffers*3 + 17} {
		src := make([]byte, size)
		rand.Read(src)
		small := src[:min(size, 5000)]
		// HalfReader and OneByteReader make short reads: the ring must not
		// lose or reorder anything.
		for _, c := range []struct {
			r    io.Reader
			want []byte
		}{{bytes.NewReader(src), src}, {iotest.HalfReader(bytes.NewReader(src)), src},
			{iotest.OneByteReader(bytes.NewReader(small)), small}} {
			var dst bytes.Buffer
			n, err := Copy(&dst, c.r)
			if err != nil || n != int64(len(c.want)) || !bytes.Equal(dst.Bytes(), c.want) {
				t.Fatalf("size %d: copied %d of %d, err %v", size, n, len(c.want), err)
			}
		}
	}
}

var errBoom = errors.New("boom")

type failWriter struct{ after int }

func (w *failWriter) Write(p []byte) (int, error) {
	if w.after <= 0 {
		return 0, errBoom
	}
	w.after--
	return len(p), nil
}

func TestCopyReportsBothSides(t *testing.T) {
	src := bytes.Repeat([]byte("x"), bufferSize*buffers*4)
	if _, err := Copy(&failWriter{after: 2}, bytes.NewReader(src)); !errors.Is(err, errBoom) {
		t.Fatalf("write error: got %v", err)
	}
	r := io.MultiReader(bytes.NewReader(src[:1000]), iotest.ErrReader(errBoom))
	var dst bytes.Buffer
	n, err := Copy(&dst, r)
	if !errors.Is(err, errBoom) || n != 1000 {
		t.Fatalf("read error: copied %d, got %v", n, err)
	}
}

func BenchmarkCopy(b *testing.B) {
	src := make([]byte, 64<<20)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		Copy(io.Discard, bytes.NewReader(src))
	}
}

// CopyInline keeps every byte through short reads, writes at most a
// buffer at a time, and returns either side's error.
func TestCopyInline(t *testing.T) {
	src := make([]byte, bufferSize*3+17)
	rand.Read(src)
	var dst bytes.Buffer
	w := &maxWriter{w: &dst}
	n, err := CopyInline(w, iotest.HalfReader(bytes.NewReader(src)), 0)
	if err != nil || n != int64(len(src)) || !bytes.Equal(dst.Bytes(), src) {
		t.Fatalf("copied %d, %v; bytes equal: %v", n, err, bytes.Equal(dst.Bytes(), src))
	}
	if w.most > bufferSize {
		t.Errorf("a write of %d bytes, more than the buffer", w.most)
	}
	boom := errors.New("boom")
	if _, err := CopyInline(io.Discard, iotest.ErrReader(boom), 0); !errors.Is(err, boom) {
		t.Errorf("read error: %v", err)
	}
}

type maxWriter struct {
	w    io.Writer
	most int
}

func (m *maxWriter) Write(p []byte) (int, error) {
	m.most = max(m.most, len(p))
	return m.w.Write(p)
}
