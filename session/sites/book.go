package sites

import (
	"fmt"
	"strings"
)

// Find returns the site called name (case-insensitive), also when given
// as "Folder/Name".
func (b Book) Find(name string) (Site, bool) {
	i := b.index(name)
	if i < 0 {
		return Site{}, false
	}
	return b.Sites[i], true
}

func (b Book) index(name string) int {
	for i, s := range b.Sites {
		if strings.EqualFold(s.Name, name) || (s.Folder != "" && strings.EqualFold(s.Folder+"/"+s.Name, name)) {
			return i
		}
	}
	return -1
}

// Names lists the site names, in file order (completion, the man page).
func (b Book) Names() []string {
	out := make([]string, len(b.Sites))
	for i, s := range b.Sites {
		out[i] = s.Name
	}
	return out
}

// Put saves s: it replaces the site called old, or is added at the end
// when old is "". A name taken by another site is an error.
func (b *Book) Put(old string, s Site) error {
	s.Name = strings.TrimSpace(s.Name)
	if err := s.Check(); err != nil {
		return err
	}
	at := -1
	if old != "" {
		if at = b.index(old); at < 0 {
			return fmt.Errorf("no site %q", old)
		}
	}
	if j := b.index(s.Name); j >= 0 && j != at {
		return fieldErr("name", "a site called %q exists already", b.Sites[j].Name)
	}
	if at < 0 {
		b.Sites = append(b.Sites, s)
		return nil
	}
	b.Sites[at] = s
	return nil
}

// Delete removes the site called name; it reports whether there was one.
func (b *Book) Delete(name string) bool {
	i := b.index(name)
	if i < 0 {
		return false
	}
	b.Sites = append(b.Sites[:i:i], b.Sites[i+1:]...)
	return true
}

// Duplicate adds a copy of the site called name, named "name (2)" (or the
// next free number), right after it, and returns the copy.
func (b *Book) Duplicate(name string) (Site, error) {
	i := b.index(name)
	if i < 0 {
		return Site{}, fmt.Errorf("no site %q", name)
	}
	c := b.Sites[i]
	c.Name = b.FreeName(c.Name)
	b.Sites = append(b.Sites[:i+1], append([]Site{c}, b.Sites[i+1:]...)...)
	return c, nil
}

// FreeName is name, or "name (2)", "name (3)" ... whichever is not taken.
func (b Book) FreeName(name string) string {
	base := name
	if k := strings.LastIndex(name, " ("); k > 0 && strings.HasSuffix(name, ")") {
		base = name[:k]
	}
	if b.index(name) < 0 {
		return name
	}
	for n := 2; ; n++ {
		c := fmt.Sprintf("%s (%d)", base, n)
		if b.index(c) < 0 {
			return c
		}
	}
}
