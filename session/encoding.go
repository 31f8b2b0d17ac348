package session

import (
	"fmt"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
)

// nameCodec converts names between UTF-8 (what ftpane shows and the user
// types) and the charset of a server that is not UTF-8 (GBK, Big5,
// Shift_JIS, EUC-KR, Latin-1 ...). It applies to command lines, replies
// and listings, never to file contents.
type nameCodec struct {
	name string
	enc  encoding.Encoding
}

// newNameCodec looks up a charset by its usual name; "" and "utf-8" mean
// no conversion (nil).
func newNameCodec(name string) (*nameCodec, error) {
	if name == "" || strings.EqualFold(name, "utf-8") || strings.EqualFold(name, "utf8") {
		return nil, nil
	}
	enc, err := htmlindex.Get(name)
	if err != nil {
		return nil, fmt.Errorf("unknown name encoding %q (try gbk, gb18030, big5, shift_jis, euc-jp, euc-kr, latin1)", name)
	}
	return &nameCodec{name: name, enc: enc}, nil
}

// encode turns a UTF-8 command line into the server's charset; a name
// that charset cannot hold is an error, never a silently mangled name.
func (c *nameCodec) encode(line string) (string, error) {
	if c == nil {
		return line, nil
	}
	out, err := c.enc.NewEncoder().String(line)
	if err != nil {
		return "", fmt.Errorf("%q cannot be written in the server's %s: %w", line, c.name, err)
	}
	return out, nil
}

// decode turns a line from the server into UTF-8; bytes that are not
// valid in the charset become U+FFFD.
func (c *nameCodec) decode(line string) string {
	if c == nil {
		return line
	}
	out, err := c.enc.NewDecoder().String(line)
	if err != nil {
		return strings.ToValidUTF8(line, "\uFFFD")
	}
	return out
}
