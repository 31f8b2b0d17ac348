package sites

import (
	"strconv"
	"time"

	"github.com/ftpane/ftpane/session/netrc"
)

func durationMinutes(m int) time.Duration { return time.Duration(m) * time.Minute }

// ImportNetrc turns the machine entries of a netrc file into sites (the
// default entry and macros are not servers); passwords come back for the
// keyring.
func ImportNetrc(f *netrc.File) Import {
	var imp Import
	for _, m := range f.Machines {
		s := Site{Name: m.Name, URL: m.Name, User: m.Login}
		if m.Port != 0 {
			s.URL += ":" + strconv.Itoa(m.Port)
		}
		pw := ""
		if m.HasPassword && !Anonymous(m.Login) {
			pw = m.Password
		}
		if m.HasAccount {
			imp.Warnings = append(imp.Warnings, m.Name+": the account (ACCT) is not imported")
		}
		imp.Sites = append(imp.Sites, Imported{Site: s, Password: pw})
	}
	return imp
}

// Add puts imported sites into the book. A site the book already has
// (same folder, address and user) is skipped; a name in use gets a number.
// keep files each password (in the keyring); when it fails, the site is
// still added and a warning says so. It returns how many sites were added.
func (b *Book) Add(imp Import, keep func(account, password string) error) (int, []string) {
	warnings := append([]string(nil), imp.Warnings...)
	n := 0
	for _, in := range imp.Sites {
		s := in.Site
		if err := s.Check(); err != nil {
			warnings = append(warnings, s.Name+": "+err.Error()+": left out")
			continue
		}
		if b.has(s) {
			continue
		}
		s.Name = b.FreeName(s.Name)
		b.Sites = append(b.Sites, s)
		n++
		if in.Password == "" {
			continue
		}
		if err := keep(s.Account(), in.Password); err != nil {
			warnings = append(warnings, s.Name+": password not saved: "+err.Error())
		}
	}
	return n, warnings
}

// has reports whether the book holds a site for the same login.
func (b Book) has(s Site) bool {
	for _, o := range b.Sites {
		if o.Folder == s.Folder && o.Account() == s.Account() && o.RemoteDir == s.RemoteDir {
			return true
		}
	}
	return false
}
