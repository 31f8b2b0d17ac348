package shell

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

func TestCRLFReader(t *testing.T) {
	in := strings.Repeat("line\n", 5000) + "end"
	got, err := io.ReadAll(&crlfReader{r: strings.NewReader(in)})
	if err != nil || string(got) != strings.ReplaceAll(in, "\n", "\r\n") {
		t.Fatalf("crlfReader: %d bytes, %v", len(got), err)
	}
}

func TestStripCRWriter(t *testing.T) {
	in := "a\r\nb\rc\r\n\r"
	want := "a\nb\rc\n\r"
	for chunk := 1; chunk <= len(in); chunk++ {
		var out bytes.Buffer
		w := &stripCRWriter{w: &out}
		for i := 0; i < len(in); i += chunk {
			w.Write([]byte(in[i:min(i+chunk, len(in))]))
		}
		w.flush()
		if out.String() != want {
			t.Errorf("chunk %d: %q, want %q", chunk, out.String(), want)
		}
	}
}
