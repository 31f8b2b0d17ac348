package ui

import (
	"github.com/ftpane/ftpane/session"
)

// The reasons an action does not apply now.

func (m *Model) noFolder() string {
	if p := m.active(); p.FS() == nil || p.Dir() == "" {
		return "this pane shows no folder"
	}
	return ""
}

func (m *Model) noCurrent() string {
	if why := m.noFolder(); why != "" {
		return why
	}
	p := m.active()
	if _, ok := p.Current(); !ok {
		if p.AtParent() && p.Len() > 0 {
			return `the cursor is on ".." (the folder above)`
		}
		if p.Len() == 0 && p.Total() > 0 {
			return "no entry is shown (the filter or hidden files)"
		}
		return "the folder is empty"
	}
	return ""
}

// noOpen: Enter opens an entry, or goes up from "..".
func (m *Model) noOpen() string {
	if m.noFolder() == "" && m.active().AtParent() {
		return ""
	}
	return m.noCurrent()
}

// noEntries: marking needs entries shown ("..", which space skips, is
// none).
func (m *Model) noEntries() string {
	if why := m.noFolder(); why != "" {
		return why
	}
	if p := m.active(); p.Len() == 0 {
		if p.Total() > 0 {
			return "no entry is shown (the filter or hidden files)"
		}
		return "the folder is empty"
	}
	return ""
}

// noFile: F4 edits files.
func (m *Model) noFile() string {
	if why := m.noCurrent(); why != "" {
		return why
	}
	if cur, _ := m.active().Current(); cur.IsDir() {
		return "a folder is under the cursor (F4 edits files)"
	}
	return ""
}

// noSelection: nothing marked and nothing under the cursor.
func (m *Model) noSelection() string {
	if why := m.noFolder(); why != "" {
		return why
	}
	if n, _ := m.active().Marked(); n > 0 {
		return ""
	}
	return m.noCurrent()
}

func (m *Model) noCopy() string {
	if why := m.noSelection(); why != "" {
		return why
	}
	if o := m.panes[1-m.focus]; o.FS() == nil || o.Dir() == "" {
		return "the other pane shows no folder"
	}
	return ""
}

func (m *Model) noJobs() string {
	if m.queue.Len() == 0 {
		return "the transfer queue is empty"
	}
	return ""
}

func (m *Model) noJob() string {
	if _, ok := m.queue.Selected(); !ok {
		return "no transfer is selected"
	}
	return ""
}

func (m *Model) noServer() string {
	if m.linked() < 0 {
		return "no server is connected"
	}
	return ""
}

func (m *Model) noTLS() string {
	if why := m.noServer(); why != "" {
		return why
	}
	if m.links[m.linked()].state.tls == session.TLSNone {
		return "the connection has no TLS, so no certificate"
	}
	return ""
}

func (m *Model) noCharset() string {
	if why := m.noServer(); why != "" {
		return why
	}
	if m.charsetConn() == nil {
		return "this connection reads names in one charset only"
	}
	return ""
}
