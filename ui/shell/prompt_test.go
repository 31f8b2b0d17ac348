package shell

import (
	"bytes"
	"os"
	"testing"
)

func TestTermPrompterReadsLines(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	w.WriteString("n\nalice\n")
	w.Close()
	if NewTermPrompter(r, nil) != nil {
		t.Fatal("a pipe was taken for a terminal")
	}
	var out bytes.Buffer
	p := &TermPrompter{In: r, Out: &out}
	if a, err := p.Confirm("mget a? "); err != nil || a != AnswerNo {
		t.Fatalf("Confirm = %v, %v", a, err)
	}
	if s, err := p.Line("Name: ", false); err != nil || s != "alice" {
		t.Fatalf("Line = %q, %v", s, err)
	}
	if _, err := p.Line("Name: ", false); err == nil {
		t.Fatal("Line at end of input succeeded")
	}
	if out.String() != "mget a? Name: Name: " {
		t.Fatalf("prompts written: %q", out.String())
	}
}
