package main

import (
	"regexp"
	"strings"
	"time"

	"github.com/muesli/roff"

	"github.com/ftpane/ftpane/assets"
	"github.com/ftpane/ftpane/keymap"
)

// manPage is `ftpane man`: the manual in roff, made from the texts the
// program shows itself (the usage, help for each command, the key help),
// so that the page and the program never disagree.
func manPage(date time.Time) string {
	d := roff.NewDocument()
	d.Heading(1, "ftpane", "ftpane manual", date)
	d.Section("Name")
	d.Text("ftpane - a dual-pane FTP client for the terminal, with the classic ftp command language")
	d.EndSection()
	d.Section("Synopsis")
	for _, l := range usageSection("Usage:") {
		d.Text(strings.TrimSpace(l))
		d.EndSection()
		d.Paragraph()
	}
	d.Section("Description")
	d.Text("ftpane shows a local folder and a server side by side, moves files between them through a " +
		"transfer queue, and speaks every command of the classic BSD ftp client on its : line and in batch mode. " +
		"ftpane @NAME connects to a site saved with the site manager (c in the TUI).")
	d.EndSection()
	manOptions(d)
	manCommands(d)
	manKeys(d)
	manFiles(d)
	d.Section("See also")
	d.Text("ftp(1), lftp(1), netrc(5)")
	d.EndSection()
	return d.String()
}

// flagLine is one line of the usage's Flags section: "-b FILE   text".
var flagLine = regexp.MustCompile(`^\s+(-{1,2}[\w-]+(?: [A-Z]+)?)\s{2,}(.*)$`)

// usageFlags are the flags the usage documents, with their text.
func usageFlags() [][2]string {
	var out [][2]string
	for _, l := range usageSection("Flags:") {
		if m := flagLine.FindStringSubmatch(l); m != nil {
			out = append(out, [2]string{m[1], m[2]})
		}
	}
	return out
}

// usageSection is the lines of the usage text under heading, up to the
// next blank line.
func usageSection(heading string) []string {
	_, rest, _ := strings.Cut(usage, "\n"+heading+"\n")
	block, _, _ := strings.Cut(rest, "\n\n")
	return strings.Split(block, "\n")
}

func manOptions(d *roff.Document) {
	d.Section("Options")
	for _, f := range usageFlags() {
		d.TaggedParagraph(-1)
		d.TextBold(f[0])
		d.EndSection()
		d.Text(f[1])
		d.EndSection()
	}
}

func manCommands(d *roff.Document) {
	d.Section("Commands")
	d.Text("The : line, batch mode (-b FILE, or commands on standard input) and macros understand these commands; " +
		"help CMD shows the same text.")
	d.EndSection()
	for _, name := range assets.HelpNames() {
		text, _ := assets.Help(name)
		lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
		d.TaggedParagraph(-1)
		d.TextBold(lines[0])
		d.EndSection()
		d.Text(strings.Join(lines[1:], " "))
		d.EndSection()
	}
}

func manKeys(d *roff.Document) {
	d.Section("Keys")
	d.Text("The keys of the TUI; keys.toml in the config folder changes them.")
	d.EndSection()
	for _, g := range keymap.Default().Groups() {
		d.Paragraph()
		d.TextBold(g.Title)
		d.EndSection()
		for _, b := range g.Bindings {
			d.TaggedParagraph(14)
			d.Text(b.Help().Key)
			d.EndSection()
			d.Text(b.Help().Desc)
			d.EndSection()
		}
	}
}

func manFiles(d *roff.Document) {
	d.Section("Files")
	for _, f := range [][2]string{
		{"~/.config/ftpane/config.toml", "settings; ftpane config --default prints the documented defaults"},
		{"~/.config/ftpane/sites.toml", "the site manager's sites, without passwords"},
		{"~/.config/ftpane/keys.toml", "key bindings"},
		{"~/.config/ftpane/themes/NAME.toml", "your own colour themes"},
		{"~/.local/state/ftpane/", "the transfer queue, the recent connections (no passwords) and the : line's history"},
		{"~/.netrc", "logins for servers (classic rules: machine, default, login, password, account, macdef)"},
	} {
		d.TaggedParagraph(-1)
		d.Text(f[0])
		d.EndSection()
		d.Text(f[1])
		d.EndSection()
	}
	d.Text("Passwords live in the OS keyring (Secret Service, macOS Keychain, Windows Credential Manager), " +
		"or are asked for; never in a file ftpane writes. XDG_CONFIG_HOME and XDG_STATE_HOME move the folders; " +
		"NO_COLOR turns colour off; NETRC names another netrc file.")
	d.EndSection()
}
