package netrc

import "strings"

// token is one word of a netrc file.
type token struct {
	text   string
	line   int  // 1-based line number
	quoted bool // written as "..."; never a comment, always a literal
	first  bool // first token on its line
}

// comment reports whether tok starts a comment, given whether the parser is
// expecting a keyword (inside a value, "#" is an ordinary character unless
// it begins the line).
func (t token) comment(wantKeyword bool) bool {
	return !t.quoted && strings.HasPrefix(t.text, "#") && (t.first || wantKeyword)
}

// lexer splits a netrc file into tokens. It works on whole lines because
// macdef bodies are line-based and must be read verbatim.
type lexer struct {
	lines []string // without "\n" or the "\r" of a "\r\n"
	n     int      // index of the current line
	col   int      // byte offset of the next unread byte in lines[n]
	count int      // tokens already read from lines[n]
}

func newLexer(data string) *lexer {
	lines := strings.Split(data, "\n")
	for i, ln := range lines {
		lines[i] = strings.TrimSuffix(ln, "\r")
	}
	return &lexer{lines: lines}
}

// isSpace reports whether c separates tokens.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'
}

// line returns the 1-based number of the current line.
func (l *lexer) line() int { return l.n + 1 }

// nextLine moves to the start of the following line.
func (l *lexer) nextLine() {
	l.n++
	l.col = 0
	l.count = 0
}

// next returns the next token, crossing line ends unless sameLine is set.
// ok is false at the end of the input (or of the line, with sameLine).
func (l *lexer) next(sameLine bool) (tok token, ok bool, err error) {
	for l.n < len(l.lines) {
		line := l.lines[l.n]
		for l.col < len(line) && isSpace(line[l.col]) {
			l.col++
		}
		if l.col < len(line) {
			return l.word(line)
		}
		if sameLine {
			return token{}, false, nil
		}
		l.nextLine()
	}
	return token{}, false, nil
}

// word reads the token starting at l.col, which is not white space.
func (l *lexer) word(line string) (token, bool, error) {
	tok := token{line: l.line(), first: l.count == 0}
	l.count++
	if line[l.col] == '"' {
		text, err := l.quoted(line)
		tok.text, tok.quoted = text, true
		return tok, err == nil, err
	}
	start := l.col
	for l.col < len(line) && !isSpace(line[l.col]) {
		l.col++
	}
	tok.text = line[start:l.col]
	return tok, true, nil
}

// quoted reads a "..." token at l.col. A backslash makes the next byte
// literal, so \" and \\ give " and \. The closing quote must be on the same
// line; the token ends right after it.
func (l *lexer) quoted(line string) (string, error) {
	var b strings.Builder
	for i := l.col + 1; i < len(line); i++ {
		switch c := line[i]; {
		case c == '"':
			l.col = i + 1
			return b.String(), nil
		case c == '\\' && i+1 < len(line):
			i++
			b.WriteByte(line[i])
		default:
			b.WriteByte(c)
		}
	}
	return "", errorf(l.line(), `unterminated quoted string (missing closing ")`)
}

// skipLine discards the rest of the current line.
func (l *lexer) skipLine() {
	if l.n < len(l.lines) {
		l.nextLine()
	}
}

// body reads a macdef body: the lines from the next one up to the first
// empty line (which is consumed) or the end of the input.
func (l *lexer) body() []string {
	l.skipLine()
	var lines []string
	for l.n < len(l.lines) && l.lines[l.n] != "" {
		lines = append(lines, l.lines[l.n])
		l.nextLine()
	}
	l.skipLine()
	return lines
}
