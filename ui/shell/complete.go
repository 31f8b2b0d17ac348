package shell

import (
	"context"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// argKind says what an argument of a command names, for completion.
type argKind int

const (
	argNone argKind = iota
	argRemote
	argLocal
	argCommand
	argRate // a bandwidth limit: the word off
)

// argKinds gives the kind of each argument of the commands that take
// names; the last kind repeats for later arguments.
var argKinds = map[string][]argKind{
	"cd": {argRemote}, "ls": {argRemote, argLocal}, "nlist": {argRemote, argLocal},
	"mdir": {argRemote}, "mls": {argRemote}, "modtime": {argRemote}, "size": {argRemote},
	"rstatus": {argRemote}, "get": {argRemote, argLocal}, "reget": {argRemote, argLocal},
	"newer": {argRemote, argLocal}, "mget": {argRemote}, "delete": {argRemote},
	"mdelete": {argRemote}, "rmdir": {argRemote}, "rename": {argRemote}, "chmod": {argNone, argRemote},
	"put": {argLocal, argRemote}, "append": {argLocal, argRemote}, "mput": {argLocal},
	"lcd": {argLocal}, "help": {argCommand}, "proxy": {argCommand}, "mirror": {argRemote, argLocal},
	"find":  {argRemote},
	"watch": {argLocal},
	"rate":  {argRate},
}

// Complete returns the candidates for the last word of a partial line and
// the byte offset where that word starts: command names for the first
// word, then remote or local paths (folders end in "/") depending on the
// command and the argument's position. Names with blanks or quotes come
// back quoted, ready to insert. Remote completion lists the server's
// folder, so it can take a round trip.
func (s *Shell) Complete(ctx context.Context, line string) (start int, candidates []string) {
	start = strings.LastIndexAny(line, " \t") + 1
	word := line[start:]
	fields := strings.Fields(line[:start])
	if len(fields) == 0 {
		return start, prefixed(Names(), word)
	}
	c, err := lookup(fields[0])
	if err != nil {
		return start, nil
	}
	kinds := argKinds[c.name]
	if len(kinds) == 0 {
		return start, nil
	}
	kind := kinds[min(len(fields)-1, len(kinds)-1)]
	switch kind {
	case argCommand:
		return start, prefixed(Names(), word)
	case argRate:
		return start, prefixed([]string{"off"}, word)
	case argLocal:
		return start, quoteAll(s.completeLocal(word))
	case argRemote:
		return start, quoteAll(s.completeRemote(ctx, word))
	}
	return start, nil
}

// quoteAll makes each candidate one word of the command line.
func quoteAll(names []string) []string {
	for i, n := range names {
		names[i] = Quote(n)
	}
	return names
}

func prefixed(names []string, word string) []string {
	var out []string
	for _, n := range names {
		if strings.HasPrefix(n, word) {
			out = append(out, n)
		}
	}
	return out
}

// completeLocal lists the local folder named by the word's directory part.
func (s *Shell) completeLocal(word string) []string {
	dir, base := filepath.Split(word)
	ents, err := os.ReadDir(s.localPath(dir))
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), base) {
			n := dir + e.Name()
			if e.IsDir() {
				n += "/"
			}
			out = append(out, n)
		}
	}
	return out
}

// completeRemote lists the remote folder named by the word's directory part.
func (s *Shell) completeRemote(ctx context.Context, word string) []string {
	if s.cur.remote == nil {
		return nil
	}
	dir, base := path.Split(word)
	l, err := s.cur.remote.List(ctx, listDir(dir))
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range l.Entries {
		if e.Name == "." || e.Name == ".." || !strings.HasPrefix(e.Name, base) {
			continue
		}
		n := dir + e.Name
		if e.IsDir() {
			n += "/"
		}
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
