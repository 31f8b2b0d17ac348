package sites

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

// FileName is the site list's name in ftpane's config folder.
const FileName = "sites.toml"

// Path is $XDG_CONFIG_HOME/ftpane/sites.toml.
func Path(configHome string) string { return filepath.Join(configHome, "ftpane", FileName) }

// Book is the list of sites, in file order.
type Book struct {
	Sites []Site `toml:"site"`
}

const header = `# ftpane's sites: one [[site]] table per server (ftpane @NAME connects).
# Passwords are not kept here: they live in the OS keyring.
`

// Load reads the sites file; a missing file is an empty book. Errors name
// the file, the line and the key.
func Load(path string) (Book, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Book{}, nil
	}
	if err != nil {
		return Book{}, fmt.Errorf("sites: %w", err)
	}
	b, err := Parse(string(data))
	if err != nil {
		return Book{}, fmt.Errorf("%s:%w", path, err)
	}
	return b, nil
}

// Parse reads sites.toml's text. An error starts with the line number
// ("12: tls: ...") and names the key.
func Parse(text string) (Book, error) {
	var raw struct {
		Site []map[string]any `toml:"site"`
	}
	md, err := toml.Decode(text, &raw)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return Book{}, fmt.Errorf("%d: %s", pe.Position.Line, pe.Message)
		}
		return Book{}, fmt.Errorf(" %w", err)
	}
	for _, k := range md.Undecoded() {
		if k[0] != "site" {
			return Book{}, fmt.Errorf("%d: unknown table or key %q (sites are [[site]] tables)", topLine(text, k[0]), k[0])
		}
	}
	var b Book
	seen := map[string]int{}
	for i, m := range raw.Site {
		s, err := fromMap(m)
		if err == nil {
			err = s.Check()
		}
		if err != nil {
			return Book{}, siteErr(text, i, s.Name, err)
		}
		if j, dup := seen[strings.ToLower(s.Name)]; dup {
			return Book{}, siteErr(text, i, s.Name, fieldErr("name", "%q is taken by site %d", s.Name, j+1))
		}
		seen[strings.ToLower(s.Name)] = i
		b.Sites = append(b.Sites, s)
	}
	return b, nil
}

// siteErr places a site's error on its line: the key's, else the table's.
func siteErr(text string, i int, name string, err error) error {
	var fe *FieldError
	key := ""
	if errors.As(err, &fe) {
		key = fe.Key
	}
	who := fmt.Sprintf("site %d", i+1)
	if name != "" {
		who = fmt.Sprintf("site %q", name)
	}
	return fmt.Errorf("%d: %s: %w", keyLine(text, i, key), who, err)
}

// fields maps sites.toml's keys to Site's fields.
var fields = func() map[string]int {
	m := map[string]int{}
	t := reflect.TypeOf(Site{})
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("toml"), ",")
		m[name] = i
	}
	return m
}()

// fromMap fills a Site from one [[site]] table, refusing unknown keys and
// values of the wrong type (the FieldError names the key).
func fromMap(m map[string]any) (Site, error) {
	var s Site
	v := reflect.ValueOf(&s).Elem()
	if n, ok := m["name"].(string); ok {
		s.Name = n
	}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		i, ok := fields[k]
		if !ok {
			if k == "password" || k == "pass" {
				return s, fieldErr(k, "no password in sites.toml: it goes to the keyring (remember password in the site dialog)")
			}
			return s, fieldErr(k, "unknown key (known: %s)", strings.Join(slices.Sorted(maps.Keys(fields)), ", "))
		}
		f := v.Field(i)
		switch val := m[k].(type) {
		case string:
			if f.Kind() != reflect.String {
				return s, fieldErr(k, "want %s, not a string", kindName(f.Kind()))
			}
			f.SetString(val)
		case int64:
			if f.Kind() != reflect.Int {
				return s, fieldErr(k, "want %s, not a number", kindName(f.Kind()))
			}
			f.SetInt(val)
		case bool:
			if f.Kind() != reflect.Bool {
				return s, fieldErr(k, "want %s, not true or false", kindName(f.Kind()))
			}
			f.SetBool(val)
		default:
			return s, fieldErr(k, "want %s", kindName(f.Kind()))
		}
	}
	return s, nil
}

func kindName(k reflect.Kind) string {
	switch k {
	case reflect.Int:
		return "a number"
	case reflect.Bool:
		return "true or false"
	}
	return "a string"
}

var (
	siteHeader = regexp.MustCompile(`^\s*\[\[\s*"?site"?\s*\]\]`)
	anyHeader  = regexp.MustCompile(`^\s*\[`)
)

// keyLine is the line of key in the i-th [[site]] table, or of the
// table's header when key is "" or not found there.
func keyLine(text string, i int, key string) int {
	block, head := -1, 0
	keyRe := regexp.MustCompile(`^\s*"?` + regexp.QuoteMeta(key) + `"?\s*=`)
	for n, line := range strings.Split(text, "\n") {
		switch {
		case siteHeader.MatchString(line):
			block++
			if block == i {
				head = n + 1
			}
		case anyHeader.MatchString(line):
			if block == i {
				return head
			}
		case block == i && key != "" && keyRe.MatchString(line):
			return n + 1
		}
	}
	return head
}

// topLine is the line of a top-level key or table.
func topLine(text, key string) int {
	re := regexp.MustCompile(`^\s*(\[+\s*)?"?` + regexp.QuoteMeta(key) + `"?\s*(=|\]|\.)`)
	for n, line := range strings.Split(text, "\n") {
		if re.MatchString(line) {
			return n + 1
		}
	}
	return 0
}

// Save writes the book to path (created 0600 with its folder), replacing
// the file in one rename so a crash never leaves half a list.
func (b Book) Save(path string) error {
	for i, s := range b.Sites {
		if err := s.Check(); err != nil {
			return fmt.Errorf("save sites: site %d: %w", i+1, err)
		}
	}
	var buf bytes.Buffer
	buf.WriteString(header)
	if len(b.Sites) > 0 {
		buf.WriteString("\n")
		if err := toml.NewEncoder(&buf).Encode(b); err != nil {
			return fmt.Errorf("save sites: %w", err)
		}
	}
	return writeFile(path, buf.Bytes())
}

// writeFile replaces path with data through a temporary file.
func writeFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("save %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("save %s: %w", path, err)
	}
	return nil
}
