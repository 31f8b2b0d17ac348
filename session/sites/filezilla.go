package sites

import (
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// FileZilla's sitemanager.xml: <FileZilla3><Servers> holding <Server>
// and <Folder> elements; a folder's name is its own text, before the
// servers and folders inside it.
type fzServer struct {
	Host           string `xml:"Host"`
	Port           int    `xml:"Port"`
	Protocol       int    `xml:"Protocol"`
	User           string `xml:"User"`
	Pass           fzPass `xml:"Pass"`
	Logontype      int    `xml:"Logontype"`
	TimezoneOffset int    `xml:"TimezoneOffset"` // minutes FileZilla adds to the server's times
	PasvMode       string `xml:"PasvMode"`
	MaxConns       int    `xml:"MaximumMultipleConnections"`
	EncodingType   string `xml:"EncodingType"`
	CustomEncoding string `xml:"CustomEncoding"`
	Name           string `xml:"Name"`
	Comments       string `xml:"Comments"`
	LocalDir       string `xml:"LocalDir"`
	RemoteDir      string `xml:"RemoteDir"`
	SyncBrowsing   int    `xml:"SyncBrowsing"`
	Text           string `xml:",chardata"` // FileZilla 3 before <Name>: the name
}

type fzPass struct {
	Encoding string `xml:"encoding,attr"`
	Value    string `xml:",chardata"`
}

// Imported is one site read from another program, with its password
// (for the keyring, never for sites.toml) when the file had one.
type Imported struct {
	Site     Site
	Password string
}

// Import is what an import found: the sites, and what it had to leave
// out (SFTP sites, passwords under FileZilla's master password).
type Import struct {
	Sites    []Imported
	Warnings []string
}

// ImportFileZilla reads FileZilla's sitemanager.xml. Folders become the
// sites' Folder ("Work/Clients"); FileZilla's base64 passwords come back
// in Imported.Password.
func ImportFileZilla(r io.Reader) (Import, error) {
	var imp Import
	d := xml.NewDecoder(r)
	var stack []string // open <Folder> names
	naming := false    // the innermost folder's name is still being read
	sawRoot := false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return imp, fmt.Errorf("filezilla: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			naming = false
			switch t.Name.Local {
			case "FileZilla3", "Servers":
				sawRoot = true
			case "Folder":
				stack, naming = append(stack, ""), true
			case "Server":
				var s fzServer
				if err := d.DecodeElement(&s, &t); err != nil {
					return imp, fmt.Errorf("filezilla: line %d: %w", lineOf(d), err)
				}
				imp.add(s, strings.Join(stack, "/"))
			}
		case xml.CharData:
			if naming && len(stack) > 0 {
				stack[len(stack)-1] += strings.TrimSpace(string(t))
			}
		case xml.EndElement:
			naming = false
			if t.Name.Local == "Folder" && len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
	if !sawRoot {
		return imp, errors.New("filezilla: not a FileZilla site manager file (no <FileZilla3><Servers>)")
	}
	return imp, nil
}

func lineOf(d *xml.Decoder) int { l, _ := d.InputPos(); return l }

// add converts one <Server>, or says why it is left out.
func (imp *Import) add(s fzServer, folder string) {
	name := strings.TrimSpace(s.Name)
	if name == "" {
		name = strings.TrimSpace(s.Text)
	}
	if name == "" {
		name = s.Host
	}
	tls, ok := fzTLS(s.Protocol)
	if !ok {
		imp.Warnings = append(imp.Warnings, fmt.Sprintf("%s: %s is not FTP: left out", name, fzProtocolName(s.Protocol)))
		return
	}
	site := Site{Name: name, Folder: folder, URL: s.Host, User: s.User, TLS: tls,
		LocalDir: s.LocalDir, RemoteDir: fzRemoteDir(s.RemoteDir), Notes: s.Comments,
		SyncBrowsing: s.SyncBrowsing == 1, Parallel: min(max(s.MaxConns, 0), MaxParallel)}
	if s.Port != 0 {
		site.URL += ":" + strconv.Itoa(s.Port)
	}
	if strings.Contains(s.Host, ":") && !strings.HasPrefix(s.Host, "[") { // IPv6
		site.URL = "[" + s.Host + "]" + strings.TrimPrefix(site.URL, s.Host)
	}
	if s.PasvMode == "MODE_ACTIVE" {
		site.Mode = "active"
	}
	if s.EncodingType == "Custom" && s.CustomEncoding != "" {
		site.Encoding = s.CustomEncoding
	}
	if s.TimezoneOffset != 0 {
		site.TimeZone = FormatZone(-durationMinutes(s.TimezoneOffset))
	}
	if s.Logontype == 0 {
		site.User = "anonymous"
	}
	pw, warn := fzPassword(s)
	if warn != "" {
		imp.Warnings = append(imp.Warnings, name+": "+warn)
	}
	imp.Sites = append(imp.Sites, Imported{Site: site, Password: pw})
}

// fzTLS maps FileZilla's protocol numbers for FTP to a TLS mode: 0 (TLS
// if the server offers it, which ftpane cannot do half-way: plain), 3
// (implicit), 4 (explicit), 6 (plain only).
func fzTLS(p int) (string, bool) {
	switch p {
	case 0, 6:
		return "", true
	case 3:
		return "implicit", true
	case 4:
		return "explicit", true
	}
	return "", false
}

func fzProtocolName(p int) string {
	switch p {
	case 1:
		return "SFTP"
	case 2:
		return "FileZilla protocol 2"
	}
	return "protocol " + strconv.Itoa(p)
}

// fzPassword decodes the password of a normal or account logon: base64,
// plain text in old files; one under FileZilla's master password cannot
// be read.
func fzPassword(s fzServer) (string, string) {
	if s.Logontype != 1 && s.Logontype != 4 || s.Pass.Value == "" {
		return "", ""
	}
	switch strings.ToLower(s.Pass.Encoding) {
	case "":
		return s.Pass.Value, ""
	case "base64":
		b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(s.Pass.Value))
		if err != nil {
			return "", "password is not valid base64: not imported"
		}
		return string(b), ""
	case "crypt":
		return "", "password is protected by FileZilla's master password: not imported (you are asked for it)"
	}
	return "", fmt.Sprintf("password in unknown encoding %q: not imported", s.Pass.Encoding)
}

// fzRemoteDir reads FileZilla's serialised server path, "1 0 4 home 5
// alice" (server type, prefix length and prefix, then each segment as
// length and text), into "/home/alice". A plain path is kept as it is.
func fzRemoteDir(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasPrefix(s, "/") {
		return s
	}
	typ, rest, ok := strings.Cut(s, " ")
	if _, err := strconv.Atoi(typ); !ok || err != nil {
		return s
	}
	prefix, rest, ok := fzChunk(rest)
	if !ok {
		return s
	}
	var segs []string
	for rest != "" {
		var seg string
		if seg, rest, ok = fzChunk(rest); !ok {
			return s
		}
		segs = append(segs, seg)
	}
	if prefix == "" || typ == "1" { // Unix and the like
		return "/" + strings.Join(segs, "/")
	}
	return prefix + "/" + strings.Join(segs, "/") // a VMS or DOS prefix, kept with slashes
}

// fzChunk reads "N text..." where text is N bytes, then a space.
func fzChunk(s string) (chunk, rest string, ok bool) {
	ns, after, _ := strings.Cut(s, " ")
	n, err := strconv.Atoi(ns)
	if err != nil || n < 0 || n > len(after) {
		return "", "", false
	}
	chunk, rest = after[:n], strings.TrimPrefix(after[n:], " ")
	return chunk, rest, true
}
